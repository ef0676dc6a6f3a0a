"""What holds a venue back, and what would remove it (docs/model.md, 'Obstacles')."""

from __future__ import annotations

from typing import NamedTuple

from venue_cli.model.criteria import REGISTRY, RemedyContext
from venue_cli.model.ranking import Ranking, VenueScore
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
