"""Property-based fuzzing: whatever is done to a dataset or a scenario file, loading it either
succeeds or raises DatasetError with located problems, never anything else; and hostile
strings pushed through every command and format never trace back, never reach the terminal
raw, and never break the CSV, JSON, Markdown or SVG.

CI mutates the small tests/fixtures/tiny.yaml (200 examples, 100 for the hostile strings)
and the bundled scenarios (800); `HYPOTHESIS_PROFILE=thorough` mutates the bundled case and
runs 20,000 of each.
"""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import TINY
from venue_cli.errors import DatasetError
from venue_cli.format.scenario import bundled_scenarios
from venue_cli.load import _decode, bundled_cases, load_dataset, parse_dataset
from venue_cli.records import Dataset

settings.register_profile(
    "ci", max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "thorough", max_examples=20_000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "ci")
settings.load_profile(PROFILE)

BASE = (bundled_cases()["putin-zelensky"] if PROFILE == "thorough" else TINY).read_bytes()
LIVE = load_dataset(bundled_cases()["putin-zelensky"])
LINES = BASE.split(b"\n")

SPECIALS = [
    b".nan", b".inf", b"-.inf", b"NO", b"no", b"yes", b"on", b"off", b"12:30", b"0777", b"~",
    b"null", b"[]", b"{}", b"''", b'""', b"&a x", b"*a", b"!!python/object/apply:os.getpid []",
    b"!!binary aGVsbG8=", b"<<: *a", b"- x", b"? x", b"|", b">", b"'unclosed", b"\"unclosed",
    b"2025-02-30", b"1e400", b"-1", b"99999999999999999999", b"true", b"[[[[[[[[", b"\t",
    b"\xff\xfe", b"\x00", b"\xe2\x80", "Türkiye".encode(), b"{a: 1, a: 2}",
]  # fmt: skip


def _load(data: bytes) -> Dataset:
    return parse_dataset(_decode(data, "fuzz.yaml"), "fuzz.yaml")


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    return _mutate(draw, list(LINES))


def _mutate(draw: st.DrawFn, lines: list[bytes]) -> bytes:
    """The lines with one to four of them deleted, duplicated, given a special value,
    wrapped in a list, re-indented or spliced with bytes; sometimes cut short."""
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        op = draw(st.sampled_from(["delete", "duplicate", "special", "retype", "indent", "bytes"]))
        line = lines[i]
        if op == "delete":
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, line)
        elif op == "special":
            key, sep, _ = line.partition(b": ")
            special = draw(st.sampled_from(SPECIALS))
            lines[i] = key + b": " + special if sep else special
        elif op == "retype":
            key, sep, value = line.partition(b": ")
            if sep:
                lines[i] = key + b": [" + value + b"]"
        elif op == "indent":
            lines[i] = b" " * draw(st.integers(0, 7)) + line.lstrip()
        else:
            blob = draw(st.binary(min_size=1, max_size=8))
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + blob + line[j:]
    data = b"\n".join(lines)
    if draw(st.booleans()) and draw(st.integers(0, 9)) == 0:
        data = data[: draw(st.integers(0, len(data)))]
    return data


# a failing example of the bundled case is a 300 kB repr: the warning would hide the failure
@pytest.mark.filterwarnings("ignore:Generating overly large repr")
@given(mutated())
def test_mutated_dataset_loads_or_fails_with_a_location(data: bytes) -> None:
    try:
        ds = _load(data)
    except DatasetError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.path == "fuzz.yaml"
            assert problem.message
            assert problem.line is None or problem.line >= 1
            assert str(problem).startswith("fuzz.yaml")
    else:
        assert isinstance(ds, Dataset)
        _score_and_render(ds)


def _score_and_render(ds: Dataset) -> None:
    """Whatever loads must also rank, explain and render without an exception."""
    from venue_cli.model.ranking import rank_venues
    from venue_cli.model.sensitivity import run_sensitivity, stability_intervals
    from venue_cli.render import explain, rank
    from venue_cli.views.core import explain_view, rank_view, sensitivity_view

    ranking = rank_venues(ds, dt.date(2026, 1, 1))
    if not ranking.scores:
        return
    view = rank_view(ranking)
    rank.plain(view)
    rank.csv(view)
    rank.markdown(view)
    first = ranking.scores[0].venue.id
    explain.plain(explain_view(ranking, [first]))
    result = run_sensitivity(ranking, samples=20, seed=1)
    sensitivity_view(ranking, result, stability_intervals(ranking))


SCENARIOS = [p.read_bytes().split(b"\n") for p in sorted(bundled_scenarios().values())]


@st.composite
def mutated_scenario(draw: st.DrawFn) -> bytes:
    return _mutate(draw, list(draw(st.sampled_from(SCENARIOS))))


@settings(max_examples=20_000 if PROFILE == "thorough" else 800)  # cheap: about 2 ms each
@given(mutated_scenario())
def test_a_mutated_scenario_applies_or_fails_with_a_location(data: bytes) -> None:
    """A scenario file (`--scenario`) is as hostile as a dataset: it applies to the bundled
    case and ranks, or fails with problems located in it; never anything else."""
    import tempfile
    from pathlib import Path

    from venue_cli.model.ranking import rank_venues
    from venue_cli.model.whatif import apply_whatif

    day = dt.date(2026, 1, 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "scenario.yaml"
        path.write_bytes(data)
        try:
            whatif = apply_whatif(LIVE, day, scenarios=[str(path)])
        except DatasetError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.path == str(path), problem
                assert problem.line is None or problem.line >= 1
            return
    rank_venues(whatif.dataset, day, weights=whatif.weights)


@given(st.binary(max_size=400))
def test_random_bytes_never_crash(data: bytes) -> None:
    try:
        _load(data)
    except DatasetError as exc:
        assert exc.problems


@given(
    st.text(alphabet=st.sampled_from(list("abc:-[]{}&*!|>'\"#\n\t ,?0123456789.~")), max_size=300)
)
def test_random_yaml_like_text_never_crashes(text: str) -> None:
    try:
        parse_dataset(text, "t.yaml")
    except DatasetError as exc:
        assert exc.problems


# --------------------------------------------------------------------------- hostile strings

HOSTILE_PARTS = [
    "[/oops]", "[b]", "[link=https://evil.example]x[/link]", "[bold red]", "=cmd|' /C calc'!A0",
    "+1", "-2", "@SUM(A1)", "<script>alert(1)</script>", "# h", "`", "|", "**x**", "\\",
    "\x1b[2J", "\x07", "\x00", "\x9b", "\u202e", "\u2066", "\r", "\n", "\t", "9" * 60,
    "Türkiye", "ж", "\u200b", "\ufeff", "x" * 3000,
]  # fmt: skip


@st.composite
def hostile_string(draw: st.DrawFn) -> str:
    parts = draw(st.lists(st.sampled_from(HOSTILE_PARTS), min_size=1, max_size=4))
    return "".join(parts) + draw(st.text(max_size=8))


def _quoted(text: str) -> str:
    import json

    return json.dumps(text)  # a JSON string is a valid YAML double-quoted scalar


COMMANDS = [
    ("rank",), ("explain", "x"), ("compare", "x", "y"), ("timeline",), ("sources",),
    ("changes", "--since", "2020-01-01", "--until", "2020-01-03"), ("sensitivity", "-n", "50"),
]  # fmt: skip
FORMATS = ["table", "plain", "json", "csv", "markdown"]


@settings(
    max_examples=20_000 if PROFILE == "thorough" else 100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    name=hostile_string(),
    quote=hostile_string(),
    outlet=hostile_string(),
    command=st.sampled_from(COMMANDS),
    fmt=st.sampled_from(FORMATS),
)
def test_hostile_strings_through_every_command_and_format(
    tmp_path_factory: object, name: str, quote: str, outlet: str, command: tuple[str, ...],
    fmt: str,
) -> None:  # fmt: skip
    import csv
    import io
    import json
    import tempfile
    from pathlib import Path

    from tests.conftest import dataset_text, run
    from tests.test_security import _no_raw_controls

    text = dataset_text(
        parties=f"""
  - {{id: a, name: {_quoted(name)}, role: principal, country: "AA", joint_weight: 1,
     joint_weight_rationale: {_quoted(quote)}}}
  - {{id: b, name: Bland, role: principal, country: "BB", joint_weight: 1,
     joint_weight_rationale: p}}""",
        sources=f"\n  - {{id: s1, outlet: {_quoted(outlet)}, date: 2020-01-01}}",
        venues=f"""
  - {{id: x, name: {_quoted(name)}, city: X, country: "XX", country_name: Xland}}
  - {{id: y, name: Y City, city: Y, country: "YY", country_name: Yland}}""",
        statements=f"""
  - {{id: st, date: 2020-01-02, party: a, speaker: S, venues: [x], stance: accepts,
     meeting: leaders, quote: {_quoted(quote)}, attribution: first_hand, confidence: high,
     sources: [s1]}}""",
    )
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "h.yaml"
        path.write_text(text, encoding="utf-8")
        extra = (
            () if command[0] in ("timeline", "sources", "changes") else ("--as-of", "2020-01-03")
        )
        r = run(*command, "--data", str(path), *extra, "-f", fmt, expect=None)
    assert r.exit_code in (0, 1, 2), r.stderr
    _no_raw_controls(r.stdout + r.stderr)
    if r.exit_code != 0:
        assert r.stderr.startswith("Error: ")
        return
    if fmt == "json":
        json.loads(r.stdout)
    elif fmt == "csv":
        for row in csv.reader(io.StringIO(r.stdout)):
            for cell in row:
                assert (
                    not cell
                    or cell[0] not in "=+@\t\r"
                    or cell.lstrip("+-").replace(".", "").isdigit()
                )
    elif fmt == "markdown":
        assert "<script>" not in r.stdout
