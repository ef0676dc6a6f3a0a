"""Time: what counts as of a day, what moved between two days, and the honest-time rules
(no hindsight, staleness)."""

from __future__ import annotations

import datetime as dt
import json

from tests.conftest import TINY, dataset_text, run, statement
from venue_cli.load import load_dataset, parse_dataset
from venue_cli.model.ranking import rank_venues
from venue_cli.timeline import changes, timeline


def _legal(day: dt.date) -> float:
    r = rank_venues(load_dataset(TINY), day)
    return next(cv.value for cv in r.get("neutral-city").party("north").criteria
                if cv.criterion == "legal")  # fmt: skip


def test_a_statement_counts_on_its_day_not_the_day_before() -> None:
    ds = load_dataset(TINY)
    on_day = rank_venues(ds, dt.date(2020, 1, 4)).get("neutral-city").party("south")
    before = rank_venues(ds, dt.date(2020, 1, 3)).get("neutral-city").party("south")
    assert [e.id for e in on_day.stance.evidence] == ["s-accepts-neutral"]
    assert before.stance.evidence == ()


def test_warrant_and_membership_dates() -> None:
    """Hostland is an ICC member until 2020-01-10; the warrant dates from 2019-06-01, so
    under art. 127(2) Hostland stays bound after it leaves."""
    assert _legal(dt.date(2019, 5, 31)) == 1.0  # no warrant yet
    assert _legal(dt.date(2019, 6, 1)) == 0.0
    assert _legal(dt.date(2020, 1, 9)) == 0.0
    assert _legal(dt.date(2020, 1, 10)) == 0.0  # left, still bound for this warrant


def test_a_venue_filter_reads_each_group_not_every_venue_per_remark() -> None:
    """`timeline --venue` and `changes` find the remarks covering a venue by reading each
    group's members, built once (`records.venue_groups`): the whole venue list is read once
    per remark that covers every venue, not once per remark (a file of 8,000 group remarks
    over 10,000 venues took 14 s, statements × venues; now under a second)."""
    from typing import Any

    class Counting(dict[str, Any]):
        reads = 0

        def __iter__(self) -> Any:
            Counting.reads += 1
            return super().__iter__()

        def values(self) -> Any:
            Counting.reads += 1
            return super().values()

    groups = "".join(
        statement(f"g{i}", "a", "open", "2020-01-02", covers="west") for i in range(50)
    )
    text = dataset_text(statements=groups + statement("all", "b", "open", covers="all"))
    text = text.replace("id: x,", "id: x, groups: [west],")
    ds = parse_dataset(text)
    counted = ds._replace(venues=Counting(ds.venues))
    found = [e.id for e in timeline(counted, venues=("x",))]
    assert found == [*(f"g{i}" for i in range(50)), "all"]
    assert Counting.reads <= 5  # the groups once, the 'all' remark once; not 51 times


def test_timeline_filters_order_and_blanket_remarks() -> None:
    text = dataset_text(statements="".join([
        statement("late", "a", "accepts", "2020-01-05", venues="[x]"),
        statement("early", "b", "open", "2020-01-02", covers="all", **{"except": "[z]"}),
    ]))  # fmt: skip
    ds = parse_dataset(text)
    assert [e.id for e in timeline(ds)] == ["early", "late"]
    assert [e.id for e in timeline(ds, venues=("y",))] == ["early"]  # covered by the blanket
    assert [e.id for e in timeline(ds, venues=("z",))] == []  # excepted
    assert [e.id for e in timeline(ds, party="a")] == ["late"]
    assert timeline(ds, venues=("y",))[0].venues == ("every venue but Z City",)
    assert [e.id for e in timeline(ds, since=dt.date(2020, 1, 3))] == ["late"]


def test_changes_list_only_records_in_the_window_and_only_venues_that_moved() -> None:
    text = dataset_text(statements="".join([
        statement("old", "a", "open", "2020-01-01", venues="[x]"),
        statement("new", "a", "proposes", "2020-01-05", venues="[x]"),
        statement("later", "b", "accepts", "2020-02-01", venues="[y]"),
    ]))  # fmt: skip
    ds = parse_dataset(text)
    moved = changes(rank_venues(ds, dt.date(2020, 1, 2)), rank_venues(ds, dt.date(2020, 1, 10)))
    by_venue = {c.venue: c for c in moved}
    assert set(by_venue) == {"x"}  # y and z did not move (momentum of x aside, it is x's own)
    assert [(e.id, e.change) for e in by_venue["x"].causes] == [("new", "supersedes")]


def test_rank_as_of_the_articles_moment_vetoes_moscow() -> None:
    data = json.loads(run("rank", "--as-of", "2025-09-05", "--format", "json").stdout)
    moscow = next(v for v in data["venues"] if v["id"] == "moscow")
    assert moscow["vetoed_by"] == ["ukraine"]
    assert data["venues"][-1]["id"] == "moscow"


def test_russias_rejection_of_switzerland_appears_on_24_september_2025() -> None:
    def geneva(day: str) -> dict:  # type: ignore[type-arg]
        data = json.loads(run("rank", "--as-of", day, "--format", "json").stdout)
        return next(v for v in data["venues"] if v["id"] == "geneva")

    assert geneva("2025-09-23")["feasible"] is True
    assert geneva("2025-09-24")["vetoed_by"] == ["russia"]
    # the Geneva round of February 2026, which Russia attended, overtakes the rejection
    assert geneva("2026-02-18")["feasible"] is True


def test_hungary_stays_bound_for_the_2023_warrant_after_leaving_the_icc() -> None:
    def legal(day: str) -> float:
        data = json.loads(run("explain", "budapest", "--as-of", day, "--format", "json").stdout)
        russia = next(p for p in data["parties"] if p["id"] == "russia")
        return float(next(c["value"] for c in russia["criteria"] if c["criterion"] == "legal"))

    assert legal("2026-06-01") < 1.0
    assert legal("2026-06-02") == legal("2026-06-01")  # art. 127(2): the duty stays


def test_staleness_is_said_on_stderr_and_in_json(tmp_path: object) -> None:
    newest = load_dataset(TINY).last_date
    assert newest is not None
    at = run("rank", "--data", str(TINY), "--as-of", newest.isoformat(), "--format", "json")
    assert json.loads(at.stdout)["warnings"] == []
    assert "newest record" not in at.stderr
    late_day = (newest + dt.timedelta(days=91)).isoformat()
    late = run("rank", "--data", str(TINY), "--as-of", late_day, "--format", "json")
    (warning,) = json.loads(late.stdout)["warnings"]
    assert warning.startswith(f"the newest record is from {newest.isoformat()}, 91 days before")
    assert "91 days before" in late.stderr
    ok = (newest + dt.timedelta(days=90)).isoformat()
    assert (
        json.loads(run("rank", "--data", str(TINY), "--as-of", ok, "-f", "json").stdout)["warnings"]
        == []
    )
    far = run("rank", "--data", str(TINY), "--as-of", "9999-12-31", "--format", "json")
    assert json.loads(far.stdout)["warnings"] == [
        f"the newest record is from {newest.isoformat()}, "
        f"{(dt.date(9999, 12, 31) - newest).days:,} days before 9999-12-31: the ranking may "
        "describe a situation that has changed"
    ]


def test_validate_warns_about_hindsight_and_every_bundled_file_is_clean() -> None:
    text = dataset_text(
        sources=(
            "\n  - {id: s1, outlet: W, date: 2020-01-01}\n  - {id: s9, outlet: W, date: 2020-06-01}"
        ),
        assessments="""
  - {id: early, criterion: security, venue: x, value: 0.3, date: 2020-01-01, rationale: r,
     confidence: high, sources: [s9]}""",
    )
    from venue_cli.format.warnings import dataset_warnings

    (w,) = dataset_warnings(parse_dataset(text))
    assert "assessment early takes effect on 2020-01-01, 152 days before its earliest source" in w
    from venue_cli.load import bundled_cases, check_file

    for name, path in bundled_cases().items():
        _ds, problems, warnings = check_file(path)
        assert (problems, warnings) == ([], []), name


def test_validate_warns_about_a_statement_known_only_after_the_decision() -> None:
    """Version 2: a statement before the decision whose every source is dated on the decision
    day or later; not one with an earlier or undated source, one marked `reported` or
    `public: false`, or any statement of a version 1 file."""
    from venue_cli.format.warnings import dataset_warnings

    sources = """
  - {id: s1, outlet: W, date: 2020-01-01}
  - {id: s2, outlet: W, date: 2020-01-10}
  - {id: s3, outlet: W, date: null}"""
    statements = "".join(
        [
            statement("later", "a", "proposes", "2020-01-05", venues="[x]", sources="[s2]"),
            statement("both", "a", "accepts", "2020-01-05", venues="[y]", sources="[s1, s2]"),
            statement("undated", "b", "accepts", "2020-01-05", venues="[x]", sources="[s2, s3]"),
            statement(
                "told",
                "b",
                "open",
                "2020-01-05",
                venues="[y]",
                sources="[s2]",
                reported="2020-01-10",
            ),
            statement(
                "secret", "b", "open", "2020-01-06", venues="[z]", sources="[s2]", public="false"
            ),
        ]
    )
    text = dataset_text(sources=sources, statements=statements).replace(
        "  principals: [a, b]", "  principals: [a, b]\n  decision_date: 2020-01-10"
    )
    ds = parse_dataset(text, "toy.yaml")
    later = next(s for s in ds.statements if s.id == "later")
    assert [w for w in dataset_warnings(ds) if "statement later" in w or "sources it" in w] == [
        f"toy.yaml:{later.line}: statement later counts from 2020-01-05, before the decision "
        "(2020-01-10), but the sources it cites are dated from 2020-01-10: if it was not public "
        "before the decision, set `reported: 2020-01-10` (or `public: false`) so a backtest "
        "does not read it"
    ]
    v1_only = {  # what version 1 cannot say, written the version 1 way or left out
        "schema_version: 2": "schema_version: 1",
        "{description: talks of officials, relatedness: 0.5, level: delegations}": "talks",
        ", reported: 2020-01-10": "",
        ", public: false": "",
    }
    for v2, v1_text in v1_only.items():
        assert v2 in text
        text = text.replace(v2, v1_text)
    v1 = parse_dataset(text, "toy.yaml")
    assert not [w for w in dataset_warnings(v1) if "sources it cites" in w]
