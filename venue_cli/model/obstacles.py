"""What holds a venue back, and what would remove it (docs/model.md, 'Obstacles')."""

from __future__ import annotations

from typing import Any, NamedTuple

from venue_cli.model.criteria import REGISTRY, RemedyContext
from venue_cli.model.ranking import PartyScore, Ranking, VenueScore
from venue_cli.records import Stance


class Obstacle(NamedTuple):
    """What holds a venue back, and what would remove it."""

    party: str
    what: str  # "veto", "stance", or a criterion id
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
    vetoing = {v.party for v in score.vetoes}
    for ps in score.parties:
        name = ds.parties[ps.party].name
        st = ps.stance
        objects = st.stance in (Stance.RELUCTANT, Stance.REJECTS) and not st.faded
        if objects and ps.party not in vetoing:
            assert st.statement is not None
            assert st.stance is not None
            terms.append(
                Obstacle(
                    ps.party,
                    "stance",
                    f"{name} is {st.stance.value}: {st.statement.speaker}, "
                    f"{st.statement.date.isoformat()}: “{st.statement.quote}”",
                    f"a change of stance by {name}",
                    (st.statement.id,),
                    share * (1.0 - st.score),
                )
            )
        own_country = ds.parties[ps.party].country == score.venue.country
        for cv, w in zip(ps.criteria, ps.weights, strict=True):
            if cv.value >= 0.5 or w == 0:
                continue
            criterion = REGISTRY[cv.criterion]
            if own_country and not criterion.obstacle_at_home:
                continue  # a host cannot be neutral about itself; that is not its obstacle
            terms.append(
                Obstacle(
                    ps.party,
                    cv.criterion,
                    f"{name}: {cv.criterion} {cv.value:.2f} ({cv.rule})",
                    criterion.remedy(RemedyContext(name, score.venue, principal_host)),
                    cv.evidence,
                    (1.0 - share) * w * (1.0 - cv.value),
                )
            )
    terms.sort(key=lambda o: (-o.loss, o.party, o.what))
    return (out + terms)[:limit]


def main_obstacle(
    ranking: Ranking,
    score: VenueScore,
    memo: dict[tuple[Any, ...], tuple[float, str, str] | None] | None = None,
) -> str:
    """One short line for the rank table: the first of `obstacles(ranking, venue, limit=1)`,
    found in one pass without writing the other obstacles' sentences. `memo` (one dict per
    ranking) keeps the worst stance term of each stance and the worst criterion term of each
    criteria tuple, which venues share (`rank_venues`) more often than whole party scores."""
    ds = ranking.dataset
    if score.vetoes:
        names = ", ".join(ds.parties[v.party].name for v in score.vetoes)
        return f"vetoed by {names}"
    share = ranking.params.stance_share
    best: tuple[float, str, str] | None = None
    for ps in score.parties:
        own_country = ds.parties[ps.party].country == score.venue.country
        if memo is None:
            worst = _worst_term(ps, own_country, share)
        else:
            # the stance, criteria and weights are alive in the ranking: their ids are unique
            key: tuple[Any, ...] = (ps.party, id(ps.stance))
            if key in memo:
                by_stance = memo[key]
            else:
                by_stance = memo[key] = _worst_stance(ps, share)
            key = (ps.party, id(ps.criteria), id(ps.weights), own_country)
            if key in memo:
                by_criteria = memo[key]
            else:
                by_criteria = memo[key] = _worst_criterion(ps, own_country, share)
            worst = _least(by_stance, by_criteria)
        if worst is not None and (best is None or worst < best):
            best = worst
    if best is None:
        return "—"
    _loss, party, what = best
    name = ds.parties[party].name
    if what == "stance":
        view = score.party(party).stance
        star = "*" if view.discounted else ""
        return f"{name} {view.stance.value if view.stance else 'silent'}{star}"
    return f"{name}: {what.replace('_', ' ')}"


Term = tuple[float, str, str]  # (-loss, party, what): the lowest is the costliest


def _worst_term(ps: PartyScore, own_country: bool, share: float) -> Term | None:
    """The sort key (-loss, party, what) of the party's costliest term in `obstacles` (with
    no veto at the venue), or None."""
    return _least(_worst_stance(ps, share), _worst_criterion(ps, own_country, share))


def _least(a: Term | None, b: Term | None) -> Term | None:
    if a is None:
        return b
    return a if b is None or a <= b else b


def _worst_stance(ps: PartyScore, share: float) -> Term | None:
    st = ps.stance
    if st.stance in (Stance.RELUCTANT, Stance.REJECTS) and not st.faded:
        return (-(share * (1.0 - st.score)), ps.party, "stance")
    return None


def _worst_criterion(ps: PartyScore, own_country: bool, share: float) -> Term | None:
    best: Term | None = None
    for cv, w in zip(ps.criteria, ps.weights, strict=True):
        if cv.value >= 0.5 or w == 0:
            continue
        if own_country and not REGISTRY[cv.criterion].obstacle_at_home:
            continue
        key = (-((1.0 - share) * w * (1.0 - cv.value)), ps.party, cv.criterion)
        if best is None or key < best:
            best = key
    return best
