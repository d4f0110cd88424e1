"""Desktop annotator for conflict news: label spans, review agreement, export training data."""
from __future__ import annotations

__version__ = "0.1.0"
