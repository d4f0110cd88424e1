"""report.json: what an export wrote and left out, so a dataset can be reproduced and checked."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from annotator import __version__
from annotator.core.model import Document
from annotator.export.align import describe_misaligned
from annotator.export.options import ExportItem, ExportOptions, Placed
from annotator.core.wording import plural

LISTED = 1000  # spans listed one by one per kind; beyond that only counted (memory stays flat)
FLATTEN_RULE = ("overlapping spans: the longest (in tokens) goes to doc.ents / the tags; on a tie the one "
                "starting first, then the label listed first in the label set; the others stay in "
                "doc.spans['sc'] (spacy) and in jsonl")
DOCSTART_TOKEN = "-DOCSTART-"
DOCSTART_RULE = ("tokens of an article that start with -DOCSTART-: written as they are, but readers that "
                 "take every line starting with -DOCSTART- for a document break (the conll2003 loader) split the "
                 "article there; spaCy's converter splits only on the exact line '-DOCSTART- -X- O O'")
ALIGN_RULE = ("a span not on token boundaries grows to the non-whitespace tokens it touches (listed here); "
              "--strict stops the export instead; one touching no token cannot be placed (listed, left out)")


@dataclass
class ExportReport:
    """Counts per split and label, skipped documents by reason, misaligned and flattened spans."""

    options: ExportOptions
    labels: list[str]
    project: str = ""
    documents: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)  # documents written, per language
    spans: dict[str, Counter[str]] = field(default_factory=dict)
    entities: dict[str, Counter[str]] = field(default_factory=dict)
    skipped: Counter[str] = field(default_factory=Counter)
    misaligned: list[dict[str, Any]] = field(default_factory=list)
    misaligned_count: int = 0
    unplaced_count: int = 0
    flattened: list[dict[str, Any]] = field(default_factory=list)
    flattened_by_label: Counter[str] = field(default_factory=Counter)
    docstarts: list[dict[str, Any]] = field(default_factory=list)  # conll: tokens a reader takes for a break
    files: list[str] = field(default_factory=list)
    out: Path | None = None
    created_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def add(self, split: str, item: ExportItem, dropped: list[tuple[Placed, Placed]], flattens: bool) -> None:
        """Count one written document."""
        self.documents[split] += 1
        self.languages[item.document.lang] += 1
        spans = self.spans.setdefault(split, Counter())
        for p in item.spans:  # a plain loop: Counter.update(generator) costs more, per document
            spans[p.label] += 1
            if p.start != p.span.start or p.end != p.span.end:
                self._misaligned(item.document, p)
        if self.options.format == "conll" and DOCSTART_TOKEN in item.document.text:  # rare: test the text first
            self._docstarts(split, item)
        if flattens:
            ents = self.entities.setdefault(split, Counter())
            for p in item.ents:
                ents[p.label] += 1
        for lost, winner in dropped:
            self.flattened_by_label[lost.label] += 1
            if len(self.flattened) < LISTED:
                self.flattened.append({
                    "document_id": item.document.id, "split": split, "label": lost.label,
                    "start": lost.span.start, "end": lost.span.end,
                    "text": item.document.text[lost.span.start:lost.span.end],
                    "overlaps": {"label": winner.label, "start": winner.span.start, "end": winner.span.end}})

    def _docstarts(self, split: str, item: ExportItem) -> None:
        """A token line starting with -DOCSTART- is a document break to readers that test the line's start."""
        for token in item.doc:
            if token.text.startswith(DOCSTART_TOKEN) and len(self.docstarts) < LISTED:
                self.docstarts.append({"document_id": item.document.id, "split": split, "token": token.i,
                                       "start": token.idx, "text": token.text})

    def _misaligned(self, document: Document, p: Placed) -> None:
        self.misaligned_count += 1
        self.unplaced_count += not p.placed
        if len(self.misaligned) < LISTED:
            self.misaligned.append({
                "document_id": document.id, "label": p.label, "start": p.span.start, "end": p.span.end,
                "text": document.text[p.span.start:p.span.end],
                "exported_as": {"start": p.start, "end": p.end, "text": document.text[p.start:p.end]}
                if p.placed else None,
                "message": describe_misaligned(document, p)})

    @property
    def flattened_count(self) -> int:
        return sum(self.flattened_by_label.values())

    def to_json(self) -> dict[str, Any]:
        o = self.options
        from importlib.metadata import version  # spaCy's own version, without importing spaCy (2 s)

        from annotator.nlp.tokenizer import pipeline_language
        from annotator.nlp.tokens import tokenizer_tag

        return {
            "format": o.format, "source": o.source, "status": o.status, "strict": o.strict,
            "scheme": o.scheme if o.format == "conll" else None, "seed": o.seed,
            "split": dict(zip(o.split_names, o.split)) if o.split else None,
            "labels": self.labels, "project": self.project, "files": self.files,
            "tool": {"annotator": __version__, "spacy": version("spacy"),
                     "tokenizer": {lang: f"spacy.blank({pipeline_language(lang)!r}): {tokenizer_tag().of(lang)}"
                                   for lang in sorted(self.languages)}},
            "languages": dict(self.languages.most_common()), "lang": o.lang,
            "created_at": self.created_at,
            "documents": {s: self.documents[s] for s in o.split_names} | {"total": sum(self.documents.values())},
            "spans": {s: dict(sorted(self.spans.get(s, Counter()).items())) for s in o.split_names},
            "entities": {s: dict(sorted(self.entities.get(s, Counter()).items())) for s in o.split_names}
            if self.entities else None,
            "skipped": {"total": sum(self.skipped.values()), "reasons": dict(self.skipped)},
            "misaligned": {"count": self.misaligned_count, "not_placed": self.unplaced_count,
                           "rule": ALIGN_RULE, "listed": self.misaligned},
            "docstart_tokens": {"rule": DOCSTART_RULE, "listed": self.docstarts} if o.format == "conll" else None,
            "flattened": {"count": self.flattened_count, "by_label": dict(sorted(self.flattened_by_label.items())),
                          "rule": FLATTEN_RULE, "listed": self.flattened},
        }

    def to_text(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n"

    def summary(self) -> str:
        """A few lines for the terminal and the export dialog."""
        o = self.options
        total = sum(self.documents.values())
        spans = sum(sum(c.values()) for c in self.spans.values())
        which = "done only" if o.status == "done" else "all statuses"
        seed = f", split with seed {o.seed}" if o.split else ""
        lines = [f"{o.format} export of layer {o.source!r} ({which}{seed}): {plural(total, 'document')}, {plural(spans, 'span')}"]
        if o.split:
            lines += [f"  {s:<5} {plural(self.documents[s], 'document')}, {plural(sum(self.spans.get(s, Counter()).values()), 'span')}"
                      for s in o.split_names]
        if self.skipped:
            reasons = ", ".join(f"{n} {why}" for why, n in self.skipped.most_common())
            lines.append(f"  skipped {plural(sum(self.skipped.values()), 'document')}: {reasons}")
        if self.misaligned_count:
            lines.append(self._misaligned_line())
        if self.docstarts:
            lines.append(f"  {plural(len(self.docstarts), 'token')} starting with -DOCSTART- inside articles: "
                         "column readers may take them for document breaks (listed in report.json)")
        if self.flattened_count:
            lines.append(f"  {plural(self.flattened_count, 'overlapping span')} left out of the non-overlapping layer"
                         + (" (kept in spans['sc'])" if o.format == "spacy" else ""))
        if self.out is not None:
            lines += [f"  written to {self.out}", "  details (every left-out and misaligned span): report.json there"]
        return "\n".join(lines)

    def _misaligned_line(self) -> str:
        n, unplaced = self.misaligned_count, self.unplaced_count
        if self.options.format == "jsonl":  # the lossless format keeps the stored offsets
            return f"  {plural(n, 'span')} off token boundaries: offsets kept, token_start/token_end cover their tokens"
        line = f"  {plural(n, 'span')} off token boundaries, grown to their tokens"
        return line + (f" ({unplaced} touching no token left out)" if unplaced else "")
