"""Pure-Python domain: documents, spans, labels, offsets, snapping, agreement. No Qt, SQL or spaCy."""
