"""One hierarchy of errors whose messages name the file, document or span involved."""
from __future__ import annotations

import re
from typing import Callable

_OPEN, _SEP, _CLOSE = "\ue000", "\ue001", "\ue002"  # private-use marks around an option named in a message
_OPTION = re.compile(f"{_OPEN}([a-z_]+){_SEP}([^{_CLOSE}]*){_CLOSE}")


def option(name: str, value: str = "") -> str:
    """An option (`out`, `lang`, `mixed_languages`) named inside an error's message, worded where the
    message is shown: the command line names its flag (`--lang en`), a dialog names its control.
    `value` is the choice the message suggests, if any (such as a language code)."""
    return f"{_OPEN}{name}{_SEP}{value}{_CLOSE}"


def flag(name: str, value: str) -> str:
    """The command line's words for an option: its flag (`--mixed-languages`, `--lang en`)."""
    return f"--{name.replace('_', '-')}" + (f" {value}" if value else "")


class AnnotatorError(Exception):
    """Base of every error the application reports to a user as one line.

    One rule, two wordings: a check raises one error for the command line and the window alike, marking
    the options it concerns with option(); str() names the command line's flags, worded() lets a dialog
    name its own controls instead."""

    @property
    def fields(self) -> tuple[str, ...]:
        """The options the error concerns, in the order its message names them."""
        return tuple(dict.fromkeys(m.group(1) for m in _OPTION.finditer(self._template)))

    @property
    def _template(self) -> str:
        return str(self.args[0]) if len(self.args) == 1 else super().__str__()

    def worded(self, name: Callable[[str, str], str]) -> str:
        """The message with each option named by `name(option, suggested value)`."""
        return _OPTION.sub(lambda m: name(m.group(1), m.group(2)), self._template)

    def __str__(self) -> str:
        return self.worded(flag)


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
