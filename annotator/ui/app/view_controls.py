"""The View menu's slots: zoom, font size and label names of both article views, remembered in the settings."""
from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.ui.app.settings import AppSettings
from annotator.ui.article.article_view import FONT_RANGE, ArticleView


class ViewControls:
    """Keeps the annotate and review article views at one font size, the one in the settings."""

    def __init__(self, views: list[ArticleView], settings: AppSettings, parent: QWidget) -> None:
        self._views, self._settings, self._parent = views, settings, parent
        self.default_size = views[0].font().pointSizeF()
        if settings.font_size:
            self.set_size(settings.font_size)
        for view in views:
            view.font_size_changed.connect(self._on_view_font_size_changed)
            view.set_show_label_names(settings.label_names)

    @property
    def size(self) -> float:
        return self._views[0].font().pointSizeF()

    def set_size(self, points: float) -> None:
        for view in self._views:
            view.set_font_size(points)

    def zoom(self, steps: int) -> None:
        self.set_size(self.size + steps)

    def reset(self) -> None:
        self.set_size(self.default_size)

    def ask_size(self) -> None:
        """View > Font Size: a number of points."""
        points, ok = QInputDialog.getInt(self._parent, "Font size", "Article text size (points):",
                                         round(self.size), int(FONT_RANGE[0]), int(FONT_RANGE[1]))
        if ok:
            self.set_size(points)

    def set_label_names(self, on: bool) -> None:
        """View > Show Label Names: a chip with the label's name at each span, in both views."""
        for view in self._views:
            view.set_show_label_names(on)
        self._settings.label_names = on

    def _on_view_font_size_changed(self, points: float) -> None:
        for view in self._views:  # Ctrl+wheel zooms one view: the other follows
            view.set_font_size(points)
        self._settings.font_size = points
