"""The annotator's desk: article view, label palette, span table, find bar, document list, undo."""
