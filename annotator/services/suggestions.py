"""Suggestions use cases: compute them from the chosen sources, keep them in their own table, read them back.

Suggestions never enter a layer: only accepting one (in the app) makes an ordinary span.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

from annotator.core.errors import AnnotatorError
from annotator.core.model import Document
from annotator.core.suggestion import SOURCES, Suggestion
from annotator.storage import ProjectStore
from annotator.storage import suggestion_store as ss
from annotator.storage.language_store import language_counts
from annotator.services.suggestion_filter import shown_of
from annotator.suggest.memory import ProjectMemory, Row
from annotator.suggest.pipeline import ModelError, load_pipeline, predict, spacy_version
from annotator.suggest.rules import rule_suggestions, with_figure_readings
from annotator.core.languages import DEFAULT_LANGUAGE as LANGUAGE
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


def memory_shared(store: ProjectStore) -> bool:
    """Whether project memory draws on every annotator's layer; by default it is blind (see build_memory)."""
    return ss.memory_shared(store)


def set_memory_shared(store: ProjectStore, shared: bool) -> None:
    """Share project memory between annotators, or make it blind again (the default)."""
    ss.set_memory_shared(store, shared)


def memory_rows(store: ProjectStore, annotator: str | None, document_id: int | None = None) -> list[Row]:
    """What project memory remembers for `annotator`: gold and their own layer only (blind double
    annotation: another annotator's spans never become their suggestions), every layer if the
    project shares memory. No annotator: gold only."""
    return ss.labelled_strings(store, annotator, every_layer=ss.memory_shared(store), document_id=document_id)


def build_memory(store: ProjectStore, annotator: str | None = None,
                 first_tokens: dict[str, dict[str, str]] | None = None) -> ProjectMemory:
    """The memory `annotator` is shown, indexed by first token in each language of the project (a
    string is matched by the tokens of the document it is found in); `first_tokens` (language ->
    string -> first token) caches them between builds: only new strings are tokenized."""
    rows = memory_rows(store, annotator)
    caches = first_tokens if first_tokens is not None else {}
    texts = sorted({r[0] for r in rows if r[0].strip()})
    for lang in sorted({LANGUAGE, *language_counts(store)}):
        cache = caches.setdefault(lang, {})
        new = [t for t in texts if t not in cache]
        for t, toks in zip(new, document_tokens_many(new, lang)):
            for s, e in toks[:1]:
                cache[t] = t[s:e]
    return ProjectMemory(rows, caches[LANGUAGE], by_language=caches)


def load_project_model(store: ProjectStore) -> "Language":
    """The project's trained pipeline, or one line saying there is none (or it cannot be used)."""
    stored = ss.load_model(store)
    if stored is None:
        raise ModelError(f"{store.path.name}: has no trained model yet; train one with "
                         "`annotator train --source NAME|gold`")
    return load_pipeline(stored.pipeline, stored.spacy_version, store.label_names())  # labels: our table


def model_tag(trained_at: str | None) -> str:
    """What names a stored model in its suggestions' made_by and an accepted span's provenance."""
    return f"model trained {trained_at} with spaCy {spacy_version()}"


class Suggester:
    """The chosen sources for one annotator, loaded once (memory, model), applied to batches of documents."""

    def __init__(self, store: ProjectStore, sources: Sequence[str], *, annotator: str | None = None,
                 leave_own_out: bool = False) -> None:
        self.store, self.sources, self.annotator = store, tuple(sources), annotator
        self._first_tokens: dict[str, dict[str, str]] = {}
        self.memory = build_memory(store, annotator, self._first_tokens) if "memory" in self.sources else None
        self.nlp, self.model_problem = None, ""
        if "model" in self.sources:
            try:
                self.nlp = load_project_model(store)
            except AnnotatorError as exc:  # a refused model: the other sources still come (issue 16)
                if self.sources == ("model",):
                    raise
                self.sources, self.model_problem = tuple(s for s in self.sources if s != "model"), str(exc)
        self._model_version = ss.model_version(store) if self.nlp is not None else None
        self.leave_own_out = leave_own_out  # evaluation: a document's own labels are not its memory

    def rebuild_memory(self) -> None:
        """Remember the labels made since the memory was built (only new strings are tokenized)."""
        if self.memory is not None:
            self.memory = build_memory(self.store, self.annotator, self._first_tokens)

    def follow_model(self) -> None:
        """Use the project's model, loaded again when it was retrained (ModelError: it cannot be used;
        asked again only after the next training)."""
        version = ss.model_version(self.store)
        if version != self._model_version:
            self._model_version, self.nlp = version, None
            if version is not None:
                self.nlp = load_project_model(self.store)

    def made_by(self, source: str) -> str:
        """What made a source's suggestions, stored beside them (derived data says where it came from)."""
        from annotator import __version__

        if source == "memory" and self.memory is not None:
            return f"project memory of {len(self.memory)} strings"
        if source == "model":
            return model_tag(self._model_version)
        return f"rules of annotator {__version__}"

    def compute(self, docs: Sequence[Document], sources: Sequence[str] | None = None
                ) -> dict[int, dict[str, list[Suggestion]]]:
        """Document id -> source -> suggestions, sorted by position (of `sources`, default all loaded)."""
        wanted = self.sources + ("model",) if sources is None else tuple(sources)
        out: dict[int, dict[str, list[Suggestion]]] = {d.id: {} for d in docs}
        if "rules" in self.sources and "rules" in wanted:
            for d in docs:
                out[d.id]["rules"] = rule_suggestions(d.text, d.lang)
        if self.memory is not None and "memory" in wanted:
            for d, tokens in zip(docs, stored_tokens(self.store, docs)):
                own = memory_rows(self.store, self.annotator, d.id) if self.leave_own_out else ()
                out[d.id]["memory"] = remembered(d.text, tokens, self.memory, own, d.lang)
        if self.nlp is not None and "model" in wanted:
            tag = self.made_by("model")  # the model loaded, which provenance names when one is accepted
            for d, found in zip(docs, predict(self.nlp, [d.text for d in docs])):
                out[d.id]["model"] = [replace(s, made_by=tag) for s in with_figure_readings(d.text, found, d.lang)]
        return out


def remembered(text: str, tokens: Sequence[tuple[int, int]], memory: ProjectMemory,
               leave_out: Sequence[Row] = (), lang: str = "en") -> list[Suggestion]:
    """Project memory's suggestions on a text (tokens: its stored ones), FIGUREs read in its language."""
    return with_figure_readings(text, memory.suggest(text, tokens, leave_out, lang), lang)


def instant_suggestions(text: str, tokens: Sequence[tuple[int, int]] | None,
                        memory: ProjectMemory | None, lang: str = "en") -> list[Suggestion]:
    """Rules and (with tokens and a memory) memory of one text: the sources the window shows with a document."""
    found = rule_suggestions(text, lang)
    if memory is not None and tokens is not None:
        found += remembered(text, tokens, memory, lang=lang)
    return found


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
                progress: Progress | None = None, annotator: str | None = None) -> SuggestRun:
    """Compute the suggestions of `sources` for documents `ids` as `annotator` is shown them (their
    memory) and store them, replacing old ones."""
    suggester = Suggester(store, sources, annotator=annotator)
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
    """Stored suggestions of a document as `annotator` is shown them (suggestion_filter's rule, the
    window's): without those they rejected or their layer covers. No annotator: no layer, no rejection."""
    _, found = next(ss.stored_suggestions(store, [document_id], sources))
    if annotator is None:
        return shown_of(found, ())
    return shown_of(found, ss.layer_keys(store, document_id, annotator), ss.rejected(store, document_id, annotator))
