"""One error style (`Error: …` and a `hint: …` line, never a box or a traceback), bad option
values that name the option, a did-you-mean of distinct things by their canonical names, the
valid names listed, and the right exit codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, run

TOY = str(FIXTURES / "cli" / "toy.yaml")
BOX = set("╭╮╰╯│─┌┐└┘━")

FAILURES: list[tuple[list[str], int]] = [
    (["rank", "--bogus"], 2),
    (["rank", "--as-of", "2025-13-01"], 2),
    (["rank", "--format", "xml"], 2),
    (["rank", "--method", "borda"], 2),
    (["explain", "genva"], 1),
    (["rank", "--party", "russa"], 1),
    (["rank", "--case", "nope"], 1),  # like an unknown venue or scenario
    (["rank", "--scenario", "nope"], 1),
    (["backtest", "nope-1999"], 1),
    (["backtest", TOY], 1),
    (["timeline", "--data", TOY, "--since", "2020-01-05", "--until", "2020-01-02"], 2),
    (["changes", "--data", TOY, "--from", "2020-01-05", "--to", "2020-01-02"], 2),
    (["sources", "--sort", "size"], 2),
    (["report", "-o", "x.html", "-n", "-1"], 2),
    (["report", "-o", "x.pdf"], 2),
    (["docs", "nothing"], 2),
    (["compare", "x", "x", "--data", TOY], 2),
]


@pytest.mark.parametrize(("args", "code"), FAILURES)
def test_every_error_has_the_one_style(args: list[str], code: int) -> None:
    r = run(*args, expect=code)
    lines = [line for line in r.stderr.splitlines() if not line.startswith("Note: ")]
    assert lines
    assert lines[0].startswith("Error: ")
    assert all(line.startswith(("Error: ", "hint: ")) for line in lines), r.stderr
    assert sum(line.startswith("hint: ") for line in lines) <= 1
    assert not BOX & set(r.stderr)
    assert "Traceback" not in r.stderr
    assert r.stdout == ""


@pytest.mark.parametrize("term", ["dumb", "xterm-256color"])
def test_no_box_from_a_real_process_whatever_the_terminal(term: str) -> None:
    env = {**os.environ, "TERM": term, "VENUES_NO_CACHE": "1"}
    for args in (["rank", "--bogus"], ["rank", "--as-of", "2025-13-01"], ["explain"]):
        proc = subprocess.run(
            [sys.executable, "-m", "venue_cli", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        assert proc.returncode == 2
        assert proc.stderr.startswith("Error: ")
        assert not BOX & set(proc.stderr), proc.stderr


def test_a_bad_value_names_the_option() -> None:
    r = run("rank", "--as-of", "2025-13-01", expect=2)
    assert r.stderr == (
        "Error: Invalid value for '--as-of': '2025-13-01' is not a real calendar date\n"
        "hint: see 'venues rank --help'\n"
    )
    r = run("timeline", "--since", "yesterday", expect=2)
    assert r.stderr.startswith(
        "Error: Invalid value for '--since': 'yesterday' is not a date; write it YYYY-MM-DD"
    )
    r = run("rank", "--method", "borda", expect=2)
    assert r.stderr.startswith("Error: Invalid value for '--method': 'borda' is not a method;")
    r = run("sources", "--sort", "size", expect=2)
    assert r.stderr == "Error: --sort: 'size' is not a sort key; choose date or outlet\n"


def test_did_you_mean_proposes_each_thing_once_by_its_canonical_name() -> None:
    r = run("explain", "X Cty", "--data", TOY, "--as-of", "2020-01-10", expect=1)
    assert r.stderr == (
        "Error: unknown venue 'X Cty'; did you mean 'X City'?\n"
        "hint: valid venue names: X City, Y City, Zed Town (Old Quarter), west\n"
    )
    r = run("rank", "--party", "Alnd", "--data", TOY, "--as-of", "2020-01-10", expect=1)
    assert r.stderr == (
        "Error: unknown party 'Alnd'; did you mean 'Aland'?\n"
        "hint: valid party names: Aland, Bland, Mediator Republic\n"
    )
    # the bundled case: Geneva once (not also 'Genève' and 'Genf'); Russia only (not 'USA')
    genva = run("explain", "genva", "--as-of", "2025-09-05", expect=1).stderr
    assert genva.splitlines()[0] == "Error: unknown venue 'genva'; did you mean 'Geneva'?"
    russa = run("rank", "--party", "russa", "--as-of", "2025-09-05", expect=1).stderr
    assert russa.splitlines()[0] == "Error: unknown party 'russa'; did you mean 'Russia'?"


def test_closest_keeps_only_matches_near_the_best() -> None:
    from venue_cli.names import closest

    spellings = {"russia": "Russia", "russian federation": "Russia", "usa": "United States"}
    assert closest("russa", spellings) == ["Russia"]
    assert closest("zzz", spellings) == []
    assert closest("usa", spellings) == ["United States"]


def test_the_close_matches_read_as_a_list() -> None:
    from venue_cli.errors import UnknownNameError

    assert str(UnknownNameError("case", "x", [])) == "unknown case 'x'"
    assert str(UnknownNameError("case", "x", ["a"])) == "unknown case 'x'; did you mean 'a'?"
    two = UnknownNameError("venue", "x", ["a", "b"])
    assert str(two) == "unknown venue 'x'; did you mean 'a' or 'b'?"
    three = UnknownNameError("party", "x", ["a", "b", "c"])
    assert str(three) == "unknown party 'x'; did you mean 'a', 'b' or 'c'?"


def test_unknown_cases_and_scenarios_list_the_valid_names() -> None:
    from venue_cli.format.scenario import bundled_scenarios
    from venue_cli.load import bundled_cases

    r = run("rank", "--case", "geneva-1895", expect=1)
    first, hint = r.stderr.splitlines()
    # the nearest names, closest first (a case added later may join them)
    assert first.startswith("Error: unknown case 'geneva-1895'; did you mean 'geneva-1955'")
    assert "'geneva-1985'" in first
    assert first.endswith("?")
    assert hint == "hint: valid case names: " + ", ".join(bundled_cases())
    r = run("backtest", "geneva-1895", expect=1)
    assert r.stderr.splitlines()[1] == hint
    r = run("rank", "--scenario", "nope", expect=1)
    assert r.stderr == (
        "Error: unknown scenario 'nope'\nhint: valid scenario names: "
        + ", ".join(bundled_scenarios())
        + "\n"
    )


def test_validate_names_venues_data_only_when_it_is_set(tmp_path: Path) -> None:
    missing = str(tmp_path / "missing.yaml")
    r = run("validate", missing, expect=1)
    assert r.stdout == f"{missing}: no such file; check the path\n"
    assert r.stderr == f"1 problem found in {missing}\n"
    assert "VENUES_DATA" not in r.stdout + r.stderr
    r = run("validate", expect=1, env={"VENUES_DATA": missing})
    assert r.stdout == f"{missing}: no such file (VENUES_DATA names it); check the path\n"


def test_report_messages(tmp_path: Path) -> None:
    folder = tmp_path / "dir.html"
    folder.mkdir()
    r = run("report", "-o", str(folder), "--samples", "0", expect=1)
    assert r.stderr == f"Error: cannot write {folder}: it is a directory\n"  # not "--force"
    r = run("report", "-o", str(tmp_path / "r.html"), "-n", "-1", expect=2)
    assert r.stderr == (
        "Error: --samples must be between 0 (no sensitivity section) and 5,000,000 (got -1)\n"
    )
    r = run("report", "-o", str(tmp_path / "r.pdf"), expect=2)
    assert r.stderr.startswith("Error: cannot tell the format from 'r.pdf': use html, md or svg")


def test_backtest_on_a_file_without_an_outcome_is_a_data_error() -> None:
    r = run("backtest", TOY, expect=1)
    assert r.stderr == (
        f"Error: {TOY}: case 'toy' has no decision_date and no outcome to backtest against "
        "(a historical case has both: case.decision_date, the day the venue was fixed, and an "
        "outcome record)\n"
    )


def test_backtest_says_which_of_decision_date_and_outcome_is_missing(tmp_path: Path) -> None:
    text = (ROOT / "data" / "cases" / "geneva-1985.yaml").read_text(encoding="utf-8")
    no_date = tmp_path / "no-date.yaml"
    no_date.write_text(re.sub(r"(?m)^  decision_date: .*\n", "", text), encoding="utf-8")
    r = run("backtest", str(no_date), expect=1)
    assert r.stderr == (
        f"Error: {no_date}: case 'geneva-1985' has an outcome but no decision_date: add "
        "case.decision_date, the day the venue was fixed (the backtest scores the day before)\n"
    )
    no_outcome = tmp_path / "no-outcome.yaml"
    no_outcome.write_text(text[: text.index("\noutcome:")] + "\n", encoding="utf-8")
    r = run("backtest", str(no_outcome), expect=1)
    assert r.stderr == (
        f"Error: {no_outcome}: case 'geneva-1985' has a decision_date but no outcome: add an "
        "outcome record (the venue chosen, its date, a summary and its sources)\n"
    )


def test_timeline_refuses_since_after_until_under_either_name() -> None:
    for since, until in (("--since", "--until"), ("--from", "--to")):
        r = run("timeline", "--data", TOY, since, "2020-01-05", until, "2020-01-02", expect=2)
        assert r.stderr == "Error: --until 2020-01-02 is before --since 2020-01-05\n"


@pytest.mark.parametrize(
    "args",
    [
        ("report", "-o", "{dir}/r.html/", "-n", "0", "--data", str(FIXTURES / "tiny.yaml")),
        ("init", "{dir}/case.yaml/"),
        ("upgrade", str(FIXTURES / "tiny.yaml"), "-o", "{dir}/new.yaml/"),
    ],
)
def test_a_file_to_write_named_with_a_trailing_slash_is_refused(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """'r.html/' names a folder; Path() dropped the slash and the file r.html was written."""
    result = run(*(a.format(dir=tmp_path) for a in args), expect=2)
    assert "ends with '/', which names a folder; name a file" in result.stderr
    assert list(tmp_path.iterdir()) == []
