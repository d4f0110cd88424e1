"""Exporters: documents and spans out as training data. EXPORTERS is the one registry of formats.

Importing this package is cheap (no spaCy): the command line lists the formats at start-up.
"""
from __future__ import annotations

from annotator.core import document_table
from annotator.export import brat, claims, conll, doccano, jsonl, label_studio, prodigy, spacy_docbin
from annotator.export.options import ExportError, Exporter, ExportOptions, parse_split

EXPORTERS: dict[str, Exporter] = {
    "spacy": Exporter(
        "spacy", ".spacy", spacy_docbin.open_writer, flattens=True, title="spaCy DocBin (.spacy)",
        description="Every span in doc.spans['sc'] (for spancat); overlaps flattened into doc.ents (for ner). "
                    "python -m spacy train reads it."),
    "conll": Exporter(
        "conll", ".conll", conll.open_writer, flattens=True, title="CoNLL-2003 tokens and tags (.conll)",
        companion=document_table.SUFFIX,
        description="A token and its IOB2 or BILOU tag a line, a blank line between sentences; overlaps "
                    "flattened. spacy convert --converter ner, seqeval and Hugging Face scripts read it; each "
                    "document's language is in corpus.documents.tsv beside it."),
    "jsonl": Exporter(
        "jsonl", ".jsonl", jsonl.open_writer, flattens=False, title="JSON Lines (.jsonl)",
        description="An article a line: text, metadata and every span with code-point and token offsets, "
                    "attributes, notes and relations. annotator import reads it back."),
    "brat": Exporter(
        "brat", "", brat.open_writer, flattens=False, title="brat standoff (.txt + .ann)",
        description="A folder with a .txt and an .ann per document (T spans, A attributes, R relations, "
                    "# notes) and annotation.conf for the schema; brat and standoff readers open it.",
        writes_inside=brat.writes),
    "prodigy": Exporter(
        "prodigy", ".jsonl", prodigy.open_writer, flattens=False, title="Prodigy JSONL (.jsonl)",
        description="An article a line in Prodigy's conventions: tokens, spans with inclusive token_end, "
                    "relations by head/child token and span, answer accept. prodigy db-in reads it."),
    "doccano": Exporter(
        "doccano", ".jsonl", doccano.open_writer, flattens=False, title="doccano JSONL (.jsonl)",
        description="An article a line: \"label\" [start, end, LABEL] for sequence labelling, or \"entities\" "
                    "and \"relations\" when it has relations. doccano's import reads it."),
    "label-studio": Exporter(
        "label-studio", ".json", label_studio.open_writer, flattens=False, title="Label Studio JSON (.json)",
        description="Tasks with one annotation each: labels regions, per-region attributes, relations; "
                    "label_config.xml beside it sets up the Label Studio project."),
    "claims": Exporter(
        "claims", ".csv", claims.open_writer, flattens=False, title="Claims table (claims.csv)",
        description="One row per FIGURE: document, numbers, category, the cue that reports it, its source "
                    "and the sentence. For spreadsheets and event databases.", corpus_name="claims.csv"),
}

__all__ = ["EXPORTERS", "ExportError", "ExportOptions", "Exporter", "parse_split"]
