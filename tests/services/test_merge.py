from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.core.model import GOLD, Status
from annotator.services.merge import merge_files
from annotator.storage import ProjectStore
from annotator.storage.migrations import LATEST
from tests.helpers.projects import ARTICLE
from tests.helpers.store_builders import OTHER, THIRD, doc_id, label, layer, project, snapshot, tick

def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def laptops(tmp_path):
    """main.db (alice worked here) and bob.db (bob on his laptop; one text in common, one new)."""
    main = project(tmp_path / "main.db", [ARTICLE, THIRD])
    label(main, ARTICLE, "alice", "Syrians", "ACTOR")
    main.set_status(doc_id(main, ARTICLE), "alice", Status.DONE)
    laptop = project(tmp_path / "bob.db", [OTHER, ARTICLE])
    label(laptop, ARTICLE, "bob", "Syrians", "ACTOR", note="group or people?", unsure=True)
    label(laptop, ARTICLE, "bob", "Idlib province", "LOCATION")
    laptop.set_status(doc_id(laptop, ARTICLE), "bob", Status.DONE)
    label(laptop, OTHER, "bob", "Rebels", "ACTOR")
    yield main, laptop
    main.close()
    laptop.close()


def test_merge_brings_documents_layers_statuses_and_notes(laptops):
    main, laptop = laptops
    [result] = merge_files(main, [laptop.path])
    assert (result.documents_added, result.documents_matched, result.layers_added) == (1, 1, 2)
    assert main.document_count() == 3
    assert layer(main, ARTICLE, "bob") == [("Syrians", "ACTOR", "group or people?", True),
                                           ("Idlib province", "LOCATION", "", False)]
    assert layer(main, OTHER, "bob") == [("Rebels", "ACTOR", "", False)]
    assert main.status(doc_id(main, ARTICLE), "bob") is Status.DONE
    assert main.status(doc_id(main, OTHER), "bob") is Status.IN_PROGRESS
    assert layer(main, ARTICLE, "alice") == [("Syrians", "ACTOR", "", False)]  # untouched
    assert "merge" in [r[0] for r in main.db.execute("SELECT action FROM changes")]


def test_merging_the_same_file_twice_changes_nothing(laptops):
    main, laptop = laptops
    merge_files(main, [laptop.path])
    before = snapshot(main.path)
    [again] = merge_files(main, [laptop.path])
    assert (again.documents_added, again.layers_added, again.layers_replaced, again.layers_kept) == (0, 0, 0, 2)
    assert snapshot(main.path) == before


def test_a_newer_layer_replaces_an_older_one_and_an_older_one_does_not(laptops):
    main, laptop = laptops
    merge_files(main, [laptop.path])
    tick()
    [idlib] = [s for s in laptop.spans(doc_id(laptop, ARTICLE), "bob") if s.label == "LOCATION"]
    laptop.update_span(idlib, end=idlib.start + len("Idlib"))  # bob fixes a boundary on his laptop
    [rebels] = laptop.spans(doc_id(laptop, OTHER), "bob")
    laptop.delete_span(rebels)  # and removes a span: a deletion is a change too
    tick()
    label(main, OTHER, "bob", "21", "FIGURE")  # meanwhile bob's OTHER layer in main changes later still
    [result] = merge_files(main, [laptop.path])
    assert (result.layers_replaced, result.layers_kept) == (1, 1)
    assert layer(main, ARTICLE, "bob")[1][:2] == ("Idlib", "LOCATION")
    assert [t for t, *_ in layer(main, OTHER, "bob")] == ["Rebels", "21"]  # main's newer layer kept whole


def test_gold_is_never_overwritten_nor_brought_in(laptops):
    main, laptop = laptops
    label(main, ARTICLE, GOLD, "Syrians", "ACTOR")
    main.set_status(doc_id(main, ARTICLE), GOLD, Status.DONE)
    tick()
    label(laptop, ARTICLE, GOLD, "Idlib", "LOCATION")
    label(laptop, OTHER, GOLD, "Rebels", "ACTOR")
    [result] = merge_files(main, [laptop.path])
    assert result.gold_layers_skipped == 2
    assert layer(main, ARTICLE, GOLD) == [("Syrians", "ACTOR", "", False)]
    # bob's layer came in after the review: the gold spans stay, the document is open to review again
    assert main.status(doc_id(main, ARTICLE), GOLD) is Status.IN_PROGRESS
    assert main.spans(doc_id(main, OTHER), GOLD) == []


def test_the_source_file_is_read_only_and_never_migrated(tmp_path, laptops):
    main, laptop = laptops
    laptop.close()
    old = tmp_path / "bob.db"
    conn = sqlite3.connect(old)  # make it a schema-1 file, as an older annotator wrote it
    conn.executescript("DROP TABLE decisions; DROP TABLE merged_layers; PRAGMA user_version = 1;")
    conn.close()
    digest = file_hash(old)
    [result] = merge_files(main, [old])
    assert result.layers_added == 2
    assert file_hash(old) == digest
    assert sqlite3.connect(old).execute("PRAGMA user_version").fetchone()[0] == 1


def test_labels_the_project_lacks_come_along(laptops):
    main, laptop = laptops
    laptop.db.execute("INSERT INTO labels VALUES ('WEAPON', '#123456', '1', 'arms', '', 9)")
    [s] = laptop.spans(doc_id(laptop, OTHER), "bob")
    laptop.update_span(s, label="WEAPON")
    [result] = merge_files(main, [laptop.path])
    assert result.labels_added == ("WEAPON",)
    weapon = next(lab for lab in main.labels() if lab.name == "WEAPON")
    assert weapon.key == ""  # "1" is ACTOR's key here
    assert layer(main, OTHER, "bob") == [("Rebels", "WEAPON", "", False)]


def _not_a_project(tmp_path: Path) -> Path:
    path = tmp_path / "notes.db"
    sqlite3.connect(path).execute("CREATE TABLE notes (x)").connection.commit()
    return path


def _junk(tmp_path: Path) -> Path:
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    return path


def _newer(tmp_path: Path) -> Path:
    path = tmp_path / "newer.db"
    ProjectStore(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    conn.close()
    return path


@pytest.mark.parametrize("make, message", [
    (_not_a_project, "is not an annotator project"),
    (_junk, "not a project file"),
    (_newer, "made by a newer version"),
    (lambda tmp: tmp / "missing.db", "no such project file"),
])
def test_a_file_that_cannot_be_merged_is_refused_and_nothing_changes(tmp_path, laptops, make, message):
    main, laptop = laptops
    bad = make(tmp_path)
    before = snapshot(main.path)
    bad_hash = file_hash(bad) if bad.exists() else None
    with pytest.raises(ProjectError, match=message) as info:
        merge_files(main, [laptop.path, bad])  # the good file comes first: it must not land either
    assert "\n" not in str(info.value) and str(bad) in str(info.value)
    assert snapshot(main.path) == before
    assert (file_hash(bad) if bad.exists() else None) == bad_hash


def test_a_project_cannot_be_merged_into_itself(laptops):
    main, _ = laptops
    with pytest.raises(ProjectError, match="this project itself"):
        merge_files(main, [main.path])


def test_a_document_deleted_from_the_other_file_is_not_resurrected(laptops):
    main, laptop = laptops
    laptop.db.execute("DELETE FROM documents WHERE id = ?", (doc_id(laptop, OTHER),))  # its log entries stay
    [result] = merge_files(main, [laptop.path])
    assert (result.documents_added, result.layers_added) == (0, 1)
    assert main.document_count() == 2


def test_relations_come_with_their_layer_and_merging_again_changes_nothing(tmp_path):
    from annotator.core.relation import Relation
    from annotator.services.schema import set_schema
    from annotator.storage import relation_store as rs

    main = project(tmp_path / "main.db", [ARTICLE])
    laptop = project(tmp_path / "bob.db", [ARTICLE])
    schema = laptop.schema().to_json()
    schema["relations"].append({"name": "ABOUT", "head": ["FIGURE"], "child": ["LOCATION"], "key": "a"})
    set_schema(laptop, type(laptop.schema()).from_json(schema, laptop.schema()))
    said = label(laptop, ARTICLE, "bob", "said", "ATTRIBUTION")
    un = label(laptop, ARTICLE, "bob", "UN", "ACTOR")
    fig = label(laptop, ARTICLE, "bob", "350,000", "FIGURE")
    idlib = label(laptop, ARTICLE, "bob", "Idlib", "LOCATION")
    doc = doc_id(laptop, ARTICLE)
    for head, child, name in ((said, un, "SOURCE"), (said, fig, "CLAIM"), (fig, idlib, "ABOUT")):
        rs.add_relation(laptop, Relation(doc, head.id, child.id, name, annotator="bob"))
    merge_files(main, [laptop.path])
    local = doc_id(main, ARTICLE)
    spans = {s.id: ARTICLE[s.start:s.end] for s in main.spans(local, "bob")}
    assert sorted((spans[r.head_id], r.label, spans[r.child_id]) for r in rs.relations(main, local, "bob")) == [
        ("350,000", "ABOUT", "Idlib"), ("said", "CLAIM", "350,000"), ("said", "SOURCE", "UN")]
    [again] = merge_files(main, [laptop.path])
    assert again.layers_kept == 1 and len(rs.relations(main, local)) == 3
    tick()
    rs.delete_relation(laptop, rs.relations(laptop, doc)[0])  # unlinking makes the layer newer
    [third] = merge_files(main, [laptop.path])
    assert third.layers_replaced == 1 and len(rs.relations(main, local)) == 2
    main.close()
    laptop.close()


FRENCH = "Au moins 12 civils ont été tués dans le bombardement du marché d'Idlib, selon les autorités."
ARABIC = "قال مسؤول محلي إن أكثر من 30 شخصا قتلوا في القصف الذي استهدف السوق يوم الاثنين."


def test_merged_documents_keep_their_language_and_a_document_here_keeps_its_own(tmp_path):
    from annotator.core.model import NewArticle
    from annotator.nlp.tokens import document_tokens
    from annotator.storage.language_store import language_of

    with ProjectStore(tmp_path / "bob.db") as laptop:
        laptop.import_articles([NewArticle(text=FRENCH, title="fr", lang="fr"),
                                NewArticle(text=ARABIC, title="ar", lang="ar"),
                                NewArticle(text=ARTICLE, title="en", lang="es")])  # here: English
        label(laptop, FRENCH, "bob", "Idlib", "LOCATION")
    with project(tmp_path / "main.db", [ARTICLE]) as main:
        [result] = merge_files(main, [tmp_path / "bob.db"])
        assert (result.documents_added, result.documents_matched) == (2, 1)
        assert language_of(main, doc_id(main, FRENCH)) == "fr"
        assert language_of(main, doc_id(main, ARABIC)) == "ar"
        assert language_of(main, doc_id(main, ARTICLE)) == "en"  # matched by text: this project's language stays
        assert main.document(doc_id(main, FRENCH)).lang == "fr"
        assert document_tokens(main, doc_id(main, FRENCH)).lang == "fr"  # tokenized by French, "d'" on its own
        assert "d'" in [FRENCH[s:e] for s, e in document_tokens(main, doc_id(main, FRENCH)).pairs()]


def test_a_file_from_before_languages_merges_its_documents_as_english(tmp_path):
    with project(tmp_path / "old.db", [OTHER]) as old:
        label(old, OTHER, "bob", "Saraqeb", "LOCATION")
    conn = sqlite3.connect(tmp_path / "old.db")  # the file as schema 9 left it: no language column
    conn.execute("ALTER TABLE documents DROP COLUMN lang")
    conn.execute("PRAGMA user_version = 9")
    conn.commit()
    conn.close()
    with project(tmp_path / "main.db", [ARTICLE]) as main:
        main.set_meta("default_language", "fr")
        merge_files(main, [tmp_path / "old.db"])
        assert main.document(doc_id(main, OTHER)).lang == "en"
        assert layer(main, OTHER, "bob") == [("Saraqeb", "LOCATION", "", False)]
