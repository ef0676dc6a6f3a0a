"""Shell completion: option values come from the data (the dataset named on the command line
so far), each venue and party is offered once, and nothing falls back to file names."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import FIXTURES, TINY
from venue_cli.cli import app
from venue_cli.load import bundled_cases

TOY = str(FIXTURES / "cli" / "toy.yaml")


def complete(line: str, shell: str = "bash") -> list[str]:
    """What `venues` offers for the last word of `line` (a trailing space: a new word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    env = {"_VENUES_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(cword)}
    else:
        env |= {"_TYPER_COMPLETE_ARGS": line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    result = CliRunner().invoke(app, [], prog_name="venues", env=env)
    assert result.exit_code == 0, result.output
    return result.stdout.split("\n") if shell != "bash" else result.stdout.split()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (f"venues explain --data {TOY} ", ["x", "y", "z", "west"]),
        (f"venues explain --data {TOY} Ex", ["Exland"]),  # an alias, as typed
        (f"venues explain --data {TOY} ze", ["zed-town"]),  # the city, folded
        (f"venues rank --data {TOY} --party ", ["a", "b", "m"]),
        (f"venues rank --data {TOY} --party Med", ["Medland"]),
        (f"venues timeline --data {TOY} --venue w", ["west"]),
        (f"venues timeline --data {TOY} --party b", ["b"]),
        (f"venues compare --data {TOY} x ", ["x", "y", "z", "west"]),
        ("venues rank --method ", ["nash", "utilitarian", "maximin"]),
        ("venues rank --method u", ["utilitarian"]),
        ("venues sources --sort ", ["date", "outlet"]),
        ("venues docs ", ["format", "model"]),
        ("venues rank --format ", ["table", "plain", "json", "csv", "markdown"]),
        ("venues rank --scenario icc", ["icc-immunity-everywhere"]),
        # every bundled case of that prefix (cases added later must not break the test)
        ("venues backtest geneva-19", [n for n in bundled_cases() if n.startswith("geneva-19")]),
        ("venues rank --case panm", [n for n in bundled_cases() if n.startswith("panm")]),
        ("venues calibrate hano", ["hanoi-2019"]),
    ],
)
def test_option_values_and_arguments_complete_from_the_data(line: str, expected: list[str]) -> None:
    assert complete(line) == expected


def test_every_bundled_venue_is_offered_once_by_its_id() -> None:
    from venue_cli.load import BUNDLED_CASE, bundled_cases, load_dataset

    ds = load_dataset(bundled_cases()[BUNDLED_CASE])
    groups = sorted({g for v in ds.venues.values() for g in v.groups})
    offered = complete("venues explain ")
    assert offered == [*ds.venues, *groups]
    assert len(offered) == len(set(offered))
    assert all(word == word.lower() and " " not in word for word in offered)


def test_a_prefix_of_another_name_offers_the_venue_once() -> None:
    """'tu' is the start of Türkiye (and turkey): Istanbul is offered once."""
    assert complete("venues explain tu") == ["turkiye"]
    assert complete("venues explain Tü") == ["Türkiye"]


def test_completion_follows_the_case_on_the_command_line() -> None:
    from venue_cli.load import bundled_cases, load_dataset

    ds = load_dataset(bundled_cases()["geneva-1985"])
    assert complete("venues rank --case geneva-1985 --party ") == list(ds.parties)


def test_zsh_and_fish_get_the_names_as_descriptions() -> None:
    zsh = "\n".join(complete(f"venues explain --data {TOY} x", "zsh"))
    assert '"x":"X City, Xland"' in zsh
    fish = complete(f"venues rank --data {TOY} --party m", "fish")
    assert "m\tMediator Republic (mediator)" in fish


def test_descriptions_from_the_data_carry_no_quote_dollar_backtick_or_break(
    tmp_path: Path,
) -> None:
    # Typer's zsh script runs `eval` on what completion prints: a name from a dataset is
    # offered as one line without the characters a shell reads as quoting or substitution
    name = "North'; touch pwned; echo ' $(id) `id` \\\" a\\u2028b" + "x" * 100
    text = TINY.read_text(encoding="utf-8").replace("name: North City", f'name: "{name}"')
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    fish = complete(f"venues explain --data {path} north", "fish")
    value, description = fish[0].split("\t")
    assert value == "north-city"
    assert description == "North; touch pwned; echo  (id) id  a b" + "x" * 41 + "…"
    assert len(description) == 80
    zsh = "\n".join(complete(f"venues explain --data {path} north", "zsh"))
    assert '"north-city":"North; touch pwned; echo  (id) id  a b' in zsh


def test_an_unreadable_dataset_completes_nothing(tmp_path: object) -> None:
    assert complete("venues explain --data /nonexistent/file.yaml ") == []


def test_completion_asked_for_by_hand_is_a_usage_error_not_a_bug() -> None:
    """Without the variables the shell's completion script sets, Click's bash completion
    raised KeyError, shown as an internal error."""
    env = {"_VENUES_COMPLETE": "complete_bash"}
    result = CliRunner().invoke(app, [], prog_name="venues", env=env)
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: shell completion needs the variable COMP_WORDS, which the completion script "
        "sets\nhint: install the script with 'venues --install-completion'\n"
    )
