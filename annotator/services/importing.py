"""Import files and folders into a project: batched writes, per-file errors, progress."""
from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable

from annotator.core.annotations import prepare
from annotator.core.errors import InputError, SpanError
from annotator.core.model import NewArticle, check_annotator_name
from annotator.core.schema import Schema
from annotator.ingest.readers import SUFFIXES, NotStreamable, iter_jsonl, read_file
from annotator.services.languages import with_languages
from annotator.storage import ProjectStore
from annotator.storage.annotation_store import store_annotations
from annotator.core.wording import plural

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)
_BATCH = 500  # articles per transaction: big enough for speed, small enough to lose little


@dataclass
class ImportReport:
    """What an import did, and one line per rejected file or record."""

    files: int = 0
    documents_added: int = 0
    documents_existing: int = 0
    spans_added: int = 0
    relations_added: int = 0
    errors: list[str] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)  # articles read, by the language chosen

    def summary(self) -> str:
        text = (f"{plural(self.files, 'file')}: {plural(self.documents_added, 'new document')}, "
                f"{self.documents_existing} already in the project, {plural(self.spans_added, 'span')} added")
        if self.relations_added:
            text += f", {plural(self.relations_added, 'relation')}"
        if self.languages and set(self.languages) != {"en"}:
            text += "; languages " + ", ".join(f"{lang} {n:,}" for lang, n in self.languages.most_common())
        if self.errors:
            text += f"; {plural(len(self.errors), 'problem')}"
        return text


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """Files to read: named files as given, folders walked for article files; other files in a
    folder are named in the errors, hidden files and folders are passed over."""
    files: list[Path] = []
    errors: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(n for n in names if not n.startswith(".")):
                    suffix = Path(name).suffix.lower()
                    if suffix in SUFFIXES:
                        files.append(Path(root) / name)
                    else:  # named, so nobody wonders where their .docx went
                        errors.append(f"{Path(root) / name}: unsupported file type {suffix or '(none)'} "
                                      "(expected .txt, .md, .jsonl or .json); not imported")
        elif path.exists():
            files.append(path)
        else:
            errors.append(f"{path}: no such file or folder")
    return files, errors


def import_paths(store: ProjectStore, paths: Iterable[str | Path], annotator: str | None = None,
                 progress: Progress | None = None) -> ImportReport:
    """Import every article under `paths`; bad files are reported and skipped."""
    if annotator is not None:
        annotator = check_annotator_name(annotator)  # the gold layer is written by review only
    files, errors = expand_paths(paths)
    report = ImportReport(files=len(files), errors=errors)
    labels = store.label_names()
    schema = store.schema()
    batch: list[NewArticle] = []

    def flush() -> None:
        if batch:
            _store(store, batch, annotator, report, schema)

    for done, path in enumerate(files, 1):
        streamed = path.suffix.lower() == ".jsonl" and _import_stream(store, path, labels, annotator, report, schema)
        if not streamed:
            result = read_file(path, labels, annotator)
            report.errors.extend(result.errors)
            batch.extend(result.articles)
            if len(batch) >= _BATCH:
                flush()
        if progress is not None:
            progress(done, len(files), str(path))
    flush()
    return report


def _store(store: ProjectStore, batch: list[NewArticle], annotator: str | None, report: ImportReport,
           schema: Schema) -> None:
    batch[:] = checked_annotations(with_languages(store, batch, report.errors), schema, report.errors)
    report.languages.update(a.lang for a in batch)
    with store.transaction():  # spans, their attributes and relations: one record is whole or absent
        result = store.import_articles(batch, annotator=annotator, source_file=f"{plural(len(batch), 'article')}")
        if annotator is not None:
            report.relations_added += store_annotations(store, annotator, batch)
    report.documents_added += result.documents_added
    report.documents_existing += result.documents_existing
    report.spans_added += result.spans_added
    batch.clear()


def _import_stream(store: ProjectStore, path: Path, labels: set[str], annotator: str | None,
                   report: ImportReport, schema: Schema) -> bool:
    """Import a JSON Lines file as it is read, in batches, all in one transaction (a problem of the
    whole file stores none of it). False when the file must be read whole (not plain UTF-8)."""
    mine = ImportReport()
    batch: list[NewArticle] = []
    try:
        with store.transaction():
            for item in iter_jsonl(path, labels, annotator):
                if isinstance(item, str):
                    mine.errors.append(item)
                    continue
                batch.append(item)
                if len(batch) >= _BATCH:
                    _store(store, batch, annotator, mine, schema)
            if batch:
                _store(store, batch, annotator, mine, schema)
    except NotStreamable:
        return False
    except InputError as exc:
        report.errors.extend([*mine.errors, str(exc)])
        return True
    except OSError as exc:  # unreadable part-way: nothing of the file is stored
        report.errors.extend([*mine.errors, f"{path}: cannot be read ({exc.strerror or exc}); nothing from this "
                                            "file was imported"])
        return True
    report.errors.extend(mine.errors)
    report.documents_added += mine.documents_added
    report.documents_existing += mine.documents_existing
    report.spans_added += mine.spans_added
    report.relations_added += mine.relations_added
    report.languages.update(mine.languages)
    return True


def checked_annotations(articles: list[NewArticle], schema: Schema, errors: list[str]) -> list[NewArticle]:
    """Articles whose attributes and relations the schema allows (FIGUREs' numbers read where
    missing); each other one is left out whole, with one line naming its record and the problem."""
    out = []
    for article in articles:
        if article.annotations is None:
            out.append(article)
            continue
        try:
            out.append(replace(article, annotations=prepare(schema, article.text, article.annotations, article.lang or "en")))
        except SpanError as exc:
            errors.append(f"{article.annotations.where}: {exc}")
    return out
