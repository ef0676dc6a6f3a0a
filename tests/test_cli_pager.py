"""The pager, as git and gh have it: output longer than the terminal goes through
VENUES_PAGER, else PAGER, else less (with LESS=FRX unless set); never when piped, never with
--no-pager (on the command or before it), never with an empty pager or `cat`."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, run
from venue_cli.cli import output

TOY = str(FIXTURES / "cli" / "toy.yaml")
LONG = ["timeline", "--data", TOY, "--format", "plain"]  # 8 lines


@pytest.fixture
def pager(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A terminal 5 lines high whose pager writes what it gets (and LESS) to files."""
    script = tmp_path / "pager.py"
    script.write_text(
        "import os, sys\n"
        "out = sys.argv[1]\n"
        "open(out, 'w', encoding='utf-8').write(sys.stdin.read())\n"
        "open(out + '.less', 'w').write(os.environ.get('LESS', '-'))\n",
        encoding="utf-8",
    )
    paged = tmp_path / "paged.txt"
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setenv("LINES", "5")
    monkeypatch.delenv("LESS", raising=False)
    monkeypatch.delenv("PAGER", raising=False)
    monkeypatch.setenv("VENUES_PAGER", f"'{sys.executable}' '{script}' '{paged}'")
    return paged


def test_long_output_on_a_terminal_goes_through_the_pager(pager: Path) -> None:
    expected = run(*LONG, "--no-pager").stdout
    r = run(*LONG)
    assert r.stdout == ""
    assert pager.read_text(encoding="utf-8") == expected
    assert Path(f"{pager}.less").read_text() == "FRX"


def test_pager_falls_back_on_pager_then_keeps_less_settings(
    pager: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGER", os.environ["VENUES_PAGER"])
    monkeypatch.delenv("VENUES_PAGER")
    monkeypatch.setenv("LESS", "R")
    run(*LONG)
    assert pager.exists()
    assert Path(f"{pager}.less").read_text() == "R"


def test_short_output_is_not_paged(pager: Path) -> None:
    r = run("scenarios", "--format", "csv")  # 4 lines on a 5-line terminal
    assert r.stdout.startswith("name,title,description\n")
    assert not pager.exists()


@pytest.mark.parametrize(
    "how",
    [
        ["--no-pager"],  # on the command
        ["root"],  # before it, as `git --no-pager log`
    ],
)
def test_no_pager_writes_straight_to_stdout(pager: Path, how: list[str]) -> None:
    args = ["--no-pager", *LONG] if how == ["root"] else [*LONG, *how]
    r = run(*args)
    assert r.stdout.startswith("date        kind")
    assert not pager.exists()


@pytest.mark.parametrize("value", ["", "cat", "  "])
def test_an_empty_pager_or_cat_means_none(
    pager: Path, monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    monkeypatch.setenv("VENUES_PAGER", value)
    assert run(*LONG).stdout.startswith("date        kind")


def test_a_pager_that_cannot_start_leaves_the_output_on_stdout(
    pager: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VENUES_PAGER", "/nonexistent/pager --flag")
    assert run(*LONG).stdout.startswith("date        kind")


def test_piped_or_dumb_output_is_never_paged(pager: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert run(*LONG).stdout.startswith("date        kind")
    monkeypatch.setenv("TERM", "xterm")
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: False)
    assert run(*LONG).stdout.startswith("date        kind")
    assert not pager.exists()


def test_tables_and_documents_are_paged_too(pager: Path) -> None:
    run("rank", "--data", TOY, "--as-of", "2020-01-10", "--format", "table")
    assert pager.read_text(encoding="utf-8").startswith("Toy summit · as of 2020-01-10")
    pager.unlink()
    run("docs", "format")
    assert pager.read_text(encoding="utf-8").startswith("# ")


def test_every_command_that_can_page_takes_no_pager(pager: Path) -> None:
    """`schema` pages its long output but refused `--no-pager` ('No such option')."""
    r = run("schema", "--no-pager")
    assert r.stdout.startswith("{\n")
    assert not pager.exists()
    run("schema")
    assert pager.read_text(encoding="utf-8").startswith("{\n")
