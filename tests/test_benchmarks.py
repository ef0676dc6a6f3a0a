"""The benchmark runs (at tiny sizes) and writes every section; its synthetic data is valid
and keeps every rule of the model busy.

No test here depends on a timing: machines are too noisy for that. The figures are in
benchmarks/results/latest.md, from a full run of `python benchmarks/run.py`.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import THOROUGH, synthetic_generator
from venue_cli.limits import MAX_FILE_BYTES
from venue_cli.load import check_file, parse_dataset
from venue_cli.model.ranking import Ranking, rank_venues
from venue_cli.records import Dataset, EventKind, FactKind

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"

ISSUE_TARGETS = {"growth", "many_parties", "sensitivity", "plain", "table", "explain"}
COLD_COMMANDS = {
    "python -c pass",
    "python -c 'import typer, rich'",
    "minimal Typer + Rich app (13-row table)",
    "venues --version",
    "venues rank --format plain",
    "venues rank --format table",
    "venues explain istanbul --format table",
    "venues explain istanbul --format plain",
}
ON_A_TERMINAL = {
    "minimal Typer + Rich app (13-row table)",
    "venues rank --format table",
    "venues explain istanbul --format table",
}


SYNTHETIC = synthetic_generator()


@pytest.fixture(scope="module")
def quick(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], Path]:
    """A benchmark run's results and folder. The thorough profile runs `run.py --quick`
    afresh (every section at tiny sizes, about 13 s); otherwise the tests below check the
    committed full run in benchmarks/results/ (a copy), whose tables the README quotes."""
    out = tmp_path_factory.mktemp("bench")
    if not THOROUGH:
        for f in (BENCH / "results").iterdir():
            shutil.copy(f, out / f.name)
        return json.loads((out / "latest.json").read_text(encoding="utf-8")), out
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    results: dict[str, Any] = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    return results, out


def test_quick_run_writes_every_section(quick: tuple[dict[str, Any], Path]) -> None:
    results, out = quick
    for key in (
        "schema_version",
        "machine",
        "versions",
        "sizes",
        "checks",
        "datasets",
        "cold_start",
        "start_up",
        "scaling",
        "profiles",
        "sensitivity",
        "hostile",
        "targets",
    ):
        assert key in results, key
    assert results["quick"] is THOROUGH  # a fresh quick run, or the committed full one
    assert {"cpu", "cores", "python", "date"} <= results["machine"].keys()
    text = (out / "latest.md").read_text(encoding="utf-8")
    for heading in (
        "**Targets**",
        "**Cold start**",
        "**Where a cold start goes**",
        "**Scaling**",
        "**Profile of",
        "**What grows faster than the data**",
        "**Sensitivity**",
        "**Hostile files**",
        "**Synthetic datasets**",
    ):
        assert heading in text, heading
    for name in results["profiles"]["files"].values():
        assert (out / name).is_file(), name


def test_every_target_of_the_issue_is_reported(quick: tuple[dict[str, Any], Path]) -> None:
    results, _out = quick
    targets = {t["key"]: t for t in results["targets"]}
    assert set(targets) == ISSUE_TARGETS
    for t in targets.values():
        assert isinstance(t["met"], bool), t
        assert isinstance(t["value"], float | int), t
        assert t["target"].startswith("<= ")


def test_cold_start_measures_each_command_against_the_baselines(
    quick: tuple[dict[str, Any], Path],
) -> None:
    results, _out = quick
    cold = results["cold_start"]
    assert set(cold["commands"]) == COLD_COMMANDS
    for name, row in cold["commands"].items():
        assert row["tty"] is (name in ON_A_TERMINAL), name
        assert len(row["cpu_s"]) == results["sizes"]["reps"]
        assert row["cpu"]["min_ms"] <= row["cpu"]["median_ms"]
    assert set(cold["ratios"]) >= {
        "rank_plain_vs_python",
        "rank_table_vs_minimal_app",
        "explain_table_vs_minimal_app",
    }
    # the pseudo-terminal path really draws a Rich table
    assert cold["table_output_is_a_rich_table"] is True
    for name in ON_A_TERMINAL:
        assert name in results["start_up"]["imports"]
        assert name in results["start_up"]["profiles"]


def test_scaling_compares_the_sizes_with_the_bundled_rank(
    quick: tuple[dict[str, Any], Path],
) -> None:
    results, _out = quick
    sizes = results["sizes"]
    small, large = f"{sizes['small']}x2", f"{sizes['large']}x2"
    many = f"{sizes['large']}x{sizes['many_parties']}"
    few = f"{sizes['party_venues']}x{sizes['few_parties']}"
    more = f"{sizes['party_venues']}x{sizes['more_parties']}"
    scaling = results["scaling"]
    assert set(scaling["rows"]) == {"bundled", small, large, many, few, more}
    assert set(scaling["phases"]) == {small, large, many, few, more}
    assert {"ratio", "exponent"} <= scaling["parties_growth"].keys()
    for name in (small, large, many, few, more):
        assert not scaling["phases"][name].get("errors"), scaling["phases"][name]
        assert "rank_venues (index and scores)" in scaling["phases"][name]["phases_ms"]
    assert {"ratio", "exponent"} <= scaling["growth"].keys()
    every = scaling["explain_every_venue"]
    assert every["venues"] == [sizes["small"], 3 * sizes["small"]]
    assert {"ms", "ms_per_venue", "exponent"} <= every.keys()
    assert results["profiles"]["file_to_output"]["functions"]


def test_start_up_hygiene_is_recorded(quick: tuple[dict[str, Any], Path]) -> None:
    checks = quick[0]["checks"]
    assert checks["numpy_imported_by_rank"] is False
    assert checks["numpy_imported_by_explain"] is False
    assert checks["yaml_c_loader"] is True
    assert checks["typer_version"]


def test_memory_runs_end_without_a_traceback(quick: tuple[dict[str, Any], Path]) -> None:
    results, _out = quick
    sens = results["sensitivity"]
    assert sens["traceback"] is False
    assert sens["rc"] == 0 or sens["refused_with_message"]
    assert results["hostile"]["files"]
    for name, row in results["hostile"]["files"].items():
        assert row["rc"] == 1, name  # refused as a data error
        assert row["traceback"] is False, name
        assert row["message"], name


# --------------------------------------------------------------------------- the generator


def _ranked(venues: int, parties: int, seed: int = 1) -> tuple[Dataset, Ranking]:
    ds = parse_dataset(SYNTHETIC.generate(venues, parties, seed=seed), "synthetic.yaml")
    return ds, rank_venues(ds, SYNTHETIC.AS_OF)


@pytest.mark.parametrize(("venues", "parties"), [(1, 2), (10, 2), (40, 5), (30, 20)])
def test_synthetic_datasets_are_valid_and_deterministic(
    venues: int, parties: int, tmp_path: Path
) -> None:
    text = SYNTHETIC.generate(venues, parties, seed=3)
    assert text == SYNTHETIC.generate(venues, parties, seed=3)
    assert text != SYNTHETIC.generate(venues, parties, seed=4)
    path = tmp_path / "synthetic.yaml"
    path.write_text(text, encoding="utf-8")
    ds, problems, warnings = check_file(path)  # what `venues validate` runs
    assert problems == []
    assert warnings == []
    assert ds is not None
    assert ds.schema_version == 2
    assert len(ds.venues) == venues
    scored = [p for p in ds.parties.values() if p.joint_weight > 0]
    assert len(scored) == parties
    assert list(ds.case.principals) == ["p0", "p1"]
    assert len(rank_venues(ds, SYNTHETIC.AS_OF).scores) == venues


def test_synthetic_data_holds_every_kind_of_record() -> None:
    ds, _ranking = _ranked(400, 5)
    st = ds.statements
    assert any(s.covers == "all" and s.excluded for s in st)
    assert any(s.covers not in (None, "all") for s in st)  # a venue group
    assert any(s.others is not None for s in st)
    assert any(s.parties for s in st)  # joint statements
    assert any(s.valid_until is not None and s.valid_until <= SYNTHETIC.AS_OF for s in st)
    tied = {s.event for s in st if s.event is not None}
    events = {e.id: e for e in ds.events}
    assert any(not events[e].kind.held for e in tied)  # tied to a cancelled plan
    assert any(s.reported is not None for s in st)
    assert any(not s.public for s in st)
    assert any(s.conditions for s in st)
    assert any(s.date > SYNTHETIC.AS_OF for s in st)
    assert len({s.meeting for s in st}) == len(ds.case.meeting_kinds)
    kinds = ds.case.meeting_kinds
    assert any(k.relatedness is not None for m, k in kinds.items() if m != ds.case.meeting)
    assert any(k.relatedness is None for m, k in kinds.items() if m != ds.case.meeting)
    assert {e.kind for e in ds.events} >= {EventKind.TALKS, EventKind.CANCELLED}
    assert any(e.mediators for e in ds.events)
    assert any(e.venue is None for e in ds.events)
    facts = ds.facts
    assert {f.kind for f in facts} == set(FactKind)
    assert any(f.kind is FactKind.ICC_MEMBER and f.valid_until is not None for f in facts)
    issuers = {f.issuer for f in facts if f.kind is FactKind.ARREST_WARRANT}
    assert "ICC" in issuers
    assert len(issuers) >= 2  # a national warrant too
    assert {f.strength for f in facts if f.kind is FactKind.IMMUNITY_PLEDGE} == {
        "firm",
        "conditional",
    }
    assert {f.status for f in facts if f.kind is FactKind.NEUTRALITY_STATUS} == {
        "permanent",
        "declared",
    }
    assert {f.relation for f in facts if f.kind is FactKind.ALIGNMENT} == {"ally", "adversary"}
    hosted = {v.id: v.host for v in ds.venues.values() if v.host}
    assert any(s.party == hosted.get(s.venues[0]) for s in st if s.venues)  # offers to host
    assert any(v.arrival_country for v in ds.venues.values())
    assert any(a.party is None for a in ds.assessments)
    assert any(a.party is not None for a in ds.assessments)


def test_synthetic_data_keeps_every_rule_busy() -> None:
    # a benchmark that leaves rules idle measures nothing: every criterion's rule must give
    # several different values across the venues, and every kind of stance evidence occur
    _ds, ranking = _ranked(400, 5)
    derived: dict[str, set[float]] = {c: set() for c in ranking.criteria}
    evidence: set[tuple[str, bool]] = set()
    lapsed = discounted = 0
    for score in ranking.scores:
        for ps in score.parties:
            for cv in ps.criteria:
                if not cv.judged:
                    derived[cv.criterion].add(round(cv.value, 6))
            evidence |= {(e.kind, e.blanket) for e in ps.stance.evidence}
            lapsed += bool(ps.stance.lapsed)
            discounted += ps.stance.discounted
    for criterion, values in derived.items():
        assert len(values) >= 2, (criterion, values)
    assert len(derived["legal"]) >= 3  # clear, a pledge, no pledge
    assert len(derived["access"]) >= 4  # open, waiver, exemption, derogation, closed, travel
    assert len(derived["home_turf"]) >= 4
    assert {("statement", False), ("statement", True), ("event", False)} <= evidence
    assert lapsed > 0
    assert discounted > 0
    assert not all(s.feasible for s in ranking.scores)  # some vetoes


def test_the_largest_synthetic_dataset_fits_the_loader_caps() -> None:
    from venue_cli.format.yamlsafe import MAX_CONTAINERS, MAX_SCALARS

    text = SYNTHETIC.generate(10_000, 20)
    assert len(text.encode()) < MAX_FILE_BYTES
    scalars = containers = 0
    for event in yaml.parse(text, Loader=yaml.CSafeLoader):
        if isinstance(event, yaml.ScalarEvent):
            scalars += 1
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            containers += 1
    assert scalars < MAX_SCALARS
    assert containers < MAX_CONTAINERS


def test_the_readme_has_the_block_a_full_run_refreshes() -> None:
    text = (BENCH / "README.md").read_text(encoding="utf-8")
    assert text.count("<!-- latest:start -->") == 1
    assert text.index("<!-- latest:start -->") < text.index("<!-- latest:end -->")


def test_render_rewrites_the_tables_from_a_saved_run(quick: tuple[dict[str, Any], Path]) -> None:
    _results, out = quick
    md = out / "latest.md"
    before = md.read_text(encoding="utf-8")
    md.unlink()
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--render", str(out / "latest.json")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert md.read_text(encoding="utf-8") == before
