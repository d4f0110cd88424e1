"""Adjudication: a reviewer decides disagreement units into the gold layer, undoably.

The gold layer is the annotator GOLD; its spans are ordinary spans, so every exporter reads
it with --source gold. Deciding a unit makes the gold layer inside the unit's range exactly
the decided spans: gold spans overlapping the unit are taken out (and kept in the decision,
to put back on undo), the decided ones put in. A document is adjudicated when every unit is
decided; that is recorded as status done of GOLD on the document, and taken back (to in
progress) when an undo leaves a unit open again. Every method returns a ReviewChange that a
QUndoStack command hands back to undo() and redo().
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Sequence

from annotator.core.agreement import document_disagreement
from annotator.core.errors import ConflictError, ProjectError, SpanError
from annotator.core.model import GOLD, Span, Status
from annotator.core.provenance import figure_read, reviewed
from annotator.core.schema import figure_attrs
from annotator.core.wording import plural
from annotator.core.units import Action, Candidate, Unit, UnitKey, UnitKind, disagreement_units
from annotator.storage import ProjectStore
from annotator.storage import review_store as rs
from annotator.services.changes import ProjectChanges

Triple = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class ReviewChange:
    """What one review action did to one document's gold layer."""

    document_id: int
    decisions: tuple[int, ...]   # decision ids, in the order they were made
    added: tuple[Triple, ...]    # gold spans put in
    removed: tuple[Triple, ...]  # gold spans taken out
    adjudicated: bool            # whether the document is adjudicated afterwards

    def __bool__(self) -> bool:
        return bool(self.decisions)

    @property
    def project_changes(self) -> ProjectChanges:
        """The same news for every view: this document's gold (and gold status) changed."""
        return ProjectChanges(self.document_id, gold=(self.document_id,), statuses=(self.document_id,),
                              initiator="review")


@dataclass(frozen=True, slots=True)
class QueueEntry:
    """One row of the reviewer's queue."""

    id: int
    title: str
    disagreement: float  # 1 - mean pairwise exact-span F1 (see annotator.core.agreement)
    annotators: tuple[str, ...]
    adjudicated: bool
    reopened: bool = False  # decided once, not adjudicated now: an annotator changed something since


@dataclass(slots=True)
class UnanimousRun:
    """What accepting every unanimous unit of a project did."""

    documents: int = 0   # documents seen (labelled by two or more annotators)
    units: int = 0       # units accepted into gold
    adjudicated: int = 0  # documents adjudicated afterwards (every unit decided)
    still_open: int = 0  # documents with a unit left to decide

    def to_json(self) -> dict[str, int]:
        return {"documents": self.documents, "units_accepted": self.units, "adjudicated": self.adjudicated,
                "still_open": self.still_open}


class Adjudication:
    """The review use cases for one reviewer over one project."""

    def __init__(self, store: ProjectStore, reviewer: str) -> None:
        if not reviewer.strip():
            raise ProjectError("a reviewer needs a name")
        self.store = store
        self.reviewer = reviewer.strip()

    # -- reading ------------------------------------------------------------------------
    def queue(self, min_annotators: int = 2) -> list[QueueEntry]:
        """Documents labelled by at least `min_annotators`, most disagreement first."""
        labelled = {d: names for d, names in rs.labelled_annotators(self.store).items()
                    if len(names) >= min_annotators}
        done = rs.adjudicated_documents(self.store)
        started = (rs.decided_documents(self.store) & labelled.keys()) - done  # usually few: reviewers finish
        reopened = {doc for doc in started if any(u.reopened and not u.decided for u in self.units(doc))}
        entries = [QueueEntry(doc, title, document_disagreement(layers), labelled[doc], doc in done, doc in reopened)
                   for doc, title, _, layers in rs.iter_layers(self.store, labelled, with_text=False)]
        return sorted(entries, key=lambda e: (-e.disagreement, e.id))

    def units(self, document_id: int) -> list[Unit]:
        """Disagreement units of a document in text order, each with its decision in force (or None).

        A decision stands while its unit is as it was decided (core.units); otherwise the unit is
        open again and the outdated decision is its `reopened`. Gold spans that no unit covers any
        more (every annotator removed theirs there) form a unit of their own, on which everyone
        agrees there is no span: deciding it takes them out."""
        names = rs.labelled_annotators(self.store, document_id).get(document_id, ())
        layers: dict[str, list[Span]] = {n: [] for n in names}
        gold: list[Span] = []
        for span in self.store.spans(document_id):
            if span.annotator in layers:
                layers[span.annotator].append(span)
            elif span.annotator == GOLD:
                gold.append(span)
        found = disagreement_units(document_id, layers)
        if names:
            found = sorted(found + _orphans(document_id, found, gold, names), key=lambda u: u.key)
        current = rs.current_decisions(self.store, document_id)
        return [_with_decision(u, current) for u in found]

    def own_documents(self, entries: Sequence[QueueEntry] | None = None) -> list[int]:
        """Documents of the queue the reviewer labelled too: they would judge their own layer."""
        return [e.id for e in (self.queue() if entries is None else entries) if self.reviewer in e.annotators]

    def reviewer_warnings(self, entries: Sequence[QueueEntry] | None = None) -> list[str]:
        """One line when the reviewer is one of the annotators being adjudicated, else none."""
        own = self.own_documents(entries)
        if not own:
            return []
        return [f"reviewer {self.reviewer!r} is also an annotator of {plural(len(own), 'document')} to adjudicate "
                "(their own layer is among the versions judged); review under another name if that is not meant"]

    def settle(self, document_id: int) -> bool:
        """Make the gold status match the units (after annotators changed a layer); True if adjudicated."""
        with self.store.transaction():
            return self._settle_status(document_id)

    def is_adjudicated(self, document_id: int) -> bool:
        return document_id in rs.adjudicated_documents(self.store)

    # -- deciding -----------------------------------------------------------------------
    def take(self, document_id: int, unit: UnitKey, annotator: str) -> ReviewChange:
        """Accept `annotator`'s version of the unit (which may be "no span")."""
        found = self._unit(document_id, unit)
        try:
            spans = found.version_of(annotator)
        except KeyError as exc:
            raise ProjectError(str(exc.args[0])) from None
        return self._decide(found, spans, Action.TAKE, annotator)

    def reject(self, document_id: int, unit: UnitKey) -> ReviewChange:
        """No gold span in this unit."""
        return self._decide(self._unit(document_id, unit), (), Action.REJECT)

    def accept_edited(self, document_id: int, unit: UnitKey, spans: Sequence[Triple]) -> ReviewChange:
        """Accept the reviewer's own spans for the unit; each must lie inside the unit's range.

        (A span reaching into a neighbouring unit would be taken out again when that unit is
        decided, since deciding a unit replaces the gold spans that overlap it.)"""
        found = self._unit(document_id, unit)
        for start, end, label in spans:
            if not (found.start <= start < end <= found.end):
                raise SpanError(f"{label} [{start}, {end}) reaches outside unit [{found.start}, {found.end}) "
                                f"of document {document_id}; a reviewer's span stays inside its unit")
        return self._decide(found, tuple(sorted(set(spans))), Action.EDIT)

    def accept_unanimous(self, document_id: int) -> ReviewChange:
        """Take every undecided unit all annotators agree on, in one step (one undo).

        A unit whose spans agree but whose attributes differ is left open: the reviewer takes
        the version whose attributes are right (1-9)."""
        todo = [u for u in self.units(document_id) if u.kind is UnitKind.UNANIMOUS and not u.decided
                and _attributes_agree(u)]
        with self.store.transaction():
            steps = [self._apply(u, u.candidates[0].spans, Action.UNANIMOUS) for u in todo]
            adjudicated = self._settle_status(document_id)
        return _change(document_id, steps, adjudicated)

    def accept_unanimous_everywhere(self) -> "UnanimousRun":
        """`accept_unanimous` on every document two or more annotators labelled (the command line's
        `adjudicate --unanimous`). The unit of work is one document: its unanimous units and its
        status in one transaction, so a stop (a full disk, a kill) keeps whole documents and the
        one being written is absent; running it again goes on from there."""
        run = UnanimousRun()
        for entry in self.queue():
            try:
                change = self.accept_unanimous(entry.id)
            except ProjectError as exc:
                raise ProjectError(f"{exc} (document {entry.id}; the {plural(run.documents, 'document')} before it, "
                                   f"{plural(run.units, 'unit')}, are kept: run it again when there is room)") from None
            run.documents += 1
            run.units += len(change.decisions)
            if change.adjudicated if change else self.settle(entry.id):
                run.adjudicated += 1
            else:
                run.still_open += 1
        return run

    def _decide(self, unit: Unit, spans: tuple[Triple, ...], action: Action, taken: str = "") -> ReviewChange:
        with self.store.transaction():
            step = self._apply(unit, spans, action, taken)
            adjudicated = self._settle_status(unit.document_id)
        return _change(unit.document_id, [step], adjudicated)

    def _unit(self, document_id: int, key: UnitKey) -> Unit:
        for unit in self.units(document_id):
            if unit.key == tuple(key):
                return unit
        raise ConflictError(f"document {document_id} has no disagreement unit [{key[0]}, {key[1]}) any more: "
                            "an annotator changed their spans; reload the document")

    def _apply(self, unit: Unit, spans: tuple[Triple, ...], action: Action,
               taken: str = "") -> tuple[int, list[Triple], list[Triple]]:
        """Make the gold layer in `unit` exactly `spans` and record the decision (inside a transaction).

        A gold span takes the attributes of the `taken` annotator's span, else of any that made it."""
        doc = unit.document_id
        removed = rs.gold_spans_overlapping(self.store, doc, unit.start, unit.end)
        for span in removed:
            self.store.delete_span(span)
        made: dict[Triple, list[Span]] = {}
        for c in unit.candidates:
            for s in c.sources:
                made.setdefault(s.key, []).append(s)
        added = []
        at = datetime.now(timezone.utc).isoformat(timespec="milliseconds")
        for start, end, label in spans:
            if rs.gold_span(self.store, doc, (start, end, label)) is None:  # one outside the unit may exist
                versions = made.get((start, end, label))
                attrs = _attrs_of(versions, taken) if versions else self._read_figure(doc, start, end, label)
                source = _version_of(versions, taken).provenance if versions else figure_read(attrs)
                added.append(self.store.add_span(Span(doc, start, end, label, annotator=GOLD, attrs=attrs,
                                                      provenance=reviewed(action.value, self.reviewer, at, source))))
        agreed = unit.agreeing(spans)
        decision = rs.insert_decision(self.store, doc, unit.key, action, self.reviewer, agreed, added, removed,
                                      unit.versions)
        self.store.log(self.reviewer, "decide", doc, decision=decision, unit=list(unit.key), how=action.value,
                       spans=[list(s) for s in spans], agreed=list(agreed))
        return decision, [s.key for s in added], [s.key for s in removed]

    def _read_figure(self, document_id: int, start: int, end: int, label: str) -> dict:
        """A reviewer's own new span: a FIGURE gets its numbers read, as when an annotator makes one."""
        schema = self.store.schema()
        if not schema.reads_figures(label):
            return {}
        document = self.store.document(document_id)
        return figure_attrs(schema, label, document.text, start, end, document.lang)

    # -- undo and redo ------------------------------------------------------------------
    def undo(self, change: ReviewChange) -> ReviewChange:
        """Take back the decisions of `change` (latest first); the gold layer returns to before."""
        with self.store.transaction():
            steps = [self._flip(d, undo=True) for d in reversed(change.decisions)]
            adjudicated = self._settle_status(change.document_id)
        return _change(change.document_id, steps, adjudicated)

    def redo(self, change: ReviewChange) -> ReviewChange:
        """Make the decisions of `change` again after an undo."""
        with self.store.transaction():
            steps = [self._flip(d, undo=False) for d in change.decisions]
            adjudicated = self._settle_status(change.document_id)
        return _change(change.document_id, steps, adjudicated)

    def _flip(self, decision_id: int, *, undo: bool) -> tuple[int, list[Triple], list[Triple]]:
        record = rs.decision_record(self.store, decision_id)
        if record is None or record.undone is undo:
            state = "missing" if record is None else ("undone already" if undo else "in force")
            raise ConflictError(f"decision {decision_id} is {state}; reload the review")
        doc = record.decision.document_id
        take_out, put_in = (record.added, record.removed) if undo else (record.removed, record.added)
        out_keys = {s.key for s in take_out}
        present = [rs.gold_span(self.store, doc, k) for k in out_keys]
        blocked = [s for s in put_in if s.key not in out_keys and rs.gold_span(self.store, doc, s.key)]
        if any(p is None for p in present) or blocked:
            raise ConflictError(f"the gold layer of document {doc} changed after decision {decision_id}; "
                                "undo the later changes first")
        for span in present:
            self.store.delete_span(span)
        for span in put_in:
            self.store.add_span(span)
        rs.set_undone(self.store, decision_id, undo)
        self.store.log(self.reviewer, "undo_decision" if undo else "redo_decision", doc, decision=decision_id)
        return decision_id, [s.key for s in put_in], sorted(out_keys)

    def _settle_status(self, document_id: int) -> bool:
        """Status done of GOLD exactly when every unit is decided (and someone labelled the document)."""
        units = self.units(document_id)
        labelled = bool(rs.labelled_annotators(self.store, document_id))
        adjudicated = labelled and all(u.decided for u in units)
        status = self.store.status(document_id, GOLD)
        if adjudicated and status is not Status.DONE:
            self.store.set_status(document_id, GOLD, Status.DONE)
        elif not adjudicated and status is Status.DONE:
            self.store.set_status(document_id, GOLD, Status.IN_PROGRESS)
        return adjudicated


def adjudicated_among(store: ProjectStore, document_ids: Sequence[int]) -> set[int]:
    """Which of `document_ids` are adjudicated now (gold status done); reads only."""
    return set(document_ids) & rs.adjudicated_documents(store)


def _with_decision(unit: Unit, current: dict[UnitKey, rs.DecisionRecord]) -> Unit:
    """The unit with its decision in force, or with the outdated decision that was made there."""
    record = current.get(unit.key)
    if record is not None and unit.decided_by(record.decision):
        return replace(unit, decision=record.decision)
    if record is None:  # a unit that changed range: the latest decision over any part of it
        record = next((r for r in reversed(current.values())
                       if r.decision.unit[0] < unit.end and unit.start < r.decision.unit[1]), None)
    return replace(unit, reopened=record.decision) if record is not None else unit


def _orphans(document_id: int, units: list[Unit], gold: list[Span], names: Sequence[str]) -> list[Unit]:
    """Units over gold spans that no annotator's unit covers any more: everyone's version is "no span"."""
    loose = [s for s in gold if not any(s.start < u.end and u.start < s.end for u in units)]
    groups: list[list[Span]] = []
    for span in sorted(loose, key=lambda s: (s.start, s.end)):
        if groups and span.start < max(s.end for s in groups[-1]):
            groups[-1].append(span)
        else:
            groups.append([span])
    nobody = (Candidate((), tuple(names), ()),)
    return [Unit(document_id, min(s.start for s in g), max(s.end for s in g), UnitKind.UNANIMOUS, nobody)
            for g in groups]


def _attributes_agree(unit: Unit) -> bool:
    by_key: dict[Triple, set[str]] = {}
    for c in unit.candidates:
        for s in c.sources:
            by_key.setdefault(s.key, set()).add(repr(sorted(s.attrs.items())))
    return all(len(v) == 1 for v in by_key.values())


def _version_of(versions: list[Span], taken: str) -> Span:
    """The annotator's span a gold span comes from: the taken annotator's, else the first of those who made it."""
    return next((s for s in versions if s.annotator == taken), versions[0])


def _attrs_of(versions: list[Span], taken: str) -> dict:
    """Gold attributes of a span several annotators made: the taken annotator's; else only the
    values all of them gave (a value they disagree on is left for the reviewer to set)."""
    mine = [s for s in versions if s.annotator == taken]
    if mine:
        return dict(mine[0].attrs)
    first = versions[0].attrs
    return {k: v for k, v in first.items() if all(s.attrs.get(k) == v for s in versions[1:])}


def _change(document_id: int, steps: list[tuple[int, list[Triple], list[Triple]]], adjudicated: bool) -> ReviewChange:
    return ReviewChange(document_id, tuple(d for d, _, _ in steps),
                        tuple(k for _, added, _ in steps for k in added),
                        tuple(k for _, _, removed in steps for k in removed), adjudicated)
