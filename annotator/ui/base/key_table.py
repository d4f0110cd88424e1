"""The one key table: every key of both desks with what it does; the F1 sheet and the review
panel's key strip are generated from it, so the help never disagrees with itself."""
from __future__ import annotations

from typing import NamedTuple, Sequence


class Key(NamedTuple):
    keys: str  # as the user types them
    does: str  # the sheet's line
    short: str = ""  # the key strip's words (review mode), when it shows this key


ANNOTATING: Sequence[Key] = (
    Key("Select text, 1–9", "label the selection (snapped to whole tokens)"),
    Key("Alt+1–9", "label the exact characters selected"),
    Key("Double-click", "select one token"),
    Key("Click a span / Tab, Shift+Tab", "select a span (click again: the span around it)"),
    Key("1–9 on a selected span", "relabel it"),
    Key("Del", "delete the selected span"),
    Key("Alt+← / Alt+→", "move the start of the span (or selection) by one token"),
    Key("Alt+Shift+← / →", "move its end by one token"),
    Key("F2 / Ctrl+U", "note on the span / toggle unsure"),
    Key("Ctrl+F2", "the span's note thread: read the replies, answer"),
    Key("L, Tab / Shift+Tab, Enter", "link the selected span: choose the other end, link (Esc cancels)"),
    Key("Enter on a span", "edit its attributes (a digit picks a value; Esc returns)"),
    Key("Ctrl+F, Enter", "find; Enter goes to the next hit, then a label key labels it"),
    Key("Ctrl+Z / Ctrl+Shift+Z", "undo / redo (per document)"),
    Key("Ctrl+Enter", "mark done and open the next document to do"),
    Key("Ctrl+Shift+Enter", "skip and open the next document to do"),
    Key("Ctrl+PgDn / Ctrl+PgUp", "next / previous document in the list"),
    Key("Ctrl+L, ↓ ↑, Enter", "search the list, move through it, open a document"),
    Key("F5", "reload (see what another window saved)"),
)
REVIEWING: Sequence[Key] = (
    Key("1–9", "take that annotator's version of the unit (numbered by name)", "take that annotator's version"),
    Key("0", "reject all: no gold span here", "reject all"),
    Key("E, then select + key, Enter", "edit the unit's spans, then accept (Esc cancels)", "edit, then <b>Enter</b> to accept"),
    Key("A", "accept every unit all annotators agree on", "accept all agreed"),
    Key("L", "the document's relations, decided into gold", "relations"),
    Key("Tab / Shift+Tab", "next / previous unit", "next/previous unit"),
    Key("Ctrl+Enter", "next document still to adjudicate", "next document"),
    Key("Ctrl+Z / Ctrl+Shift+Z", "undo / redo a decision", "undo"),
)
SUGGESTING: Sequence[Key] = (
    Key("F8 / Shift+F8", "next / previous suggestion (dashed outlines)"),
    Key("Ctrl+Shift+A / Ctrl+Shift+X", "accept / reject the suggestion at the cursor"),
    Key("Ctrl+Alt+A", "accept every suggestion in the document (one undo step)"),
    Key("Ctrl+Shift+S", "show or hide suggestions"),
)
VIEW_AND_PROJECT: Sequence[Key] = (
    Key("Ctrl+Plus / Ctrl+Minus / Ctrl+0", "zoom the article / normal size"),
    Key("Ctrl+Shift+L", "label names beside spans"),
    Key("Ctrl+Shift+H", "the guide: metadata and label guideline"),
    Key("Ctrl+I / Ctrl+Shift+I", "import articles / a folder"),
    Key("Ctrl+E", "export training data"),
    Key("Ctrl+Shift+G", "agreement between annotators"),
)

_ROW = "<tr><td><b>{}</b></td><td>{}</td></tr>"


def _rows(title: str, rows: Sequence[Key]) -> str:
    return f"<tr><td colspan=2><b><u>{title}</u></b></td></tr>" + "".join(_ROW.format(k.keys, k.does) for k in rows)


def sheet_html() -> str:
    """The F1 sheet, in two columns so that it fits a 768-pixel-high screen."""
    gap = "<tr><td>&nbsp;</td></tr>"
    return ("<table cellpadding=8><tr><td valign=top><table cellpadding=2>" + _rows("Annotating", ANNOTATING)
            + "</table></td><td valign=top><table cellpadding=2>"
            + _rows("Review mode (Ctrl+R to enter and leave)", REVIEWING) + gap
            + _rows("Suggestions", SUGGESTING) + gap
            + _rows("View and project", VIEW_AND_PROJECT) + "</table></td></tr></table>")


def strip_html(rows: Sequence[Key]) -> str:
    """One line of keys (those with a short text), as under the review article."""
    def keys(k: Key) -> str:
        return "/".join(f"<b>{part.split(',')[0].strip()}</b>" for part in k.keys.split(" / ")
                        if not part.startswith("Ctrl+Shift"))
    return " · ".join(f"{keys(k)} {k.short}" for k in rows if k.short)
