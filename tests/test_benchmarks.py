"""The benchmark script runs (at tiny sizes, as CI runs it) and its synthetic data is valid.

No timing threshold is checked here: CI machines are too noisy for that. The figures are in
benchmarks/results/latest.md, from a full run.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from venue_cli.load import parse_dataset
from venue_cli.model.ranking import rank_venues

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"


def _make_synthetic() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_synthetic", BENCH / "make_synthetic.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def quick_results(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    out = tmp_path_factory.mktemp("bench")
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert (out / "latest.md").is_file()
    results: dict[str, object] = json.loads((out / "latest.json").read_text(encoding="utf-8"))
    return results


def test_quick_run_writes_every_section(quick_results: dict[str, object]) -> None:
    for key in (
        "schema_version",
        "machine",
        "versions",
        "checks",
        "cold_start",
        "sensitivity",
        "scaling",
        "targets",
    ):
        assert key in quick_results, key
    assert quick_results["quick"] is True
    machine = quick_results["machine"]
    assert isinstance(machine, dict)
    assert {"cpu", "cores", "python", "date"} <= machine.keys()
    cold = quick_results["cold_start"]
    assert isinstance(cold, dict)
    commands = cold["commands"]
    assert set(commands) == {
        "python -c pass",
        "python -c 'import typer, rich, yaml'",
        "venues --version",
        "venues rank --format plain",
        "venues explain geneva --format plain",
    }
    for row in commands.values():
        assert row["min_ms"] > 0
        assert row["median_ms"] >= row["min_ms"]
        assert row["ratio_min"] > 0
    assert commands["python -c pass"]["ratio_min"] == 1.0
    sens = quick_results["sensitivity"]
    assert isinstance(sens, dict)
    assert sens["samples"] == 2_000
    for key in ("tool_ms", "kernel_ms", "ratio", "cli_ms"):
        assert sens[key] > 0, key
    scaling = quick_results["scaling"]
    assert isinstance(scaling, dict)
    assert [(r["venues"], r["parties"]) for r in scaling["rows"]] == [(10, 2), (50, 2)]
    assert len(scaling["growth"]) == 1


def test_start_up_hygiene_is_recorded(quick_results: dict[str, object]) -> None:
    checks = quick_results["checks"]
    assert isinstance(checks, dict)
    assert checks["numpy_imported_by_rank"] is False
    assert checks["numpy_imported_by_explain"] is False
    assert checks["yaml_c_loader"] is True
    assert isinstance(checks["typer_version"], str)
    assert checks["typer_version"]


def test_reference_kernel_draws_the_same_samples_as_the_tool(
    quick_results: dict[str, object],
) -> None:
    # the bare kernel is a fair baseline only if it does the same work: same draws, same ranks
    sens = quick_results["sensitivity"]
    assert isinstance(sens, dict)
    assert sens["kernel_max_share_difference"] < 1e-9


@pytest.mark.parametrize(("venues", "parties"), [(1, 2), (10, 2), (40, 5), (30, 20)])
def test_synthetic_datasets_are_valid(venues: int, parties: int) -> None:
    ms = _make_synthetic()
    text = ms.generate(venues, parties, seed=3)
    assert text == ms.generate(venues, parties, seed=3)  # deterministic
    ds = parse_dataset(text, "synthetic.yaml")
    assert len(ds.venues) == venues
    scored = [p for p in ds.parties.values() if p.joint_weight > 0]
    assert len(scored) == parties
    assert list(ds.case.principals) == ["p0", "p1"]
    for records in (ds.statements, ds.facts, ds.events, ds.assessments):
        assert records
    ranking = rank_venues(ds, ms.AS_OF)
    assert len(ranking.scores) == venues


def test_a_large_synthetic_dataset_fits_under_the_size_cap() -> None:
    try:
        from venue_cli.limits import MAX_FILE_BYTES
    except ImportError:  # older layout
        from venue_cli.schema import MAX_FILE_BYTES

    text = _make_synthetic().generate(2_000, 20)
    # 10,000 venues are about five times this; keep a margin under the loader's cap
    assert len(text.encode()) * 5 < MAX_FILE_BYTES * 0.9
