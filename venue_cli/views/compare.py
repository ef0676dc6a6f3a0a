"""`venues compare A B [C ...]`: venues side by side per party and per criterion.

A row is marked decisive when it is among the three rows whose contributions differ most
between the venues compared (the spread, in utility points, of that term across them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from venue_cli.model.ranking import Ranking
from venue_cli.views.core import header

if TYPE_CHECKING:
    from venue_cli.views.types import CompareDocument, CompareRow

DECISIVE = 3


def compare_view(
    ranking: Ranking, ids: list[str], warnings: list[str] | None = None
) -> CompareDocument:
    ds = ranking.dataset
    scores = [ranking.get(i) for i in ids]
    rows: list[CompareRow] = []
    for pi, ps0 in enumerate(scores[0].parties):
        party = ds.parties[ps0.party].name

        def row(
            term: str,
            values: list[str | float | None],
            scores_: list[float],
            contributions: list[float],
            discounted: list[bool] | None = None,
            party_id: str = ps0.party,
            party_name: str = party,
        ) -> CompareRow:
            return {
                "party": party_id,
                "party_name": party_name,
                "term": term,
                "values": values,
                "scores": scores_,
                "contributions": contributions,
                "discounted": discounted or [False] * len(values),
                "spread": 0.0,
                "decisive": False,
            }

        stances = [s.parties[pi].stance for s in scores]
        rows.append(
            row(
                "stance",
                [st.stance.value if st.stance else None for st in stances],
                [st.score for st in stances],
                [s.parties[pi].stance_contribution for s in scores],
                [st.discounted for st in stances],
            )
        )
        for ci, c in enumerate(ranking.criteria):
            values: list[str | float | None] = [s.parties[pi].criteria[ci].value for s in scores]
            rows.append(
                row(
                    c,
                    values,
                    [s.parties[pi].criteria[ci].value for s in scores],
                    [s.parties[pi].contributions[ci] for s in scores],
                )
            )
        utilities = [s.parties[pi].utility for s in scores]
        rows.append(row("utility", list(utilities), utilities, utilities))
    terms = [i for i, r in enumerate(rows) if r["term"] != "utility"]
    spread = {i: max(rows[i]["contributions"]) - min(rows[i]["contributions"]) for i in terms}
    ranked = sorted(terms, key=lambda i: -spread[i])
    decisive = {i for i in ranked[:DECISIVE] if spread[i] > 1e-9}
    for i, r in enumerate(rows):
        r["spread"] = spread.get(i, 0.0)
        r["decisive"] = i in decisive
    return {
        **header(ranking, "compare", warnings),
        "venues": [
            {
                "id": s.venue.id,
                "name": s.venue.name,
                "rank": s.rank,
                "joint_score": s.joint,
                "feasible": s.feasible,
                "vetoed_by": [v.party for v in s.vetoes],
            }
            for s in scores
        ],
        "rows": rows,
    }
