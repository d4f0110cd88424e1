"""Use cases over the project store: import, label, review, export. Qt-free."""
