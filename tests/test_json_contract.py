"""The JSON contract: every command's `--format json` is one document with `schema_version`
and `command`; `explain` has the same shape for one venue and for a group; every CSV header
is made of the JSON field names; a format a command cannot produce is a usage error naming
those it can.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

import pytest

from tests.conftest import FIXTURES, run
from venue_cli.cli import app, output
from venue_cli.errors import InvalidArgumentError

TOY = str(FIXTURES / "cli" / "toy.yaml")
CASES = [str(FIXTURES / "cli" / "case-one.yaml"), str(FIXTURES / "cli" / "case-two.yaml")]
DAY = ["--as-of", "2020-01-10"]

#: Every command with --format json, and arguments that run it on a small fixture.
COMMANDS: dict[str, list[str]] = {
    "rank": ["rank", "--data", TOY, *DAY],
    "explain": ["explain", "x", "--data", TOY, *DAY],
    "compare": ["compare", "x", "y", "--data", TOY, *DAY],
    "timeline": ["timeline", "--data", TOY],
    "changes": ["changes", "--data", TOY, "--since", "2020-01-03", "--until", "2020-01-10"],
    "sensitivity": ["sensitivity", "--data", TOY, *DAY, "-n", "200"],
    "backtest": ["backtest", *CASES],
    "cases": ["cases"],
    "sources": ["sources", "--data", TOY],
    "scenarios": ["scenarios"],
}
#: The bundled data: every command on the real case too.
BUNDLED: dict[str, list[str]] = {
    "rank": ["rank", "--as-of", "2025-09-05"],
    "explain": ["explain", "gulf", "--as-of", "2025-09-05"],
    "compare": ["compare", "istanbul", "geneva", "--as-of", "2025-09-05"],
    "timeline": ["timeline", "--venue", "moscow"],
    "changes": ["changes", "--since", "2025-09-05", "--until", "2025-10-31"],
    "sensitivity": ["sensitivity", "--as-of", "2025-09-05", "-n", "200"],
    "backtest": ["backtest", "geneva-1985"],
    "cases": ["cases"],
    "sources": ["sources"],
    "scenarios": ["scenarios"],
}


def _json_commands() -> set[str]:
    """The commands whose --format offers json (read from the CLI itself)."""
    import typer.main

    group = typer.main.get_command(app)
    found = set()
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        for param in command.params:
            choices = getattr(param.type, "choices", None) or []
            if "--format" in getattr(param, "opts", []) and "json" in [str(c) for c in choices]:
                found.add(name)
    return found


def test_the_walk_covers_every_command_with_json() -> None:
    assert _json_commands() == set(COMMANDS) == set(BUNDLED)


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("where", ["fixture", "bundled"])
def test_every_document_has_schema_version_and_command(name: str, where: str) -> None:
    args = (COMMANDS if where == "fixture" else BUNDLED)[name]
    doc = json.loads(run(*args, "--format", "json").stdout)
    assert isinstance(doc, dict)
    assert doc["schema_version"] == 1
    assert doc["command"] == name


@pytest.mark.parametrize("name", ["rank", "explain", "backtest"])
def test_every_ranking_document_says_it_is_conditional(name: str) -> None:
    doc = json.loads(run(*COMMANDS[name], "--format", "json").stdout)
    assert "conditional on a meeting taking place" in doc["conditional"]


def test_explain_has_one_shape_for_a_venue_and_a_group() -> None:
    one = json.loads(run("explain", "x", "--data", TOY, *DAY, "-f", "json").stdout)
    group = json.loads(run("explain", "west", "--data", TOY, *DAY, "-f", "json").stdout)
    assert [v["venue"]["id"] for v in one["venues"]] == ["x"]
    assert [v["venue"]["id"] for v in group["venues"]] == ["x", "y"]
    assert set(group["venues"][0]) == set(one["venues"][0])
    header = {k for k in one if k not in one["venues"][0] and k != "venues"}
    assert header <= set(group)  # the same header fields
    gulf = json.loads(run("explain", "gulf", "--as-of", "2025-09-05", "-f", "json").stdout)
    assert gulf["command"] == "explain"
    assert len(gulf["venues"]) == 3


def _keys(obj: Any) -> set[str]:
    if isinstance(obj, dict):
        return set(obj) | {k for v in obj.values() for k in _keys(v)}
    if isinstance(obj, list):
        return {k for v in obj for k in _keys(v)}
    return set()


def _ids(obj: Any) -> set[str]:
    """Every `id` value in a document (a CSV column may be prefixed with one)."""
    if isinstance(obj, dict):
        own = {obj["id"]} if isinstance(obj.get("id"), str) else set()
        return own | {i for v in obj.values() for i in _ids(v)}
    if isinstance(obj, list):
        return {i for v in obj for i in _ids(v)}
    return set()


def _is_json_name(column: str, keys: set[str], ids: set[str]) -> bool:
    """A column is a JSON field name, or one flattened from a list: `ID_FIELD` (a party's or
    venue's field), `FIELD_K` (the K-th entry of a list) or `LIST_FIELD` (a field of the
    entries of the list, such as cause_date for changes[].causes[].date)."""
    if column in keys:
        return True
    if re.fullmatch(r"[a-z_]+_\d+", column):
        return column.rsplit("_", 1)[0] in keys
    prefix, _, rest = column.partition("_")
    if prefix in ids and rest in keys:
        return True
    return prefix + "s" in keys and rest in keys


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_csv_headers_use_the_json_field_names(name: str) -> None:
    args = COMMANDS[name]
    doc = json.loads(run(*args, "--format", "json").stdout)
    header = next(csv.reader(io.StringIO(run(*args, "--format", "csv").stdout)))
    keys, ids = _keys(doc), _ids(doc)
    assert [c for c in header if not _is_json_name(c, keys, ids)] == []


def test_the_cases_csv_says_decision_date_and_outcome() -> None:
    header = run("cases", "--format", "csv").stdout.splitlines()[0]
    assert header == "name,title,venues,statements,decision_date,outcome"


class _PlainOnly:
    """A renderer with plain text only."""

    @staticmethod
    def plain(view: dict[str, Any]) -> str:
        return "plain\n"


def test_a_format_the_renderer_lacks_is_a_usage_error_naming_the_others() -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        output.emit(output.OutputFormat.CSV, {"command": "demo"}, _PlainOnly)
    assert str(caught.value) == "demo has no csv output; use one of: json, plain"
    assert caught.value.exit_code == 2


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_offers_every_format(name: str) -> None:
    """A Rich table on a terminal and a real CSV and Markdown: no command falls back to
    another format (explain's CSV is its contribution terms)."""
    for fmt in ("table", "plain", "csv", "markdown"):
        out = run(*COMMANDS[name], "--format", fmt, env={"COLUMNS": "80"}).stdout
        assert out.strip(), (name, fmt)
    assert run(*COMMANDS[name], "-f", "csv").stdout != run(*COMMANDS[name], "-f", "plain").stdout
    md = run(*COMMANDS[name], "-f", "markdown").stdout
    assert "|" in md or md.startswith("**"), name


def test_frozen_view_fixtures_still_match_the_live_documents() -> None:
    """The renderer tests draw frozen documents; every field they hold must still be in the
    live document (fields may be added, never renamed or removed)."""
    live = {
        "rank": COMMANDS["rank"],
        "explain": COMMANDS["explain"],
        "compare": ["compare", "x", "y", "z", "--data", TOY, *DAY],
        "sensitivity": COMMANDS["sensitivity"],
        "timeline": COMMANDS["timeline"],
        "changes": COMMANDS["changes"],
        "sources": COMMANDS["sources"],
        "backtest": COMMANDS["backtest"],
    }
    for name, args in live.items():
        frozen = json.loads((FIXTURES / "cli" / "views" / f"{name}.json").read_text())
        now = json.loads(run(*args, "--format", "json").stdout)
        assert _keys(frozen) <= _keys(now), name
