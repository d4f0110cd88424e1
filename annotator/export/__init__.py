"""Exporters: documents and spans out as training data. EXPORTERS is the one registry of formats.

Importing this package is cheap (no spaCy): the command line lists the formats at start-up.
"""
from __future__ import annotations

from annotator.export import conll, jsonl, spacy_docbin
from annotator.export.model import ExportError, Exporter, ExportOptions, parse_split

EXPORTERS: dict[str, Exporter] = {
    "spacy": Exporter(
        "spacy", ".spacy", spacy_docbin.open_writer, flattens=True, title="spaCy DocBin (.spacy)",
        description="Every span in doc.spans['sc'] (for spancat); overlaps flattened into doc.ents (for ner). "
                    "python -m spacy train reads it."),
    "conll": Exporter(
        "conll", ".conll", conll.open_writer, flattens=True, title="CoNLL-2003 tokens and tags (.conll)",
        description="A token and its IOB2 or BILOU tag a line, a blank line between sentences; overlaps "
                    "flattened. spacy convert --converter ner, seqeval and Hugging Face scripts read it."),
    "jsonl": Exporter(
        "jsonl", ".jsonl", jsonl.open_writer, flattens=False, title="JSON Lines (.jsonl)",
        description="An article a line: text, metadata and every span with code-point and token offsets. "
                    "annotator import reads it back."),
}

__all__ = ["EXPORTERS", "ExportError", "ExportOptions", "Exporter", "parse_split"]
