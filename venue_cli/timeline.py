"""Time: the chronology of statements and events, and what moved the ranking between two dates.

Pure functions over a Dataset; no I/O.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from venue_cli.model.ranking import Ranking
from venue_cli.records import (
    Assessment,
    Dataset,
    Event,
    Fact,
    Statement,
    blanket_cover,
    show_date,
)


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    date: dt.date
    kind: str  # "statement", "event", "fact" or "assessment"
    id: str
    party: str  # party name(s)
    speaker: str
    venues: tuple[str, ...]  # venue names (or a blanket remark's scope, in words)
    stance: str  # stance, or the event kind
    meeting: str
    text: str  # the quote, or the summary
    source: str
    line: int
    change: str = ""  # in a change list: new, supersedes, lapsed or ended
    shown_date: str = ""  # the date as known: 2025-03-14, 2025-03 or 2025


def covered_venues(
    ds: Dataset, s: Statement, groups: Mapping[str, Iterable[str]] | None = None
) -> set[str]:
    """Every venue the statement bears on: named, or covered by a blanket remark
    (`records.blanket_cover`). Pass `groups` when calling once per
    statement (`Dataset.venue_groups`), so that the groups are built once."""
    if not s.blanket:
        return set(s.venues)
    if groups is None:
        groups = ds.venue_groups()
    covered = blanket_cover(s.covers, s.others is not None, s.venues, s.excluded, ds.venues, groups)
    return {*s.venues, *covered}


def scope_words(ds: Dataset, s: Statement) -> tuple[str, ...]:
    names = tuple(ds.venues[v].name for v in s.venues)
    if s.covers is not None:
        what = "every venue" if s.covers == "all" else f"the {s.covers} venues"
        if s.excluded:
            what += " but " + ", ".join(ds.venues[v].name for v in s.excluded)
        return (*names, what)
    if s.others is not None:
        return (*names, f"every other venue: {s.others.value}")
    return names


def timeline(
    ds: Dataset,
    *,
    party: str | None = None,
    venues: tuple[str, ...] = (),
    since: dt.date | None = None,
    until: dt.date | None = None,
) -> list[TimelineEntry]:
    """Statements and events in date order (file order within a day), filtered; a venue
    filter keeps blanket remarks that cover the venue."""
    out: list[TimelineEntry] = []

    def keep(day: dt.date) -> bool:
        return (since is None or day >= since) and (until is None or day <= until)

    wanted = set(venues)
    groups = ds.venue_groups()
    for s in ds.statements:
        if not keep(s.known_from) or (party and party not in s.speakers):
            continue
        if wanted and not wanted & covered_venues(ds, s, groups):
            continue
        out.append(entry_statement(ds, s))
    countries = {ds.venues[v].country for v in wanted}
    for e in ds.events:
        if not keep(e.date) or (party and party not in (*e.parties, *e.mediators)):
            continue
        if wanted and e.venue not in wanted and e.country not in countries:
            continue
        out.append(entry_event(ds, e))
    out.sort(key=lambda t: (t.date, t.kind != "event", t.line))
    return out


@dataclass(frozen=True, slots=True)
class VenueChange:
    """How one venue moved between two dates, and the records dated in between that bear
    on it."""

    venue: str
    name: str
    rank_from: int
    rank_to: int
    score_from: float
    score_to: float
    feasible_from: bool
    feasible_to: bool
    causes: tuple[TimelineEntry, ...]


def changes(before: Ranking, after: Ranking) -> list[VenueChange]:
    """Venues whose joint score or feasibility moved between two rankings, each with the
    records dated in the window (after the first day, up to the second) that bear on it:
    statements and events new in the window (a statement `supersedes` when its party had
    said something earlier about the venue), statements that lapsed, facts that began or
    ended, judged values that took effect. A venue whose score did not move is not listed."""
    ds = after.dataset
    d1, d2 = before.as_of, after.as_of

    def inside(day: dt.date) -> bool:
        return d1 < day <= d2

    # Indexes built once, so the work is linear in the records (not venues x records).
    statements_on: dict[str, list[Statement]] = {}
    spoke_by: set[tuple[str, str]] = set()  # (party, venue) with a remark on or before d1
    groups = ds.venue_groups()
    for st in ds.statements:
        for vid in covered_venues(ds, st, groups):
            statements_on.setdefault(vid, []).append(st)
            if st.known_from <= d1:
                spoke_by.update((p, vid) for p in st.speakers)
    events_at: dict[str, list[Event]] = {}  # by venue id
    events_in: dict[str, list[Event]] = {}  # by country
    for e in ds.events:
        if inside(e.date):
            if e.venue:
                events_at.setdefault(e.venue, []).append(e)
            events_in.setdefault(e.country, []).append(e)
    facts_by_id = {f.id: f for f in ds.facts}
    facts_on: dict[str, list[str]] = {}
    for f in ds.facts:
        if f.venue:
            facts_on.setdefault(f.venue, []).append(f.id)
    assessed_by: set[tuple[str, str, str | None]] = set()
    assessments_on: dict[str, list[Assessment]] = {}
    for a in ds.assessments:
        if a.date <= d1:
            assessed_by.add((a.venue, a.criterion, a.party))
        if inside(a.date):
            assessments_on.setdefault(a.venue, []).append(a)

    entries: dict[str, TimelineEntry] = {}
    marked: dict[tuple[str, str], TimelineEntry] = {}

    def cause_of(st: Statement) -> TimelineEntry:
        """The statement's entry, built once and shared by every venue it moved, naming
        at most MAX_CAUSE_VENUES venues (each of those venues lists it: a statement naming
        10,000 venues would otherwise put 10,000 names under each of them)."""
        entry = entries.get(st.id)
        if entry is None:
            entry = entries[st.id] = _short_scope(entry_statement(ds, st), len(st.venues))
        return entry

    def statement_cause(st: Statement, change: str) -> TimelineEntry:
        """One entry per statement and kind of change, shared by every venue it moved (a
        blanket remark moves thousands), so memory follows the records, not venues x
        records."""
        key = (st.id, change)
        entry = marked.get(key)
        if entry is None:
            day = st.valid_until if change == "lapsed" else None
            entry = marked[key] = _with(cause_of(st), change, day)
        return entry

    out: list[VenueChange] = []
    for s2 in after.scores:
        s1 = before.get(s2.venue.id)
        if s1.feasible == s2.feasible and abs(s1.joint - s2.joint) < 1e-12:
            continue
        vid = s2.venue.id
        causes: list[TimelineEntry] = []
        for st in statements_on.get(vid, ()):
            if inside(st.known_from):
                earlier = any((p, vid) in spoke_by for p in st.speakers)
                causes.append(statement_cause(st, "supersedes" if earlier else "new"))
            elif st.valid_until is not None and inside(st.valid_until):
                causes.append(statement_cause(st, "lapsed"))
        seen_events: set[str] = set()
        for e in (*events_at.get(vid, ()), *events_in.get(s2.venue.country, ())):
            if e.id not in seen_events:
                seen_events.add(e.id)
                causes.append(_with(entry_event(ds, e), "new"))
        bearing = _evidence(s1) | _evidence(s2) | set(facts_on.get(vid, ()))
        for fid in sorted(bearing & facts_by_id.keys(), key=lambda i: facts_by_id[i].line):
            f = facts_by_id[fid]
            if inside(f.valid_from):
                causes.append(_with(_entry_fact(ds, f, f.valid_from, s2.venue.name), "new"))
            elif f.valid_until is not None and inside(f.valid_until):
                causes.append(_with(_entry_fact(ds, f, f.valid_until, s2.venue.name), "ended",
                                    f.valid_until))  # fmt: skip
        for a in assessments_on.get(vid, ()):
            older = (vid, a.criterion, a.party) in assessed_by
            causes.append(
                _with(
                    TimelineEntry(a.date, "assessment", a.id, "", "", (s2.venue.name,),
                                  a.criterion, "", f"{a.value:g}: {a.rationale}",
                                  _cite(ds, a.sources), a.line),
                    "supersedes" if older else "new",
                )
            )  # fmt: skip
        causes.sort(key=lambda t: (t.date, t.line))
        out.append(
            VenueChange(
                vid,
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


#: The venues a cause listed by `changes` names, at most (then "and N more venues"); the
#: timeline, which lists each statement once, names them all.
MAX_CAUSE_VENUES = 10


def _short_scope(e: TimelineEntry, named: int) -> TimelineEntry:
    """`e` naming at most MAX_CAUSE_VENUES of the `named` venues its scope starts with (the
    words after them, such as "every venue but Minsk", are kept)."""
    if named <= MAX_CAUSE_VENUES:
        return e
    from dataclasses import replace

    more = f"and {named - MAX_CAUSE_VENUES:,} more (venues timeline lists them all)"
    words = (*e.venues[:MAX_CAUSE_VENUES], more, *e.venues[named:])
    return replace(e, venues=words)


def _with(e: TimelineEntry, change: str, day: dt.date | None = None) -> TimelineEntry:
    from dataclasses import replace

    if day is None:
        return replace(e, change=change)
    return replace(e, change=change, date=day, shown_date=day.isoformat())


def _evidence(score: object) -> set[str]:
    from venue_cli.model.ranking import VenueScore

    assert isinstance(score, VenueScore)
    return {e for ps in score.parties for cv in ps.criteria for e in cv.evidence}


def _entry_fact(ds: Dataset, f: Fact, day: dt.date, venue_name: str) -> TimelineEntry:
    return TimelineEntry(day, "fact", f.id, "", "", (venue_name,), f.kind.value, "", f.summary,
                         _cite(ds, f.sources), f.line, "", day.isoformat())  # fmt: skip


def _cite(ds: Dataset, ids: tuple[str, ...]) -> str:
    return "; ".join(ds.sources[i].cite() for i in ids if i in ds.sources)


def entry_statement(ds: Dataset, st: Statement) -> TimelineEntry:
    return TimelineEntry(
        st.known_from,
        "statement",
        st.id,
        ", ".join(ds.parties[p].name for p in st.speakers),
        st.speaker,
        scope_words(ds, st),
        st.stance.value,
        st.meeting,
        st.quote,
        _cite(ds, st.sources),
        st.line,
        "",
        show_date(st.date, st.date_precision),
    )


def entry_event(ds: Dataset, e: Event) -> TimelineEntry:
    where = (ds.venues[e.venue].name,) if e.venue else (e.place,)
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
        "",
        show_date(e.date, e.date_precision),
    )
