"""Project-level dialogs: import, export, merge, the annotator's name."""
