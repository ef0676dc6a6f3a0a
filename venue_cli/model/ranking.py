"""The ranking: pure functions from (dataset, date, weights) to scores that explain themselves.

No I/O. Every number `venues explain` prints is a field of the objects returned here, and
`venues rank` prints the same objects, so the two cannot disagree. The rules are in
`venue_cli.model.criteria` (criteria) and `venue_cli.model.index` (stances), the maths in
`venue_cli.model.kernel`, the constants in `venue_cli.model.params`; docs/model.md states
them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import NamedTuple

from venue_cli.model import kernel
from venue_cli.model.criteria import REGISTRY, Criterion, CriterionValue, Scope
from venue_cli.model.index import DayIndex
from venue_cli.model.params import DEFAULT_PARAMS, Method, Params
from venue_cli.model.stances import StanceView
from venue_cli.records import Assessment, Dataset, Party, Stance, Statement, Venue


class PartyScore(NamedTuple):
    """A party's utility for a venue: stance part plus weighted criteria, adding up exactly."""

    party: str
    joint_weight: float  # the party's share in the joint score (normalised, sums to 1)
    stance: StanceView
    criteria: tuple[CriterionValue, ...]  # in registry order
    weights: tuple[float, ...]  # normalised criteria weights, in registry order
    stance_contribution: float  # stance_share * stance score
    contributions: tuple[float, ...]  # (1 - s)(1 - m) * weight * value, per criterion
    utility: float  # stance_contribution + sum(contributions) + momentum_contribution
    momentum_contribution: float = 0.0  # (1 - s) * m * the venue's momentum


class Veto(NamedTuple):
    """A principal's explicit rejection of the venue for the meeting being placed."""

    party: str
    statement: Statement


class Momentum(NamedTuple):
    """The newest positive news about a venue (the same for every party)."""

    value: float  # 0.5^(age / half-life); 0 when nothing positive was said
    statement: Statement | None


class VenueScore(NamedTuple):
    venue: Venue
    parties: tuple[PartyScore, ...]  # every party with joint weight > 0
    joint: float
    feasible: bool
    vetoes: tuple[Veto, ...]
    rank: int = 0  # exact ties share a rank
    momentum: Momentum = Momentum(0.0, None)
    probability: float = 0.0  # of being the venue chosen, given that a meeting takes place

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
    criteria: tuple[str, ...] = ()  # the criterion ids, in the order of every score's rows
    by_id: Mapping[str, int] = {}

    def get(self, venue_id: str) -> VenueScore:
        return self.scores[self.by_id[venue_id]]


class Weights(NamedTuple):
    """Criteria weights per party and joint weights, after any overrides (not normalised)."""

    criteria: Mapping[str, Mapping[str, float]]
    joint: Mapping[str, float]

    @staticmethod
    def from_dataset(dataset: Dataset) -> Weights:
        """The dataset's weights; a party that lists no criteria takes its role's defaults."""
        return Weights(
            criteria={p.id: party_weights(p) for p in dataset.parties.values()},
            joint={p.id: p.joint_weight for p in dataset.parties.values()},
        )


def party_weights(party: Party) -> dict[str, float]:
    """The party's raw criteria weights: as listed, else its role's defaults."""
    if party.criteria:
        return {c: w.weight for c, w in party.criteria.items()}
    return REGISTRY.default_weights(party.role)


def criteria_weights(weights: Mapping[str, float], ids: tuple[str, ...]) -> tuple[float, ...]:
    """A party's criteria weights in registry order, normalised to sum 1."""
    return tuple(kernel.normalised([weights.get(c, 0.0) for c in ids]))


def criterion_value(
    ix: DayIndex, criterion: Criterion, party: Party, venue: Venue
) -> CriterionValue:
    """One criterion at one venue for one party: the judged value if the dataset has one,
    else the rule's, computed once per the rule's scope."""
    judged = ix.judged(criterion.id, venue.id, party.id)
    if judged is not None:
        return judged_value(criterion.id, judged, party)
    if criterion.scope is Scope.PLACE:
        return ix.memo_place(criterion.compute, party, venue.place)
    if criterion.scope is Scope.HOST:
        return ix.memo((criterion.id, venue.id), lambda: criterion.compute(ix, venue))
    return ix.memo((criterion.id, party.id, venue.id), lambda: criterion.compute(ix, party, venue))


def judged_value(criterion: str, judged: Assessment, party: Party) -> CriterionValue:
    who = f" for {party.name}" if judged.party else ""
    tag = "assumed" if judged.assumed else "judged"
    return CriterionValue(
        criterion,
        judged.value,
        f"{tag}{who}: {judged.rationale}",
        (judged.id, *judged.sources),
        judged=True,
    )


def score_party(
    ix: DayIndex,
    party: Party,
    venue: Venue,
    weights: tuple[float, ...],
    joint_weight: float,
    criteria: tuple[Criterion, ...],
    momentum: Momentum,
) -> PartyScore:
    """One party's utility at one venue (see docs/model.md, 'Utility'); `weights` are the
    party's normalised criteria weights (`criteria_weights`)."""
    p = ix.params
    share, m = p.stance_share, p.momentum_share
    stance = ix.stance(party.id, venue.id)
    values = tuple(criterion_value(ix, c, party, venue) for c in criteria)
    parts = kernel.contributions(
        share, [w * (1.0 - m) for w in weights], [cv.value for cv in values]
    )
    moment = kernel.contributions(share, [m], [momentum.value])
    utility = kernel.utility(kernel.SCALAR, share, stance.score, [*parts, *moment])
    return PartyScore(
        party.id,
        joint_weight,
        stance,
        values,
        weights,
        share * stance.score,
        tuple(parts),
        utility,
        moment[0],
    )


def vetoes_at(ix: DayIndex, venue: Venue) -> tuple[Veto, ...]:
    """Principals whose latest statement naming the venue, about the meeting being placed,
    is an explicit rejection. A blanket remark never vetoes."""
    from venue_cli.model.stances import veto

    out = []
    for principal in ix.dataset.case.principals:
        if ix.params.v1:
            st = ix.stance(principal, venue.id).statement
            if (
                st is not None
                and st.stance is Stance.REJECTS
                and st.meeting == ix.dataset.case.meeting
            ):
                out.append(Veto(principal, st))
            continue
        st = veto(ix, principal, venue.id)
        if st is not None:
            out.append(Veto(principal, st))
    return tuple(out)


def rank_venues(
    dataset: Dataset,
    as_of: dt.date,
    *,
    method: Method = Method.NASH,
    params: Params = DEFAULT_PARAMS,
    weights: Weights | None = None,
    perspective: str | None = None,
    assumptions: tuple[str, ...] = (),
    public_only: bool = False,
) -> Ranking:
    """Score every venue as of `as_of` and rank them: feasible venues first, then by joint
    score (higher first); exact ties share a rank and are listed by venue name, then id.
    Each venue also gets its probability of being chosen, given that a meeting takes
    place. `public_only` leaves out records marked `public: false`."""
    from venue_cli.model.stances import momentum

    ix = DayIndex.build(dataset, as_of, params, public_only=public_only)
    weights = weights or Weights.from_dataset(dataset)
    criteria = tuple(REGISTRY)
    ids = tuple(c.id for c in criteria)
    if perspective is not None:
        scored = [dataset.parties[perspective]]
        joint_w = [1.0]
    else:
        scored = [p for p in dataset.parties.values() if weights.joint.get(p.id, 0) > 0]
        joint_w = kernel.normalised([weights.joint[p.id] for p in scored])
    plan = [
        (party, criteria_weights(weights.criteria.get(party.id, {}), ids), jw)
        for party, jw in zip(scored, joint_w, strict=True)
    ]
    venues = list(dataset.venues.values())
    unsorted: list[VenueScore] = []
    for venue in venues:
        mom = (
            Momentum(*momentum(ix, venue.id)) if params.momentum_share > 0 else Momentum(0.0, None)
        )
        parties = tuple(
            score_party(ix, party, venue, w, jw, criteria, mom) for party, w, jw in plan
        )
        vetoes = vetoes_at(ix, venue)
        lams = [ps.joint_weight for ps in parties]
        joint = (
            kernel.joint(kernel.SCALAR, method, lams, [ps.utility for ps in parties])
            if any(lam > 0 for lam in lams)
            else 0.0
        )
        unsorted.append(VenueScore(venue, parties, joint, not vetoes, vetoes, 0, mom))
    keys = [kernel.order_key(kernel.SCALAR, s.feasible, s.joint) for s in unsorted]
    probs = kernel.probabilities(
        kernel.SCALAR,
        [s.joint for s in unsorted],
        [not s.feasible for s in unsorted],
        params.temperature,
        params.veto_penalty,
    )
    tie = kernel.tie_break([(v.name, v.id) for v in venues])
    order = kernel.ranks(keys, tie)
    shared = kernel.shared_ranks([keys[j] for j in order])
    ranked = tuple(
        unsorted[j]._replace(rank=r, probability=probs[j])
        for r, j in zip(shared, order, strict=True)
    )
    by_id = {s.venue.id: i for i, s in enumerate(ranked)}
    return Ranking(dataset, as_of, method, params, ranked, perspective, assumptions, ids, by_id)
