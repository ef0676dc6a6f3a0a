"""Every command and every error path, through the CLI, with stdout and stderr apart."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import TINY, run
from venue_cli import __version__
from venue_cli.cli import app

REQUIRED = [
    "Moscow",
    "Kyiv",
    "Vienna",
    "Holy See",
    "Geneva",
    "Istanbul",
    "Riyadh",
    "Abu Dhabi",
    "Doha",
    "Budapest",
    "Minsk",
    "Anchorage",
]


def test_version_and_help() -> None:
    assert run("--version").stdout == f"venues {__version__}\n"
    assert "Usage" in run("-h").stdout
    assert "Usage" in run("--help").stdout


def test_no_arguments_shows_help_as_usage_error() -> None:
    r = run(expect=2)
    assert "rank" in r.stdout + r.stderr


def test_every_command_has_help_with_an_example() -> None:
    commands = [c.name or c.callback.__name__ for c in app.registered_commands if c.callback]
    assert {
        "rank",
        "explain",
        "timeline",
        "changes",
        "validate",
        "schema",
        "init",
        "cases",
        "sources",
        "sensitivity",
        "compare",
        "scenarios",
        "backtest",
        "report",
    } <= set(commands)
    top = run("--help").stdout
    for name in commands:
        assert name in top
        text = run(name, "--help").stdout
        assert "Example" in text, name


def test_rank_plain_lists_every_venue_and_moscow_vetoed_by_ukraine() -> None:
    out = run("rank").stdout
    assert out.startswith("# Putin–Zelensky")
    assert "as of " in out.splitlines()[0]
    for name in REQUIRED:
        assert name in out, name
    moscow = next(line for line in out.splitlines() if "Moscow" in line)
    assert "VETO" in moscow
    assert "vetoed by Ukraine" in moscow
    assert "│" not in out
    assert "━" not in out


def test_rank_json_is_valid_and_stable() -> None:
    data = json.loads(run("rank", "--format", "json").stdout)
    assert data["schema_version"] == 1
    assert data["command"] == "rank"
    assert data["case"] == "putin-zelensky"
    assert {"rank", "id", "name", "joint_score", "feasible", "vetoed_by", "parties"} <= set(
        data["venues"][0]
    )
    moscow = next(v for v in data["venues"] if v["id"] == "moscow")
    assert moscow["feasible"] is False
    assert moscow["vetoed_by"] == ["ukraine"]
    ranks = [v["rank"] for v in data["venues"]]
    assert ranks == list(range(1, len(ranks) + 1))
    feasible = [v["feasible"] for v in data["venues"]]
    assert feasible == sorted(feasible, reverse=True)  # every feasible venue above every vetoed one


def test_json_is_not_wrapped_by_rich() -> None:
    text = run("explain", "moscow", "--format", "json").stdout
    data = json.loads(text)
    quotes = [h["quote"] for h in data["history"]]
    assert any(len(q) > 80 for q in quotes)  # long strings survive intact


def test_rank_csv_and_markdown() -> None:
    rows = list(csv.reader(io.StringIO(run("rank", "--format", "csv").stdout)))
    assert rows[0][:4] == ["as_of", "rank", "id", "venue"]
    assert len(rows) == 1 + 13
    md = run("rank", "--format", "markdown").stdout
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 2 + 13


def test_rank_table_format_draws_a_table() -> None:
    out = run("rank", "--format", "table").stdout
    assert "Score" in out
    assert "Main" in out
    assert "Moscow (RU)" in out


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("türkiye", "Istanbul"),
        ("turkey", "Istanbul"),
        ("Turkiye", "Istanbul"),
        ("vatican", "Holy See"),
        ("Holy See", "Holy See"),
        ("switzerland", "Geneva"),
        ("UAE", "Abu Dhabi"),
        ("emirates", "Abu Dhabi"),
        ("ABU DHABI", "Abu Dhabi"),
    ],
)
def test_explain_accepts_aliases_any_case_and_accents(typed: str, expected: str) -> None:
    out = run("explain", typed).stdout
    assert out.splitlines()[0].startswith(expected)


def test_explain_gulf_shows_the_three_gulf_states() -> None:
    out = run("explain", "gulf").stdout
    for name in ("Riyadh", "Abu Dhabi", "Doha"):
        assert f"\n{name} (" in "\n" + out
    data = json.loads(run("explain", "gulf", "--format", "json").stdout)
    assert {v["venue"]["id"] for v in data["venues"]} == {"riyadh", "abu-dhabi", "doha"}


def test_explain_unknown_venue_suggests() -> None:
    r = run("explain", "turky", expect=1)
    assert r.stdout == ""
    assert r.stderr.startswith("Error: unknown venue 'turky'. Did you mean")
    assert "Türkiye" in r.stderr
    assert "Traceback" not in r.stderr


def test_explain_moscow_shows_veto_quote_and_source() -> None:
    out = run("explain", "moscow").stdout
    assert "VETO by Ukraine" in out
    assert "source:" in out
    assert "Obstacles" in out


def test_explain_contributions_add_up_to_the_rank_score() -> None:
    rank = json.loads(run("rank", "--format", "json").stdout)
    for v in rank["venues"]:
        ex = json.loads(run("explain", v["id"], "--format", "json").stdout)
        assert ex["joint_score"] == v["joint_score"]
        assert ex["rank"] == v["rank"]
        for p, brief in zip(ex["parties"], v["parties"], strict=True):
            parts = [p["stance_contribution"]] + [c["contribution"] for c in p["criteria"]]
            assert sum(parts) == pytest.approx(p["utility"], abs=1e-12)
            assert p["utility"] == brief["utility"]
            for c in p["criteria"]:
                assert c["contribution"] == pytest.approx(
                    c["value"] * c["weight"] * (1 - p["stance_share"]), abs=1e-12
                )


def test_explain_plain_shown_contributions_sum_to_shown_utility() -> None:
    out = run("explain", "geneva").stdout
    for block in out.split("\n\n"):
        lines = block.splitlines()
        if not lines or "— utility " not in lines[0]:
            continue
        shown = float(lines[0].split("— utility ")[1].split()[0])
        contribs = [
            float(line.split()[3])
            for line in lines
            if line.strip().split(" ")[0]
            in (
                "stance",
                "legal",
                "access",
                "security",
                "neutrality",
                "mediation",
                "readiness",
                "home_turf",
            )
            and len(line.split()) > 3
        ]
        total = next(line for line in lines if line.strip().startswith("= "))
        assert round(sum(contribs), 4) == float(total.split()[1]) == shown


def test_markup_in_data_is_printed_intact(tmp_path: Path) -> None:
    text = TINY.read_text().replace("name: North City", 'name: "N [b]x[/b] [red]"')
    path = tmp_path / "markup.yaml"
    path.write_text(text)
    for fmt in ("table", "plain", "markdown"):
        out = run("rank", "--data", str(path), "--format", fmt, "--as-of", "2020-01-06").stdout
        assert "N [b]x[/b] [red]" in out, fmt
    out = run("explain", "n [b]x[/b] [red]", "--data", str(path), "--format", "table").stdout
    assert "N [b]x[/b] [red]" in out


def test_rank_unknown_format_and_bad_date_are_usage_errors() -> None:
    r = run("rank", "--format", "xml", expect=2)
    assert "xml" in r.stderr
    r = run("rank", "--as-of", "2025-13-01", expect=2)
    assert "expected YYYY-MM-DD" in r.stderr
    assert r.stdout == ""


def test_dates_outside_the_records_give_a_notice_and_still_work() -> None:
    r = run("rank", "--as-of", "1800-01-01")
    assert "before the first record" in r.stderr
    assert "Moscow" in r.stdout
    r = run("rank", "--as-of", "2099-01-01")
    assert "after today" in r.stderr


def test_data_option_env_var_and_case_conflict(monkeypatch: pytest.MonkeyPatch) -> None:
    out = run("rank", "--data", str(TINY), "--as-of", "2020-01-06").stdout
    assert "Tiny test case" in out
    env = run("rank", "--as-of", "2020-01-06", env={"VENUES_DATA": str(TINY)}).stdout
    assert env == out
    r = run("rank", "--data", str(TINY), "--case", "geneva-1985", expect=2)
    assert "either --data FILE or --case NAME" in r.stderr
    r = run("rank", "--case", "geneva-1895", expect=1)
    assert "Did you mean 'geneva-1985'" in r.stderr


def test_what_if_options_are_checked() -> None:
    assert "unknown criterion" in run("rank", "--weight", "legl=1", expect=1).stderr
    assert "cannot be negative" in run("rank", "--weight", "legal=-1", expect=2).stderr
    assert "finite" in run("rank", "--weight", "legal=nan", expect=2).stderr
    assert "finite" in run("rank", "--weight", "legal=inf", expect=2).stderr
    assert "not a number" in run("rank", "--weight", "legal=abc", expect=2).stderr
    assert "expected CRITERION=VALUE" in run("rank", "--weight", "legal", expect=2).stderr
    assert "unknown party" in run("rank", "--weight", "rusia.legal=1", expect=1).stderr
    assert "unknown stance" in run("rank", "--assume", "russia acepts geneva", expect=1).stderr
    assert "unknown venue" in run("rank", "--assume", "russia accepts genva", expect=1).stderr
    assert "unknown party" in run("rank", "--assume", "rusia accepts geneva", expect=1).stderr
    assert "unknown method" in run("rank", "--method", "borda", expect=2).stderr
    assert "unknown scenario" in run("rank", "--scenario", "nope", expect=1).stderr
    assert "unknown party" in run("rank", "--party", "narnia", expect=1).stderr


def test_timeline_command() -> None:
    out = run("timeline", "--venue", "moscow", "--until", "2025-09-05").stdout
    assert "2025-09-03" in out
    js = json.loads(run("timeline", "--party", "ukraine", "--format", "json").stdout)
    assert all(e["party"] == "Ukraine" for e in js["entries"] if e["kind"] == "statement")
    rows = list(csv.reader(io.StringIO(run("timeline", "--format", "csv").stdout)))
    assert rows[0][0] == "date"
    assert "expected YYYY-MM-DD" in run("timeline", "--since", "yesterday", expect=2).stderr


def test_changes_command() -> None:
    out = run("changes", "--from", "2025-09-05", "--to", "2025-10-01").stdout
    assert "Geneva" in out
    assert "VETOED" in out
    r = run("changes", "--from", "2025-10-01", "--to", "2025-09-05", expect=2)
    assert "before --from" in r.stderr


def test_validate_schema_init(tmp_path: Path) -> None:
    r = run("validate")
    assert "valid — 13 venues" in r.stdout
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"].startswith("https://json-schema.org/")
    assert "statement" in schema["$defs"]
    target = tmp_path / "new.yaml"
    r = run("init", str(target))
    assert target.exists()
    assert "venues validate" in r.stderr
    assert "valid" in run("validate", str(target)).stdout
    out = run("rank", "--data", str(target), "--as-of", "2024-06-01").stdout
    assert "Gamma City" in out
    before = target.read_text()
    r = run("init", str(target), expect=1)
    assert "already exists" in r.stderr
    assert target.read_text() == before
    run("init", str(target), "--force")
    r = run("init", str(tmp_path / "missing" / "x.yaml"), expect=1)
    assert "does not exist" in r.stderr
    r = run("init", str(tmp_path), expect=1)
    assert "is a directory" in r.stderr


def test_cases_sources_scenarios() -> None:
    out = run("cases").stdout
    assert "putin-zelensky" in out
    assert "geneva-1985" in out
    src = run("sources", "--sort", "outlet").stdout
    assert "cited by" in src.splitlines()[0]
    js = json.loads(run("sources", "--format", "json").stdout)
    assert all(s["cited_by"] for s in js["sources"])
    dates = [s["date"] or "9999" for s in js["sources"]]
    assert dates == sorted(dates)
    assert "--sort takes" in run("sources", "--sort", "size", expect=2).stderr
    assert "icc-immunity-everywhere" in run("scenarios").stdout


def test_compare_command() -> None:
    out = run("compare", "istanbul", "geneva").stdout
    assert "◆" in out
    js = json.loads(run("compare", "istanbul", "geneva", "riyadh", "--format", "json").stdout)
    assert [v["id"] for v in js["venues"]] == ["istanbul", "geneva", "riyadh"]
    assert sum(r["decisive"] for r in js["rows"]) == 3
    assert "at least two" in run("compare", "istanbul", "turkey", expect=2).stderr


def test_perspective_and_methods() -> None:
    ru = json.loads(run("rank", "--party", "russia", "--format", "json").stdout)
    assert ru["perspective"] == "russia"
    assert [p["id"] for p in ru["venues"][0]["parties"]] == ["russia"]
    for method in ("nash", "utilitarian", "maximin"):
        js = json.loads(run("rank", "--method", method, "--format", "json").stdout)
        assert js["method"] == method


def test_closed_pipe_exits_quietly(python: str) -> None:
    import subprocess

    proc = subprocess.run(
        f"'{python}' -m venue_cli rank --format plain | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "VENUES_NO_CACHE": "1"},
    )
    assert proc.stdout.startswith("# Putin–Zelensky")
    assert "Traceback" not in proc.stderr
    assert "BrokenPipe" not in proc.stderr


def test_python_dash_m_works(python: str) -> None:
    import subprocess

    proc = subprocess.run(
        [python, "-m", "venue_cli", "--version"], capture_output=True, text=True, check=True
    )
    assert proc.stdout == f"venues {__version__}\n"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("tur", {"turkey", "turkiye"}),
        ("Tü", {"Türkiye"}),
        ("abu", {"abu-dhabi"}),
        ("Vat", {"Vatican"}),
    ],
)
def test_shell_completion_of_venue_names(typed: str, expected: set[str]) -> None:
    from typer.testing import CliRunner

    runner = CliRunner()
    result = runner.invoke(
        app,
        [],
        prog_name="venues",
        env={
            "_VENUES_COMPLETE": "complete_bash",
            "COMP_WORDS": f"venues explain {typed}",
            "COMP_CWORD": "2",
        },
    )
    assert expected <= set(result.stdout.split())
    assert all(word.startswith(typed) for word in result.stdout.split())


def test_written_files_get_ordinary_permissions(tmp_path: Path) -> None:
    import os
    import stat

    target = tmp_path / "new.yaml"
    old = os.umask(0o022)
    try:
        run("init", str(target))
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644
    target.chmod(0o640)
    run("init", str(target), "--force")
    assert stat.S_IMODE(target.stat().st_mode) == 0o640  # an overwritten file keeps its mode
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left


def test_validate_takes_a_file_data_or_case() -> None:
    assert "tiny.yaml: valid" in run("validate", "--data", str(TINY)).stdout
    assert "geneva-1985.yaml: valid" in run("validate", "--case", "geneva-1985").stdout
    assert "give one of" in run("validate", str(TINY), "--case", "geneva-1985", expect=2).stderr
    assert "Did you mean 'geneva-1985'" in run("validate", "--case", "geneva-1895", expect=1).stderr


def test_report_command_writes_each_format_and_refuses_bad_targets(tmp_path: Path) -> None:
    for suffix in ("html", "md", "svg"):
        target = tmp_path / f"r.{suffix}"
        r = run("report", "-o", str(target), "--samples", "300", "--as-of", "2025-09-05")
        assert target.stat().st_size > 1000
        assert f"Wrote {target}" in r.stderr
        assert r.stdout == ""
    before = (tmp_path / "r.html").read_bytes()
    r = run("report", "-o", str(tmp_path / "r.html"), "--samples", "0", expect=1)
    assert "already exists; use --force" in r.stderr
    assert (tmp_path / "r.html").read_bytes() == before  # untouched
    assert (
        "use a .html, .md or .svg file"
        in run("report", "-o", str(tmp_path / "r.pdf"), expect=2).stderr
    )
    r = run("report", "-o", str(tmp_path / "nope" / "r.html"), "--samples", "0", expect=1)
    assert "does not exist" in r.stderr
    assert not (tmp_path / "nope").exists()
