"""The JSON documents every command writes with `--format json`, as TypedDicts.

Every document carries `schema_version` (of the output, `VIEW_SCHEMA_VERSION`) and
`command`. Field names are stable: within one schema version fields may be added, never
renamed or removed (CHANGELOG.md lists every change). Tables, plain text, CSV and Markdown
are drawn from these same documents, so every format shows the same numbers.
"""

from __future__ import annotations

from typing import TypedDict

# Defined in venue_cli.views (at run time, without this module), named here too.
from venue_cli.views import CONDITIONAL as CONDITIONAL
from venue_cli.views import VIEW_SCHEMA_VERSION as VIEW_SCHEMA_VERSION


class Document(TypedDict):
    schema_version: int
    command: str


class Header(Document):
    """What every scoring document starts with."""

    case: str
    case_title: str
    meeting: str
    as_of: str
    method: str
    perspective: str | None
    assumptions: list[str]
    data: str
    warnings: list[str]


class StatementView(TypedDict):
    id: str
    date: str
    party: str
    party_name: str
    speaker: str
    venues: list[str]
    stance: str
    meeting: str
    quote: str
    attribution: str
    confidence: str
    context: str | None
    note: str | None
    assumed: bool
    sources: list[str]


class PartyBrief(TypedDict):
    id: str
    name: str
    role: str
    weight: float
    utility: float
    stance: str | None
    stance_date: str | None
    stance_statement: str | None
    stance_discounted: bool
    stance_faded: bool  # the evidence is so old or weak it barely counts (weight < SHOWN)
    stance_score: float


class RankVenue(TypedDict):
    rank: int
    id: str
    name: str
    city: str
    country: str
    country_name: str
    joint_score: float
    feasible: bool
    vetoed_by: list[str]
    main_obstacle: str
    parties: list[PartyBrief]
    probability: float
    momentum: float


class RankDocument(Header):
    conditional: str
    venues: list[RankVenue]


class CriterionRow(TypedDict):
    criterion: str
    label: str
    value: float
    weight: float
    effective_weight: float
    contribution: float
    rule: str
    judged: bool
    evidence: list[str]


class EvidenceView(TypedDict):
    kind: str
    id: str
    date: str
    stance: str
    score: float
    meeting: str
    named: bool
    quality: float
    relatedness: float
    specificity: float
    decay: float
    weight: float
    share: float
    contribution: float
    quote: str | None
    speaker: str | None
    conditions: list[str]


class PartyDetail(PartyBrief):
    stance_share: float
    stance_contribution: float
    stance_prior_share: float
    stance_prior_contribution: float
    evidence: list[EvidenceView]
    lapsed: list[str]
    statement: StatementView | None
    criteria: list[CriterionRow]
    momentum_weight: float
    momentum_value: float
    momentum_rule: str
    momentum_contribution: float


class VetoView(TypedDict):
    party: str
    statement: StatementView


class ObstacleView(TypedDict):
    party: str
    what: str
    description: str
    remedy: str
    loss: float
    evidence: list[str]


class FactView(TypedDict):
    id: str
    kind: str
    date: str
    valid_from: str
    valid_until: str | None
    summary: str
    quote: str | None
    confidence: str
    sources: list[str]
    used_by_model: bool


class EventView(TypedDict):
    id: str
    date: str
    end_date: str | None
    place: str
    kind: str
    meeting: str
    parties: list[str]
    summary: str
    sources: list[str]


class VenueInfo(TypedDict):
    id: str
    name: str
    city: str
    country: str
    country_name: str
    aliases: list[str]
    note: str | None


class MomentumView(TypedDict):
    value: float
    statement: str | None
    date: str | None
    rule: str


class PreconditionView(TypedDict):
    id: str
    party: str
    date: str
    text: str
    sources: list[str]


class VenueExplanation(TypedDict):
    venue: VenueInfo
    rank: int
    of: int
    joint_score: float
    probability: float
    momentum: MomentumView
    feasible: bool
    vetoes: list[VetoView]
    parties: list[PartyDetail]
    obstacles: list[ObstacleView]
    history: list[StatementView]
    facts: list[FactView]
    events: list[EventView]
    criteria_order: list[str]


class ExplainDocument(Header, total=False):
    """One venue: its explanation's fields at the top level, and also as `venues[0]`.
    Several venues (a group such as `gulf`): `venues` only. Read `venues` to handle both."""

    conditional: str
    preconditions: list[PreconditionView]
    venues: list[VenueExplanation]
    venue: VenueInfo
    rank: int
    of: int
    joint_score: float
    probability: float
    momentum: MomentumView
    feasible: bool
    vetoes: list[VetoView]
    parties: list[PartyDetail]
    obstacles: list[ObstacleView]
    history: list[StatementView]
    facts: list[FactView]
    events: list[EventView]
    criteria_order: list[str]


class AcceptabilityView(TypedDict):
    id: str
    name: str
    deterministic_rank: int
    expected_rank: float
    feasible_share: float
    acceptability: list[float]


class StabilityView(TypedDict):
    party: str
    party_name: str
    criterion: str
    weight: float
    low: float
    high: float
    below: str | None
    above: str | None


class SensitivityDocument(Header):
    samples: int
    seed: int
    concentration: float
    uncertain_stances: int
    headline: str
    ranks_shown: int
    venues: list[AcceptabilityView]
    stability: list[StabilityView]


class CompareVenue(TypedDict):
    id: str
    name: str
    rank: int
    joint_score: float
    feasible: bool
    vetoed_by: list[str]


class CompareRow(TypedDict):
    party: str
    party_name: str
    term: str
    values: list[str | float | None]
    scores: list[float]
    contributions: list[float]
    discounted: list[bool]  # stance rows: the stance is about another kind of meeting
    spread: float
    decisive: bool


class CompareDocument(Header):
    venues: list[CompareVenue]
    rows: list[CompareRow]


class TimelineEntryView(TypedDict):
    date: str
    date_known: str  # as precise as the record: 2025-03-14, 2025-03 or 2025
    change: str  # in `changes`: new, supersedes, lapsed or ended ("" in a timeline)
    kind: str
    id: str
    party: str
    speaker: str
    venues: list[str]
    stance: str
    meeting: str
    text: str
    source: str


class TimelineDocument(Document):
    case: str
    case_title: str
    entries: list[TimelineEntryView]


class VenueChangeView(TypedDict):
    venue: str
    name: str
    rank_from: int
    rank_to: int
    score_from: float
    score_to: float
    feasible_from: bool
    feasible_to: bool
    causes: list[TimelineEntryView]


ChangesDocument = TypedDict(  # functional form: 'from' is a Python keyword
    "ChangesDocument",
    {
        "schema_version": int,
        "command": str,
        "case": str,
        "case_title": str,
        "from": str,
        "to": str,
        "method": str,
        "changes": list[VenueChangeView],
    },
)


class SourceView(TypedDict):
    id: str
    outlet: str
    date: str | None
    title: str | None
    url: str | None
    via: str | None
    reliability: str
    cited_by: list[str]


class SourcesDocument(Document):
    case: str
    sources: list[SourceView]


class BacktestCase(TypedDict):
    case: str
    title: str
    decision_date: str
    as_of: str
    chosen: str
    chosen_name: str
    rank: int
    venues: int
    chosen_feasible: bool
    model_first: str
    model_first_name: str
    tied_with: int
    expected_rank: float
    chosen_probability: float
    single_venue: bool
    warnings: list[str]


class ScoresView(TypedDict):
    cases: int
    top1: float
    top3: float
    mrr: float
    log_loss: float
    brier: float


class BacktestSummaryView(ScoresView):
    baseline: ScoresView
    uncalibrated: ScoresView | None
    held_out: ScoresView | None
    single_venue: list[str]


class ReliabilityBin(TypedDict):
    low: float
    high: float
    venues: int
    mean_probability: float
    chosen_share: float


class BacktestDocument(Document):
    method: str
    conditional: str
    cases: list[BacktestCase]
    summary: BacktestSummaryView
    reliability: list[ReliabilityBin]


class CaseRow(TypedDict):
    name: str
    title: str
    venues: int
    statements: int
    decision_date: str | None
    outcome: str | None


class CasesDocument(Document):
    cases: list[CaseRow]


class ScenarioRow(TypedDict):
    name: str
    title: str
    description: str


class ScenariosDocument(Document):
    scenarios: list[ScenarioRow]
