"""`annotator check` and the app's check on opening: is this project file whole and consistent?"""
from __future__ import annotations

from itertools import islice

from annotator.core.errors import AnnotatorError
from annotator.core.model import GOLD
from annotator.storage import ProjectStore
from annotator.storage.checks import gold_done_documents, invariant_problems, sqlite_problems
from annotator.core.wording import plural

QUICK_LIMIT = 20  # the quick check stops after this many problems (it only has to say that there are some)


def check_project(store: ProjectStore, quick: bool = False) -> list[str]:
    """Every problem found, one line each (empty: all well). `quick`: what opening a project can afford."""
    problems = list(sqlite_problems(store, quick))
    if quick and problems:
        return problems
    problems.extend(islice(invariant_problems(store, quick), QUICK_LIMIT) if quick else invariant_problems(store))
    if not quick:
        problems.extend(_gold_problems(store))
    return problems


def _gold_problems(store: ProjectStore) -> list[str]:
    """Gold status done exactly when every disagreement unit of the document is decided."""
    from annotator.services.adjudication import Adjudication

    review = Adjudication(store, "annotator check")
    out = []
    for doc in gold_done_documents(store):
        try:
            open_units = [u for u in review.units(doc) if not u.decided]
        except AnnotatorError as exc:
            out.append(f"{store.path}: document {doc}: cannot read its review units ({exc})")
            continue
        if open_units:
            out.append(f"{store.path}: document {doc}: {GOLD} status is done with "
                       f"{plural(len(open_units), 'undecided unit')}; open it in review mode to settle it")
    return out


def opening_check(store: ProjectStore) -> str | None:
    """One line for the window's status bar when the quick check finds something, else None."""
    problems = check_project(store, quick=True)
    if not problems:
        return None
    more = f" (and {len(problems) - 1} more; run `annotator check`)" if len(problems) > 1 else " (run `annotator check`)"
    return problems[0] + more


def repair_project(store: ProjectStore) -> tuple[list[str], list[str]]:
    """`annotator repair`: back up (the backup code every command uses), then remove exactly the stored
    rows the validator reports (storage.repair), in one transaction. Returns (one line per kind of
    row removed, with the backup first; the problems `check` still finds, which repair does not touch)."""
    from annotator.core.errors import SpanError
    from annotator.core.schema import SchemaError
    from annotator.storage import repair

    try:
        backup, counts = repair.repair_layers(store, "before-repair")
    except (SchemaError, SpanError) as exc:
        raise AnnotatorError(f"{store.path}: {exc}; repair checks the layers against the schema, so it cannot "
                             "run until the schema is readable (see `annotator schema set`)") from None
    if backup is None:
        return [], check_project(store)
    lines = [f"backed up to {backup.path}"] + [line for line in (
        *(_removed(counts[cause], "span", cause) for cause in repair.BAD_SPAN_CAUSES),
        _removed(counts[repair.DUPLICATE_SPANS], "duplicate span", "(the same range and label twice in a layer)"),
        _removed(counts[repair.HANGING_RELATIONS], "relation", "on those spans"),
        _removed(counts[repair.ATTRIBUTES], "attribute", f"the schema refuses (of "
                                                         f"{plural(counts[repair.ATTRIBUTE_SPANS], 'span')})"),
        _removed(counts[repair.PROVENANCE_FIELDS], "provenance field", f"this version does not write (of "
                                                                       f"{plural(counts[repair.PROVENANCE_SPANS], 'span')})"),
        _removed(counts[repair.RELATIONS], "relation", "the schema forbids, linking a span to itself, twice, or "
                                                        "to what is not a span of its layer"),
    ) if line]
    return lines, check_project(store)


def _removed(n: int, what: str, why: str) -> str:
    return f"removed {plural(n, what)} {why}" if n else ""
