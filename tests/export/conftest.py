"""A small real project for export tests: emoji, Arabic, CRLF-origin text, overlapping and misaligned spans."""
from __future__ import annotations

from pathlib import Path

import pytest

from annotator.storage import ProjectStore
from tests.helpers.export_corpus import Corpus, build


@pytest.fixture
def corpus(store: ProjectStore, tmp_path: Path) -> Corpus:
    return build(store, tmp_path / "in")
