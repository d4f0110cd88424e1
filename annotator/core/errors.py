"""One hierarchy of errors whose messages name the file, document or span involved."""
from __future__ import annotations


class AnnotatorError(Exception):
    """Base of every error the application reports to a user as one line."""


class InputError(AnnotatorError):
    """A file or record that cannot be imported; names the file and the problem."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class SpanError(AnnotatorError):
    """A span that is invalid for its document (outside the text, empty, unknown label)."""


class ProjectError(AnnotatorError):
    """A project file that cannot be opened, or is of an unknown schema."""


class BusyError(ProjectError):
    """Another process holds the project's write lock; the write can be tried again later."""


class ConflictError(AnnotatorError):
    """Another window changed or removed the same record since it was read."""


class AlignmentError(AnnotatorError):
    """A span that does not fall on token boundaries, raised by strict exports."""
