"""The ranking: pure functions from (dataset, date, weights) to scores that explain themselves.

No I/O. Every number `venues explain` prints is a field of the objects returned here, and
`venues rank` prints the same objects, so the two cannot disagree. The rules are in
`venue_cli.model.criteria` (criteria) and `venue_cli.model.index` (stances), the maths in
`venue_cli.model.kernel`, the constants in `venue_cli.model.params`; docs/model.md states
them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Mapping
from typing import Any, NamedTuple

from venue_cli import limits
from venue_cli.errors import VenueError
from venue_cli.model import kernel
from venue_cli.model.criteria import REGISTRY, Criterion, CriterionValue, Scope
from venue_cli.model.index import DayIndex
from venue_cli.model.params import DEFAULT_PARAMS, Method, Params
from venue_cli.model.stances import StanceView
from venue_cli.records import Assessment, Dataset, Party, Place, Stance, Statement, Venue


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
        return ix.memo_place(criterion.compute, party, ix.place_of(venue))
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
    return _party_score(p, party.id, joint_weight, weights, stance, values, tuple(parts), moment)


def _party_score(
    p: Params,
    party_id: str,
    joint_weight: float,
    weights: tuple[float, ...],
    stance: StanceView,
    values: tuple[CriterionValue, ...],
    parts: tuple[float, ...],
    moment: list[float],
) -> PartyScore:
    """The rest of `score_party`, from the criteria's and the momentum's contributions."""
    share = p.stance_share
    utility = kernel.utility(kernel.SCALAR, share, stance.score, [*parts, *moment])
    return PartyScore(
        party_id,
        joint_weight,
        stance,
        values,
        weights,
        share * stance.score,
        parts,
        utility,
        moment[0],
    )


class _Scorer:
    """Every party's score at one venue after another, computing what venues share once.

    The same values as `score_party` for each party, by construction: a place-level
    criterion depends on the party and the venue's place only (computed once per party and
    place), a host-level one on the venue only (once per venue), a venue-level one with a
    `venue_key` on the party, the place and that key (once per party, place and key); a
    judged value replaces any of them. So the venues with the same place, host-level values
    and keys (a class) have the same criteria values and contributions for each party but
    where judged. A stance made of blanket remarks only is the same object for the venues
    those remarks cover (`DayIndex.blanket_stance`); with the same stance object and the
    same momentum, a party's score is the same object too, and a venue with every party's
    the same as another's shares its whole tuple. The memo tables live as long as the
    ranking being built; keys that hold an `id()` hold an object kept alive by the memo's
    value, so the id stays unique."""

    def __init__(
        self,
        ix: DayIndex,
        criteria: tuple[Criterion, ...],
        plan: list[tuple[Party, tuple[float, ...], float]],
    ) -> None:
        self.ix = ix
        self.criteria = criteria
        m = ix.params.momentum_share
        self.plan = [
            (i, party, w, [x * (1.0 - m) for x in w], jw) for i, (party, w, jw) in enumerate(plan)
        ]
        self.party_ids = [party.id for party, _w, _jw in plan]
        self.slot = {c.id: k for k, c in enumerate(criteria)}
        self.place_slots = [k for k, c in enumerate(criteria) if c.scope is Scope.PLACE]
        self.host_slots = [k for k, c in enumerate(criteria) if c.scope is Scope.HOST]
        self.venue_slots = [k for k, c in enumerate(criteria) if c.scope is Scope.VENUE]
        self.shared = all(criteria[k].venue_key is not None for k in self.venue_slots)
        self.places: dict[Place, int] = {}
        self.classes: dict[tuple[Any, ...], int] = {}
        self.place_values: dict[tuple[int, int], list[CriterionValue | None]] = {}
        self.venue_values: dict[tuple[int, int, int, Hashable], CriterionValue] = {}
        self.terms: dict[tuple[int, int], tuple[tuple[CriterionValue, ...], tuple[float, ...]]]
        self.terms = {}
        self.stances: dict[int, list[StanceView]] = {}  # by blanket class
        self.scores: dict[tuple[int, int, int, float], PartyScore] = {}
        self.tuples: dict[tuple[int, int, float], tuple[PartyScore, ...]] = {}

    def venue(self, venue: Venue, momentum: Momentum) -> tuple[PartyScore, ...]:
        ix = self.ix
        p = ix.params
        place = ix.place_of(venue)
        place_id = self.places.setdefault(place, len(self.places))
        host = [self._host_value(k, venue) for k in self.host_slots]
        keys = [self._venue_key(k, venue) for k in self.venue_slots]
        kind = -1  # criteria values of its own
        if self.shared:
            kind = self.classes.setdefault((place_id, *host, *keys), len(self.classes))
        judged = ix.judged_at.get(venue.id)
        stances, blanket = self._stances(venue.id)
        whole = None
        if kind >= 0 and blanket >= 0 and not judged:
            whole = (kind, blanket, momentum.value)
            hit = self.tuples.get(whole)
            if hit is not None:
                return hit
        moment = kernel.contributions(p.stance_share, [p.momentum_share], [momentum.value])
        out = []
        for (i, party, weights, scaled, jw), stance in zip(self.plan, stances, strict=True):
            shared = self.terms.get((i, kind)) if kind >= 0 else None
            terms = shared or self._terms(i, party, venue, place, place_id, host, keys, scaled)
            if kind >= 0 and shared is None:
                self.terms[(i, kind)] = terms
            if judged:
                patched = self._judged(party, judged, terms, scaled)
                if patched is not None:
                    out.append(_party_score(p, party.id, jw, weights, stance, *patched, moment))
                    continue
            if kind < 0:
                out.append(_party_score(p, party.id, jw, weights, stance, *terms, moment))
                continue
            key = (i, kind, id(stance), momentum.value)
            score = self.scores.get(key)
            if score is None:
                score = self.scores[key] = _party_score(
                    p, party.id, jw, weights, stance, *terms, moment
                )
            out.append(score)
        scores = tuple(out)
        if whole is not None:
            self.tuples[whole] = scores
        return scores

    def _stances(self, venue: str) -> tuple[list[StanceView], int]:
        """Every party's stance at the venue, and the venue's blanket class when every
        stance is the blanket one of that class (else -1)."""
        ix = self.ix
        ids = self.party_ids
        if ix.params.v1 or venue in ix.cancelled:
            return [ix.stance(pid, venue) for pid in ids], -1
        blanket = ix.blanket_class(venue)
        base = self.stances.get(blanket)
        if base is None:
            base = self.stances[blanket] = [ix.blanket_stance(pid, venue) for pid in ids]
        special = ix.special.get(venue)
        if not special or special.isdisjoint(ids):
            return base, blanket
        own = [
            ix.stance(pid, venue) if pid in special else st
            for pid, st in zip(ids, base, strict=True)
        ]
        return own, -1

    def _host_value(self, k: int, venue: Venue) -> CriterionValue:
        c, ix = self.criteria[k], self.ix
        return ix.memo((c.id, venue.id), lambda: c.compute(ix, venue))

    def _venue_key(self, k: int, venue: Venue) -> Hashable:
        rule = self.criteria[k].venue_key
        return venue.id if rule is None else rule(self.ix, venue)

    def _terms(
        self,
        i: int,
        party: Party,
        venue: Venue,
        place: Place,
        place_id: int,
        host: list[CriterionValue],
        keys: list[Hashable],
        scaled: list[float],
    ) -> tuple[tuple[CriterionValue, ...], tuple[float, ...]]:
        """The derived value of every criterion, in registry order (`criterion_value` but
        for judged values), and their contributions (as `score_party` computes them)."""
        ix, criteria = self.ix, self.criteria
        base = self.place_values.get((i, place_id))
        if base is None:
            base = [None] * len(criteria)
            for k in self.place_slots:
                base[k] = ix.memo_place(criteria[k].compute, party, place)
            self.place_values[(i, place_id)] = base
        filled = list(base)
        for k, value in zip(self.host_slots, host, strict=True):
            filled[k] = value
        for k, key in zip(self.venue_slots, keys, strict=True):
            filled[k] = self._venue_value(i, k, party, venue, place_id, key)
        values: list[CriterionValue] = []
        for slot in filled:
            assert slot is not None  # every slot is filled above
            values.append(slot)
        parts = kernel.contributions(ix.params.stance_share, scaled, [cv.value for cv in values])
        return tuple(values), tuple(parts)

    def _judged(
        self,
        party: Party,
        judged: Mapping[tuple[str, str | None], Assessment],
        terms: tuple[tuple[CriterionValue, ...], tuple[float, ...]],
        scaled: list[float],
    ) -> tuple[tuple[CriterionValue, ...], tuple[float, ...]] | None:
        """The terms with the venue's judged values for the party (`DayIndex.judged`: its
        own, else the one for every party) in place of the derived ones; None if none
        applies."""
        values, parts = terms
        new_values: list[CriterionValue] | None = None
        new_parts: list[float] = []
        for (criterion, who), a in judged.items():
            k = self.slot.get(criterion)
            if k is None or (who is not None and who != party.id):
                continue
            if who is None and (criterion, party.id) in judged:
                continue  # the party's own judged value wins
            if new_values is None:
                new_values, new_parts = list(values), list(parts)
            new_values[k] = judged_value(criterion, a, party)
            new_parts[k] = kernel.contributions(
                self.ix.params.stance_share, [scaled[k]], [a.value]
            )[0]
        if new_values is None:
            return None
        return tuple(new_values), tuple(new_parts)

    def _venue_value(
        self, i: int, k: int, party: Party, venue: Venue, place_id: int, key: Hashable
    ) -> CriterionValue:
        c, ix = self.criteria[k], self.ix
        if c.venue_key is None:  # its own value at every venue
            return ix.memo((c.id, party.id, venue.id), lambda: c.compute(ix, party, venue))
        hit = self.venue_values.get((i, k, place_id, key))
        if hit is None:
            hit = self.venue_values[(i, k, place_id, key)] = c.compute(ix, party, venue)
        return hit


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
    # the file's own joint weights are checked when it is read; these may come from `-w`
    if len(scored) * len(dataset.venues) > limits.MAX_SCORED_PAIRS:
        raise VenueError(limits.scored_pairs_message(len(scored), len(dataset.venues)))
    plan = [
        (party, criteria_weights(weights.criteria.get(party.id, {}), ids), jw)
        for party, jw in zip(scored, joint_w, strict=True)
    ]
    venues = list(dataset.venues.values())
    unsorted: list[VenueScore] = []
    scorer = _Scorer(ix, criteria, plan)
    lams = [jw for _party, _w, jw in plan]  # every venue's parties, in this order
    weighted = any(lam > 0 for lam in lams)
    joints: dict[tuple[int, ...], float] = {}  # by the parties' scores (alive in `unsorted`)
    for venue in venues:
        mom = (
            Momentum(*momentum(ix, venue.id)) if params.momentum_share > 0 else Momentum(0.0, None)
        )
        parties = scorer.venue(venue, mom)
        vetoes = vetoes_at(ix, venue)
        key = tuple(map(id, parties))
        joint = joints.get(key)
        if joint is None:
            joint = joints[key] = (
                kernel.joint(kernel.SCALAR, method, lams, [ps.utility for ps in parties])
                if weighted
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
