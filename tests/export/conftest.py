"""A small real project for export tests: emoji, Arabic, CRLF-origin text, overlapping and misaligned spans."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.storage import ProjectStore
# re-exported: branches of this round import them from here
from tests.helpers.export_corpus import (CRLF, EMOJI, EXAMPLE, RECORDS, SYNDICATED, UNTOUCHED,  # noqa: F401
                                         Corpus, add_gold, build, spans_of)


@pytest.fixture
def corpus(store: ProjectStore, tmp_path: Path) -> Corpus:
    return build(store, tmp_path / "in")
