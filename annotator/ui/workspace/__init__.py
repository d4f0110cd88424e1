"""The annotator's desk: label palette, span table, find bar, document list, undo."""
