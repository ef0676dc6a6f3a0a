"""The scorer: pure functions from (dataset, date, assumptions) to a ranking that explains itself.

No I/O. Every number `venues explain` prints is a field of the objects returned here, and
`venues rank` prints the same objects, so the two cannot disagree. The rules are stated in
docs/model.md; the constants are in `venue_cli.params`.
"""

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from venue_cli.model import (
    Assessment,
    Attribution,
    Criterion,
    Dataset,
    Event,
    EventKind,
    Fact,
    FactKind,
    Party,
    Stance,
    Statement,
    Venue,
)
from venue_cli.params import DEFAULT_PARAMS, Method, Params

CRITERIA: tuple[Criterion, ...] = tuple(Criterion)
_HOST_WORDS = {
    Stance.PROPOSES: "offers to host",
    Stance.ACCEPTS: "accepts",
    Stance.OPEN: "is open",
    Stance.RELUCTANT: "is reluctant",
    Stance.REJECTS: "declines",
}
_ATTRIBUTION_RANK = {Attribution.PARAPHRASE: 0, Attribution.REPORTED: 1, Attribution.FIRST_HAND: 2}


class CriterionValue(NamedTuple):
    """One criterion's value for one party at one venue, with the rule that gave it."""

    criterion: Criterion
    value: float
    rule: str  # one line: which rule applied, in words
    evidence: tuple[str, ...] = ()  # ids of the facts / events / assessments / statements
    judged: bool = False  # True when an assessment set the value


class StanceView(NamedTuple):
    """The stance of one party on one venue as of the date, and the statement behind it."""

    party: str
    stance: Stance | None  # None: the party has said nothing about the venue
    score: float  # the stance score used in the utility (after any discount)
    statement: Statement | None
    discounted: bool  # the statement was about another kind of meeting


class PartyScore(NamedTuple):
    """A party's utility for a venue: stance part plus weighted criteria, adding up exactly."""

    party: str
    joint_weight: float  # the party's share in the joint score (normalised, sums to 1)
    stance: StanceView
    criteria: tuple[CriterionValue, ...]
    weights: tuple[float, ...]  # normalised criteria weights, in CRITERIA order
    stance_contribution: float  # stance_share * stance score
    contributions: tuple[float, ...]  # (1 - stance_share) * weight * value, per criterion
    utility: float  # stance_contribution + sum(contributions)


class Veto(NamedTuple):
    """A principal's explicit rejection of the venue for the meeting being placed."""

    party: str
    statement: Statement


class VenueScore(NamedTuple):
    venue: Venue
    parties: tuple[PartyScore, ...]  # every party with joint weight > 0
    joint: float
    feasible: bool
    vetoes: tuple[Veto, ...]
    rank: int = 0

    def party(self, party_id: str) -> PartyScore:
        for ps in self.parties:
            if ps.party == party_id:
                return ps
        raise KeyError(party_id)


class Ranking(NamedTuple):
    """The scored venues, best first, and everything needed to reproduce them."""

    dataset: Dataset
    as_of: dt.date
    method: Method
    params: Params
    scores: tuple[VenueScore, ...]
    perspective: str | None = None  # a party id when ranking by one party's utility alone
    assumptions: tuple[str, ...] = ()  # human-readable list of active what-if assumptions

    def get(self, venue_id: str) -> VenueScore:
        for s in self.scores:
            if s.venue.id == venue_id:
                return s
        raise KeyError(venue_id)


class Weights(NamedTuple):
    """Criteria weights per party and joint weights, after any overrides (not normalised)."""

    criteria: Mapping[str, Mapping[Criterion, float]]
    joint: Mapping[str, float]

    @staticmethod
    def from_dataset(dataset: Dataset) -> "Weights":
        return Weights(
            criteria={
                p.id: {c: w.weight for c, w in p.criteria.items()} for p in dataset.parties.values()
            },
            joint={p.id: p.joint_weight for p in dataset.parties.values()},
        )


# --------------------------------------------------------------------------- the index


class Context:
    """What the dataset says as of one day, indexed for the criteria rules."""

    def __init__(self, dataset: Dataset, as_of: dt.date, params: Params = DEFAULT_PARAMS) -> None:
        self.dataset = dataset
        self.as_of = as_of
        self.params = params
        self.statements: dict[tuple[str, str], list[Statement]] = {}
        self.icc_members: dict[str, Fact] = {}
        self.warrants: dict[str, list[Fact]] = {}
        self.pledges: dict[str, Fact] = {}
        self.closures: dict[tuple[str, str], Fact] = {}
        self.waivers: dict[tuple[str, str], Fact] = {}
        self.travel: dict[str, list[Fact]] = {}
        self.unfriendly: dict[str, list[Fact]] = {}
        self.neutral: dict[str, Fact] = {}
        self.allies: dict[str, list[Fact]] = {}
        self.events: dict[str, list[Event]] = {}
        self.assessments: dict[tuple[Criterion, str, str | None], Assessment] = {}
        self.party_country: dict[str, str] = {}
        self.judged_venues: frozenset[str] = frozenset()
        self._place_memo: dict[tuple[object, ...], tuple[CriterionValue, ...]] = {}
        self._readiness_memo: dict[str, CriterionValue] = {}
        self._stance_memo: dict[tuple[str, str], StanceView] = {}

    @staticmethod
    def build(dataset: Dataset, as_of: dt.date, params: Params = DEFAULT_PARAMS) -> "Context":
        ctx = Context(dataset, as_of, params)
        by_pv: dict[tuple[str, str], list[Statement]] = defaultdict(list)
        for s in dataset.statements:
            if s.date <= as_of:
                for v in s.venues:
                    by_pv[(s.party, v)].append(s)
        ctx.statements = dict(by_pv)
        warrants: dict[str, list[Fact]] = defaultdict(list)
        travel: dict[str, list[Fact]] = defaultdict(list)
        unfriendly: dict[str, list[Fact]] = defaultdict(list)
        allies: dict[str, list[Fact]] = defaultdict(list)
        for fact in dataset.facts:
            if not fact.applies_on(as_of):
                continue
            k = fact.kind
            if k is FactKind.ICC_MEMBER and fact.country:
                ctx.icc_members[fact.country] = fact
            elif k is FactKind.ARREST_WARRANT and fact.party:
                warrants[fact.party].append(fact)
            elif k is FactKind.IMMUNITY_PLEDGE and fact.country:
                old = ctx.pledges.get(fact.country)
                if old is None or (old.strength != "firm" and fact.strength == "firm"):
                    ctx.pledges[fact.country] = fact
            elif k is FactKind.AIRSPACE_CLOSURE and fact.jurisdiction and fact.against:
                ctx.closures[(fact.jurisdiction, fact.against)] = fact
            elif k is FactKind.AIRSPACE_WAIVER and fact.jurisdiction and fact.party:
                ctx.waivers[(fact.jurisdiction, fact.party)] = fact
            elif k is FactKind.TRAVEL_CONSTRAINT and fact.venue:
                travel[fact.venue].append(fact)
            elif k is FactKind.UNFRIENDLY_LIST and fact.party:
                unfriendly[fact.party].append(fact)
            elif k is FactKind.NEUTRALITY_STATUS and fact.country:
                old_n = ctx.neutral.get(fact.country)
                if old_n is None or fact.status == "permanent":
                    ctx.neutral[fact.country] = fact
            elif k is FactKind.ALIGNMENT and fact.country and fact.relation == "ally":
                allies[fact.country].append(fact)
        ctx.warrants, ctx.travel, ctx.unfriendly, ctx.allies = (
            dict(warrants),
            dict(travel),
            dict(unfriendly),
            dict(allies),
        )
        events: dict[str, list[Event]] = defaultdict(list)
        for e in dataset.events:
            if e.date <= as_of and e.kind is not EventKind.CANCELLED:
                events[e.country].append(e)
        ctx.events = dict(events)
        for a in sorted(dataset.assessments, key=lambda a: (a.date, a.assumed, a.line)):
            if a.date <= as_of:
                ctx.assessments[(a.criterion, a.venue, a.party)] = a
        ctx.judged_venues = frozenset(venue for (_c, venue, _p) in ctx.assessments)
        ctx.party_country = {p.id: p.country for p in dataset.parties.values() if p.country}
        return ctx

    # -- stances ------------------------------------------------------------------------

    def stance(self, party: str, venue: str) -> StanceView:
        """The party's stance on the venue: its latest statement about the meeting being
        placed; failing that, its latest about another kind of meeting, discounted."""
        hit = self._stance_memo.get((party, venue))
        if hit is None:
            hit = self._stance_memo[(party, venue)] = self._find_stance(party, venue)
        return hit

    def _find_stance(self, party: str, venue: str) -> StanceView:
        p = self.params
        said = self.statements.get((party, venue), ())
        meeting = self.dataset.case.meeting
        same = [s for s in said if s.meeting == meeting]
        pool, discounted = (same, False) if same else (list(said), True)
        if not pool:
            return StanceView(party, None, p.unknown_stance, None, False)
        latest = max(
            pool, key=lambda s: (s.date, s.assumed, _ATTRIBUTION_RANK[s.attribution], s.line)
        )
        score = p.stance_scores[latest.stance]
        if discounted:
            score = p.unknown_stance + p.other_meeting_factor * (score - p.unknown_stance)
        return StanceView(party, latest.stance, score, latest, discounted)

    # -- criteria -----------------------------------------------------------------------

    def place_key(self, venue: Venue) -> tuple[object, ...]:
        """What the place-level rules read of a venue (two venues may share it)."""
        return (
            venue.country,
            venue.country_name,
            venue.blocs,
            venue.legal_countries,
            venue.airspaces,
        )

    def criteria(
        self, party: Party, venue: Venue, place: tuple[object, ...] | None = None
    ) -> tuple[CriterionValue, ...]:
        """Every criterion's value for the party at the venue, in CRITERIA order.

        The rules that depend only on the place (country, blocs, airspace) are computed once
        per party and place; readiness once per venue; then the venue's own travel limits
        and any judged value (assessment) are applied on top. `place` is `place_key(venue)`,
        passed in by callers that score many parties at one venue.
        """
        key = (party.id, place or self.place_key(venue))
        base = self._place_memo.get(key)
        if base is None:
            base = self._place_memo[key] = tuple(
                _RULES[c](self, party, venue) if c in _RULES else _PENDING for c in CRITERIA
            )
        values = list(base)
        values[_READINESS] = self._readiness(venue)
        if venue.id in self.travel:
            values[_ACCESS] = self._access(party, venue)
        if venue.id in self.judged_venues:
            for i, c in enumerate(CRITERIA):
                judged = self.assessments.get((c, venue.id, party.id)) or self.assessments.get(
                    (c, venue.id, None)
                )
                if judged is not None:
                    values[i] = _judged_value(c, judged, party)
        return tuple(values)

    def _other_principals(self, party_id: str) -> list[str]:
        return [p for p in self.dataset.case.principals if p != party_id]

    def _country_name(self, code: str, venue: Venue) -> str:
        if code == venue.country:
            return venue.country_name
        for party in self.dataset.parties.values():
            if party.country == code:
                return party.name
        return code

    def _legal(self, party: Party, venue: Venue) -> CriterionValue:
        """The worst exposure over the venue's country and the country one lands in."""
        worst: CriterionValue | None = None
        for code in venue.legal_countries:
            value = self._legal_in(party, code, self._country_name(code, venue))
            if worst is None or value.value < worst.value:
                worst = value
        assert worst is not None
        if len(venue.legal_countries) > 1 and worst.value == self.params.legal_clear:
            names = " or ".join(self._country_name(c, venue) for c in venue.legal_countries)
            who = party.leader or party.name
            return CriterionValue(
                Criterion.LEGAL, worst.value, f"no warrant against {who} that {names} must enforce"
            )
        return worst

    def _legal_in(self, party: Party, country: str, country_name: str) -> CriterionValue:
        p = self.params
        c = Criterion.LEGAL
        who = party.leader or party.name
        enforceable = []
        for w in self.warrants.get(party.id, ()):
            icc = w.issuer == "ICC" and country in self.icc_members
            if icc or w.issuer == country:
                enforceable.append(w)
        if not enforceable:
            return CriterionValue(
                c, p.legal_clear, f"no warrant against {who} that {country_name} must enforce"
            )
        evidence = [w.id for w in enforceable]
        issuers = ", ".join(
            sorted({"the ICC" if w.issuer == "ICC" else w.issuer or "" for w in enforceable})
        )
        member = self.icc_members.get(country)
        if member is not None and any(w.issuer == "ICC" for w in enforceable):
            evidence.append(member.id)
        pledge = self.pledges.get(country)
        if pledge is not None:
            value = p.legal_firm_pledge if pledge.strength == "firm" else p.legal_conditional_pledge
            return CriterionValue(
                c,
                value,
                f"{who} is wanted by {issuers}; {country_name} must enforce it but gave a "
                f"{pledge.strength} immunity pledge for peace talks",
                (*evidence, pledge.id),
            )
        return CriterionValue(
            c,
            p.legal_exposed,
            f"{who} is wanted by {issuers} and {country_name} must enforce it; no immunity pledge",
            tuple(evidence),
        )

    def _airspace_access(self, party: Party, venue: Venue) -> CriterionValue:
        """Access from airspace closures only: the same for every venue at the place."""
        return self._access(party, venue, with_travel=False)

    def _access(self, party: Party, venue: Venue, with_travel: bool = True) -> CriterionValue:
        p = self.params
        c = Criterion.ACCESS
        value = p.access_open
        reasons: list[str] = []
        evidence: list[str] = []
        for j in venue.airspaces:
            closure = self.closures.get((j, party.id))
            if closure is None:
                continue
            waiver = self.waivers.get((j, party.id))
            if waiver is not None:
                v, why = (
                    p.access_waiver_precedent,
                    f"{j} airspace closed to {party.name}'s state aircraft, but waived before",
                )
                evidence.append(waiver.id)
            elif closure.exemption == "diplomatic":
                v, why = (
                    p.access_diplomatic_exemption,
                    f"{j} airspace closed, with an exemption for diplomatic flights",
                )
            elif closure.derogation == "per_state":
                v, why = (
                    p.access_derogation_possible,
                    f"{j} airspace closed; a derogation is possible",
                )
            else:
                v, why = p.access_closed, f"{j} airspace closed with no exemption"
            evidence.append(closure.id)
            reasons.append(why)
            value = min(value, v)
        for t in self.travel.get(venue.id, ()) if with_travel else ():
            if (not t.parties or party.id in t.parties) and t.level is not None:
                reasons.append(t.summary)
                evidence.append(t.id)
                value = min(value, t.level)
        rule = (
            "; ".join(reasons)
            if reasons
            else "no airspace closure or travel constraint for this party"
        )
        return CriterionValue(c, value, rule, tuple(evidence))

    def _security(self, party: Party, venue: Venue) -> CriterionValue:
        p = self.params
        for other in self._other_principals(party.id):
            if self.party_country.get(other) == venue.country:
                name = self.dataset.parties[other].name
                return CriterionValue(
                    Criterion.SECURITY,
                    p.security_opponent_territory,
                    f"the venue is on the territory of {name}, the other side",
                )
        return CriterionValue(
            Criterion.SECURITY, p.security_default, "no assessment recorded; the default value"
        )

    def _neutrality(self, party: Party, venue: Venue) -> CriterionValue:
        p = self.params
        c = Criterion.NEUTRALITY
        for principal in self.dataset.case.principals:
            if self.party_country.get(principal) == venue.country:
                name = self.dataset.parties[principal].name
                return CriterionValue(c, 0.0, f"the host is {name}, a party to the conflict")
        value = p.neutrality_base
        parts = [f"base {p.neutrality_base:g}"]
        evidence: list[str] = []
        status = self.neutral.get(venue.country)
        if status is not None:
            bonus = (
                p.neutrality_permanent_bonus
                if status.status == "permanent"
                else p.neutrality_declared_bonus
            )
            value += bonus
            parts.append(f"+{bonus:g} {status.status} neutrality")
            evidence.append(status.id)
        for lst in self.unfriendly.get(party.id, ()):
            if venue.places & set(lst.countries):
                value -= p.neutrality_unfriendly_penalty
                parts.append(
                    f"-{p.neutrality_unfriendly_penalty:g} on {party.name}'s 'unfriendly' list"
                )
                evidence.append(lst.id)
                break
        for ally in self.allies.get(venue.country, ()):
            if ally.party in self.dataset.case.principals and ally.party != party.id:
                name = self.dataset.parties[ally.party].name if ally.party else "?"
                value -= p.neutrality_opponent_ally_penalty
                parts.append(f"-{p.neutrality_opponent_ally_penalty:g} ally of {name}")
                evidence.append(ally.id)
                break
        value = min(1.0, max(0.0, value))
        return CriterionValue(c, value, ", ".join(parts), tuple(evidence))

    def _mediation(self, party: Party, venue: Venue) -> CriterionValue:
        p = self.params
        principals = set(self.dataset.case.principals)
        points = 0.0
        used: list[str] = []
        old_before = _years_before(self.as_of, p.mediation_old_years)
        for e in self.events.get(venue.country, ()):
            n = len(principals & set(e.parties))
            if n == 0:
                continue
            pts = p.mediation_both_principals if n >= 2 else p.mediation_one_principal
            if e.date < old_before:
                pts *= p.mediation_old_factor
            points += pts
            used.append(e.id)
        value = min(1.0, points / p.mediation_saturation)
        rule = (
            f"{len(used)} earlier talks in {venue.country_name} with the principals: "
            f"{points:g} points (full value at {p.mediation_saturation:g})"
            if used
            else f"no earlier talks with the principals in {venue.country_name}"
        )
        return CriterionValue(Criterion.MEDIATION, value, rule, tuple(used))

    def _readiness(self, venue: Venue) -> CriterionValue:
        hit = self._readiness_memo.get(venue.id)
        if hit is None:
            hit = self._readiness_memo[venue.id] = self._find_readiness(venue)
        return hit

    def _find_readiness(self, venue: Venue) -> CriterionValue:
        if venue.host is None or venue.host not in self.dataset.parties:
            return CriterionValue(
                Criterion.READINESS, self.params.unknown_stance, "no host party recorded"
            )
        view = self.stance(venue.host, venue.id)
        host = self.dataset.parties[venue.host].name
        if view.statement is None:
            return CriterionValue(
                Criterion.READINESS, view.score, f"the host ({host}) has made no statement"
            )
        s = view.statement
        extra = " (about another kind of meeting)" if view.discounted else ""
        return CriterionValue(
            Criterion.READINESS,
            view.score,
            f"the host ({host}) {_HOST_WORDS[s.stance]}{extra}: {s.speaker}, {s.date.isoformat()}",
            (s.id,),
        )

    def _home_turf(self, party: Party, venue: Venue) -> CriterionValue:
        p = self.params
        c = Criterion.HOME_TURF
        if party.country == venue.country:
            return CriterionValue(c, p.home_own, f"the venue is in {party.name}'s own country")
        for other in self._other_principals(party.id):
            if self.party_country.get(other) == venue.country:
                name = self.dataset.parties[other].name
                return CriterionValue(c, p.home_opponent, f"the venue is in {name}'s country")
        for ally in self.allies.get(venue.country, ()):
            if ally.party == party.id:
                return CriterionValue(
                    c, p.home_ally, f"{venue.country_name} is an ally of {party.name}", (ally.id,)
                )
            if ally.party in self.dataset.case.principals:
                name = self.dataset.parties[ally.party].name if ally.party else "?"
                return CriterionValue(
                    c,
                    p.home_opponent_ally,
                    f"{venue.country_name} is an ally of {name}",
                    (ally.id,),
                )
        return CriterionValue(c, p.home_neutral, "neither side's home ground")


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (28 Feb for a 29 Feb that does not exist)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _judged_value(criterion: Criterion, judged: Assessment, party: Party) -> CriterionValue:
    who = f" for {party.name}" if judged.party else ""
    tag = "assumed" if judged.assumed else "judged"
    return CriterionValue(
        criterion,
        judged.value,
        f"{tag}{who}: {judged.rationale}",
        (judged.id, *judged.sources),
        judged=True,
    )


_PENDING = CriterionValue(Criterion.READINESS, 0.0, "set per venue")
_READINESS = CRITERIA.index(Criterion.READINESS)
_ACCESS = CRITERIA.index(Criterion.ACCESS)

_RULES = {
    Criterion.LEGAL: Context._legal,
    Criterion.ACCESS: Context._airspace_access,
    Criterion.SECURITY: Context._security,
    Criterion.NEUTRALITY: Context._neutrality,
    Criterion.MEDIATION: Context._mediation,
    Criterion.HOME_TURF: Context._home_turf,
}


# --------------------------------------------------------------------------- scoring


def normalised(values: Mapping[str, float] | Iterable[float]) -> list[float]:
    """Scale non-negative weights to sum 1 (all-zero stays all-zero)."""
    vals = list(values.values()) if isinstance(values, Mapping) else list(values)
    total = sum(vals)
    return [v / total for v in vals] if total > 0 else [0.0 for _ in vals]


def criteria_weights(weights: Mapping[Criterion, float]) -> tuple[float, ...]:
    """A party's criteria weights in CRITERIA order, normalised to sum 1."""
    return tuple(normalised([weights.get(c, 0.0) for c in CRITERIA]))


def score_party(
    ctx: Context,
    party: Party,
    venue: Venue,
    weights: tuple[float, ...],
    joint: float,
    place: tuple[object, ...] | None = None,
) -> PartyScore:
    """One party's utility at one venue (see docs/model.md, 'Utility'); `weights` are the
    party's normalised criteria weights (`criteria_weights`)."""
    share = ctx.params.stance_share
    stance = ctx.stance(party.id, venue.id)
    values = ctx.criteria(party, venue, place)
    stance_part = share * stance.score
    rest = 1.0 - share
    contributions = tuple([rest * wi * cv.value for wi, cv in zip(weights, values, strict=True)])
    utility = stance_part + math.fsum(contributions)
    return PartyScore(party.id, joint, stance, values, weights, stance_part, contributions, utility)


def aggregate(method: Method, utilities: Iterable[tuple[float, float]]) -> float:
    """Joint score from (normalised joint weight, utility) pairs."""
    pairs = [(w, u) for w, u in utilities if w > 0]
    if not pairs:
        return 0.0
    if method is Method.NASH:
        if any(u <= 0.0 for _, u in pairs):
            return 0.0
        return math.exp(math.fsum(w * math.log(u) for w, u in pairs))
    if method is Method.UTILITARIAN:
        return math.fsum(w * u for w, u in pairs)
    return min(u for _, u in pairs)


def rank_venues(
    dataset: Dataset,
    as_of: dt.date,
    *,
    method: Method = Method.NASH,
    params: Params = DEFAULT_PARAMS,
    weights: Weights | None = None,
    perspective: str | None = None,
    assumptions: tuple[str, ...] = (),
) -> Ranking:
    """Score every venue as of `as_of` and rank them: feasible venues first, then by joint
    score (higher first), ties broken by venue name then id."""
    ctx = Context.build(dataset, as_of, params)
    weights = weights or Weights.from_dataset(dataset)
    if perspective is not None:
        scored_parties = [dataset.parties[perspective]]
        joint_w = [1.0]
    else:
        scored_parties = [p for p in dataset.parties.values() if weights.joint.get(p.id, 0) > 0]
        joint_w = normalised([weights.joint[p.id] for p in scored_parties])
    principals = dataset.case.principals
    meeting = dataset.case.meeting
    party_weights = [criteria_weights(weights.criteria.get(p.id, {})) for p in scored_parties]
    plan = list(zip(scored_parties, party_weights, joint_w, strict=True))
    unsorted: list[VenueScore] = []
    for venue in dataset.venues.values():
        place = ctx.place_key(venue)
        parties = tuple([score_party(ctx, party, venue, w, jw, place) for party, w, jw in plan])
        vetoes = []
        for principal in principals:
            view = ctx.stance(principal, venue.id)
            st = view.statement
            if st is not None and st.stance is Stance.REJECTS and st.meeting == meeting:
                vetoes.append(Veto(principal, st))
        joint = aggregate(method, ((ps.joint_weight, ps.utility) for ps in parties))
        unsorted.append(VenueScore(venue, parties, joint, not vetoes, tuple(vetoes)))
    unsorted.sort(key=lambda s: (not s.feasible, -s.joint, s.venue.name.casefold(), s.venue.id))
    ranked = tuple(
        VenueScore(s.venue, s.parties, s.joint, s.feasible, s.vetoes, i)
        for i, s in enumerate(unsorted, start=1)
    )
    return Ranking(dataset, as_of, method, params, ranked, perspective, assumptions)


# --------------------------------------------------------------------------- obstacles


class Obstacle(NamedTuple):
    """What holds a venue back, and what would remove it."""

    party: str
    what: str  # e.g. "veto", a criterion id, or "stance"
    description: str
    remedy: str
    evidence: tuple[str, ...] = ()
    loss: float = 0.0  # how much of the party's utility this term gives up (0..1)


def obstacles(ranking: Ranking, venue_id: str, limit: int = 5) -> list[Obstacle]:
    """The biggest obstacles at a venue: vetoes first, then the terms that cost the most
    utility (weight x (1 - value)), each with the change that would remove it."""
    score = ranking.get(venue_id)
    ds = ranking.dataset
    out: list[Obstacle] = []
    for veto in score.vetoes:
        said = veto.statement
        name = ds.parties[veto.party].name
        out.append(
            Obstacle(
                veto.party,
                "veto",
                f"{name} rejects it: {said.speaker}, {said.date.isoformat()}: “{said.quote}”",
                f"a change of stance by {name}",
                (said.id,),
                1.0,
            )
        )
    terms: list[Obstacle] = []
    share = ranking.params.stance_share
    principal_host = any(ds.parties[p].country == score.venue.country for p in ds.case.principals)
    for ps in score.parties:
        name = ds.parties[ps.party].name
        st = ps.stance
        stance_loss = share * (1.0 - st.score)
        if st.stance in (Stance.RELUCTANT, Stance.REJECTS) and not any(
            v.party == ps.party for v in score.vetoes
        ):
            assert st.statement is not None
            terms.append(
                Obstacle(
                    ps.party,
                    "stance",
                    f"{name} is {st.stance.value}: {st.statement.speaker}, "
                    f"{st.statement.date.isoformat()}: “{st.statement.quote}”",
                    f"a change of stance by {name}",
                    (st.statement.id,),
                    stance_loss,
                )
            )
        own_country = ds.parties[ps.party].country == score.venue.country
        for cv, w in zip(ps.criteria, ps.weights, strict=True):
            loss = (1.0 - share) * w * (1.0 - cv.value)
            if cv.value >= 0.5 or w == 0:
                continue
            if own_country and cv.criterion is Criterion.NEUTRALITY:
                continue  # a host cannot be neutral about itself; that is not its obstacle
            terms.append(
                Obstacle(
                    ps.party,
                    cv.criterion.value,
                    f"{name}: {cv.criterion.value} {cv.value:.2f} ({cv.rule})",
                    _remedy(cv.criterion, name, score.venue, principal_host),
                    cv.evidence,
                    loss,
                )
            )
    terms.sort(key=lambda o: (-o.loss, o.party, o.what))
    return (out + terms)[:limit]


def _remedy(criterion: Criterion, party: str, venue: Venue, principal_host: bool) -> str:
    if principal_host and criterion in (
        Criterion.NEUTRALITY,
        Criterion.HOME_TURF,
        Criterion.SECURITY,
    ):
        return "a third-country venue instead (the host is a party to the conflict)"
    countries = venue.country_name
    if venue.arrival_country and venue.arrival_country != venue.country:
        countries += f" and the country one lands in ({venue.arrival_country})"
    return {
        Criterion.LEGAL: f"an immunity pledge for peace talks by {countries}",
        Criterion.ACCESS: f"an airspace derogation on the route to {venue.city}",
        Criterion.SECURITY: f"security guarantees that {party} accepts",
        Criterion.NEUTRALITY: f"a format {party} sees as neutral (e.g. a co-host or mediator)",
        Criterion.MEDIATION: "a first round of lower-level talks there",
        Criterion.READINESS: f"a formal offer to host from {venue.country_name}",
        Criterion.HOME_TURF: "a neutral third country instead",
    }[criterion]


def main_obstacle(ranking: Ranking, score: VenueScore) -> str:
    """One short line for the rank table."""
    ds = ranking.dataset
    if score.vetoes:
        names = ", ".join(ds.parties[v.party].name for v in score.vetoes)
        return f"vetoed by {names}"
    found = obstacles(ranking, score.venue.id, limit=1)
    if not found:
        return "—"
    o = found[0]
    name = ds.parties[o.party].name
    if o.what == "stance":
        view = score.party(o.party).stance
        star = "*" if view.discounted else ""
        return f"{name} {view.stance.value if view.stance else 'silent'}{star}"
    return f"{name}: {o.what.replace('_', ' ')}"
