"""Assign with bundles, merge them back with a per-annotator report, refuse foreign bundles, merge twice = once."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import AnnotatorError, ProjectError
from annotator.core.model import GOLD, NewArticle, Span, Status
from annotator.services import activity, notes
from annotator.services.team import assign_documents, merge_bundles, progress, write_annotator_bundle
from annotator.storage import ProjectStore
from annotator.storage import team_store as ts

TEXTS = [f"Report {i}: fighters of group {i} shelled the town of Kafr {i} on Monday." for i in range(9)]
TEAM = ["Ada", "Bo", "Cem"]


def coordinator(path: Path) -> ProjectStore:
    store = ProjectStore(path)
    store.import_articles([NewArticle(text=t, title=f"Report {i}") for i, t in enumerate(TEXTS)])
    return store


def label(store: ProjectStore, doc: int, annotator: str, phrase: str, name: str = "ACTOR") -> Span:
    text = store.document(doc).text
    start = text.index(phrase)
    return store.add_span(Span(doc, start, start + len(phrase), name, annotator=annotator))


def shas(store: ProjectStore) -> set[str]:
    return {d.sha256 for d in store.iter_documents()}


def snapshot(path: Path) -> dict[str, list]:
    conn = sqlite3.connect(path)
    tables = ["documents", "annotators", "spans", "statuses", "assignments", "activity", "note_entries", "relations"]
    out = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in tables}
    conn.close()
    return out


@pytest.fixture
def assigned(tmp_path):
    store = coordinator(tmp_path / "main.annotator.db")
    label(store, 1, "Bo", "fighters")  # Bo's earlier work, and someone else's and gold on the same document
    label(store, 1, "Zed", "the town")
    label(store, 1, GOLD, "group")
    result = assign_documents(store, TEAM, tmp_path / "out", overlap_percent=34, seed=5)
    yield store, result, tmp_path
    store.close()


def test_bundles_hold_their_documents_schema_and_own_layer_only(assigned):
    store, result, _ = assigned
    assert set(result.bundles) == set(TEAM)
    texts = {d.id: d.sha256 for d in store.iter_documents()}
    for name, path in result.bundles.items():
        mine = {texts[d] for d, names in result.plan.new.items() if name in names}
        with ProjectStore(path, create=False) as bundle:
            assert shas(bundle) == mine
            assert bundle.schema() == store.schema()  # labels, guidelines, attributes, relation types
            assert set(bundle.annotators()) <= {name}
            assert ts.bundle_mark(bundle) == (ts.team_id(store), name)
            assert ts.assigned_ids(bundle, name) == sorted(d.id for d in bundle.iter_documents())
            for doc in bundle.iter_documents():
                spans = bundle.spans(doc.id)
                assert all(s.annotator == name for s in spans)
                if name == "Bo" and doc.sha256 == texts[1] and 1 in result.plan.new and "Bo" in result.plan.new[1]:
                    assert [doc.text[s.start:s.end] for s in spans] == ["fighters"]


def test_recorded_in_the_coordinator_and_later_runs_leave_it_alone(assigned):
    store, result, tmp_path = assigned
    before = ts.assignments(store)
    assert before == {d: tuple(sorted(n)) for d, n in result.plan.new.items()}
    store.import_articles([NewArticle(text=f"Later report {i} from Idlib.", title=f"L{i}") for i in range(4)])
    later = assign_documents(store, TEAM, tmp_path / "out2", overlap_percent=50, seed=1)
    assert set(later.plan.new) == {d.id for d in store.iter_documents()} - set(before)
    after = ts.assignments(store)
    assert {d: after[d] for d in before} == before
    assert later.batch == result.batch + 1


def test_same_seed_same_assignment_in_another_project(tmp_path):
    plans = []
    for n in (1, 2):
        with coordinator(tmp_path / f"p{n}.db") as store:
            plans.append(assign_documents(store, TEAM, tmp_path / f"o{n}", overlap_percent=40, seed=9).plan.new)
    assert plans[0] == plans[1]


class Clock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def work_in_bundle(path: Path, name: str, done: int, in_progress: int) -> None:
    """The annotator labels `done` documents and marks them done, starts `in_progress` more."""
    with ProjectStore(path, create=False) as bundle:
        docs = list(bundle.iter_documents())
        for doc in docs[:done + in_progress]:
            label(bundle, doc.id, name, "the town")
        for doc in docs[:done]:
            bundle.set_status(doc.id, name, Status.DONE)
        clock = Clock()
        recorder = activity.ActivityRecorder(bundle, name, clock=clock)
        recorder.open(docs[0].id)
        clock.now = 50
        recorder.touch()
        recorder.close()
        notes.reply(bundle, docs[0].id, name, None, name, "the date is unclear here")


def test_merge_reports_per_annotator_and_what_is_still_out(assigned):
    store, result, _ = assigned
    work_in_bundle(result.bundles["Ada"], "Ada", done=2, in_progress=1)
    results, lines = merge_bundles(store, [result.bundles["Ada"]])
    ada = progress(store)["Ada"]
    assert (ada.done, ada.in_progress, ada.untouched) == (2, 1, ada.assigned - 3)
    assert lines[0] == f"came back: Ada: 2 done, 1 in progress, {ada.assigned - 3} untouched of {ada.assigned} assigned"
    assert lines[-1].startswith("still out: ") and f"Ada {ada.assigned - 2} documents" in lines[-1]
    assert "Bo" in lines[-1] and "Cem" in lines[-1]
    assert sum(activity.active_seconds(store, "Ada").values()) == 50
    assert [t.entries[0].text for t in notes.threads(store, ts.assigned_ids(store, "Ada")[0], "Ada")] \
        == ["the date is unclear here"]


def test_a_bundle_merged_twice_changes_nothing(assigned):
    store, result, _ = assigned
    work_in_bundle(result.bundles["Cem"], "Cem", done=1, in_progress=1)
    merge_bundles(store, [result.bundles["Cem"]])
    first = snapshot(store.path)
    merge_bundles(store, [result.bundles["Cem"]])
    assert snapshot(store.path) == first
    assert len(first["activity"]) == 1 and len(first["note_entries"]) == 1


def test_a_bundle_of_another_coordinator_is_named_and_refused(assigned, tmp_path):
    store, _, _ = assigned
    with coordinator(tmp_path / "other.db") as other:
        foreign = assign_documents(other, TEAM, tmp_path / "foreign", seed=5).bundles["Ada"]
    work_in_bundle(foreign, "Ada", done=1, in_progress=0)
    before = snapshot(store.path)
    with pytest.raises(ProjectError, match=rf"{foreign.name}.*'Ada'.*another coordinator project"):
        merge_bundles(store, [foreign])
    assert snapshot(store.path) == before


def test_time_and_threads_worked_in_two_places_add_up_without_duplicates(assigned):
    store, result, tmp_path = assigned
    doc = ts.assigned_ids(store, "Bo")[0]
    notes.reply(store, doc, "Bo", None, "reviewer", "see the guideline on towns")  # written here
    fresh = write_annotator_bundle(store, "Bo", tmp_path / "again")  # carries the reply to Bo
    with ProjectStore(fresh, create=False) as bundle:
        local = next(d.id for d in bundle.iter_documents() if d.sha256 == store.document(doc).sha256)
        assert [e.text for t in notes.threads(bundle, local, "Bo") for e in t.entries] == ["see the guideline on towns"]
        notes.reply(bundle, local, "Bo", None, "Bo", "thanks")
    merge_bundles(store, [fresh])
    merge_bundles(store, [fresh])
    texts = [e.text for t in notes.threads(store, doc, "Bo") for e in t.entries]
    assert texts == ["see the guideline on towns", "thanks"]


@pytest.mark.parametrize("kwargs,problem", [
    ({"annotators": ["Ada", "gold"]}, "gold"), ({"annotators": ["Ada", ""]}, "empty"),
    ({"overlap_percent": 120}, "outside 0-100"), ({"overlap_percent": -5}, "outside 0-100"),
    ({"documents": "some"}, "todo or all"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, kwargs, problem):
    with coordinator(tmp_path / "main.db") as store:
        args = {"annotators": TEAM, **kwargs}
        with pytest.raises(AnnotatorError, match=problem):
            assign_documents(store, args.pop("annotators"), tmp_path / "out", **args)
        assert ts.assignments(store) == {} and not (tmp_path / "out").exists()


def test_an_existing_bundle_is_never_overwritten(tmp_path):
    with coordinator(tmp_path / "main.db") as store:
        (tmp_path / "out").mkdir()
        (tmp_path / "out" / "Bo-batch1.annotator.db").write_text("mine")
        with pytest.raises(ProjectError, match="Bo-batch1.annotator.db: exists already"):
            assign_documents(store, TEAM, tmp_path / "out")
        assert ts.assignments(store) == {}
        assert (tmp_path / "out" / "Bo-batch1.annotator.db").read_text() == "mine"


def test_assigning_from_a_bundle_is_refused(assigned):
    _, result, tmp_path = assigned
    with ProjectStore(result.bundles["Ada"], create=False) as bundle:
        with pytest.raises(ProjectError, match="is an annotator's bundle"):
            assign_documents(bundle, ["Ada", "Bo"], tmp_path / "x")


def test_a_bundle_carries_provenance_and_language_out_and_provenance_back(tmp_path):
    from annotator.core.suggestion import Suggestion
    from annotator.services.labelling import LabellingService
    from annotator.storage.language_store import language_of, set_language

    with coordinator(tmp_path / "main.annotator.db") as store:
        set_language(store, 2, "fr")
        start = TEXTS[1].index("the town")
        accepted = Suggestion(start, start + 8, "LOCATION", "rules")
        LabellingService(store, "Ada").add_spans(store.document(2), [(start, start + 8, "LOCATION", {},
                                                                      accepted.provenance())])
        path = assign_documents(store, ["Ada"], tmp_path / "out", seed=5).bundles["Ada"]  # every document
        with ProjectStore(path, create=False) as bundle:
            local = {d.sha256: d for d in bundle.iter_documents()}
            doc = local[store.document(2).sha256]
            assert doc.lang == "fr" and all(d.lang == "en" for d in local.values() if d.id != doc.id)
            [span] = bundle.spans(doc.id, "Ada")
            assert span.provenance["source"] == "rules" and span.provenance["accepted_at"]
            other = next(d for d in local.values() if d.id != doc.id)
            memory = Suggestion(0, 6, "ACTOR", "memory")  # "Report", accepted in the bundle
            LabellingService(bundle, "Ada").add_spans(other, [(0, 6, "ACTOR", {}, memory.provenance())])
        merge_bundles(store, [path])
        back = {s.key: s for d in store.iter_documents() for s in store.spans(d.id, "Ada")}
        assert back[(start, start + 8, "LOCATION")].provenance["source"] == "rules"
        assert back[(0, 6, "ACTOR")].provenance["source"] == "memory"
        assert language_of(store, 2) == "fr"


@pytest.mark.parametrize("intruder", ["Bo", GOLD])
def test_a_bundle_holding_another_layer_is_refused_in_one_line(assigned, intruder):
    store, result, _ = assigned
    path = result.bundles["Ada"]
    work_in_bundle(path, "Ada", done=1, in_progress=0)
    with ProjectStore(path, create=False) as bundle:  # edited by hand or by another tool: a layer not Ada's
        doc = next(bundle.iter_documents())
        label(bundle, doc.id, intruder, "fighters")
    before = snapshot(store.path)
    with pytest.raises(ProjectError) as info:
        merge_bundles(store, [path])
    message = str(info.value)
    assert "\n" not in message and f"'Ada''s bundle but holds the layer of {intruder!r}" in message
    assert "nothing was merged" in message and snapshot(store.path) == before


def test_a_bundle_keeps_each_documents_language_there_and_back(tmp_path):
    from annotator.storage.language_store import language_of

    french = "Au moins 12 civils ont été tués près d'Idlib, selon les autorités locales."
    with ProjectStore(tmp_path / "main.annotator.db") as store:
        store.import_articles([NewArticle(text=french, title="fr", lang="fr"),
                               NewArticle(text=TEXTS[0], title="en", lang="en")])
        result = assign_documents(store, ["Ada"], tmp_path / "out", overlap_percent=0, seed=1)
        with ProjectStore(result.bundles["Ada"], create=False) as bundle:
            assert {d.text: d.lang for d in bundle.iter_documents()} == {french: "fr", TEXTS[0]: "en"}
            doc = next(d.id for d in bundle.iter_documents() if d.lang == "fr")
            label(bundle, doc, "Ada", "Idlib", "LOCATION")
            bundle.set_status(doc, "Ada", Status.DONE)
        merge_bundles(store, [result.bundles["Ada"]])
        assert sorted(language_of(store, d.id) for d in store.iter_documents()) == ["en", "fr"]
