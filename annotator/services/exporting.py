"""Export use cases of the window and the command line: the one default layer and the one option check."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Sequence

from annotator.core.languages import language_code
from annotator.core.model import GOLD
from annotator.export import EXPORTERS
from annotator.export.options import SCHEMES, STATUSES, ExportError, ExportOptions, flag, option, parse_split
from annotator.export.output import check_output_folder, default_out
from annotator.storage import ProjectStore


def export_corpus(store: ProjectStore, options: ExportOptions, **kw: Any) -> Any:
    """Run the export (annotator.export.run, imported here: it loads spaCy, off the GUI thread)."""
    from annotator.export.run import export_corpus as run

    return run(store, options, **kw)


def default_layer(names: Sequence[str], where: str = "the project") -> str:
    """The layer an export takes unless told: gold when there is one, else the only annotator's."""
    if GOLD in names:
        return GOLD
    if len(names) == 1:
        return names[0]
    if not names:
        raise ExportError(f"{where}: nobody has annotated anything yet; there is no layer to export")
    raise ExportError(f"name the layer to export with {option('source')}: one of {', '.join(names)}, or {GOLD}")


def default_source(store: ProjectStore) -> str:
    return default_layer(store.annotators(), store.path.name)


def export_options(format: str, out: Path | None, source: str, status: str = "done", split: str | None = None,
                   seed: int = 0, scheme: str | None = None, strict: bool = False, lang: str | None = None,
                   mixed_languages: bool = False) -> ExportOptions:
    """What an export is asked to do, checked once for both the dialog and `annotator export`:
    a scheme only for CoNLL, a split of three shares, a folder (the default one when none is given),
    a language filter that is an ISO 639-1 code."""
    code = language_code(lang) if lang is not None else None
    if lang is not None and code is None:
        raise ExportError(f"{option('lang')} {lang!r} is not an ISO 639-1 language code (such as en, fr, ar, uk)")
    if scheme and format != "conll":
        raise ExportError(f"{option('scheme')} applies to {option('format', 'conll')} only (not {format})")
    if format not in EXPORTERS:
        raise ExportError(f"{option('format')} must be one of {', '.join(EXPORTERS)}, not {format!r}")
    return ExportOptions(format=format, out=out if out is not None else default_out(format), source=source,
                         status=status, split=parse_split(split) if split else None, seed=seed,
                         scheme=scheme or "iob2", strict=strict, lang=code, mixed_languages=mixed_languages)


def folder_for_format(folder: str, old: str, new: str) -> str:
    """The Export dialog's folder when the format changes from `old` to `new`: a folder named after
    the old format (the default `<time>-<format>`, `<name>-<format>`, `<name>_<format>`, or a folder
    `<format>` anywhere in the path, such as exports/<format>/run1) follows it; any other folder
    is the user's and stays (check_output_folder then says whether the new format may write there)."""
    if not folder or old == new:
        return folder
    path = Path(folder)
    parts = list(path.parts)
    for i in range(len(parts) - 1, -1, -1):
        part = parts[i]
        if part == old:
            parts[i] = new
        elif part.endswith((f"-{old}", f"_{old}")):
            parts[i] = part[: -len(old)] + new
        else:
            continue
        return str(Path(*parts))
    return folder


__all__ = ["EXPORTERS", "SCHEMES", "STATUSES", "ExportError", "ExportOptions", "check_output_folder", "default_layer",
           "default_out", "default_source", "export_corpus", "export_options", "folder_for_format"]
