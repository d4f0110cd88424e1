"""Blind double annotation: project memory remembers gold and one's own layer, unless the project shares it."""
from __future__ import annotations

from annotator.core.model import GOLD, NewArticle, Span
from annotator.services.suggestions import Suggester, set_memory_shared
from annotator.storage import ProjectStore

TEXTS = ["Rebels shelled Saraqeb.", "Police left Ariha.", "Saraqeb and Ariha were quiet; Hama too."]


def remembered(store, annotator):
    doc = store.document(3)
    found = Suggester(store, ("memory",), annotator=annotator).compute([doc])[3]["memory"]
    return {doc.text[s.start:s.end] for s in found}


def test_memory_is_blind_to_other_annotators_until_the_project_shares_it(tmp_path):
    with ProjectStore(tmp_path / "blind.annotator.db") as store:
        store.import_articles([NewArticle(text=t, title=t[:6]) for t in TEXTS])
        store.add_span(Span(1, 15, 22, "LOCATION", annotator="alice"))  # Saraqeb
        store.add_span(Span(2, 12, 17, "LOCATION", annotator="bob"))  # Ariha
        assert remembered(store, "alice") == {"Saraqeb"}
        assert remembered(store, "bob") == {"Ariha"}  # never alice's Saraqeb
        assert remembered(store, None) == set()
        store.db.execute("INSERT OR IGNORE INTO annotators (name) VALUES (?)", (GOLD,))
        gold = store.annotator_id(GOLD)
        store.db.execute("INSERT INTO spans (document_id, annotator_id, start_offset, end_offset, label, attrs,"
                         " created_at, updated_at) VALUES (3, ?, 30, 34, 'LOCATION', '{}', '', '')", (gold,))
        assert remembered(store, "bob") == {"Ariha", "Hama"}  # gold is everyone's
        set_memory_shared(store, True)
        assert remembered(store, "bob") == {"Ariha", "Saraqeb", "Hama"}
