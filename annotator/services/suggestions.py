"""Suggestions use cases: compute them from the chosen sources, keep them in their own table, read them back.

Suggestions never enter a layer: only accepting one (in the app) makes an ordinary span.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document
from annotator.core.suggestion import SOURCES, Suggestion
from annotator.storage import ProjectStore
from annotator.storage import suggestion_store as ss
from annotator.suggest.memory import ProjectMemory
from annotator.suggest.pipeline import ModelError, load_pipeline, predict, spacy_version
from annotator.suggest.rules import rule_suggestions, with_figure_readings
from annotator.suggest.token_source import document_tokens_many, stored_tokens
from annotator.core.wording import plural

if TYPE_CHECKING:
    from spacy.language import Language

Progress = Callable[[int, int], None]
CHOICES = (*SOURCES, "all")
_BATCH = 128


def sources_of(choice: str) -> tuple[str, ...]:
    """The sources a `--source` choice names."""
    if choice == "all":
        return SOURCES
    if choice not in SOURCES:
        raise AnnotatorError(f"unknown suggestion source {choice!r}: one of {', '.join(CHOICES)}")
    return (choice,)


def build_memory(store: ProjectStore) -> ProjectMemory:
    """The project's memory of labelled strings, indexed by their first token."""
    rows = ss.labelled_strings(store)
    texts = sorted({r[0] for r in rows if r[0].strip()})
    first = {t: t[s:e] for t, toks in zip(texts, document_tokens_many(texts)) for s, e in toks[:1]}
    return ProjectMemory(rows, first)


def load_project_model(store: ProjectStore) -> "Language":
    """The project's trained pipeline, or one line saying there is none (or it cannot be used)."""
    stored = ss.load_model(store)
    if stored is None:
        raise ModelError(f"{store.path.name}: has no trained model yet; train one with "
                         "`annotator train --source NAME|gold`")
    return load_pipeline(stored.pipeline, stored.spacy_version, store.label_names())  # labels: our table


class Suggester:
    """The chosen sources, loaded once (memory, model), applied to batches of documents."""

    def __init__(self, store: ProjectStore, sources: Sequence[str], *, leave_own_out: bool = False) -> None:
        self.store, self.sources = store, tuple(sources)
        self.memory = build_memory(store) if "memory" in self.sources else None
        self.nlp, self.model_problem = None, ""
        if "model" in self.sources:
            try:
                self.nlp = load_project_model(store)
            except AnnotatorError as exc:  # a refused model: the other sources still come (issue 16)
                if self.sources == ("model",):
                    raise
                self.sources, self.model_problem = tuple(s for s in self.sources if s != "model"), str(exc)
        self.leave_own_out = leave_own_out  # evaluation: a document's own labels are not its memory

    def made_by(self, source: str) -> str:
        """What made a source's suggestions, stored beside them (derived data says where it came from)."""
        from annotator import __version__

        if source == "memory" and self.memory is not None:
            return f"project memory of {len(self.memory)} strings"
        if source == "model":
            return f"model trained {ss.model_version(self.store)} with spaCy {spacy_version()}"
        return f"rules of annotator {__version__}"

    def compute(self, docs: Sequence[Document]) -> dict[int, dict[str, list[Suggestion]]]:
        """Document id -> source -> suggestions, sorted by position."""
        out: dict[int, dict[str, list[Suggestion]]] = {d.id: {} for d in docs}
        if "rules" in self.sources:
            for d in docs:
                out[d.id]["rules"] = rule_suggestions(d.text, d.lang)
        if self.memory is not None:
            for d, tokens in zip(docs, stored_tokens(self.store, docs)):
                own = ss.labelled_strings_of(self.store, d.id) if self.leave_own_out else ()
                out[d.id]["memory"] = with_figure_readings(d.text, self.memory.suggest(d.text, tokens, own), d.lang)
        if self.nlp is not None:
            for d, found in zip(docs, predict(self.nlp, [d.text for d in docs])):
                out[d.id]["model"] = with_figure_readings(d.text, found, d.lang)
        return out


@dataclass
class SuggestRun:
    """What `suggest` computed and stored."""

    documents: int = 0
    per_source: dict[str, int] = field(default_factory=dict)
    model_problem: str = ""  # why the model's suggestions did not come, when the others did

    def summary(self) -> str:
        counts = ", ".join(f"{n} from {source}" for source, n in self.per_source.items())
        return f"{plural(self.documents, 'document')}: {counts or 'no source'}"


def run_suggest(store: ProjectStore, sources: Sequence[str], ids: Sequence[int],
                progress: Progress | None = None) -> SuggestRun:
    """Compute the suggestions of `sources` for documents `ids` and store them (replacing old ones)."""
    suggester = Suggester(store, sources)
    run = SuggestRun(per_source={s: 0 for s in suggester.sources}, model_problem=suggester.model_problem)
    for batch in _batches(store, ids):
        found = suggester.compute(batch)
        for source in suggester.sources:
            run.per_source[source] += ss.replace_suggestions(
                store, source, {doc: by_source.get(source, []) for doc, by_source in found.items()},
                suggester.made_by(source))
        run.documents += len(batch)
        if progress is not None:
            progress(run.documents, len(ids))
    return run


def _batches(store: ProjectStore, ids: Sequence[int]) -> Iterator[list[Document]]:
    for i in range(0, len(ids), _BATCH):
        yield list(store.iter_documents(ids[i:i + _BATCH]))


def shown_suggestions(store: ProjectStore, document_id: int, sources: Sequence[str],
                      annotator: str | None = None) -> list[Suggestion]:
    """Stored suggestions of a document, each range and label once (the first source wins); with an
    annotator, without those they rejected and those their layer already has."""
    _, found = next(ss.stored_suggestions(store, [document_id], sources))
    return visible(found, ss.rejected(store, document_id, annotator) | ss.layer_keys(store, document_id, annotator)
                   if annotator else set())


def visible(found: Sequence[Suggestion], hidden: set[tuple[int, int, str]]) -> list[Suggestion]:
    """`found` without keys in `hidden` and without repeats of one key (rules, then memory, then model)."""
    rank = {s: i for i, s in enumerate(SOURCES)}
    best: dict[tuple[int, int, str], Suggestion] = {}
    for s in sorted(found, key=lambda s: rank[s.source]):
        if s.key not in hidden:
            best.setdefault(s.key, s)
    return sorted(best.values(), key=lambda s: (s.start, s.end, s.label))
