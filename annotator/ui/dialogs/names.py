"""Who is annotating (asked at start-up and on Annotator > Switch) and who reviews (asked for review mode)."""
from __future__ import annotations

import getpass

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.model import check_annotator_name


def ask_annotator_name(parent: QWidget | None, current: str = "", known: list[str] | None = None) -> str | None:
    """Ask who is annotating (known names offered, a new one may be typed); None when cancelled."""
    return _ask_name(parent, "Who is annotating?",
                     "Your name is stored with every span you make and kept for next time.\nName:", current, known)


def ask_reviewer_name(parent: QWidget | None, current: str = "", known: list[str] | None = None) -> str | None:
    """Ask who reviews (recorded with every decision into gold); None when cancelled."""
    return _ask_name(parent, "Who reviews?",
                     "Your name is recorded with every decision you make into the gold layer and kept for next "
                     "time.\nReviewing under an annotator's name means judging that annotator's own work.\nReviewer:",
                     current, known)


def _ask_name(parent: QWidget | None, title: str, prompt: str, current: str, known: list[str] | None) -> str | None:
    """A name from the known ones or typed anew, checked as every name is; asked again after a bad one."""
    default = current or getpass.getuser()
    names = sorted(set(known or []) | {default})
    while True:
        name, ok = QInputDialog.getItem(parent, title, prompt, names, names.index(default), True)
        if not ok:
            return None
        try:
            return check_annotator_name(name)
        except AnnotatorError as exc:
            QMessageBox.warning(parent, "Choose another name", str(exc))
