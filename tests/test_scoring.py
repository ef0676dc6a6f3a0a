"""The scorer on a tiny case computed by hand (tests/fixtures/tiny.yaml).

Model constants used here (venue_cli.params): stance share s = 0.5; stance scores proposes 1.0,
accepts 0.8, rejects 0.0, no statement 0.5; a statement about another kind of meeting is
pulled halfway to 0.5; default security 0.8; home turf 0.5 neutral, 0 the other side's, 1 own.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest

from tests.conftest import TINY
from venue_cli.load import load_dataset
from venue_cli.model.params import Method
from venue_cli.model.ranking import rank_venues

D6 = dt.date(2020, 1, 6)


@pytest.fixture(scope="module")
def ranking6():  # type: ignore[no-untyped-def]
    return rank_venues(load_dataset(TINY), D6)


def test_neutral_city_by_hand(ranking6) -> None:  # type: ignore[no-untyped-def]
    s = ranking6.get("neutral-city")
    north, south = s.party("north"), s.party("south")
    # North: no statement -> 0.5 * 0.5 = 0.25; weights legal 1, home_turf 1 -> 0.5 each,
    # times (1 - s) = 0.25 each. legal: ICC warrant and Hostland is an ICC member -> 0.0;
    # home_turf 0.5 -> 0.125. U = 0.25 + 0 + 0.125 = 0.375
    assert north.stance_contribution == pytest.approx(0.25)
    assert north.criteria[0].value == 0.0
    assert north.utility == pytest.approx(0.375)
    # South: 'accepts' about delegation talks -> 0.5 + 0.5 * (0.8 - 0.5) = 0.65; * 0.5 = 0.325
    # security (weight 1 -> 0.5 effective) default 0.8 -> 0.4. U = 0.725
    assert south.stance.discounted
    assert south.stance.score == pytest.approx(0.65)
    assert south.utility == pytest.approx(0.725)
    # Nash: sqrt(0.375 * 0.725) = sqrt(0.271875) = 0.521416...
    assert s.joint == pytest.approx(math.sqrt(0.271875))
    assert s.feasible


def test_north_city_vetoed_and_ranked_last(ranking6) -> None:  # type: ignore[no-untyped-def]
    s = ranking6.get("north-city")
    # North proposes (1.0 * 0.5) + legal 1.0 * 0.25 + home 1.0 * 0.25 = 1.0
    assert s.party("north").utility == pytest.approx(1.0)
    # South rejects (0) + judged security 0.1 * 0.5 = 0.05
    assert s.party("south").utility == pytest.approx(0.05)
    assert s.joint == pytest.approx(math.sqrt(0.05))
    assert not s.feasible
    assert [v.party for v in s.vetoes] == ["south"]
    assert s.vetoes[0].statement.quote == "Never in North City."
    # a vetoed venue ranks below every feasible one even when its score is higher than none
    assert s.rank == 3


def test_ranking_order(ranking6) -> None:  # type: ignore[no-untyped-def]
    # South City: North 0.25 + 0.25 + 0 = 0.5; South 0.25 + 0.4 = 0.65; sqrt(0.325) = 0.5701
    assert ranking6.get("south-city").joint == pytest.approx(math.sqrt(0.325))
    assert [s.venue.id for s in ranking6.scores] == ["south-city", "neutral-city", "north-city"]


def test_contributions_add_up_exactly(ranking6) -> None:  # type: ignore[no-untyped-def]
    for s in ranking6.scores:
        for ps in s.parties:
            assert math.fsum((ps.stance_contribution, *ps.contributions)) == ps.utility


def test_methods() -> None:
    pairs = [(0.5, 0.375), (0.5, 0.725)]
    assert aggregate(Method.NASH, pairs) == pytest.approx(math.sqrt(0.375 * 0.725))
    assert aggregate(Method.UTILITARIAN, pairs) == pytest.approx(0.55)
    assert aggregate(Method.MAXIMIN, pairs) == pytest.approx(0.375)
    assert aggregate(Method.NASH, [(0.5, 0.0), (0.5, 1.0)]) == 0.0
    assert aggregate(Method.NASH, [(0.0, 0.3)]) == 0.0


def test_ties_are_broken_by_name_then_id() -> None:
    ds = load_dataset(TINY)
    neutral = ds.venues["neutral-city"]
    # A copy of Neutral City in the same country, with an id that sorts first and a name
    # that sorts last: before any statement the two score exactly the same.
    twin = neutral._replace(id="aaa-twin", name="Zeta City", aliases=())
    ds2 = ds._replace(venues={**ds.venues, twin.id: twin})
    r = rank_venues(ds2, dt.date(2019, 7, 1))
    a, b = r.get("neutral-city"), r.get("aaa-twin")
    assert a.joint == b.joint
    assert b.rank == a.rank + 1  # 'Neutral City' before 'Zeta City', whatever the ids


def test_same_inputs_same_output() -> None:
    ds = load_dataset(TINY)
    a = rank_venues(ds, D6)
    b = rank_venues(ds, D6)
    assert [(s.venue.id, s.joint) for s in a.scores] == [(s.venue.id, s.joint) for s in b.scores]


def test_a_travel_constraint_applies_to_its_venue_only() -> None:
    """Two venues in one country share the place-level criteria; a travel limit on one
    must not leak to the other (whichever is scored first)."""
    from venue_cli.format.build import build_fact

    ds = load_dataset(TINY)
    neutral = ds.venues["neutral-city"]
    for twin_id in ("aaa-first", "zzz-last"):
        twin = neutral._replace(id=twin_id, name=f"Twin {twin_id}", aliases=())
        limit = build_fact(
            {
                "id": "limit",
                "kind": "travel_constraint",
                "venue": twin_id,
                "level": 0.3,
                "date": dt.date(2019, 1, 1),
                "summary": "hard to reach",
                "confidence": "high",
                "sources": ("s1",),
            }
        )
        ds2 = ds._replace(venues={twin_id: twin, **ds.venues}, facts=(*ds.facts, limit))
        r = rank_venues(ds2, D6)
        access = 1
        assert r.get(twin_id).party("north").criteria[access].value == 0.3
        assert r.get("neutral-city").party("north").criteria[access].value == 1.0
