"""Run an export: select a layer's documents, split them, place spans on their stored tokens, hand them to the writer."""
from __future__ import annotations

import contextlib
from collections import Counter
from array import array
from dataclasses import replace
from typing import Callable, Iterator, TypeVar

import numpy

from annotator.core.model import GOLD, Status
from annotator.export import EXPORTERS
from annotator.export.align import flatten, place_all
from annotator.export.team_metadata import team_metadata
from annotator.export.options import CORPUS, ExportError, Exporter, ExportItem, ExportOptions, Progress, Writer, option
from annotator.export.output import OutputFolder
from annotator.export.report import ExportReport
from annotator.export.split import Splits, split_keys, unit_key
from annotator.nlp.tokens import tokens_of
from annotator.storage import ProjectStore
from annotator.storage.corpus import document_refs, iter_layer
from annotator.storage.relation_store import relations_of_documents
from annotator.core.wording import plural


T = TypeVar("T")


class ExportCancelled(ExportError):
    """The user stopped the export; nothing was written."""


def exporter_for(name: str) -> Exporter:
    try:
        return EXPORTERS[name]
    except KeyError:
        raise ExportError(f"unknown export format {name!r}: choose one of {', '.join(EXPORTERS)}") from None


def export_corpus(store: ProjectStore, options: ExportOptions, progress: Progress | None = None,
                  should_stop: Callable[[], bool] | None = None) -> ExportReport:
    """Write the export described by `options`; returns its report (also written as report.json).

    `progress(done, total)` is called after each document; `should_stop()` before each, and
    when it returns True the export stops with ExportCancelled, leaving nothing behind.
    """
    return _Export(store, options, progress, should_stop).run()


class _Export:
    """One run of export_corpus: its options, report and writers."""

    def __init__(self, store: ProjectStore, options: ExportOptions, progress: Progress | None,
                 should_stop: Callable[[], bool] | None) -> None:
        self.store, self.options = store, (options if options.schema else replace(options, schema=store.schema()))
        self.progress, self.should_stop = progress, should_stop
        self.exporter = exporter_for(options.format)
        labels = [label.name for label in store.labels()]
        self.report = ExportReport(options, labels, project=str(store.path.resolve()))

    def run(self) -> ExportReport:
        ids, splits = self._select()
        folder = OutputFolder(self.options.out, self.options.format)  # checked and made only once there is something to export
        names = [self.exporter.corpus_name if name == CORPUS and self.exporter.corpus_name
                 else f"{name}{self.exporter.suffix}" for name in self.options.split_names]
        writers: dict[str, Writer] = {}
        try:
            for split, name in zip(self.options.split_names, names):
                writers[split] = self.exporter.open(folder.staging(name), self.options, self.report.labels)
            if self.exporter.companion:  # written by each writer beside its file
                names += [f"{split}{self.exporter.companion}" for split in self.options.split_names]
            self._write_all(ids, splits, writers)
            for writer in writers.values():
                writer.close()
        except BaseException as exc:
            for writer in writers.values():
                with contextlib.suppress(OSError):  # a full disk fails the discard's flush too
                    writer.discard()
            folder.abort()
            if isinstance(exc, OSError):  # disk full, permissions: the user's to fix, in one line
                raise ExportError(f"{folder.path}: cannot write the export ({exc.strerror or exc})") from None
            raise
        # every file written, also those beside the splits (Label Studio's label_config.xml): the next
        # export of this format into the folder replaces exactly these
        self.report.files, self.report.out = names + [n for n in folder.written() if n not in names], folder.path
        try:
            folder.commit(names, self.report.to_text())
        except OSError as exc:  # a full disk while writing the report: the previous export stays
            folder.abort()
            raise ExportError(f"{folder.path}: cannot write the export ({exc.strerror or exc})") from None
        return self.report

    def _select(self) -> tuple[array, Splits | None]:
        """Ids of the documents to export (ascending) and their split; counts the others by reason.

        Holds 8-byte ids (and split keys), never texts, so that memory stays flat.
        """
        store, options = self.store, self.options
        known = store.annotators()
        if options.source != GOLD and options.source not in known:
            choices = ", ".join([*(n for n in known if n != GOLD), GOLD])
            raise ExportError(f"{store.path.name} has no layer {options.source!r}: choose one of {choices}")
        ids, keys = array("q"), array("Q")
        done_word = "adjudicated" if options.source == GOLD else "done"
        languages: Counter[str] = Counter()
        for ref in document_refs(store, options.source):
            if options.lang is not None and ref.lang != options.lang:
                self.report.skipped[f"not in {options.lang} ({ref.lang})"] += 1
            elif options.status == "all" or ref.status is Status.DONE:
                languages[ref.lang] += 1
                ids.append(ref.id)
                if options.split:
                    keys.append(unit_key(ref, options.seed))
            else:
                self.report.skipped[f"not {done_word} ({ref.status.value})"] += 1
        if not ids:
            total = sum(self.report.skipped.values())
            if not total:
                raise ExportError(f"{store.path.name} has no documents; nothing to export")
            other = sum(n for reason, n in self.report.skipped.items() if reason.startswith("not in "))
            if other == total:
                raise ExportError(f"nothing to export: none of the {plural(total, 'document')} is in {options.lang} "
                                  f"(choose another language than {option('lang', options.lang)})")
            left_out = (f"; {plural(other, 'document')} in other languages left out by {option('lang', options.lang)}"
                        if other else "")
            within = f" in {options.lang}" if other else ""
            raise ExportError(f"nothing to export: none of the {plural(total - other, 'document')}{within} is "
                              f"{done_word} in layer {options.source!r} (mark documents done, or export all "
                              f"statuses: {option('status', 'all')}){left_out}")
        self._check_languages(languages)
        if not options.split:
            return ids, None
        return ids, split_keys(numpy.frombuffer(ids, dtype=numpy.int64),
                               numpy.frombuffer(keys, dtype=numpy.uint64), options.split)

    def _check_languages(self, languages: Counter[str]) -> None:
        """A DocBin trains one language's pipeline: several in one are refused unless asked for."""
        if len(languages) > 1 and self.options.format == "spacy" and not self.options.mixed_languages:
            counts = ", ".join(f"{lang} {n:,}" for lang, n in languages.most_common())
            raise ExportError(f"the documents to export are in {len(languages)} languages ({counts}); a DocBin "
                              f"trains one language's pipeline: choose one with {option('lang', languages.most_common(1)[0][0])}"
                              f", or write them together with {option('mixed_languages')}")

    def _write_all(self, ids: array, splits: Splits | None, writers: dict[str, Writer]) -> None:
        options, flattens, report = self.options, self.exporter.flattens, self.report
        rank = {name: i for i, name in enumerate(report.labels)}
        split_of = splits.ascending() if splits is not None else (lambda _id: CORPUS)
        n = 0
        for batch in _batches(iter_layer(self.store, options.source, ids)):
            links = relations_of_documents(self.store, options.source, [d.id for d, _ in batch])
            team = team_metadata(self.store, options.source, [d.id for d, _ in batch])
            # stored tokens, read a batch at a time (made once and stored for any document without them)
            for (document, spans), tokens in zip(batch, tokens_of(self.store, [(d.id, d.text) for d, _ in batch])):
                if self.should_stop is not None and self.should_stop():
                    raise ExportCancelled("export cancelled; nothing was written")
                placed = place_all(tokens, document, spans, options.strict)
                ents, dropped = flatten(placed, rank) if flattens else ([], [])
                item = ExportItem(document, tokens, placed, ents, links.get(document.id, []), team.get(document.id, {}))
                split = split_of(document.id)
                writers[split].write(item)
                report.add(split, item, dropped, flattens)
                n += 1
                if self.progress is not None:
                    self.progress(n, len(ids))


def _batches(items: Iterator[T], size: int = 256) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
