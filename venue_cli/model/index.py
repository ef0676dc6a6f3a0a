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
from typing import TYPE_CHECKING, Any

from venue_cli.model import kernel
from venue_cli.model.params import DEFAULT_PARAMS, Params
from venue_cli.model.stances import StanceView
from venue_cli.records import (
    Assessment,
    Attribution,
    Dataset,
    Event,
    Fact,
    FactKind,
    Level,
    Party,
    Place,
    Statement,
    Venue,
    blanket_cover,
)

if TYPE_CHECKING:
    from venue_cli.model.criteria import CriterionValue
    from venue_cli.model.stances import Item

_ATTRIBUTION_RANK = {Attribution.PARAPHRASE: 0, Attribution.REPORTED: 1, Attribution.FIRST_HAND: 2}


_SHORT = 8  # a venue list this short is searched as it is (`DayIndex.names`)


class DayIndex:
    """The dataset as of one day, for the rules (built by `DayIndex.build`)."""

    math = kernel.SCALAR  # the array namespace of the deterministic path

    def __init__(
        self, dataset: Dataset, as_of: dt.date, params: Params, public_only: bool = False
    ) -> None:
        self.dataset = dataset
        self.as_of = as_of
        self.params = params
        self.public_only = public_only
        self.statements: dict[tuple[str, str], list[Statement]] = {}  # naming the venue
        # what bears on a party's stance on a venue (`items_at`): the statements naming it,
        # by pair, and the blanket remarks (`covers`, `others`), each once, with the
        # remarks covering each venue (indices into `blankets`, in the dataset's order)
        self.named_items: dict[tuple[str, str], list[tuple[int, Item]]] = {}
        self.blankets: list[tuple[int, Item, tuple[str, ...]]] = []  # (position, item, speakers)
        self.covering: dict[str, list[int]] = {}
        self.special: dict[str, set[str]] = {}  # venue -> parties naming it or with talks there
        self.named: dict[str, list[Statement]] = {}
        # `names`: each long venue list as a set, by the statement's id (with the statement)
        self._venue_sets: dict[int, tuple[Statement, frozenset[str]]] = {}
        self.attended: dict[tuple[str, str], list[Event]] = {}
        self.cancelled: dict[str, list[Event]] = {}  # venue -> plans called off by the day
        self.events_by_id: dict[str, Event] = {}
        self.icc_history: dict[str, list[Fact]] = {}
        self.mediated_in: dict[str, list[Event]] = {}  # country -> talks its party mediated
        self.leaders_level = True
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
        self.judged_at: dict[str, dict[tuple[str, str | None], Assessment]] = {}
        self._memo: dict[tuple[Any, ...], CriterionValue] = {}
        self._stances: dict[tuple[str, str], StanceView] = {}
        self._items: dict[tuple[str, str], list[Item]] = {}
        self._classes: dict[str, int] = {}  # venue -> its set of covering remarks, numbered
        self._class_ids: dict[tuple[int, ...], int] = {}
        self._blanket_stances: dict[tuple[str, int], StanceView] = {}
        # by blanket class: each speaker's (position, item) from the covering remarks
        self._class_items: dict[int, dict[str, list[tuple[int, Item]]]] = {}
        self._places: dict[str, Place] = {}
        # a statement's (quality, relatedness, decay), by id() (`stances.pooled_view`)
        self.weighed: dict[int, tuple[float, float, float]] = {}

    @staticmethod
    def build(
        dataset: Dataset,
        as_of: dt.date,
        params: Params = DEFAULT_PARAMS,
        *,
        public_only: bool = False,
    ) -> DayIndex:
        """The index as of `as_of`; `public_only` leaves out records marked `public: false`
        (a public-knowledge backtest)."""
        ix = DayIndex(dataset, as_of, params, public_only)
        ix._index_statements()
        ix._index_events()
        warrants: dict[str, list[Fact]] = defaultdict(list)
        travel: dict[str, list[Fact]] = defaultdict(list)
        unfriendly: dict[str, list[Fact]] = defaultdict(list)
        allies: dict[str, list[Fact]] = defaultdict(list)
        # in date order, not file order: where one fact per key is kept (the ICC membership,
        # closure or waiver in force), the newest wins, and the file's order changes nothing
        for fact in sorted(dataset.facts, key=lambda f: (f.valid_from, f.date, f.id)):
            if public_only and not fact.public:
                continue
            if fact.kind is FactKind.ICC_MEMBER and fact.country and fact.valid_from <= as_of:
                ix.icc_history.setdefault(fact.country, []).append(fact)
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
        for a in sorted(dataset.assessments, key=lambda a: (a.date, a.assumed, a.id)):
            if a.date <= as_of:
                ix.assessments[(a.criterion, a.venue, a.party)] = a
        ix.judged_venues = frozenset(venue for (_c, venue, _p) in ix.assessments)
        for (criterion, venue, party), a in ix.assessments.items():
            ix.judged_at.setdefault(venue, {})[(criterion, party)] = a
        ix.party_country = {p.id: p.country for p in dataset.parties.values() if p.country}
        mediated: dict[str, list[Event]] = defaultdict(list)
        for e in dataset.events:
            if e.date <= as_of and e.kind.held and (e.public or not public_only):
                for m in e.mediators:
                    code = ix.party_country.get(m)
                    if code and code != e.country:
                        mediated[code].append(e)
        ix.mediated_in = dict(mediated)
        kind = dataset.case.meeting_kinds.get(dataset.case.meeting)
        ix.leaders_level = not (kind is not None and kind.level is Level.DELEGATIONS)
        return ix

    def _index_statements(self) -> None:
        """Each statement in force: by the venues it names, once per party that made it;
        a blanket remark once, with the venues it covers (`items_at` puts them together)."""
        from venue_cli.model.stances import Item

        ds, day = self.dataset, self.as_of
        venues = list(ds.venues)
        groups = ds.venue_groups()
        by_pv: dict[tuple[str, str], list[Statement]] = defaultdict(list)
        named_items: dict[tuple[str, str], list[tuple[int, Item]]] = defaultdict(list)
        named: dict[str, list[Statement]] = defaultdict(list)
        covering: dict[str, list[int]] = defaultdict(list)
        special: dict[str, set[str]] = defaultdict(set)
        for pos, s in enumerate(ds.statements):
            if s.known_from > day or (self.public_only and not s.public):
                continue
            covered = blanket_cover(
                s.covers, s.others is not None, s.venues, s.excluded, venues, groups
            )
            if s.covers is not None:
                self.blankets.append((pos, Item(s, s.stance, False), s.speakers))
            elif s.others is not None:
                self.blankets.append((pos, Item(s, s.others, False), s.speakers))
            if covered:
                j = len(self.blankets) - 1
                for v in covered:
                    covering[v].append(j)
            for v in s.venues:
                named[v].append(s)
            for party in s.speakers:
                for v in s.venues:
                    by_pv[(party, v)].append(s)
                    named_items[(party, v)].append((pos, Item(s, s.stance, True)))
                    special[v].add(party)
        self.statements, self.named = dict(by_pv), dict(named)
        self.named_items, self.covering, self.special = dict(named_items), dict(covering), special

    def names(self, statement: Statement, venue: str) -> bool:
        """Whether the statement names the venue itself (not through a class or group): a
        set per long list, so that a scenario or file naming every venue in many statements
        costs statements × venues once, not once more per venue."""
        if len(statement.venues) <= _SHORT:
            return venue in statement.venues
        hit = self._venue_sets.get(id(statement))
        if hit is None or hit[0] is not statement:  # the entry holds it: its id stays its own
            hit = self._venue_sets[id(statement)] = (statement, frozenset(statement.venues))
        return venue in hit[1]

    def items_at(self, party: str, venue: str) -> list[Item]:
        """What the party said that bears on the venue, in the dataset's order: statements
        naming it, and blanket remarks covering it."""
        hit = self._items.get((party, venue))
        if hit is None:
            found = list(self.named_items.get((party, venue), ()))
            found += self._covering_items(venue).get(party, ())
            found.sort(key=lambda x: x[0])  # stable: a statement's own items stay in order
            hit = self._items[(party, venue)] = [item for _pos, item in found]
        return hit

    def _covering_items(self, venue: str) -> dict[str, list[tuple[int, Item]]]:
        """Each party's (position, item) from the blanket remarks covering the venue, in
        the order of `covering`, once for each time it is among a remark's speakers. Built
        once per blanket class, in one pass over the remarks (a pass per party would grow
        with the square of the parties)."""
        cls = self.blanket_class(venue)
        hit = self._class_items.get(cls)
        if hit is None:
            by_party: dict[str, list[tuple[int, Item]]] = defaultdict(list)
            for j in self.covering.get(venue, ()):
                pos, item, speakers = self.blankets[j]
                for speaker in speakers:
                    by_party[speaker].append((pos, item))
            hit = self._class_items[cls] = dict(by_party)
        return hit

    def blanket_class(self, venue: str) -> int:
        """A number shared by the venues that the same blanket remarks cover."""
        hit = self._classes.get(venue)
        if hit is None:
            key = tuple(self.covering.get(venue, ()))
            hit = self._classes[venue] = self._class_ids.setdefault(key, len(self._class_ids))
        return hit

    def _index_events(self) -> None:
        ds, day = self.dataset, self.as_of
        by_country: dict[str, list[str]] = defaultdict(list)
        for venue in ds.venues.values():
            by_country[venue.country].append(venue.id)
        events_in: dict[str, list[Event]] = defaultdict(list)
        attended: dict[tuple[str, str], list[Event]] = defaultdict(list)
        cancelled: dict[str, list[Event]] = defaultdict(list)
        for e in ds.events:
            self.events_by_id[e.id] = e
            if e.date > day or (self.public_only and not e.public):
                continue
            where = e.venue
            if where is None and len(by_country.get(e.country, ())) == 1:
                where = by_country[e.country][0]
            if not e.kind.held:
                if where is not None:
                    cancelled[where].append(e)
                continue
            events_in[e.country].append(e)
            if where is not None:
                for party in e.parties:
                    attended[(party, where)].append(e)
                    self.special[where].add(party)
        self.events_in, self.attended, self.cancelled = (
            dict(events_in),
            dict(attended),
            dict(cancelled),
        )
        self.special = dict(self.special)

    def lapsed(self, st: Statement, venue: str) -> bool:
        """True if the statement no longer counts for the venue on the day: its
        `valid_until` has passed, the event it is tied to was cancelled or postponed, or a
        cancelled or postponed plan of the same meeting at the venue ended after it."""
        if st.assumed:
            return False
        if st.valid_until is not None and st.valid_until <= self.as_of:
            return True
        if st.event is not None:
            e = self.events_by_id.get(st.event)
            return e is not None and not e.kind.held and e.date <= self.as_of
        return any(
            e.meeting == st.meeting and st.date <= (e.end_date or e.date)
            for e in self.cancelled.get(venue, ())
        )

    # -- lookups --------------------------------------------------------------------------

    def other_principals(self, party_id: str) -> list[str]:
        return [p for p in self.dataset.case.principals if p != party_id]

    def opponents(self, party_id: str) -> list[str]:
        """The other side: every other principal, for a principal; nobody, for a mediator or
        stakeholder (it is on neither side)."""
        if party_id not in self.dataset.case.principals:
            return []
        return self.other_principals(party_id)

    def alliance(self, country: str, party_id: str) -> Fact | None:
        """The fact that `country` is formally allied with the party, if any."""
        return next((a for a in self.allies.get(country, ()) if a.party == party_id), None)

    def leans_against(self, party_id: str, country: str) -> Fact | None:
        """For a principal: an alliance of `country` with another principal but not with
        this one (allied with both sides, or with neither, leans to none). None for a
        mediator or stakeholder."""
        if party_id not in self.dataset.case.principals:
            return None
        if self.alliance(country, party_id) is not None:
            return None
        for other in self.opponents(party_id):
            fact = self.alliance(country, other)
            if fact is not None:
                return fact
        return None

    def country_name(self, code: str, place: Place) -> str:
        if code == place.country:
            return place.country_name
        for party in self.dataset.parties.values():
            if party.country == code:
                return party.name
        return code

    def enforceable_warrants(self, party_id: str, country: str) -> list[Fact]:
        """Warrants against the party's leader that `country` must enforce: its own, and an
        ICC warrant if the country is an ICC state party — or was one when the proceedings
        began (Rome Statute art. 127(2): a withdrawal does not end the duty to cooperate on
        proceedings begun while the state was a party). None when the meeting being placed
        is one of delegations: the leader does not travel."""
        if not self.leaders_level:
            return []
        out = []
        for w in self.warrants.get(party_id, ()):
            if w.issuer == country or (w.issuer == "ICC" and self.icc_bound(country, w)):
                out.append(w)
        return out

    def icc_bound(self, country: str, warrant: Fact) -> bool:
        """Must `country` cooperate with the ICC on `warrant` as of the day?"""
        if country in self.icc_members:
            return True
        return any(
            m.valid_until is not None and warrant.date < m.valid_until
            for m in self.icc_history.get(country, ())
        )

    def icc_fact(self, country: str) -> Fact | None:
        """The ICC membership fact behind `icc_bound` (current, else the ended one)."""
        return self.icc_members.get(country) or next(iter(self.icc_history.get(country, ())), None)

    def judged(self, criterion: str, venue_id: str, party_id: str) -> Assessment | None:
        """The judged value for the criterion at the venue: for this party, else for all."""
        if venue_id not in self.judged_venues:
            return None
        return self.assessments.get((criterion, venue_id, party_id)) or self.assessments.get(
            (criterion, venue_id, None)
        )

    def place_of(self, venue: Venue) -> Place:
        """The venue's `Place`, built once per venue."""
        hit = self._places.get(venue.id)
        if hit is None:
            hit = self._places[venue.id] = venue.place
        return hit

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
        """The party's stance on the venue (`venue_cli.model.stances`); with `Params.v1`,
        the first model's rule: the latest statement."""
        if not self.params.v1 and self.blanket_only(party, venue):
            return self.blanket_stance(party, venue)
        hit = self._stances.get((party, venue))
        if hit is None:
            if self.params.v1:
                hit = self._v1_stance(party, venue)
            else:
                from venue_cli.model.stances import stance_view

                hit = stance_view(self, party, venue)
            self._stances[(party, venue)] = hit
        return hit

    def blanket_only(self, party: str, venue: str) -> bool:
        """Whether the party's stance on the venue rests on blanket remarks alone: no
        statement of the party names the venue, it attended no talks there, and no plan
        there was called off (what could make a remark lapse at one venue and not another)."""
        return venue not in self.cancelled and party not in self.special.get(venue, ())

    def blanket_stance(self, party: str, venue: str) -> StanceView:
        """The party's stance on the venue from the blanket remarks covering it alone (its
        stance when `blanket_only`; the venue must have no plan called off). It reads
        nothing of the venue but which remarks cover it, so it is computed once per party
        and set of covering remarks."""
        key = (party, self.blanket_class(venue))
        hit = self._blanket_stances.get(key)
        if hit is None:
            from venue_cli.model.stances import pooled_view

            items = [item for _pos, item in self._covering_items(venue).get(party, ())]
            hit = self._blanket_stances[key] = pooled_view(self, party, venue, items, ())
        return hit

    def _v1_stance(self, party: str, venue: str) -> StanceView:
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
