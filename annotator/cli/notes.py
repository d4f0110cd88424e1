"""Note thread commands: reply to a span's or a document's note, show a document's threads."""
from __future__ import annotations

import argparse
import json

from annotator.cli.registry import command, open_project
from annotator.core.errors import AnnotatorError


def _span(text: str | None) -> tuple[int, int, str] | None:
    if text is None:
        return None
    try:
        start, end, label = text.split(":", 2)
        return int(start), int(end), label
    except ValueError:
        raise AnnotatorError(f"--span {text!r}: write START:END:LABEL, e.g. 10:24:ACTOR") from None


def _reply_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--document", type=int, required=True, help="document id")
    p.add_argument("--layer", required=True, help="the annotator whose span or document the thread is on")
    p.add_argument("--span", metavar="START:END:LABEL", help="the span (default: the document)")
    p.add_argument("--author", required=True, help="who writes the reply")
    p.add_argument("text", help="the reply")


@command("note-reply", "reply in the note thread of a span (or of a document)", _reply_args)
def _reply(args: argparse.Namespace) -> int:
    from annotator.services.notes import reply

    with open_project(args, create=False) as store:
        entry = reply(store, args.document, args.layer, _span(args.span), args.author, args.text)
    print(f"document {entry.document_id}: reply by {entry.author} at {entry.written_at}")
    return 0


def _show_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--document", type=int, required=True, help="document id")
    p.add_argument("--layer", help="one annotator's threads only")
    p.add_argument("--json", action="store_true", help="print machine-readable JSON")


@command("notes", "the note threads of a document: each span's note and its replies", _show_args)
def _show(args: argparse.Namespace) -> int:
    from annotator.services.notes import threads

    with open_project(args, create=False) as store:
        found = threads(store, args.document, args.layer)
    if args.json:
        print(json.dumps([t.to_json() for t in found], indent=2, ensure_ascii=False))
        return 0
    for t in found:
        where = "document" if t.span is None else f"{t.span[2]} [{t.span[0]}, {t.span[1]})"
        print(f"{t.layer} · {where}" + (f": {t.note}" if t.note else ""))
        for e in t.entries:
            print(f"    {e.author} ({e.written_at}): {e.text}")
    return 0
