"""Exporters: documents and spans out as training data. EXPORTERS is the one registry of formats.

Importing this package is cheap (no spaCy): the command line lists the formats at start-up.
"""
from __future__ import annotations

from annotator.export import conll, jsonl, spacy_docbin
from annotator.export.model import ExportError, Exporter, ExportOptions, parse_split

EXPORTERS: dict[str, Exporter] = {
    "spacy": Exporter("spacy", ".spacy", spacy_docbin.open_writer, flattens=True,
                      description="spaCy DocBin: spans in doc.spans['sc'], non-overlapping layer in doc.ents"),
    "conll": Exporter("conll", ".conll", conll.open_writer, flattens=True,
                      description="CoNLL-2003 token-per-line, IOB2 or BILOU, for spacy convert --converter ner"),
    "jsonl": Exporter("jsonl", ".jsonl", jsonl.open_writer, flattens=False,
                      description="one article a line with text, metadata and every span; imports back"),
}

__all__ = ["EXPORTERS", "ExportError", "ExportOptions", "Exporter", "parse_split"]
