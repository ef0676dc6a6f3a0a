"""Help that reads at 80 columns: every command's help is rendered at 80 columns and no word
is split (nor a hyphenated word broken), no line is longer, no paragraph breaks early,
metavars are short words (FORMAT, DATE, VENUE, PARTY) with the choices in the text, examples
come one per line under an "Examples" heading, and the environment variables are shown."""

from __future__ import annotations

import itertools
import re
from typing import Any

import pytest

from tests.conftest import run
from venue_cli.cli import app

WIDTH = 80
#: What Click itself writes in a help page.
CLICK_WORDS = {
    *("Usage:", "Options:", "Arguments:", "Commands:", "Examples:", "Environment:"),
    *("[OPTIONS]", "COMMAND", "[ARGS]...", "[required]", "--help", "-h,", "-h"),
    *("Show", "this", "message", "and", "exit."),
}


def _group() -> Any:
    import typer.main

    return typer.main.get_command(app)


def _commands() -> list[str]:
    return sorted(_group().commands)


def _vocabulary(name: str | None) -> set[str]:
    """Every word the help of `name` (None: the top level) may show, from its sources."""
    from typer import _click as click

    group = _group()
    command = group if name is None else group.commands[name]
    ctx = click.Context(command, info_name=name or "venues")
    texts = [command.help or "", command.epilog or "", command.short_help or ""]
    if name is None:
        for sub in group.commands.values():
            texts.append(sub.get_short_help_str(limit=200))
            texts.append(sub.name or "")
    texts += ["venues", name or ""]
    texts += command.collect_usage_pieces(ctx)
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record:
            texts += [record[0], record[0].replace(", ", " "), record[1]]
        texts += [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]
    words = {w for t in texts for w in t.split()}
    return words | CLICK_WORDS


def _help(name: str | None) -> str:
    args = ["--help"] if name is None else [name, "--help"]
    return run(*args, env={"COLUMNS": str(WIDTH)}).stdout


NAMES: list[str | None] = [None, *_commands()]


@pytest.mark.parametrize("name", NAMES)
def test_no_word_is_split_and_no_line_is_too_long(name: str | None) -> None:
    text = _help(name)
    assert all(len(line) <= WIDTH for line in text.splitlines())
    vocabulary = _vocabulary(name)
    unknown = [w for w in text.split() if w not in vocabulary]
    assert unknown == [], f"split or unknown words in `venues {name or ''} --help`: {unknown}"


@pytest.mark.parametrize("name", NAMES)
def test_no_paragraph_breaks_early(name: str | None) -> None:
    """Within a paragraph (help text or an option's description), a line ends only when the
    next word would not fit: no hard-wrapped docstring."""
    lines = _help(name).split("\n  Examples:")[0].splitlines()
    for line, nxt in itertools.pairwise(lines):
        if not line.strip() or not nxt.strip() or line.strip().startswith("venues "):
            continue
        indent = len(nxt) - len(nxt.lstrip())
        if indent != len(line) - len(line.lstrip()) and not re.match(r"\s+\S.*\s{2,}\S", line):
            continue  # a new entry, not the same paragraph
        if re.match(r"\s*-", nxt) or re.match(r"\s{2}\S+\s{2,}", nxt):
            continue  # the next option or argument
        if nxt.strip().startswith(("[", "(")) or line.rstrip().endswith((":", ".", "?")):
            continue
        first = nxt.split()[0]
        assert len(line.rstrip()) + 1 + len(first) > WIDTH - 2, (line, nxt)


def test_examples_are_one_per_line_under_an_examples_heading() -> None:
    for name in _commands():
        command = _group().commands[name]
        text = _help(name)
        assert "\n  Examples:\n\n" in text, name
        examples = [
            line.strip()
            for line in (command.epilog or "")
            .split("Examples:")[1]
            .split("Environment:")[0]
            .splitlines()
            if line.strip().startswith("venues")
        ]
        assert examples, name
        shown = [line.strip() for line in text.splitlines()]
        for example in examples:
            assert example in shown, (name, example)  # whole, on its own line
            assert len(example) + 4 <= WIDTH


@pytest.mark.parametrize("name", _commands())
def test_metavars_are_short_words(name: str) -> None:
    text = _help(name).split("\n  Examples:")[0]
    bare = re.sub(r"\[(required|default: [^\]]*)\]", "", text)
    assert not re.search(r"<\w+>|\{\w+\}|\[[a-z]+\]|<str>|:str", bare), name
    for option, metavar in (
        ("--format", "FORMAT"),
        ("--as-of", "DATE"),
        ("--party", "PARTY"),
        ("--venue", "VENUE"),
        ("--since", "DATE"),
        ("--data", "FILE"),
    ):
        m = re.search(rf"{option}(?:, --\w+)? (\S+)", text)
        if m:
            assert m.group(1) == metavar, (name, option, m.group(1))


def test_format_choices_are_listed_in_the_text() -> None:
    text = _help("rank")
    assert "-f, --format FORMAT  Output format: table, plain, json, csv or markdown." in text
    assert "Usage: venues explain [OPTIONS] VENUE\n" in _help("explain")
    assert "Usage: venues compare [OPTIONS] VENUE...\n" in _help("compare")


def test_environment_variables_are_shown() -> None:
    top = _help(None)
    for var in ("VENUES_DATA", "VENUES_PAGER, PAGER", "VENUES_TODAY", "NO_COLOR", "FORCE_COLOR"):
        assert f"\n    {var}" in top
    rank = " ".join(_help("rank").split())
    assert "Environment: VENUES_DATA." in rank
    assert "(environment: VENUES_TODAY)" in rank
    assert "(environment: VENUES_PAGER, PAGER)" in rank
    assert "[env var" not in rank


def test_the_command_list_shows_whole_first_sentences() -> None:
    top = _help(None)
    listed = top.split("Commands:\n")[1].split("\n\n")[0].splitlines()
    assert len(listed) == len(_commands())
    assert not any(line.endswith("...") for line in listed)
