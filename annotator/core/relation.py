"""A relation: a typed link from one span (the head) to another (the child) of the same layer."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from annotator.core.errors import SpanError


@dataclass(frozen=True, slots=True)
class Relation:
    """`label` (a relation type of the schema) from span `head_id` to span `child_id`, one layer."""

    document_id: int
    head_id: int
    child_id: int
    label: str
    annotator: str = ""
    id: int | None = None
    version: int = 0
    updated_at: str = ""

    def __post_init__(self) -> None:
        if self.head_id == self.child_id:
            raise SpanError(f"a {self.label} relation links two different spans, not span {self.head_id} to itself")

    @property
    def key(self) -> tuple[int, int, str]:
        return (self.head_id, self.child_id, self.label)

    def with_(self, **changes: Any) -> "Relation":
        return replace(self, **changes)
