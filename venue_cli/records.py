"""The dataset as frozen, typed records: what the loader returns and the model reads.

Nothing here reads files or computes scores: `venue_cli.format` builds these records from a
file, and `venue_cli.model` scores them. Every record keeps the line it came from (`line`),
so that messages can point into the file.

Criteria are named by plain ids (`"legal"`, `"security"`, …): the model's criterion registry
(`venue_cli.model.criteria`) says which exist.
"""

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from enum import StrEnum
from typing import NamedTuple


class Stance(StrEnum):
    """A party's stated stance toward a venue, on an ordinal scale (best first)."""

    PROPOSES = "proposes"
    ACCEPTS = "accepts"
    OPEN = "open"
    RELUCTANT = "reluctant"
    REJECTS = "rejects"


#: The stance scale from worst to best (sensitivity moves a stance along it).
STANCE_LEVELS: tuple[Stance, ...] = (
    Stance.REJECTS,
    Stance.RELUCTANT,
    Stance.OPEN,
    Stance.ACCEPTS,
    Stance.PROPOSES,
)


class Role(StrEnum):
    PRINCIPAL = "principal"
    MEDIATOR = "mediator"
    STAKEHOLDER = "stakeholder"


class Confidence(StrEnum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class Attribution(StrEnum):
    FIRST_HAND = "first_hand"
    REPORTED = "reported"
    PARAPHRASE = "paraphrase"


class Precision(StrEnum):
    """How much of a date is known: `2025-03-14`, `2025-03` or `2025`."""

    DAY = "day"
    MONTH = "month"
    YEAR = "year"


class FactKind(StrEnum):
    ICC_MEMBER = "icc_member"
    ARREST_WARRANT = "arrest_warrant"
    IMMUNITY_PLEDGE = "immunity_pledge"
    AIRSPACE_CLOSURE = "airspace_closure"
    AIRSPACE_WAIVER = "airspace_waiver"
    TRAVEL_CONSTRAINT = "travel_constraint"
    UNFRIENDLY_LIST = "unfriendly_list"
    NEUTRALITY_STATUS = "neutrality_status"
    ALIGNMENT = "alignment"
    NOTE = "note"


class EventKind(StrEnum):
    TALKS = "talks"
    SUMMIT = "summit"
    EXCHANGE = "exchange"
    CONFERENCE = "conference"
    CANCELLED = "cancelled"
    POSTPONED = "postponed"  # schema_version 2

    @property
    def held(self) -> bool:
        """True for talks that took place (not a cancelled or postponed plan)."""
        return self not in (EventKind.CANCELLED, EventKind.POSTPONED)


class Level(StrEnum):
    """Who attends a kind of meeting: the leaders themselves, or delegations of officials."""

    LEADERS = "leaders"
    DELEGATIONS = "delegations"


def show_date(day: dt.date, precision: Precision = Precision.DAY) -> str:
    """`2025-03-14`, or `2025-03` / `2025` for a date known only to the month or year."""
    if precision is Precision.YEAR:
        return f"{day.year:04d}"
    if precision is Precision.MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


class Source(NamedTuple):
    id: str
    outlet: str
    date: dt.date | None
    title: str | None = None
    url: str | None = None
    reliability: str = "normal"
    via: str | None = None
    note: str | None = None
    line: int = 0
    date_precision: Precision = Precision.DAY

    def cite(self) -> str:
        """Short citation: outlet (via agency), date, url."""
        parts = [self.outlet + (f" ({self.via})" if self.via else "")]
        parts.append(show_date(self.date, self.date_precision) if self.date else "n.d.")
        if self.url:
            parts.append(self.url)
        if self.reliability == "weak":
            parts.append("[weak source]")
        return ", ".join(parts)


class CriterionWeight(NamedTuple):
    weight: float
    rationale: str


class Party(NamedTuple):
    id: str
    name: str
    role: Role
    joint_weight: float
    joint_weight_rationale: str
    criteria: dict[str, CriterionWeight]  # empty: the role's default weights apply
    country: str | None = None
    leader: str | None = None
    aliases: tuple[str, ...] = ()
    line: int = 0


class Venue(NamedTuple):
    id: str
    name: str
    city: str
    country: str
    country_name: str
    aliases: tuple[str, ...] = ()
    groups: tuple[str, ...] = ()
    host: str | None = None
    arrival_country: str | None = None  # e.g. Italy for the Holy See
    jurisdictions: tuple[str, ...] = ()
    blocs: tuple[str, ...] = ()
    note: str | None = None
    line: int = 0

    @property
    def places(self) -> frozenset[str]:
        """The country and the blocs it belongs to (what a country- or bloc-level fact hits)."""
        return frozenset((self.country, *self.blocs))

    @property
    def legal_countries(self) -> tuple[str, ...]:
        """Countries whose law a visiting leader is under: the venue's, and where one lands."""
        if self.arrival_country and self.arrival_country != self.country:
            return (self.country, self.arrival_country)
        return (self.country,)

    @property
    def airspaces(self) -> tuple[str, ...]:
        """Airspace a state flight must use: declared jurisdictions, else the country."""
        return self.jurisdictions or (self.country,)

    @property
    def place(self) -> "Place":
        """What the place-level criteria may read of the venue (two venues may share it)."""
        return Place(
            self.country, self.country_name, self.blocs, self.legal_countries, self.airspaces
        )


class Place(NamedTuple):
    """The country-level facts of a venue. A criterion declared place-level receives only
    this, so it cannot depend on anything else about the venue (and is computed once per
    place)."""

    country: str
    country_name: str
    blocs: tuple[str, ...]
    legal_countries: tuple[str, ...]
    airspaces: tuple[str, ...]

    @property
    def places(self) -> frozenset[str]:
        return frozenset((self.country, *self.blocs))


class Condition(NamedTuple):
    """A condition attached to a statement ("only after the delegations agree")."""

    kind: str  # timing | format | participants | other
    text: str


class Statement(NamedTuple):
    id: str
    date: dt.date
    party: str  # the speaking party (the first, for a joint statement)
    speaker: str
    venues: tuple[str, ...]  # the venues named
    stance: Stance
    meeting: str
    quote: str
    attribution: Attribution
    confidence: Confidence
    sources: tuple[str, ...]
    context: str | None = None
    note: str | None = None
    assumed: bool = False  # True for a what-if assumption, never for recorded data
    line: int = 0
    # schema_version 2 ------------------------------------------------------------------
    parties: tuple[str, ...] = ()  # a joint statement: every party that made it
    covers: str | None = None  # a blanket remark: "all", or a venue group id
    excluded: tuple[str, ...] = ()  # venues a blanket remark leaves out ("all but …")
    others: Stance | None = None  # the stance toward every venue not named ("only in X")
    reported: dt.date | None = None  # the day it became public, if later than `date`
    public: bool = True  # False: a confidential exchange, revealed later
    valid_until: dt.date | None = None  # the stance lapses on this day
    event: str | None = None  # the planned event it is about (lapses if cancelled)
    conditions: tuple[Condition, ...] = ()
    date_precision: Precision = Precision.DAY

    @property
    def speakers(self) -> tuple[str, ...]:
        """Every party the statement speaks for."""
        return self.parties or (self.party,)

    @property
    def known_from(self) -> dt.date:
        """The day from which the statement counts: when it was said, or reported."""
        return self.reported if self.reported and self.reported > self.date else self.date

    @property
    def blanket(self) -> bool:
        """True if the statement covers venues it does not name (a group, all, or others)."""
        return self.covers is not None or self.others is not None


def blanket_cover(
    covers: str | None,
    others: bool,
    named: Collection[str],
    excluded: Collection[str],
    every: Iterable[str],
    groups: Mapping[str, Iterable[str]],
) -> list[str]:
    """The venues a blanket remark covers besides those it names, in venue order:
    `covers: all` every venue and `covers: GROUP` the group's, less `except`; `others`
    every venue; neither, none. The one statement of the rule: validation counts with it
    (raw values), the stances and the timeline read it (records). `every` is every venue
    id and `groups` each group's ids (`venue_groups`), built once per dataset, so a call
    costs the size of the pool it reads."""
    if covers is not None:
        pool = every if covers == "all" else groups.get(covers, ())
        left_out = {*excluded, *named}
    elif others:
        pool, left_out = every, set(named)
    else:
        return []
    return [v for v in pool if v not in left_out]


def venue_groups(venues: Iterable[tuple[str, Iterable[str]]]) -> dict[str, list[str]]:
    """Each group's venue ids, in venue order and each once, from (id, groups) pairs."""
    out: dict[str, dict[str, None]] = {}
    for venue_id, groups in venues:
        for g in groups:
            out.setdefault(g, {})[venue_id] = None
    return {g: list(members) for g, members in out.items()}


class Fact(NamedTuple):
    id: str
    kind: FactKind
    date: dt.date
    summary: str
    confidence: Confidence
    sources: tuple[str, ...]
    valid_from: dt.date
    valid_until: dt.date | None = None
    quote: str | None = None
    # kind-specific fields (None when the kind does not use them)
    country: str | None = None
    party: str | None = None
    issuer: str | None = None
    strength: str | None = None
    jurisdiction: str | None = None
    against: str | None = None
    exemption: str | None = None
    derogation: str | None = None
    venue: str | None = None
    parties: tuple[str, ...] = ()
    level: float | None = None
    countries: tuple[str, ...] = ()
    status: str | None = None
    relation: str | None = None
    assumed: bool = False
    line: int = 0
    public: bool = True
    date_precision: Precision = Precision.DAY

    def applies_on(self, day: dt.date) -> bool:
        """True if the fact holds on `day` (valid_from inclusive, valid_until exclusive)."""
        return self.valid_from <= day and (self.valid_until is None or day < self.valid_until)


class Event(NamedTuple):
    id: str
    date: dt.date
    country: str
    place: str
    kind: EventKind
    meeting: str
    parties: tuple[str, ...]
    summary: str
    sources: tuple[str, ...]
    confidence: Confidence
    end_date: dt.date | None = None
    venue: str | None = None
    line: int = 0
    mediators: tuple[str, ...] = ()  # schema_version 2: parties that mediated
    public: bool = True
    date_precision: Precision = Precision.DAY


class Assessment(NamedTuple):
    id: str
    criterion: str
    venue: str
    value: float
    date: dt.date
    rationale: str
    confidence: Confidence
    party: str | None = None
    sources: tuple[str, ...] = ()
    assumed: bool = False
    line: int = 0


class Outcome(NamedTuple):
    venue: str
    date: dt.date
    summary: str
    sources: tuple[str, ...]


class MeetingKind(NamedTuple):
    """A kind of meeting statements may be about. `relatedness` (schema_version 2) says how
    closely it bears on the meeting being placed (1 for that meeting itself; None: the
    model's default for another kind); `level` who attends (None: leaders)."""

    description: str
    relatedness: float | None = None
    level: Level | None = None


class Precondition(NamedTuple):
    """Something a party requires before any meeting at all (schema_version 2)."""

    id: str
    party: str
    date: dt.date
    text: str
    sources: tuple[str, ...]
    line: int = 0


class Case(NamedTuple):
    id: str
    title: str
    summary: str
    meeting: str
    meeting_kinds: dict[str, MeetingKind]
    principals: tuple[str, ...]
    decision_date: dt.date | None = None
    notes: tuple[str, ...] = ()
    groups: dict[str, str] = {}  # noqa: RUF012 - a NamedTuple default, never mutated
    preconditions: tuple[Precondition, ...] = ()


class Notice(NamedTuple):
    """Something a valid file got wrong that the loader set right (an id listed twice in one
    list counts once), kept so that `validate` can say so."""

    line: int
    column: int
    message: str


class Dataset(NamedTuple):
    """One validated case file. Lookup dicts are built once by the loader."""

    path: str
    case: Case
    sources: dict[str, Source]
    parties: dict[str, Party]
    venues: dict[str, Venue]
    statements: tuple[Statement, ...] = ()
    facts: tuple[Fact, ...] = ()
    events: tuple[Event, ...] = ()
    assessments: tuple[Assessment, ...] = ()
    outcome: Outcome | None = None
    schema_version: int = 1
    notices: tuple[Notice, ...] = ()

    def venue_groups(self) -> dict[str, list[str]]:
        """Each venue group's ids, in venue order (`venue_groups`); build it once per pass
        over the statements, not once per statement."""
        return venue_groups((v.id, v.groups) for v in self.venues.values())

    @property
    def first_date(self) -> dt.date | None:
        """The earliest dated record (statements, facts, events)."""
        dates = [s.date for s in self.statements] + [f.date for f in self.facts]
        dates += [e.date for e in self.events]
        return min(dates) if dates else None

    @property
    def last_date(self) -> dt.date | None:
        """The newest dated record (statements, facts, events, assessments)."""
        dates = [s.known_from for s in self.statements if not s.assumed]
        dates += [f.date for f in self.facts if not f.assumed]
        dates += [e.date for e in self.events] + [a.date for a in self.assessments]
        return max(dates) if dates else None
