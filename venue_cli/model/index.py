"""What a dataset says as of one day, indexed once for the rules.

`DayIndex.build(dataset, day)` keeps the statements, facts, events and judged values in
force on that day, keyed the way the criteria and the stance rule look them up. Every
lookup is by id or by key: nothing scans the whole dataset per venue. The index also holds
the memo tables that follow from each criterion's declared scope.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NamedTuple

from venue_cli.model.params import DEFAULT_PARAMS, Params
from venue_cli.records import (
    Assessment,
    Attribution,
    Dataset,
    Event,
    Fact,
    FactKind,
    Party,
    Place,
    Stance,
    Statement,
)

if TYPE_CHECKING:
    from venue_cli.model.criteria import CriterionValue

_ATTRIBUTION_RANK = {Attribution.PARAPHRASE: 0, Attribution.REPORTED: 1, Attribution.FIRST_HAND: 2}


class StanceView(NamedTuple):
    """The stance of one party on one venue as of the date, and the statement behind it."""

    party: str
    stance: Stance | None  # None: the party has said nothing about the venue
    score: float  # the stance score used in the utility (after any discount)
    statement: Statement | None
    discounted: bool  # the statement was about another kind of meeting


class DayIndex:
    """The dataset as of one day, for the rules (built by `DayIndex.build`)."""

    def __init__(self, dataset: Dataset, as_of: dt.date, params: Params) -> None:
        self.dataset = dataset
        self.as_of = as_of
        self.params = params
        self.statements: dict[tuple[str, str], list[Statement]] = {}
        self.icc_members: dict[str, Fact] = {}
        self.warrants: dict[str, list[Fact]] = {}
        self.pledges: dict[str, Fact] = {}
        self.closures: dict[tuple[str, str], Fact] = {}
        self.waivers: dict[tuple[str, str], Fact] = {}
        self.travel: dict[str, tuple[Fact, ...]] = {}
        self.unfriendly: dict[str, list[Fact]] = {}
        self.neutral: dict[str, Fact] = {}
        self.allies: dict[str, list[Fact]] = {}
        self.events_in: dict[str, list[Event]] = {}
        self.assessments: dict[tuple[str, str, str | None], Assessment] = {}
        self.judged_venues: frozenset[str] = frozenset()
        self.party_country: dict[str, str] = {}
        self._memo: dict[tuple[Any, ...], CriterionValue] = {}
        self._stances: dict[tuple[str, str], StanceView] = {}

    @staticmethod
    def build(dataset: Dataset, as_of: dt.date, params: Params = DEFAULT_PARAMS) -> DayIndex:
        ix = DayIndex(dataset, as_of, params)
        by_pv: dict[tuple[str, str], list[Statement]] = defaultdict(list)
        for s in dataset.statements:
            if s.date <= as_of:
                for v in s.venues:
                    by_pv[(s.party, v)].append(s)
        ix.statements = dict(by_pv)
        warrants: dict[str, list[Fact]] = defaultdict(list)
        travel: dict[str, list[Fact]] = defaultdict(list)
        unfriendly: dict[str, list[Fact]] = defaultdict(list)
        allies: dict[str, list[Fact]] = defaultdict(list)
        for fact in dataset.facts:
            if not fact.applies_on(as_of):
                continue
            k = fact.kind
            if k is FactKind.ICC_MEMBER and fact.country:
                ix.icc_members[fact.country] = fact
            elif k is FactKind.ARREST_WARRANT and fact.party:
                warrants[fact.party].append(fact)
            elif k is FactKind.IMMUNITY_PLEDGE and fact.country:
                old = ix.pledges.get(fact.country)
                if old is None or (old.strength != "firm" and fact.strength == "firm"):
                    ix.pledges[fact.country] = fact
            elif k is FactKind.AIRSPACE_CLOSURE and fact.jurisdiction and fact.against:
                ix.closures[(fact.jurisdiction, fact.against)] = fact
            elif k is FactKind.AIRSPACE_WAIVER and fact.jurisdiction and fact.party:
                ix.waivers[(fact.jurisdiction, fact.party)] = fact
            elif k is FactKind.TRAVEL_CONSTRAINT and fact.venue:
                travel[fact.venue].append(fact)
            elif k is FactKind.UNFRIENDLY_LIST and fact.party:
                unfriendly[fact.party].append(fact)
            elif k is FactKind.NEUTRALITY_STATUS and fact.country:
                old_n = ix.neutral.get(fact.country)
                if old_n is None or fact.status == "permanent":
                    ix.neutral[fact.country] = fact
            elif k is FactKind.ALIGNMENT and fact.country and fact.relation == "ally":
                allies[fact.country].append(fact)
        ix.warrants, ix.unfriendly, ix.allies = dict(warrants), dict(unfriendly), dict(allies)
        ix.travel = {v: tuple(fs) for v, fs in travel.items()}
        events: dict[str, list[Event]] = defaultdict(list)
        for e in dataset.events:
            if e.date <= as_of and e.kind.held:
                events[e.country].append(e)
        ix.events_in = dict(events)
        for a in sorted(dataset.assessments, key=lambda a: (a.date, a.assumed, a.line)):
            if a.date <= as_of:
                ix.assessments[(a.criterion, a.venue, a.party)] = a
        ix.judged_venues = frozenset(venue for (_c, venue, _p) in ix.assessments)
        ix.party_country = {p.id: p.country for p in dataset.parties.values() if p.country}
        return ix

    # -- lookups --------------------------------------------------------------------------

    def other_principals(self, party_id: str) -> list[str]:
        return [p for p in self.dataset.case.principals if p != party_id]

    def country_name(self, code: str, place: Place) -> str:
        if code == place.country:
            return place.country_name
        for party in self.dataset.parties.values():
            if party.country == code:
                return party.name
        return code

    def enforceable_warrants(self, party_id: str, country: str) -> list[Fact]:
        """Warrants against the party's leader that `country` must enforce."""
        out = []
        for w in self.warrants.get(party_id, ()):
            icc = w.issuer == "ICC" and country in self.icc_members
            if icc or w.issuer == country:
                out.append(w)
        return out

    def judged(self, criterion: str, venue_id: str, party_id: str) -> Assessment | None:
        """The judged value for the criterion at the venue: for this party, else for all."""
        if venue_id not in self.judged_venues:
            return None
        return self.assessments.get((criterion, venue_id, party_id)) or self.assessments.get(
            (criterion, venue_id, None)
        )

    def memo_place(
        self, rule: Callable[[DayIndex, Party, Place], CriterionValue], party: Party, place: Place
    ) -> CriterionValue:
        """A place-level rule's value, computed once per (rule, party, place)."""
        key = (rule, party.id, place)
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = rule(self, party, place)
        return hit

    def memo(self, key: tuple[Any, ...], compute: Callable[[], CriterionValue]) -> CriterionValue:
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = compute()
        return hit

    # -- stances --------------------------------------------------------------------------

    def stance(self, party: str, venue: str) -> StanceView:
        """The party's stance on the venue: its latest statement about the meeting being
        placed; failing that, its latest about another kind of meeting, discounted."""
        hit = self._stances.get((party, venue))
        if hit is None:
            hit = self._stances[(party, venue)] = self._find_stance(party, venue)
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
