"""Import files and folders into a project: formats dispatched, batched writes, per-record errors, a summary."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterable, Iterator

from annotator.core.annotations import prepare
from annotator.core.errors import InputError, SpanError
from annotator.core.model import NewArticle, check_annotator_name
from annotator.core.schema import Schema
from annotator.core.wording import plural
from annotator.ingest.formats import FORMATS, KNOWN_SUFFIXES, STREAMED, Source, find_sources, stream_source
from annotator.ingest.readers import NotStreamable, iter_jsonl, read_file
from annotator.ingest.records import Item, LeftOut, Suggested, join_same_text, label_problem
from annotator.services.languages import fallback_notes, with_languages
from annotator.storage import ProjectStore
from annotator.storage.annotation_store import store_annotations
from annotator.storage.suggestion_import import store_predicted

Progress = Callable[[int, int, str], None]  # (files done, files in all, current file)
_BATCH = 500  # articles per transaction: big enough for speed, small enough to lose little
_KINDS = ("document", "span", "attribute", "relation", "note")
FILE_PATTERNS = " ".join(f"*{suffix}" for suffix in sorted(KNOWN_SUFFIXES))  # for a file dialog's filter


@dataclass
class ImportReport:
    """What an import did: counts, what it mapped per layer, what it left out, one line per problem."""

    files: int = 0
    documents_added: int = 0
    documents_existing: int = 0
    spans_added: int = 0
    relations_added: int = 0
    errors: list[str] = field(default_factory=list)
    languages: Counter[str] = field(default_factory=Counter)  # articles read, by the language chosen
    mapped: dict[str, Counter[str]] = field(default_factory=dict)  # layer -> kind -> count read from the files
    left_out: Counter[str] = field(default_factory=Counter)  # kind -> count
    labels_added: list[str] = field(default_factory=list)
    suggestions_added: int = 0  # predictions stored as model suggestions (derived, never a layer)

    def summary(self) -> str:
        text = (f"{plural(self.files, 'file')}: {plural(self.documents_added, 'new document')}, "
                f"{self.documents_existing} already in the project, {plural(self.spans_added, 'span')} added")
        if self.relations_added:
            text += f", {plural(self.relations_added, 'relation')}"
        if self.languages and set(self.languages) != {"en"}:
            text += "; languages " + ", ".join(f"{lang} {n:,}" for lang, n in self.languages.most_common())
        if self.errors:
            text += f"; {plural(len(self.errors), 'problem')}"
        lines = [text]
        if self.suggestions_added:
            lines.append(f"{plural(self.suggestions_added, 'prediction')} stored as model suggestions (not in any layer)")
        if self.labels_added:
            lines.append(f"schema extended with: {', '.join(self.labels_added)}")
        for layer, counts in sorted(self.mapped.items()):
            lines.append(f"mapped into layer {layer!r}: " + ", ".join(plural(counts[k], k) for k in _KINDS if counts[k]))
        if self.left_out:
            lines.append("left out: " + "; ".join(f"{n} {kind}" for kind, n in sorted(self.left_out.items())))
        return "\n".join(lines)


def expand_paths(paths: Iterable[str | Path]) -> tuple[list[Source], list[str]]:
    """What `paths` hold to import, and one line per path that cannot be (see ingest.formats)."""
    return find_sources(paths)


def import_paths(store: ProjectStore, paths: Iterable[str | Path], annotator: str | None = None,
                 progress: Progress | None = None, fmt: str | None = None,
                 add_labels: bool = False) -> ImportReport:
    """Import everything under `paths` (read as `fmt`, else by extension and content); bad files
    and records are reported and skipped. `add_labels` first extends the schema with the labels
    and relation types the files use."""
    if annotator is not None:
        annotator = check_annotator_name(annotator)  # the gold layer is written by review only
    sources, errors = find_sources(paths, fmt)
    report = ImportReport(files=len(sources), errors=errors)
    if add_labels:
        from annotator.services.import_schema import extend_schema_for

        report.labels_added = extend_schema_for(store, sources, lambda s, sch: _items(s, sch, annotator))
    job = _Import(store, annotator, report)
    for done, source in enumerate(sources, 1):
        job.source(source)
        if progress is not None:
            progress(done, len(sources), str(source.path))
    job.flush()
    report.errors.extend(fallback_notes(report.languages))  # once per import, not per file or batch
    return report


def _items(source: Source, schema: Schema, annotator: str | None) -> Iterator[Item]:
    """Every item of a source, streamed where the format allows (for the schema's pre-pass)."""
    if source.format in STREAMED:
        yield from stream_source(source, schema)
        return
    if source.path.suffix.lower() == ".jsonl" and source.format in ("jsonl", "prodigy"):
        try:
            yield from iter_jsonl(source.path, _ANY, annotator or "-")
            return
        except NotStreamable:
            pass
    result = read_file(source.path, _ANY, annotator, schema, source.named_format)
    yield from result.errors
    yield from result.left_out
    yield from result.articles


class _AnyLabel(frozenset):
    """A label set that holds every name: the schema's pre-pass reads spans of any label."""

    def __contains__(self, item: object) -> bool:
        return isinstance(item, str)


_ANY = _AnyLabel()


class _Import:
    """One import run: the project, its schema, the batch being gathered and the report."""

    def __init__(self, store: ProjectStore, annotator: str | None, report: ImportReport) -> None:
        self.store, self.annotator, self.report = store, annotator, report
        self.schema = store.schema()
        self.labels = set(self.schema.label_names)
        self.batch: list[NewArticle] = []

    def source(self, source: Source) -> None:
        if source.format in STREAMED:
            self._stream(source, lambda: stream_source(source, self.schema))
        elif source.path.suffix.lower() == ".jsonl" and source.format in ("jsonl", "prodigy") and \
                self._stream(source, lambda: iter_jsonl(source.path, self.labels, self.annotator)):
            pass
        else:
            result = read_file(source.path, self.labels, self.annotator, self.schema, source.named_format)
            self.report.errors.extend(result.errors)
            self._count_left_out(result.left_out, self.report)
            taken: list[NewArticle] = []
            try:
                for article in result.articles:
                    self._take(article, self.report, taken)
            except InputError as exc:
                self.report.errors.append(str(exc))
                taken.clear()
            self.batch.extend(taken)
            if len(self.batch) >= _BATCH or result.suggested:
                self.flush()
            if result.suggested:
                self._suggested(result.suggested)

    def flush(self) -> None:
        if self.batch:
            self._store(self.batch, self.report)

    def _stream(self, source: Source, items: Callable[[], Iterator[Item]]) -> bool:
        """Import a streaming source as it is read, in batches, all in one transaction (a problem of
        the whole file stores none of it). False when the file must be read whole (not plain UTF-8)."""
        mine = ImportReport()
        batch: list[NewArticle] = []
        try:
            with self.store.transaction():
                for item in items():
                    if isinstance(item, str):
                        mine.errors.append(item)
                    elif isinstance(item, LeftOut):
                        self._count_left_out([item], mine)
                    else:
                        self._take(item, mine, batch)
                        if len(batch) >= _BATCH:
                            self._store(batch, mine)
                if batch:
                    self._store(batch, mine)
        except NotStreamable:
            return False
        except InputError as exc:
            self.report.errors.extend([*mine.errors, str(exc)])
            return True
        except OSError as exc:  # unreadable part-way: nothing of the file is stored
            self.report.errors.extend([*mine.errors, f"{source.path}: cannot be read ({exc.strerror or exc}); "
                                                     "nothing from this file was imported"])
            return True
        _add(self.report, mine)
        return True

    def _suggested(self, found: list[Suggested]) -> None:
        """Predictions that came with the file: the model's suggestions on their documents (derived data)."""
        known = [f for f in found if all(label_problem(s.label, self.labels) is None for s in f.suggestions)]
        if len(known) < len(found):
            self.report.left_out["predictions with labels the schema lacks"] += len(found) - len(known)
        written = store_predicted(self.store, [(f.text, f.suggestions) for f in known], made_by="import")
        self.report.suggestions_added += written

    @staticmethod
    def _count_left_out(items: Iterable[LeftOut], report: ImportReport) -> None:
        for item in items:
            report.left_out[item.kind] += item.count

    def _take(self, article: NewArticle, report: ImportReport, batch: list[NewArticle]) -> None:
        """Add a read article to the batch: its layer settled, its labels known to the project."""
        where = article.annotations.where if article.annotations is not None else article.source
        for n, (start, end, label) in enumerate(article.spans, 1):
            problem = label_problem(label, self.labels)
            if problem is not None:
                report.errors.append(f"{where}: span {n} [{start}, {end}) {problem}; pass --add-labels to add "
                                     "the file's labels to the schema")
                return
        layer = self.annotator or article.annotator
        if article.spans and not layer:
            raise InputError(where, "carries spans but names no annotator: pass --annotator NAME to import them "
                                    "(nothing from this file was imported)")
        batch.append(replace(article, annotator=layer if article.spans or article.annotations else None))

    def _store(self, batch: list[NewArticle], report: ImportReport) -> None:
        checked = checked_annotations(with_languages(self.store, batch, report.errors), self.schema, report.errors)
        report.languages.update(a.lang for a in checked)
        layers: dict[str | None, list[NewArticle]] = {}
        for article in checked:
            layers.setdefault(article.annotator, []).append(article)
        with self.store.transaction():  # spans, their attributes and relations: one record is whole or absent
            for layer, articles in layers.items():
                joined = join_same_text(articles) if layer is not None else articles
                result = self.store.import_articles(joined, annotator=layer,
                                                    source_file=plural(len(joined), "article"))
                if layer is not None:
                    report.relations_added += store_annotations(self.store, layer, joined)
                    _count_mapped(report.mapped.setdefault(layer, Counter()), joined)
                report.documents_added += result.documents_added
                report.documents_existing += result.documents_existing
                report.spans_added += result.spans_added
        batch.clear()


def _count_mapped(counts: Counter[str], articles: list[NewArticle]) -> None:
    for article in articles:
        counts["document"] += 1
        counts["span"] += len(article.spans)
        if article.annotations is not None:
            spans = article.annotations.spans
            counts["attribute"] += sum(len(s.attrs or {}) for s in spans)
            counts["note"] += sum(1 for s in spans if s.note)
            counts["relation"] += len(article.annotations.relations)


def _add(report: ImportReport, mine: ImportReport) -> None:
    report.errors.extend(mine.errors)
    report.documents_added += mine.documents_added
    report.documents_existing += mine.documents_existing
    report.spans_added += mine.spans_added
    report.relations_added += mine.relations_added
    report.languages.update(mine.languages)
    report.left_out.update(mine.left_out)
    for layer, counts in mine.mapped.items():
        report.mapped.setdefault(layer, Counter()).update(counts)


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
