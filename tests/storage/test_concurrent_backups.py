"""Two commands backing up one project at once each succeed (one waits for the other's lock)."""
from __future__ import annotations

import threading

from annotator.core.model import NewArticle
from annotator.storage import ProjectStore
from annotator.storage.backups import backup_folder, list_backups, take_backup


def test_concurrent_backups_of_one_project_all_succeed_and_leave_no_temporary_file(tmp_path):
    project = tmp_path / "p.annotator.db"
    with ProjectStore(project) as store:
        store.import_articles([NewArticle(text=f"Article {i} text. " * 200, title=str(i)) for i in range(50)])
    errors: list[BaseException] = []

    def backups(reason: str) -> None:
        for _ in range(5):
            try:
                take_backup(project, reason)
            except BaseException as exc:  # noqa: BLE001 - collected, asserted below
                errors.append(exc)

    threads = [threading.Thread(target=backups, args=(f"worker{i}",)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(list_backups(project)) == 11  # 20 taken, thinned: the ten most recent, and the day's newest before them
    assert not [p for p in backup_folder(project).iterdir() if p.name.endswith(".partial")]
