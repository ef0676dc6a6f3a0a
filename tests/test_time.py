"""Time: --as-of filtering, fact validity, the timeline and what changed between two dates."""

from __future__ import annotations

import datetime as dt
import json

from tests.conftest import TINY, run
from venue_cli.load import load_dataset
from venue_cli.model.ranking import rank_venues
from venue_cli.timeline import changes, timeline


def test_a_statement_counts_on_its_day_not_the_day_before() -> None:
    ds = load_dataset(TINY)
    on_day = rank_venues(ds, dt.date(2020, 1, 3)).get("north-city")
    before = rank_venues(ds, dt.date(2020, 1, 2)).get("north-city")
    assert not on_day.feasible  # South's rejection dated 2020-01-03 counts on that day
    assert before.feasible  # ...and not on the day before
    assert on_day.party("south").stance.statement is not None
    assert before.party("south").stance.statement is None


def test_fact_validity_boundaries() -> None:
    """icc-hh: valid until 2020-01-10 (exclusive): Hostland must arrest Leader N on the 9th,
    not on the 10th."""
    ds = load_dataset(TINY)
    legal = 0

    def north_legal(day: dt.date) -> float:
        return rank_venues(ds, day).get("neutral-city").party("north").criteria[legal].value

    assert north_legal(dt.date(2020, 1, 9)) == 0.0
    assert north_legal(dt.date(2020, 1, 10)) == 1.0
    # the warrant itself starts on 2019-06-01
    assert north_legal(dt.date(2019, 5, 31)) == 1.0
    assert north_legal(dt.date(2019, 6, 1)) == 0.0


def test_changes_names_the_causing_records() -> None:
    ds = load_dataset(TINY)
    moved = changes(rank_venues(ds, dt.date(2020, 1, 2)), rank_venues(ds, dt.date(2020, 1, 10)))
    by_venue = {c.venue: c for c in moved}
    north = by_venue["north-city"]
    assert north.feasible_from
    assert not north.feasible_to
    assert "s-rejects-north" in [e.id for e in north.causes]
    neutral = by_venue["neutral-city"]
    causes = [e.id for e in neutral.causes]
    assert "icc-hh" in causes  # Hostland's ICC membership ended on 2020-01-10
    assert "host-offers" in causes  # the host's offer raised readiness


def test_timeline_filters_and_order() -> None:
    ds = load_dataset(TINY)
    all_entries = timeline(ds)
    assert [e.date for e in all_entries] == sorted(e.date for e in all_entries)
    only_south = timeline(ds, party="south")
    assert {e.id for e in only_south} == {"s-rejects-north", "s-accepts-neutral"}
    window = timeline(ds, since=dt.date(2020, 1, 3), until=dt.date(2020, 1, 4))
    assert [e.id for e in window] == ["s-rejects-north", "s-accepts-neutral"]


# --- the bundled case: the article's moment, and what came after --------------------------


def test_rank_as_of_the_articles_moment() -> None:
    data = json.loads(run("rank", "--as-of", "2025-09-05", "--format", "json").stdout)
    assert data["as_of"] == "2025-09-05"
    moscow = next(v for v in data["venues"] if v["id"] == "moscow")
    russia = next(p for p in moscow["parties"] if p["id"] == "russia")
    ukraine = next(p for p in moscow["parties"] if p["id"] == "ukraine")
    assert russia["stance"] == "proposes"
    assert ukraine["stance"] == "rejects"
    assert moscow["vetoed_by"] == ["ukraine"]


def test_explain_moscow_as_of_the_articles_moment_has_the_three_statements() -> None:
    data = json.loads(run("explain", "moscow", "--as-of", "2025-09-05", "--format", "json").stdout)
    history = data["history"]
    assert max(h["date"] for h in history) == "2025-09-05"
    putin = [
        h
        for h in history
        if h["party"] == "russia"
        and h["date"] in ("2025-09-03", "2025-09-05")
        and "Putin" in h["speaker"]
    ]
    assert {h["date"] for h in putin} == {"2025-09-03", "2025-09-05"}
    assert any("let him come to Moscow" in h["quote"] for h in putin)
    zelensky = [h for h in history if h["date"] == "2025-09-04" and h["party"] == "ukraine"]
    assert zelensky
    assert zelensky[0]["stance"] == "rejects"
    assert "Moscow" in zelensky[0]["quote"]
    for h in putin + zelensky:
        assert h["sources"]


def test_russias_rejection_of_austria_appears_after_24_september() -> None:
    early = json.loads(run("rank", "--as-of", "2025-09-05", "--format", "json").stdout)
    late = json.loads(run("rank", "--format", "json").stdout)
    vienna_early = next(v for v in early["venues"] if v["id"] == "vienna")
    vienna_late = next(v for v in late["venues"] if v["id"] == "vienna")
    assert vienna_early["feasible"] is True
    assert vienna_late["feasible"] is False
    assert vienna_late["vetoed_by"] == ["russia"]
    russia = next(p for p in vienna_late["parties"] if p["id"] == "russia")
    assert russia["stance_date"] == "2025-09-24"
    exact = json.loads(run("rank", "--as-of", "2025-09-24", "--format", "json").stdout)
    assert next(v for v in exact["venues"] if v["id"] == "vienna")["feasible"] is False
    before = json.loads(run("rank", "--as-of", "2025-09-23", "--format", "json").stdout)
    assert next(v for v in before["venues"] if v["id"] == "vienna")["feasible"] is True


def test_timeline_venue_moscow_lists_3_4_5_september_in_order() -> None:
    data = json.loads(run("timeline", "--venue", "moscow", "--format", "json").stdout)
    dates = [e["date"] for e in data["entries"]]
    assert dates == sorted(dates)
    sept = [d for d in dates if d in ("2025-09-03", "2025-09-04", "2025-09-05")]
    assert sept[0] == "2025-09-03"
    assert "2025-09-04" in sept
    assert sept[-1] == "2025-09-05"


def test_changes_between_the_article_and_october_names_the_24_september_records() -> None:
    data = json.loads(
        run("changes", "--from", "2025-09-05", "--to", "2025-10-01", "--format", "json").stdout
    )
    vienna = next(c for c in data["changes"] if c["venue"] == "vienna")
    assert vienna["feasible_from"]
    assert not vienna["feasible_to"]
    assert any(c["date"] == "2025-09-24" and c["kind"] == "statement" for c in vienna["causes"])


def test_hungary_leaves_the_icc_on_2_june_2026() -> None:
    def legal(day: str) -> float:
        data = json.loads(run("explain", "budapest", "--as-of", day, "--format", "json").stdout)
        russia = next(p for p in data["parties"] if p["id"] == "russia")
        return next(c["value"] for c in russia["criteria"] if c["criterion"] == "legal")

    assert legal("2026-06-01") < 1.0  # still bound by the Rome Statute (pledge softens it)
    assert legal("2026-06-02") == 1.0
