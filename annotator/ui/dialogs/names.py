"""Who is annotating: the name asked at start-up and on Annotator > Switch."""
from __future__ import annotations

import getpass

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from annotator.core.errors import AnnotatorError
from annotator.core.model import check_annotator_name


def ask_annotator_name(parent: QWidget | None, current: str = "", known: list[str] | None = None) -> str | None:
    """Ask who is annotating (known names offered, a new one may be typed); None when cancelled."""
    default = current or getpass.getuser()
    names = sorted(set(known or []) | {default})
    name, ok = QInputDialog.getItem(
        parent, "Who is annotating?",
        "Your name is stored with every span you make and kept for next time.\nName:",
        names, names.index(default), True)
    if not ok:
        return None
    try:
        return check_annotator_name(name)
    except AnnotatorError as exc:
        QMessageBox.warning(parent, "Choose another name", str(exc))
        return ask_annotator_name(parent, current, known)
