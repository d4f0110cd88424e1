"""The language command: documents per language, a document's language, the project's default."""
from __future__ import annotations

import argparse

from annotator.cli.registry import command, open_project


def _language_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--set", nargs=2, metavar=("DOCUMENT", "CODE"),
                   help="set a document's language (ISO 639-1); it is re-tokenized and what moved is printed")
    p.add_argument("--default", metavar="CODE", help="the language of documents nothing else tells the language of")


@command("language", "documents per language; set a document's language or the project's default", _language_args)
def _language(args: argparse.Namespace) -> int:
    from annotator.core.errors import SpanError
    from annotator.services import languages

    with open_project(args, create=False) as store:
        if args.default:
            print(f"default language: {languages.set_default_language(store, args.default)}")
        if args.set:
            document, code = args.set
            if not document.isdigit():
                raise SpanError(f"--set: {document!r} is not a document id (see the document list)")
            print(languages.change_language(store, int(document), code).summary())
        if not (args.default or args.set):
            print(f"default    {languages.default_language(store)}")
            for lang, n in languages.language_counts(store).items():
                print(f"{lang:<10} {n:,}")
    return 0
