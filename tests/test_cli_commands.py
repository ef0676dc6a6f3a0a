"""Every command through the CLI, with stdout and stderr apart (the successor of the old
tests/test_cli.py, on small fixtures or with facts that new records cannot change)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, TINY, run
from venue_cli import __version__

TOY = str(FIXTURES / "cli" / "toy.yaml")
DAY = ["--as-of", "2020-01-10"]


def test_version_help_and_no_arguments() -> None:
    assert run("--version").stdout == f"venues {__version__}\n"
    assert run("-h").stdout.startswith("Usage: venues [OPTIONS] COMMAND [ARGS]...")
    assert run().stdout.startswith("Usage: venues")  # no arguments: the help


def test_python_dash_m_works(python: str) -> None:
    proc = subprocess.run(
        [python, "-m", "venue_cli", "--version"], capture_output=True, text=True, check=True
    )
    assert proc.stdout == f"venues {__version__}\n"


@pytest.mark.parametrize(
    ("typed", "venue"),
    [
        ("x", "X City"),
        ("X CITY", "X City"),
        ("exland", "X City"),
        ("Xland", "X City"),
        ("xx", "X City"),  # a country code with one venue
        ("zed-town", "Zed Town (Old Quarter)"),
    ],
)
def test_explain_accepts_ids_names_aliases_codes(typed: str, venue: str) -> None:
    assert run("explain", typed, "--data", TOY, *DAY).stdout.startswith(f"{venue} (")


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("türkiye", "Istanbul"),
        ("turkey", "Istanbul"),
        ("vatican", "Holy See"),
        ("UAE", "Abu Dhabi"),
    ],
)
def test_bundled_aliases(typed: str, expected: str) -> None:
    out = run("explain", typed, "--as-of", "2025-09-05").stdout
    assert out.splitlines()[0].startswith(expected)


def test_explain_a_vetoed_venue_shows_the_veto_quote_and_source() -> None:
    out = run("explain", "z", "--data", TOY, *DAY).stdout
    assert "INFEASIBLE: vetoed by Bland" in out.splitlines()[0]
    assert "VETO by Bland: B leader, 2020-01-03: “Never in Zed Town.”" in out
    assert "  source: Test Wire, 2020-01-01, https://example.org/wire/1" in out


def test_explain_agrees_with_rank() -> None:
    rank = json.loads(run("rank", "--data", TOY, *DAY, "-f", "json").stdout)
    for v in rank["venues"]:
        ex = json.loads(run("explain", v["id"], "--data", TOY, *DAY, "-f", "json").stdout)
        assert (ex["rank"], ex["joint_score"], ex["probability"]) == (
            v["rank"],
            v["joint_score"],
            v["probability"],
        )


def test_dates_outside_the_records_give_a_notice() -> None:
    r = run("rank", "--data", TOY, "--as-of", "1800-01-01")
    assert "Note: 1800-01-01 is before the first record" in r.stderr
    r = run("rank", "--data", TOY, "--as-of", "2099-01-01")
    assert "is after today" in r.stderr


def test_data_env_and_case() -> None:
    out = run("rank", "--data", TOY, *DAY).stdout
    assert run("rank", *DAY, env={"VENUES_DATA": TOY}).stdout == out
    r = run("rank", "--data", TOY, "--case", "geneva-1985", expect=2)
    assert r.stderr.startswith("Error: give either --data FILE or --case NAME, not both")
    assert "Case one" not in run("rank", "--case", "geneva-1985", "--as-of", "1985-06-30").stdout


def test_what_if_options_are_checked() -> None:
    base = ["rank", "--data", TOY, *DAY]
    assert "unknown criterion or party" in run(*base, "--weight", "legl=1", expect=2).stderr
    assert "cannot be negative" in run(*base, "--weight", "legal=-1", expect=2).stderr
    assert "finite" in run(*base, "--weight", "legal=inf", expect=2).stderr
    assert "unknown stance" in run(*base, "--assume", "a acepts x", expect=2).stderr
    assert "unknown venue" in run(*base, "--assume", "a accepts q", expect=1).stderr
    r = run(*base, "--assume", "a accepts x")
    assert "# assuming: " in r.stdout


def test_perspective_and_methods() -> None:
    doc = json.loads(run("rank", "--data", TOY, *DAY, "--party", "aland", "-f", "json").stdout)
    assert doc["perspective"] == "a"
    assert [p["id"] for p in doc["venues"][0]["parties"]] == ["a"]
    for method in ("nash", "utilitarian", "maximin"):
        doc = json.loads(run("rank", "--data", TOY, *DAY, "-m", method, "-f", "json").stdout)
        assert doc["method"] == method


def test_validate_schema_init(tmp_path: Path) -> None:
    assert run("validate", TOY).stdout.startswith(f"{TOY}: valid (schema_version 2)")
    assert run("validate", "--data", str(TINY)).stdout.startswith(f"{TINY}: valid")
    r = run("validate", TOY, "--case", "geneva-1985", expect=2)
    assert r.stderr == "Error: give one of FILE, --data FILE or --case NAME\n"
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    target = tmp_path / "new.yaml"
    r = run("init", str(target))
    assert (
        r.stderr
        == f"Wrote {target}. Next: venues validate {target} && venues rank --data {target}\n"
    )
    assert run("init", str(target), expect=1).stderr.endswith(
        "already exists; use --force to overwrite it\n"
    )
    run("init", str(target), "--force")
    assert "is a directory" in run("init", str(tmp_path), expect=1).stderr


def test_the_starter_is_current_and_exercises_version_2(tmp_path: Path) -> None:
    """`venues init` writes the current format, valid with no warnings, using the version 2
    features a new user needs to see: a blanket remark, a group, a meeting kind's
    relatedness and level, and a mediator."""
    target = tmp_path / "new.yaml"
    run("init", str(target))
    r = run("validate", str(target))
    assert r.stdout.startswith(f"{target}: valid (schema_version 2)")
    assert r.stderr == ""
    text = target.read_text(encoding="utf-8")
    for key in ("covers: abroad", "relatedness:", "level: delegations", "mediators: [gamma]"):
        assert key in text, key
    doc = json.loads(
        run("rank", "--data", str(target), "--as-of", "2024-03-06", "-f", "json").stdout
    )
    assert [v["id"] for v in doc["venues"]] == ["gamma-city", "beta-city", "alpha-city"]
    assert doc["venues"][2]["vetoed_by"] == ["beta"]


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    target = tmp_path / "new.yaml"
    old = os.umask(0o022)
    try:
        run("init", str(target))
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]


def test_report_writes_each_format(tmp_path: Path) -> None:
    for suffix in ("html", "md", "svg"):
        target = tmp_path / f"r.{suffix}"
        r = run("report", "-o", str(target), "--data", TOY, *DAY, "--samples", "200")
        assert target.stat().st_size > 500
        assert r.stderr.startswith(f"Wrote {target} (")
        assert r.stdout == ""
    r = run("report", "-o", str(tmp_path / "r.html"), "--data", TOY, "-n", "0", expect=1)
    assert r.stderr.endswith("already exists; use --force to overwrite it\n")


def test_cases_sources_scenarios() -> None:
    assert run("cases").stdout.startswith("name ")
    assert "putin-zelensky" in run("cases").stdout
    doc = json.loads(run("sources", "--data", TOY, "--sort", "outlet", "-f", "json").stdout)
    assert [s["outlet"] for s in doc["sources"]] == ["Other Post", "Test Wire"]
    assert "icc-immunity-everywhere" in run("scenarios").stdout
