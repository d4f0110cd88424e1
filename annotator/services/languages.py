"""A document's language: chosen at import, changed by a person (which re-tokenizes it and says what moved)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable

from annotator.core.errors import SpanError
from annotator.core.languages import language_code
from annotator.core.model import NewArticle, Span
from annotator.core.wording import plural
from annotator.ingest.language import choose_language
from annotator.services.changes import LANGUAGE, ProjectChanges
from annotator.storage import ProjectStore
from annotator.storage import language_store

__all__ = ["LanguageChange", "with_languages", "fallback_notes", "change_language", "language_counts", "language_of",
           "default_language", "set_default_language"]

default_language = language_store.default_language
language_of = language_store.language_of
language_counts = language_store.language_counts


def set_default_language(store: ProjectStore, code: str) -> str:
    lang = _checked(code, "the project's default language")
    language_store.set_default_language(store, lang)
    return lang


def with_languages(store: ProjectStore, articles: list[NewArticle], notes: list[str]) -> list[NewArticle]:
    """Articles with their language chosen (metadata, else detected, else the project default);
    an unknown code is one line in `notes` (a language spaCy tokenizes with `xx`: fallback_notes)."""
    default = language_store.default_language(store)
    out = []
    for article in articles:
        given = article.lang or article.meta.get("lang") or article.meta.get("language")
        if given and language_code(given) == given:
            out.append(article)
            continue
        where = f"{article.meta.get('file') or article.source}: article {article.title[:60]!r}"
        choice = choose_language(given, article.text, default, where)
        if choice.problem:
            notes.append(choice.problem)
        out.append(replace(article, lang=choice.lang))
    return out


def fallback_notes(langs: Iterable[str]) -> list[str]:
    """One line per language of `langs` that spaCy has no blank pipeline for (its documents are
    tokenized by the multilingual one, xx): what an import says once, whatever its number of files."""
    from annotator.nlp.tokenizer import fallback_reason

    notes = []
    for lang in sorted(set(langs)):
        reason = fallback_reason(lang)
        if reason is not None:
            notes.append(f"spaCy has no blank pipeline for language {lang!r} ({reason}); its documents are "
                         "tokenized by the multilingual tokenizer (xx)")
    return notes


@dataclass(frozen=True, slots=True)
class LanguageChange:
    """What changing a document's language moved: its tokens, and spans now off token boundaries."""

    document_id: int
    old: str
    new: str
    tokens_before: int
    tokens_after: int
    boundaries_moved: int  # token starts and ends in one tokenization and not the other
    spans_off_tokens: tuple[Span, ...]

    def changes(self, initiator: str = "language") -> ProjectChanges:
        """What the window's views take from it: this document's language, tokens and rule suggestions
        changed (its list row, the article and the suggestions follow); nothing when the language stayed."""
        moved = self.old != self.new
        return ProjectChanges(self.document_id, extra=(LANGUAGE,) if moved else (), written=moved,
                              initiator=initiator)

    def summary(self) -> str:
        if self.old == self.new:
            return f"document {self.document_id} is already in {self.new}; nothing changed"
        line = (f"document {self.document_id}: language {self.old} -> {self.new}; re-tokenized: "
                f"{plural(self.tokens_before, 'token')} -> {self.tokens_after}, "
                f"{plural(self.boundaries_moved, 'token boundary', 'token boundaries')} moved")
        if self.spans_off_tokens:
            shown = ", ".join(f"[{s.start}, {s.end}) {s.label} ({s.annotator})" for s in self.spans_off_tokens[:5])
            more = f" and {len(self.spans_off_tokens) - 5} more" if len(self.spans_off_tokens) > 5 else ""
            line += (f"; {plural(len(self.spans_off_tokens), 'span')} no longer on token boundaries "
                     f"(kept as they are; exports grow them to whole tokens): {shown}{more}")
        return line


def change_language(store: ProjectStore, document_id: int, code: str, annotator: str = "") -> LanguageChange:
    """Set a document's language, re-tokenize it with that language's pipeline, say what moved."""
    from annotator.nlp.tokens import document_tokens

    new = _checked(code, f"document {document_id}")
    old = language_store.language_of(store, document_id)
    before = document_tokens(store, document_id)
    if new == old:
        return LanguageChange(document_id, old, new, len(before), len(before), 0, ())
    language_store.set_language(store, document_id, new, annotator)
    after = document_tokens(store, document_id)  # made now with the new language's pipeline, and stored
    old_edges = _edges(before)
    new_edges = _edges(after)
    off = tuple(s for s in store.spans(document_id)
                if (s.start, "s") not in new_edges or (s.end, "e") not in new_edges)
    was_on = tuple(s for s in off if (s.start, "s") in old_edges and (s.end, "e") in old_edges)
    return LanguageChange(document_id, old, new, int((~before.is_space).sum()), int((~after.is_space).sum()),
                          len(old_edges ^ new_edges), was_on)


def _edges(tokens) -> set[tuple[int, str]]:
    starts, ends = tokens.words()
    return {(int(s), "s") for s in starts} | {(int(e), "e") for e in ends}


def _checked(code: str, where: str) -> str:
    lang = language_code(code)
    if lang is None:
        raise SpanError(f"{where}: unknown language code {code!r}; give an ISO 639-1 code such as en, fr, ar, uk")
    return lang
