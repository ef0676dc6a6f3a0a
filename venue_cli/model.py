"""The dataset as frozen, typed records: what the loader returns and the scorer reads.

Nothing here reads files or computes scores; see `load` and `scoring`.
"""

import datetime as dt
from enum import StrEnum
from typing import NamedTuple


class Stance(StrEnum):
    """A party's stated stance toward a venue, on an ordinal scale (best first)."""

    PROPOSES = "proposes"
    ACCEPTS = "accepts"
    OPEN = "open"
    RELUCTANT = "reluctant"
    REJECTS = "rejects"


class Criterion(StrEnum):
    """The model's criteria; every value is normalised to [0, 1], higher is better."""

    LEGAL = "legal"
    ACCESS = "access"
    SECURITY = "security"
    NEUTRALITY = "neutrality"
    MEDIATION = "mediation"
    READINESS = "readiness"
    HOME_TURF = "home_turf"


CRITERION_LABELS: dict[Criterion, str] = {
    Criterion.LEGAL: "Legal exposure",
    Criterion.ACCESS: "Access",
    Criterion.SECURITY: "Security",
    Criterion.NEUTRALITY: "Neutrality",
    Criterion.MEDIATION: "Mediation record",
    Criterion.READINESS: "Host readiness",
    Criterion.HOME_TURF: "Home turf",
}


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

    def cite(self) -> str:
        """Short citation: outlet (via agency), date, url."""
        parts = [self.outlet + (f" ({self.via})" if self.via else "")]
        parts.append(self.date.isoformat() if self.date else "n.d.")
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
    criteria: dict[Criterion, CriterionWeight]
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


class Statement(NamedTuple):
    id: str
    date: dt.date
    party: str
    speaker: str
    venues: tuple[str, ...]
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


class Assessment(NamedTuple):
    id: str
    criterion: Criterion
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


class Case(NamedTuple):
    id: str
    title: str
    summary: str
    meeting: str
    meeting_kinds: dict[str, str]
    principals: tuple[str, ...]
    decision_date: dt.date | None = None
    notes: tuple[str, ...] = ()


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

    @property
    def first_date(self) -> dt.date | None:
        """The earliest dated record (statements, facts, events)."""
        dates = [s.date for s in self.statements] + [f.date for f in self.facts]
        dates += [e.date for e in self.events]
        return min(dates) if dates else None

    @property
    def last_date(self) -> dt.date | None:
        dates = [s.date for s in self.statements] + [f.date for f in self.facts]
        dates += [e.date for e in self.events]
        return max(dates) if dates else None
