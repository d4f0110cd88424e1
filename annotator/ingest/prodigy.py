"""Prodigy's record conventions, read wherever a JSON record comes in (db-out, JSONL, JSON).

`answer`: only "accept" (or none) brings spans; "reject" and "ignore" records are left out
whole and counted. The layer of a record, when `--annotator` is not given, is the first of
`_annotator_id`, `_session_id` (Prodigy's, e.g. "news_ner-alice") and `annotator` that is text.
Spans are read by their character offsets (start, end), so Prodigy's inclusive token_end
needs no reading; relations by head_span/child_span.
"""
from __future__ import annotations

from typing import Any, Mapping

from annotator.core.errors import InputError, SpanError
from annotator.core.model import check_annotator_name
from annotator.ingest.records import LeftOut

ANNOTATOR_FIELDS = ("_annotator_id", "_session_id", "annotator")
_ACCEPTED = (None, "accept")


def answer_left_out(record: Mapping[str, Any]) -> LeftOut | None:
    """LeftOut for a record Prodigy's annotator did not accept, None for one to import."""
    answer = record.get("answer")
    if answer in _ACCEPTED:
        return None
    return LeftOut(f"Prodigy records answered {answer!r} (not imported)")


def record_annotator(record: Mapping[str, Any], where: str) -> str | None:
    """The layer a record names (see ANNOTATOR_FIELDS), normalised; None when it names none."""
    for key in ANNOTATOR_FIELDS:
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            try:
                return check_annotator_name(value)
            except SpanError as exc:
                raise InputError(where, f"{key}: {exc}") from None
    return None
