"""The dataset format as one table: every record type, its fields, their types and meaning.

The validator (`validate`), the JSON Schema (`jsonschema`, `venues schema`) and the field
tables of docs/dataset-format.md (`docs`) are all generated from the specs below. A field
with `since=2` exists from schema_version 2; one with `until=1` only in version 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from venue_cli.format.fields import (
    Bool,
    Choice,
    Country,
    Date,
    FieldType,
    Id,
    ListOf,
    MapOf,
    Number,
    OneOf,
    Place,
    RecordOf,
    Text,
)
from venue_cli.records import Attribution, Confidence, EventKind, FactKind, Level, Role, Stance

SCHEMA_VERSIONS = (1, 2)
LATEST = 2
MAX_RECORDS = 20_000  # per list; a bigger case is almost surely a mistake or an attack

CONFIDENCES = tuple(c.value for c in Confidence)
STANCES = tuple(s.value for s in Stance)


def criterion_ids() -> tuple[str, ...]:
    """The criteria the model knows (its registry decides which exist)."""
    from venue_cli.model.criteria import REGISTRY

    return REGISTRY.ids()


@dataclass(frozen=True)
class Field:
    """One key of a record."""

    name: str
    type: FieldType
    required: bool = True
    description: str = ""
    ref: str | None = None  # what an id must name: party, venue, source, meeting, group, event
    since: int = 1
    until: int | None = None

    def in_version(self, version: int | None) -> bool:
        if version is None:
            return True
        return self.since <= version and (self.until is None or version <= self.until)


@dataclass(frozen=True)
class RecordSpec:
    name: str
    fields: tuple[Field, ...]
    description: str = ""

    def fields_for(self, version: int | None) -> tuple[Field, ...]:
        """The fields of one schema version (None: the newest of each name)."""
        if version is None:
            version = LATEST
        return tuple(f for f in self.fields if f.in_version(version))


def F(
    name: str, type_: FieldType, required: bool = True, description: str = "", **kw: Any
) -> Field:
    return Field(name, type_, required, description, **kw)


TEXT = Text(line=False)
LINE = Text()
ID = Id()
IDS = ListOf(ID, unique=True)
IDS0 = ListOf(ID, nonempty=False, unique=True)
PLACES = ListOf(Place(), unique=True)
DAY = Date()
PARTIAL = Date(partial=True)
PARTIAL_OR_NULL = Date(nullable=True, partial=True)
CONFIDENCE = Choice(CONFIDENCES)
SOURCES = F("sources", IDS, description="the sources it rests on", ref="source")
PUBLIC = F(
    "public",
    Bool(),
    False,
    "false for a confidential exchange revealed later (a public-knowledge backtest leaves "
    "it out); default true",
    since=2,
)

CRITERION_WEIGHT = RecordSpec(
    "criterion_weight",
    (
        F("weight", Number(0.0, 1000.0), description="raw weight (normalised per party)"),
        F("rationale", TEXT, description="one line: why this weight"),
    ),
)

MEETING_KIND = RecordSpec(
    "meeting_kind",
    (
        F("description", TEXT, description="what the meeting is"),
        F(
            "relatedness",
            Number(0.0, 1.0),
            False,
            "how closely statements about this kind bear on the meeting being placed "
            "(1 = as much as the meeting itself); default: the model's value for another kind",
        ),
        F(
            "level",
            Choice(tuple(lv.value for lv in Level)),
            False,
            "who attends: `leaders` (warrants against them matter) or `delegations`; "
            "default leaders",
        ),
    ),
)

PRECONDITION = RecordSpec(
    "precondition",
    (
        F("id", ID),
        F("party", ID, description="who requires it", ref="party"),
        F("date", PARTIAL, description="when it was stated"),
        F("text", TEXT, description="what must happen before any meeting"),
        SOURCES,
    ),
    "something a party requires before a meeting can take place at all",
)

CONDITION = RecordSpec(
    "condition",
    (
        F(
            "kind",
            Choice(("timing", "format", "participants", "other")),
            description="what it is about",
        ),
        F("text", TEXT, description="the condition, as reported"),
    ),
)

CASE = RecordSpec(
    "case",
    (
        F("id", ID, description="e.g. `putin-zelensky`"),
        F("title", LINE, description='e.g. "Putin–Zelensky leaders\' meeting"'),
        F("summary", TEXT, description="one paragraph: who must meet, why the venue matters"),
        F(
            "meeting",
            ID,
            description="the meeting kind being placed; one of `meeting_kinds`",
            ref="meeting",
        ),
        F(
            "meeting_kinds",
            MapOf(TEXT),
            description="every meeting kind statements may be about, with a description",
            until=1,
        ),
        F(
            "meeting_kinds",
            MapOf(
                OneOf((TEXT, RecordOf(MEETING_KIND)), "a description or a `meeting_kind` record")
            ),
            description="every meeting kind statements may be about: a description, or a "
            "`meeting_kind` record with its relatedness and level",
            since=2,
        ),
        F(
            "principals",
            IDS,
            description="the adversaries who must both attend (2 or more)",
            ref="party",
        ),
        F("decision_date", DAY, False, "historical cases: the day the venue was chosen"),
        F("notes", ListOf(TEXT), False, "caveats that apply to the whole case"),
        F(
            "groups",
            MapOf(TEXT, nonempty=False),
            False,
            "venue groups (classes) used by `venues.groups` and `statements.covers`, each "
            "with a description",
            since=2,
        ),
        F(
            "preconditions",
            ListOf(RecordOf(PRECONDITION)),
            False,
            "what a party requires before any meeting at all (shown by `explain`)",
            since=2,
        ),
    ),
    "what meeting is being placed",
)

SOURCE = RecordSpec(
    "source",
    (
        F("id", ID, description="e.g. `unn-2025-09-04-moscow`"),
        F("outlet", LINE, description='publication as read, e.g. "UNN", "TASS"'),
        F(
            "date",
            Date(nullable=True),
            description="date of the page; null when it showed none",
            until=1,
        ),
        F(
            "date",
            PARTIAL_OR_NULL,
            description="date of the page; null when it showed none",
            since=2,
        ),
        F("title", LINE, False, "headline, if known"),
        F("url", LINE, False, "URL where known"),
        F(
            "reliability",
            Choice(("normal", "weak")),
            False,
            "`weak`: state media, aggregator or mirror (default `normal`)",
        ),
        F("via", LINE, False, 'original agency when republished, e.g. "Reuters"'),
        F("note", TEXT, False),
    ),
    "one page or document that records cite",
)

PARTY = RecordSpec(
    "party",
    (
        F("id", ID, description="e.g. `russia`"),
        F("name", LINE),
        F(
            "role",
            Choice(tuple(r.value for r in Role)),
            description="principals must attend; a principal's explicit rejection is a veto",
        ),
        F(
            "joint_weight",
            Number(0.0, 1000.0),
            description="weight in the joint score (0 = reported but not aggregated)",
        ),
        F("joint_weight_rationale", TEXT, description="one line"),
        F(
            "criteria",
            MapOf(RecordOf(CRITERION_WEIGHT), keys=Choice(criterion_ids), key_doc="criterion"),
            False,
            "what this party cares about: criterion → `{weight, rationale}`. Omit it to take "
            "the default weights of the party's role (docs/model.md)",
        ),
        F("country", Country(), False, 'the party\'s own country (home turf); quote it: `"NO"`'),
        F("leader", LINE, False, "the person who would attend"),
        F("aliases", ListOf(LINE), False, "other names for `--party`"),
    ),
    "a government or organisation with a stake in the venue",
)

VENUE = RecordSpec(
    "venue",
    (
        F("id", ID, description="e.g. `geneva`"),
        F("name", LINE, description='display name, e.g. "Geneva"'),
        F("city", LINE),
        F("country", Country()),
        F("country_name", LINE, description='e.g. "Switzerland"'),
        F(
            "aliases",
            ListOf(LINE),
            False,
            "country names, other spellings, landmarks (matched case- and accent-insensitively)",
        ),
        F("groups", IDS, False, "e.g. `[gulf]`: `explain gulf` shows every venue of the group"),
        F("host", ID, False, "the party whose offer makes the venue ready", ref="party"),
        F(
            "arrival_country",
            Country(),
            False,
            "where a visiting leader must land when that is not the venue's own country",
        ),
        F(
            "jurisdictions",
            PLACES,
            False,
            "airspace a state flight must use (default: the country)",
        ),
        F(
            "blocs",
            PLACES,
            False,
            "blocs the country belongs to, e.g. `[EU, NATO]`",
        ),
        F("note", TEXT, False),
    ),
    "a candidate place for the meeting",
)

STATEMENT = RecordSpec(
    "statement",
    (
        F("id", ID),
        F("date", DAY, description="the day it was said (not the day reported)", until=1),
        F(
            "date",
            PARTIAL,
            description="the day it was said; YYYY-MM or YYYY when only that is known",
            since=2,
        ),
        F("party", ID, description="who said it", ref="party", until=1),
        F("party", ID, False, "who said it (or `parties`)", ref="party", since=2),
        F(
            "parties",
            IDS,
            False,
            "a joint statement: every party that made it; counts as one voice for each",
            ref="party",
            since=2,
        ),
        F("speaker", LINE, description='e.g. "Dmitry Peskov (Kremlin spokesman)"'),
        F("venues", IDS, description="the venues it names", ref="venue", until=1),
        F("venues", IDS, False, "the venues it names (or `covers`)", ref="venue", since=2),
        F(
            "covers",
            ID,
            False,
            "a blanket remark: `all` venues, or a venue group (class) id",
            since=2,
        ),
        F(
            "except",
            IDS,
            False,
            'venues a blanket remark leaves out ("anywhere but Minsk")',
            ref="venue",
            since=2,
        ),
        F(
            "others",
            Choice(STANCES),
            False,
            "the stance toward every venue it does not name "
            '("only in Moscow": `venues: [moscow]`, `stance: proposes`, `others: rejects`)',
            since=2,
        ),
        F("stance", Choice(STANCES), description="the ordinal stance toward those venues"),
        F("meeting", ID, description="what meeting it was about", ref="meeting"),
        F("quote", TEXT, description="short verbatim extract **as reported**"),
        F(
            "attribution",
            Choice(tuple(a.value for a in Attribution)),
            description="first-hand, reported (via others) or paraphrase (no direct quote)",
        ),
        F(
            "confidence",
            CONFIDENCE,
            description="`low` for anything unverified or from one weak source",
        ),
        SOURCES,
        F("context", TEXT, False, 'forum, e.g. "Eastern Economic Forum plenary"'),
        F("note", TEXT, False),
        F("reported", PARTIAL, False, "the day it became public, when later than `date`", since=2),
        PUBLIC,
        F("valid_until", DAY, False, "the stance lapses on this day", since=2),
        F(
            "event",
            ID,
            False,
            "the planned event it is about: the stance lapses if the event "
            "is cancelled or postponed",
            ref="event",
            since=2,
        ),
        F(
            "conditions",
            ListOf(RecordOf(CONDITION)),
            False,
            "conditions attached (timing, format, participants), shown by `explain`, not scored",
            since=2,
        ),
    ),
    "what a party said about one or more venues",
)

FACT_COMMON = (
    F("id", ID),
    F("kind", Choice(tuple(k.value for k in FactKind))),
    F("date", DAY, description="the date the fact was established or reported", until=1),
    F("date", PARTIAL, description="the date the fact was established or reported", since=2),
    F("summary", TEXT, description="one sentence in neutral words"),
    F("confidence", CONFIDENCE),
    SOURCES,
    F("valid_from", DAY, False, "the fact applies from this day (default `date`)…"),
    F("valid_until", DAY, False, "…until the day before this one"),
    F("quote", TEXT, False, "verbatim as reported"),
    PUBLIC,
)

FACT_KINDS: dict[str, tuple[Field, ...]] = {
    "icc_member": (F("country", Country(), description="a state party to the Rome Statute"),),
    "arrest_warrant": (
        F("party", ID, description="whose leader is wanted", ref="party"),
        F("issuer", Place(), description="`ICC` or a country code"),
    ),
    "immunity_pledge": (
        F("country", Country()),
        F("strength", Choice(("firm", "conditional"))),
    ),
    "airspace_closure": (
        F("jurisdiction", Place(), description="country code or bloc"),
        F("against", ID, description="whose state aircraft are barred", ref="party"),
        F("exemption", Choice(("none", "diplomatic"))),
        F("derogation", Choice(("none", "per_state"))),
    ),
    "airspace_waiver": (
        F("jurisdiction", Place()),
        F("party", ID, description="whose leader's flight was let through", ref="party"),
    ),
    "travel_constraint": (
        F("venue", ID, ref="venue"),
        F("parties", IDS, False, "who it limits (omit: everyone)", ref="party"),
        F("level", Number(0.0, 1.0), description="0 = impossible … 1 = no limit"),
    ),
    "unfriendly_list": (
        F("party", ID, description="whose list", ref="party"),
        F("countries", PLACES, description="country codes or blocs listed"),
    ),
    "neutrality_status": (
        F("country", Country()),
        F("status", Choice(("permanent", "declared"))),
    ),
    "alignment": (
        F("country", Country()),
        F("party", ID, ref="party"),
        F("relation", Choice(("ally", "adversary"))),
    ),
    "note": (
        F("venue", ID, False, ref="venue"),
        F("country", Country(), False),
    ),
}

FACT_KIND_DOCS = {
    "icc_member": "the country is a state party to the Rome Statute (so must arrest a person "
    "under an ICC warrant)",
    "arrest_warrant": "the party's leader is wanted by the issuer",
    "immunity_pledge": "the host said a wanted leader could attend peace talks unhindered",
    "airspace_closure": "state aircraft of the party are barred",
    "airspace_waiver": "a precedent: a closure was waived for that party's leader",
    "travel_constraint": "any other limit on reaching the venue (e.g. no flights to a war zone)",
    "unfriendly_list": "the party officially designates these countries as unfriendly",
    "neutrality_status": "formal neutrality",
    "alignment": "the country is formally allied with (or at war with) a party",
    "note": "any other sourced fact shown by `explain`, not scored",
}

EVENT = RecordSpec(
    "event",
    (
        F("id", ID),
        F("date", DAY, description="first day", until=1),
        F("date", PARTIAL, description="first day", since=2),
        F("end_date", DAY, False, "last day"),
        F("venue", ID, False, "where, if it is one of the candidate venues", ref="venue"),
        F("country", Country(), description="where"),
        F("place", LINE, description='e.g. "Dolmabahçe Palace, Istanbul"'),
        F(
            "kind",
            Choice(tuple(k.value for k in EventKind if k is not EventKind.POSTPONED)),
            description="`exchange`: a prisoner exchange or similar mediated deal",
            until=1,
        ),
        F(
            "kind",
            Choice(tuple(k.value for k in EventKind)),
            description="`cancelled`/`postponed`: a plan that did not take place",
            since=2,
        ),
        F("meeting", ID, ref="meeting"),
        F("parties", IDS, description="who took part", ref="party"),
        F(
            "mediators",
            IDS,
            False,
            "who mediated (credited with the mediation record)",
            ref="party",
            since=2,
        ),
        F("summary", TEXT),
        SOURCES,
        F("confidence", CONFIDENCE),
        PUBLIC,
    ),
    "talks or summits that took place (or were cancelled)",
)

ASSESSMENT = RecordSpec(
    "assessment",
    (
        F("id", ID),
        F("criterion", Choice(criterion_ids)),
        F("venue", ID, ref="venue"),
        F("party", ID, False, "omit: the value holds for every party", ref="party"),
        F("value", Number(0.0, 1.0)),
        F("date", DAY, description="from when the judgement holds (no earlier than its evidence)"),
        F("rationale", TEXT, description="one line: why this value"),
        F("confidence", CONFIDENCE),
        F("sources", IDS, False, "the facts it rests on", ref="source"),
    ),
    "a judged value: replaces the model's derived value for one criterion at one venue",
)

OUTCOME = RecordSpec(
    "outcome",
    (
        F("venue", ID, ref="venue"),
        F("date", DAY),
        F("summary", TEXT),
        SOURCES,
    ),
    "historical cases only: what was chosen; never read by the scorer",
)

#: The top-level sections, in file order: (key, record spec, list?, required).
SECTIONS: tuple[tuple[str, RecordSpec, bool, bool], ...] = (
    ("case", CASE, False, True),
    ("sources", SOURCE, True, True),
    ("parties", PARTY, True, True),
    ("venues", VENUE, True, True),
    ("statements", STATEMENT, True, False),
    ("facts", RecordSpec("fact", FACT_COMMON), True, False),
    ("events", EVENT, True, False),
    ("assessments", ASSESSMENT, True, False),
    ("outcome", OUTCOME, False, False),
)

RECORDS: dict[str, RecordSpec] = {spec.name: spec for _k, spec, _l, _r in SECTIONS}
NESTED: tuple[RecordSpec, ...] = (CRITERION_WEIGHT, MEETING_KIND, PRECONDITION, CONDITION)


def fact_fields(kind: str, version: int | None) -> tuple[Field, ...]:
    common = tuple(f for f in FACT_COMMON if f.in_version(version or LATEST))
    return common + tuple(f for f in FACT_KINDS[kind] if f.in_version(version or LATEST))
