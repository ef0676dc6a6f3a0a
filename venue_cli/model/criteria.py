"""The criteria: one object per criterion, and the registry that holds them.

A criterion is its id, label, scope, rule (`compute`), remedy, the sentence that states the
rule in docs/model.md, and its default weight for each role. Adding a criterion means one
`Criterion(...)` here (or a `REGISTRY.register` call), one row in the model document (which
is generated from `doc`), and one test. The registry checks itself when this module is
imported: a criterion of the dataset format without a rule, or default weights that do not
add up, is an error at import — never a silent value.

Scope says what a rule may depend on, and so how often it is computed:

* `PLACE`: the party and the venue's `Place` (country, blocs, airspace, where one lands);
  computed once per party and place, however many venues share the place;
* `VENUE`: the party and the whole venue;
* `HOST`: the venue only (the same for every party).

A judged value (an assessment in the dataset) replaces a derived value for any criterion;
that is the ranking's business, not the rule's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Hashable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

from venue_cli.records import Fact, Party, Place, Role, Stance, Venue

if TYPE_CHECKING:
    from venue_cli.model.index import DayIndex


class Scope(StrEnum):
    PLACE = "place"
    VENUE = "venue"
    HOST = "host"


class CriterionValue(NamedTuple):
    """One criterion's value for one party at one venue, with the rule that gave it."""

    criterion: str
    value: float
    rule: str  # one line: which rule applied, in words
    evidence: tuple[str, ...] = ()  # ids of the facts / events / assessments / statements
    judged: bool = False  # True when an assessment set the value


class RemedyContext(NamedTuple):
    """What a remedy sentence may mention."""

    party_name: str
    venue: Venue
    principal_host: bool  # the venue is in a principal's own country


Rule = Callable[["DayIndex", Party, Venue], CriterionValue]
PlaceRule = Callable[["DayIndex", Party, Place], CriterionValue]
HostRule = Callable[["DayIndex", Venue], CriterionValue]


@dataclass(frozen=True)
class Criterion:
    """One criterion of the model. `compute` takes (index, party, place) for PLACE scope,
    (index, party, venue) for VENUE and (index, venue) for HOST."""

    id: str
    label: str
    scope: Scope
    compute: Callable[..., CriterionValue]
    remedy: Callable[[RemedyContext], str]
    doc: str  # the rule, in words, for docs/model.md
    defaults: Mapping[Role, float] = field(default_factory=dict)
    #: whether a low value at a principal's own country is worth listing as an obstacle
    #: (a host cannot be neutral about itself: that is not its obstacle)
    obstacle_at_home: bool = True
    #: For a VENUE rule, what it reads of the venue beyond the venue's `Place`, as a
    #: hashable key (None when it reads nothing more there): venues with the same place and
    #: key get the same value, so the ranking computes the rule once per party, place and
    #: key. Without it, the rule is computed once per party and venue.
    venue_key: Callable[[DayIndex, Venue], Hashable] | None = None


class RegistryError(Exception):
    """The criterion registry is incomplete or inconsistent (a programming error)."""


class Registry:
    """The ordered set of criteria the model scores."""

    def __init__(self) -> None:
        self._items: dict[str, Criterion] = {}

    def register(self, criterion: Criterion) -> Criterion:
        if criterion.id in self._items:
            raise RegistryError(f"criterion '{criterion.id}' is registered twice")
        for attr in ("label", "doc"):
            if not getattr(criterion, attr):
                raise RegistryError(f"criterion '{criterion.id}' has no {attr}")
        if not callable(criterion.compute) or not callable(criterion.remedy):
            raise RegistryError(f"criterion '{criterion.id}' has no rule or no remedy")
        self._items[criterion.id] = criterion
        return criterion

    def unregister(self, criterion_id: str) -> None:
        del self._items[criterion_id]

    @contextmanager
    def temporarily(self, criterion: Criterion) -> Iterator[Criterion]:
        """Register `criterion` for the duration of a `with` block (tests, extensions)."""
        self.register(criterion)
        try:
            yield criterion
        finally:
            self.unregister(criterion.id)

    def ids(self) -> tuple[str, ...]:
        return tuple(self._items)

    def __iter__(self) -> Iterator[Criterion]:
        return iter(tuple(self._items.values()))

    def __len__(self) -> int:
        return len(self._items)

    def __getitem__(self, criterion_id: str) -> Criterion:
        return self._items[criterion_id]

    def __contains__(self, criterion_id: object) -> bool:
        return criterion_id in self._items

    def has_defaults(self, role: Role) -> bool:
        return any(c.defaults.get(role, 0.0) > 0 for c in self)

    def default_weights(self, role: Role) -> dict[str, float]:
        """The role's default criteria weights (raw; the model normalises them)."""
        return {c.id: c.defaults.get(role, 0.0) for c in self if c.defaults.get(role, 0.0) > 0}

    def check(self, required: tuple[str, ...]) -> None:
        """Every criterion the dataset format names has a rule; each role's defaults add up
        to 1 over the built-in criteria."""
        missing = [c for c in required if c not in self._items]
        if missing:
            raise RegistryError(
                f"criteria of the dataset format without a rule: {', '.join(missing)}"
            )
        for role in (Role.PRINCIPAL, Role.MEDIATOR):
            total = sum(self._items[c].defaults.get(role, 0.0) for c in required)
            if abs(total - 1.0) > 1e-9:
                raise RegistryError(
                    f"default weights for a {role.value} add up to {total:g}, not 1"
                )


REGISTRY = Registry()


def _years_before(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` earlier (28 Feb for a 29 Feb that does not exist)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


# --------------------------------------------------------------------------- legal


def _legal(ix: DayIndex, party: Party, place: Place) -> CriterionValue:
    """The worst exposure over the venue's country and the country one lands in."""
    worst: CriterionValue | None = None
    for code in place.legal_countries:
        value = _legal_in(ix, party, code, ix.country_name(code, place))
        if worst is None or value.value < worst.value:
            worst = value
    assert worst is not None
    if len(place.legal_countries) > 1 and worst.value == ix.params.legal_clear:
        names = " or ".join(ix.country_name(c, place) for c in place.legal_countries)
        who = party.leader or party.name
        return CriterionValue(
            "legal", worst.value, f"no warrant against {who} that {names} must enforce"
        )
    return worst


def _legal_in(ix: DayIndex, party: Party, country: str, country_name: str) -> CriterionValue:
    p = ix.params
    who = party.leader or party.name
    enforceable = ix.enforceable_warrants(party.id, country)
    if not enforceable:
        return CriterionValue(
            "legal", p.legal_clear, f"no warrant against {who} that {country_name} must enforce"
        )
    evidence = [w.id for w in enforceable]
    issuers = ", ".join(
        sorted({"the ICC" if w.issuer == "ICC" else w.issuer or "" for w in enforceable})
    )
    member = ix.icc_fact(country)
    if member is not None and any(w.issuer == "ICC" for w in enforceable):
        evidence.append(member.id)
    pledge = ix.pledges.get(country)
    if pledge is not None:
        value = p.legal_firm_pledge if pledge.strength == "firm" else p.legal_conditional_pledge
        return CriterionValue(
            "legal",
            value,
            f"{who} is wanted by {issuers}; {country_name} must enforce it but gave a "
            f"{pledge.strength} immunity pledge for peace talks",
            (*evidence, pledge.id),
        )
    return CriterionValue(
        "legal",
        p.legal_exposed,
        f"{who} is wanted by {issuers} and {country_name} must enforce it; no immunity pledge",
        tuple(evidence),
    )


def _legal_remedy(c: RemedyContext) -> str:
    countries = c.venue.country_name
    if c.venue.arrival_country and c.venue.arrival_country != c.venue.country:
        countries += f" and the country one lands in ({c.venue.arrival_country})"
    return f"an immunity pledge for peace talks by {countries}"


REGISTRY.register(
    Criterion(
        "legal",
        "Legal exposure",
        Scope.PLACE,
        _legal,
        _legal_remedy,
        "For V's country, and for its `arrival_country` when a leader must land elsewhere "
        "first (the Holy See: Italy), the worse of the two: find the arrest warrants against "
        "P's leader that the country must enforce: an ICC warrant where the country is an "
        "ICC state party (`icc_member`), or a national warrant issued by the country itself. "
        "None: **{legal_clear:g}**. Otherwise, with a `firm` immunity pledge for peace talks "
        "by the country: **{legal_firm_pledge:g}**; with a `conditional` pledge: "
        "**{legal_conditional_pledge:g}**; with no pledge: **{legal_exposed:g}**.",
        MappingProxyType({Role.PRINCIPAL: 0.15, Role.MEDIATOR: 0.05}),
    )
)


# --------------------------------------------------------------------------- access


def _access_in(
    ix: DayIndex, party: Party, airspaces: tuple[str, ...], travel: tuple[Fact, ...]
) -> CriterionValue:
    p = ix.params
    value = p.access_open
    reasons: list[str] = []
    evidence: list[str] = []
    for j in airspaces:
        closure = ix.closures.get((j, party.id))
        if closure is None:
            continue
        waiver = ix.waivers.get((j, party.id))
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
            v, why = p.access_derogation_possible, f"{j} airspace closed; a derogation is possible"
        else:
            v, why = p.access_closed, f"{j} airspace closed with no exemption"
        evidence.append(closure.id)
        reasons.append(why)
        value = min(value, v)
    for t in travel:
        if (not t.parties or party.id in t.parties) and t.level is not None:
            reasons.append(t.summary)
            evidence.append(t.id)
            value = min(value, t.level)
    rule = (
        "; ".join(reasons) if reasons else "no airspace closure or travel constraint for this party"
    )
    return CriterionValue("access", value, rule, tuple(evidence))


def _airspace(ix: DayIndex, party: Party, place: Place) -> CriterionValue:
    """Access from airspace closures only: the same for every venue at the place."""
    return _access_in(ix, party, place.airspaces, ())


def _access(ix: DayIndex, party: Party, venue: Venue) -> CriterionValue:
    travel = ix.travel.get(venue.id, ())
    if not travel:
        return ix.memo_place(_airspace, party, ix.place_of(venue))
    return _access_in(ix, party, venue.airspaces, travel)


def _access_key(ix: DayIndex, venue: Venue) -> str | None:
    """What `_access` reads beyond the place: the venue's travel constraints, if any."""
    return venue.id if venue.id in ix.travel else None


REGISTRY.register(
    Criterion(
        "access",
        "Access",
        Scope.VENUE,
        _access,
        lambda c: f"an airspace derogation on the route to {c.venue.city}",
        "For each airspace a state flight needs (`venue.jurisdictions`, else the country) "
        "that is closed to P: **{access_waiver_precedent:g}** if a waiver has been granted "
        "before (`airspace_waiver`); else **{access_diplomatic_exemption:g}** if diplomatic "
        "flights are exempt; else **{access_derogation_possible:g}** if a derogation is "
        "possible per state; else **{access_closed:g}**. The value is the minimum over these "
        "airspaces ({access_open:g} if none is closed), and then the minimum with any "
        "`travel_constraint` level for V that applies to P.",
        MappingProxyType({Role.PRINCIPAL: 0.10, Role.MEDIATOR: 0.15}),
        venue_key=_access_key,
    )
)


# --------------------------------------------------------------------------- security


def _security(ix: DayIndex, party: Party, place: Place) -> CriterionValue:
    p = ix.params
    for other in ix.opponents(party.id):
        if ix.party_country.get(other) == place.country:
            name = ix.dataset.parties[other].name
            return CriterionValue(
                "security",
                p.security_opponent_territory,
                f"the venue is on the territory of {name}, the other side",
            )
    return CriterionValue(
        "security", p.security_default, "no assessment recorded; the default value"
    )


def _security_remedy(c: RemedyContext) -> str:
    if c.principal_host:
        return "a third-country venue instead (the host is a party to the conflict)"
    return f"security guarantees that {c.party_name} accepts"


REGISTRY.register(
    Criterion(
        "security",
        "Security",
        Scope.PLACE,
        _security,
        _security_remedy,
        "For a principal, the venue on another principal's territory: "
        "**{security_opponent_territory:g}**. Otherwise **{security_default:g}**. In practice "
        "security is judged: the dataset's assessments set it per venue and party, each with "
        "its rationale.",
        MappingProxyType({Role.PRINCIPAL: 0.20, Role.MEDIATOR: 0.15}),
    )
)


# --------------------------------------------------------------------------- neutrality


def _neutrality(ix: DayIndex, party: Party, place: Place) -> CriterionValue:
    p = ix.params
    for principal in ix.dataset.case.principals:
        if ix.party_country.get(principal) == place.country:
            name = ix.dataset.parties[principal].name
            return CriterionValue("neutrality", 0.0, f"the host is {name}, a party to the conflict")
    value = p.neutrality_base
    parts = [f"base {p.neutrality_base:g}"]
    evidence: list[str] = []
    status = ix.neutral.get(place.country)
    if status is not None:
        bonus = (
            p.neutrality_permanent_bonus
            if status.status == "permanent"
            else p.neutrality_declared_bonus
        )
        value += bonus
        parts.append(f"+{bonus:g} {status.status} neutrality")
        evidence.append(status.id)
    for lst in ix.unfriendly.get(party.id, ()):
        if place.places & set(lst.countries):
            value -= p.neutrality_unfriendly_penalty
            parts.append(
                f"-{p.neutrality_unfriendly_penalty:g} on {party.name}'s 'unfriendly' list"
            )
            evidence.append(lst.id)
            break
    leaning = ix.leans_against(party.id, place.country)
    if leaning is not None:
        name = ix.dataset.parties[leaning.party].name if leaning.party else "?"
        value -= p.neutrality_opponent_ally_penalty
        parts.append(f"-{p.neutrality_opponent_ally_penalty:g} ally of {name}")
        evidence.append(leaning.id)
    value = min(1.0, max(0.0, value))
    return CriterionValue("neutrality", value, ", ".join(parts), tuple(evidence))


def _neutrality_remedy(c: RemedyContext) -> str:
    if c.principal_host:
        return "a third-country venue instead (the host is a party to the conflict)"
    return f"a format {c.party_name} sees as neutral (e.g. a co-host or mediator)"


REGISTRY.register(
    Criterion(
        "neutrality",
        "Neutrality",
        Scope.PLACE,
        _neutrality,
        _neutrality_remedy,
        "V in a principal's own country: **0** for everyone (the host is a party to the "
        "conflict). Otherwise start at **{neutrality_base:g}**; "
        "**+{neutrality_permanent_bonus:g}** if the country has permanent neutrality status, "
        "or **+{neutrality_declared_bonus:g}** for declared neutrality; "
        "**−{neutrality_unfriendly_penalty:g}** if the country (or a bloc it belongs to, such "
        "as the EU) is on P's official 'unfriendly' list; "
        "**−{neutrality_opponent_ally_penalty:g}**, for a principal, if the country is "
        "formally allied with another principal and not with P. Clamped to [0, 1].",
        MappingProxyType({Role.PRINCIPAL: 0.20, Role.MEDIATOR: 0.15}),
        obstacle_at_home=False,
    )
)


# --------------------------------------------------------------------------- mediation


def _mediation(ix: DayIndex, party: Party, place: Place) -> CriterionValue:
    p = ix.params
    principals = set(ix.dataset.case.principals)
    points = 0.0
    used: list[str] = []
    old_before = _years_before(ix.as_of, p.mediation_old_years)
    seen: set[str] = set()
    for e in (*ix.events_in.get(place.country, ()), *ix.mediated_in.get(place.country, ())):
        if e.id in seen:
            continue
        seen.add(e.id)
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
        f"{len(used)} earlier talks in or mediated by {place.country_name} with the "
        "principals: "
        f"{points:g} points (full value at {p.mediation_saturation:g})"
        if used
        else f"no earlier talks with the principals in or mediated by {place.country_name}"
    )
    return CriterionValue("mediation", value, rule, tuple(used))


REGISTRY.register(
    Criterion(
        "mediation",
        "Mediation record",
        Scope.PLACE,
        _mediation,
        lambda _c: "a first round of lower-level talks there",
        "Count the earlier talks in V's country, or mediated by a party of V's country "
        "(held events as of D). Each is "
        "worth **{mediation_both_principals:g}** point if two or more principals took part "
        "and **{mediation_one_principal:g}** if one did. Talks more than "
        "**{mediation_old_years}** years before D count **{mediation_old_factor:g}**×. "
        "x = min(1, points / **{mediation_saturation:g}**).",
        MappingProxyType({Role.PRINCIPAL: 0.10, Role.MEDIATOR: 0.20}),
    )
)


# --------------------------------------------------------------------------- readiness

_HOST_WORDS = {
    Stance.PROPOSES: "offers to host",
    Stance.ACCEPTS: "accepts",
    Stance.OPEN: "is open",
    Stance.RELUCTANT: "is reluctant",
    Stance.REJECTS: "declines",
}


def _readiness(ix: DayIndex, venue: Venue) -> CriterionValue:
    if venue.host is None or venue.host not in ix.dataset.parties:
        return CriterionValue("readiness", ix.params.unknown_stance, "no host party recorded")
    view = ix.stance(venue.host, venue.id)
    host = ix.dataset.parties[venue.host].name
    if view.statement is None:
        return CriterionValue("readiness", view.score, f"the host ({host}) has made no statement")
    s = view.statement
    extra = " (about another kind of meeting)" if view.discounted else ""
    return CriterionValue(
        "readiness",
        view.score,
        f"the host ({host}) {_HOST_WORDS[s.stance]}{extra}: {s.speaker}, {s.date.isoformat()}",
        (s.id,),
    )


REGISTRY.register(
    Criterion(
        "readiness",
        "Host readiness",
        Scope.HOST,
        _readiness,
        lambda c: f"a formal offer to host from {c.venue.country_name}",
        "The pooled stance (section 2) of V's **host** party (`venue.host`) on V: an offer to "
        "host is 'proposes'. With no host party or no evidence: **{unknown_stance:g}**.",
        MappingProxyType({Role.PRINCIPAL: 0.10, Role.MEDIATOR: 0.25}),
    )
)


# --------------------------------------------------------------------------- home turf


def _home_turf(ix: DayIndex, party: Party, place: Place) -> CriterionValue:
    """A principal: its own ground, the other side's, or an ally's of one side only. A
    mediator or stakeholder has no side: its own country, else neutral."""
    p = ix.params
    if party.country == place.country:
        return CriterionValue(
            "home_turf", p.home_own, f"the venue is in {party.name}'s own country"
        )
    for other in ix.opponents(party.id):
        if ix.party_country.get(other) == place.country:
            name = ix.dataset.parties[other].name
            return CriterionValue("home_turf", p.home_opponent, f"the venue is in {name}'s country")
    if party.id in ix.dataset.case.principals:
        own = ix.alliance(place.country, party.id)
        rival = next(
            (f for o in ix.opponents(party.id) if (f := ix.alliance(place.country, o)) is not None),
            None,
        )
        if own is not None and rival is not None:
            return CriterionValue(
                "home_turf",
                p.home_neutral,
                f"{place.country_name} is allied with both sides",
                (own.id, rival.id),
            )
        if own is not None:
            return CriterionValue(
                "home_turf",
                p.home_ally,
                f"{place.country_name} is an ally of {party.name}",
                (own.id,),
            )
        if rival is not None:
            name = ix.dataset.parties[rival.party].name if rival.party else "?"
            return CriterionValue(
                "home_turf",
                p.home_opponent_ally,
                f"{place.country_name} is an ally of {name}",
                (rival.id,),
            )
    return CriterionValue("home_turf", p.home_neutral, "neither side's home ground")


def _home_remedy(c: RemedyContext) -> str:
    if c.principal_host:
        return "a third-country venue instead (the host is a party to the conflict)"
    return "a neutral third country instead"


REGISTRY.register(
    Criterion(
        "home_turf",
        "Home turf",
        Scope.PLACE,
        _home_turf,
        _home_remedy,
        "V in P's own country: **{home_own:g}**. For a principal: in another principal's "
        "country **{home_opponent:g}**; in a country allied with P only **{home_ally:g}**; "
        "allied with another principal only **{home_opponent_ally:g}**; allied with both "
        "sides, or neither, **{home_neutral:g}**. For a mediator or stakeholder, anywhere but "
        "its own country: **{home_neutral:g}**.",
        MappingProxyType({Role.PRINCIPAL: 0.15, Role.MEDIATOR: 0.05}),
    )
)

#: The criteria the dataset format (schema versions 1 and 2) names.
FORMAT_CRITERIA = (
    "legal",
    "access",
    "security",
    "neutrality",
    "mediation",
    "readiness",
    "home_turf",
)
REGISTRY.check(FORMAT_CRITERIA)
