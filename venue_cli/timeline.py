"""Time: the chronology of statements and events, and what moved the ranking between two dates.

Pure functions over a Dataset; no I/O.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from venue_cli.model.ranking import Ranking, VenueScore
from venue_cli.records import Dataset, Event, Statement


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: dt.date
    kind: str  # "statement" or "event" (or "fact" in a change list)
    id: str
    party: str  # party name(s)
    speaker: str
    venues: tuple[str, ...]  # venue names
    stance: str  # stance, or the event kind
    meeting: str
    text: str  # the quote, or the event summary
    source: str
    line: int


def timeline(
    ds: Dataset,
    *,
    party: str | None = None,
    venues: tuple[str, ...] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[TimelineEntry]:
    """Statements and events in date order (file order within a day), filtered."""
    out: list[TimelineEntry] = []

    def keep(day: dt.date) -> bool:
        return (since is None or day >= since) and (until is None or day <= until)

    wanted = set(venues)
    for s in ds.statements:
        if (
            not keep(s.date)
            or (party and s.party != party)
            or (wanted and not wanted & set(s.venues))
        ):
            continue
        out.append(_entry_statement(ds, s))
    countries = {ds.venues[v].country for v in wanted}
    for e in ds.events:
        if not keep(e.date) or (party and party not in e.parties):
            continue
        if wanted and e.venue not in wanted and e.country not in countries:
            continue
        where = (ds.venues[e.venue].name,) if e.venue else (e.place,)
        out.append(_entry_event(ds, e, where))
    out.sort(key=lambda t: (t.date, t.kind != "event", t.line))
    return out


@dataclass(frozen=True, slots=True)
class VenueChange:
    """How one venue moved between two dates, and the records dated in between that moved it."""

    venue: str
    name: str
    rank_from: int
    rank_to: int
    score_from: float
    score_to: float
    feasible_from: bool
    feasible_to: bool
    causes: tuple[TimelineEntry, ...]


def _evidence(score: VenueScore) -> set[str]:
    ids = {e for ps in score.parties for cv in ps.criteria for e in cv.evidence}
    ids |= {ps.stance.statement.id for ps in score.parties if ps.stance.statement}
    ids |= {v.statement.id for v in score.vetoes}
    return ids


def changes(before: Ranking, after: Ranking) -> list[VenueChange]:
    """Venues whose rank, score or feasibility differ between two rankings, each with the
    records (statements, facts, events) that the later ranking uses and the earlier did not."""
    ds = after.dataset
    d1, d2 = before.as_of, after.as_of
    out: list[VenueChange] = []
    for s2 in after.scores:
        s1 = before.get(s2.venue.id)
        if (s1.rank, s1.feasible) == (s2.rank, s2.feasible) and abs(s1.joint - s2.joint) < 1e-12:
            continue
        before_ids, after_ids = _evidence(s1), _evidence(s2)
        new = before_ids ^ after_ids
        either = before_ids | after_ids
        causes: list[TimelineEntry] = []
        for st in ds.statements:
            if st.id in new:
                causes.append(_entry_statement(ds, st))
        for f in ds.facts:
            moved = (d1 < f.valid_from <= d2) or (
                f.valid_until is not None and d1 < f.valid_until <= d2
            )
            if f.id in new or (moved and f.id in either):
                causes.append(
                    TimelineEntry(
                        f.valid_from if d1 < f.valid_from <= d2 else (f.valid_until or f.date),
                        "fact",
                        f.id,
                        "",
                        "",
                        (s2.venue.name,),
                        f.kind.value,
                        "",
                        f.summary,
                        _cite(ds, f.sources),
                        f.line,
                    )
                )
        for e in ds.events:
            if e.id in new:
                causes.append(_entry_event(ds, e, (e.place,)))
        causes.sort(key=lambda t: (t.date, t.line))
        out.append(
            VenueChange(
                s2.venue.id,
                s2.venue.name,
                s1.rank,
                s2.rank,
                s1.joint,
                s2.joint,
                s1.feasible,
                s2.feasible,
                tuple(causes),
            )
        )
    out.sort(key=lambda c: (c.rank_to, c.venue))
    return out


def _cite(ds: Dataset, ids: tuple[str, ...]) -> str:
    return "; ".join(ds.sources[i].cite() for i in ids if i in ds.sources)


def _entry_statement(ds: Dataset, st: Statement) -> TimelineEntry:
    return TimelineEntry(
        st.date,
        "statement",
        st.id,
        ds.parties[st.party].name,
        st.speaker,
        tuple(ds.venues[v].name for v in st.venues),
        st.stance.value,
        st.meeting,
        st.quote,
        _cite(ds, st.sources),
        st.line,
    )


def _entry_event(ds: Dataset, e: Event, where: tuple[str, ...]) -> TimelineEntry:
    return TimelineEntry(
        e.date,
        "event",
        e.id,
        ", ".join(ds.parties[p].name for p in e.parties),
        "",
        where,
        e.kind.value,
        e.meeting,
        e.summary,
        _cite(ds, e.sources),
        e.line,
    )
