"""User settings (annotator and reviewer names, recent projects, window layout, last document) in one ini file."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from annotator.paths import APP

_RECENT_MAX = 8


def settings_path() -> Path:
    from platformdirs import user_config_path

    return user_config_path(APP, appauthor=False) / "annotator.ini"


class AppSettings:
    """Typed access to QSettings stored at settings_path()."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._q = QSettings(str(self.path), QSettings.Format.IniFormat)

    def _get(self, key: str, default: Any = None) -> Any:
        return self._q.value(key, default)

    @property
    def annotator(self) -> str:
        return str(self._get("annotator", "") or "")

    @annotator.setter
    def annotator(self, name: str) -> None:
        self._q.setValue("annotator", name)
        self._q.sync()

    @property
    def reviewer(self) -> str:
        """Who reviews in review mode (asked once, then remembered); may differ from the annotator."""
        return str(self._get("reviewer", "") or "")

    @reviewer.setter
    def reviewer(self, name: str) -> None:
        self._q.setValue("reviewer", name)
        self._q.sync()

    @property
    def font_size(self) -> float | None:
        """The article text size in points, or None for the default."""
        value = self._get("font_size", "")
        try:
            return float(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None  # a hand-edited ini: fall back to the default

    @font_size.setter
    def font_size(self, points: float) -> None:
        self._q.setValue("font_size", float(points))
        self._q.sync()

    @property
    def label_names(self) -> bool:
        """Whether label names show beside spans."""
        return str(self._get("label_names", "false")).lower() == "true"

    @label_names.setter
    def label_names(self, on: bool) -> None:
        self._q.setValue("label_names", "true" if on else "false")
        self._q.sync()

    def recent_projects(self) -> list[str]:
        value = self._get("recent_projects", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [p for p in items if p]

    def add_recent(self, path: Path) -> None:
        items = [str(path)] + [p for p in self.recent_projects() if p != str(path)]
        self._q.setValue("recent_projects", items[:_RECENT_MAX])
        self._q.sync()

    def last_document(self, project: Path, annotator: str) -> int | None:
        value = self._get(f"last_document/{_key(project, annotator)}")
        return int(value) if value not in (None, "") else None

    def set_last_document(self, project: Path, annotator: str, document_id: int) -> None:
        self._q.setValue(f"last_document/{_key(project, annotator)}", document_id)

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None, QByteArray | None]:
        return self._get("window/geometry"), self._get("window/state"), self._get("window/splitter")

    def restore_window(self, window: Any, splitter: Any) -> None:
        """Put a QMainWindow and its desk's splitter back as they were saved."""
        geometry, state, sizes = self.window_state()
        for restore, saved in ((window.restoreGeometry, geometry), (window.restoreState, state),
                               (splitter.restoreState, sizes)):
            if saved is not None:
                restore(saved)

    def save_window_state(self, geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
        self._q.setValue("window/geometry", geometry)
        self._q.setValue("window/state", state)
        self._q.setValue("window/splitter", splitter)
        self._q.sync()


def _key(project: Path, annotator: str) -> str:
    import hashlib

    return hashlib.sha1(f"{project.resolve()}|{annotator}".encode()).hexdigest()[:16]
