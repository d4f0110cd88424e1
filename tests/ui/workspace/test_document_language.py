"""The document list shows each document's language, and a change made through the service shows after a refresh."""
from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.core.model import NewArticle
from annotator.services.languages import change_language
from annotator.storage import ProjectStore
from annotator.ui.workspace.document_list import DocumentListModel


def test_the_list_has_a_language_column(qtmodeltester, tmp_path):
    with ProjectStore(tmp_path / "p.db") as store:
        store.import_articles([NewArticle(text="Au moins 12 civils ont été tués.", title="fr", lang="fr"),
                               NewArticle(text="قال مسؤول إن 21 مدنيا قتلوا.", title="ar", lang="ar"),
                               NewArticle(text="The UN said 21 died.", title="en")])
        model = DocumentListModel()
        model.fetch = lambda ids: store.summaries_of("alice", ids)
        model.set_ids(store.document_ids("alice"))
        assert model.headerData(3, Qt.Orientation.Horizontal) == "Lang"
        assert [model.data(model.index(r, 3)) for r in range(3)] == ["fr", "ar", "en"]
        assert model.data(model.index(1, 1), Qt.ItemDataRole.ToolTipRole).endswith("language ar")
        qtmodeltester.check(model)
        change_language(store, store.document_ids("alice")[2], "es")
        model.set_ids(store.document_ids("alice"))
        assert model.data(model.index(2, 3)) == "es"
