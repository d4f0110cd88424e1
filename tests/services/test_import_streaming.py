"""JSON Lines imports as a stream, spans in bulk: batches, whole-file refusals, memory, gold reopening."""
from __future__ import annotations

import json
import tracemalloc

from annotator.core.model import GOLD, Span, Status
from annotator.services import importing
from annotator.services.importing import import_paths

TEXT = "Some {n} Syrians have fled Idlib province, the UN said on day {n}."


def records(count: int, spans: bool = True) -> str:
    lines = []
    for n in range(count):
        text = TEXT.format(n=n)
        item: dict = {"text": text, "title": f"t{n}"}
        if spans:
            item["spans"] = [{"start": 5, "end": 5 + len(str(n)), "label": "FIGURE"},
                             {"start": text.index("Idlib"), "end": text.index(" province"), "label": "LOCATION"}]
        lines.append(json.dumps(item))
    return "\n".join(lines) + "\n"


def test_a_file_longer_than_a_batch_imports_every_record_and_span(store, write, monkeypatch):
    monkeypatch.setattr(importing, "_BATCH", 7)
    path = write("many.jsonl", records(50) + "{broken\n" + json.dumps({"text": "x", "spans": "no"}) + "\n")
    report = import_paths(store, [path], annotator="alice")
    assert (report.documents_added, report.spans_added) == (50, 100)
    assert [e.split("many.jsonl")[1][:4] for e in report.errors] == [":51:", ":52:"]  # named by line
    assert store.stats()["by_label"] == {"FIGURE": 50, "LOCATION": 50}


def test_spans_without_an_annotator_late_in_a_file_store_nothing_of_it(store, write, monkeypatch):
    monkeypatch.setattr(importing, "_BATCH", 5)
    plain = records(30, spans=False)
    path = write("late.jsonl", plain + records(1))  # 30 batches' worth stored before line 31 says no
    other = write("other.txt", "Another article\n\nbody")
    report = import_paths(store, [path, other])
    assert report.documents_added == 1  # the rest of the batch goes on
    assert any("late.jsonl:31: carries spans" in e and "nothing from this file" in e for e in report.errors)
    assert store.document_count() == 1


def test_bulk_span_inserts_still_reopen_an_adjudicated_document(store, write):
    write("first.jsonl", records(1, spans=False))
    import_paths(store, [write.folder / "first.jsonl"])
    doc = store.summaries("alice")[0].id
    store.add_span(Span(doc, 5, 6, "FIGURE", annotator=GOLD))
    store.set_status(doc, GOLD, Status.DONE)
    report = import_paths(store, [write("again.jsonl", records(1))], annotator="bob")
    assert report.spans_added == 2
    assert store.status(doc, GOLD) is Status.IN_PROGRESS


def _peak(store, path) -> int:
    tracemalloc.start()
    try:
        import_paths(store, [path], annotator="alice")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_does_not_grow_with_the_file(tmp_path, write):
    from annotator.storage import ProjectStore

    small, large = write("small.jsonl", records(500)), write("large.jsonl", records(5000))
    with ProjectStore(tmp_path / "a.db") as a, ProjectStore(tmp_path / "b.db") as b:
        _peak(a, write("warm.jsonl", records(20)))
        small_peak, large_peak = _peak(a, small), _peak(b, large)
    # the large file is ~1.1 MB more text than the small one; holding it would cost several times that
    assert large_peak - small_peak < 600_000, (small_peak, large_peak)
