"""Where output goes and how it ends: a Rich table on a terminal, plain text when piped or
with TERM=dumb, colour when FORCE_COLOR asks even through a pipe, ASCII bars with NO_COLOR;
a full disk or a closed stdout is `Error: cannot write output: …` (exit 1); a closed pipe
exits 0 quietly, in every format, with or without PYTHONUNBUFFERED."""

from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES, THOROUGH, run, without_clock_shim
from venue_cli.cli import output

TOY = str(FIXTURES / "cli" / "toy.yaml")
ARGS = ["--data", TOY, "--as-of", "2020-01-10"]


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    monkeypatch.setattr(output, "PAGER", output._Pager(allowed=False))
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return monkeypatch


def test_a_terminal_gets_the_table_with_block_bars(terminal: pytest.MonkeyPatch) -> None:
    out = run("rank", *ARGS, env={"COLUMNS": "160"}).stdout
    assert out.startswith("Toy summit · as of 2020-01-10 · method: nash\n")
    assert "━" in out
    assert "█" in out


def test_no_color_gives_ascii_bars(terminal: pytest.MonkeyPatch) -> None:
    terminal.setenv("NO_COLOR", "1")
    out = run("rank", *ARGS, env={"COLUMNS": "160"}).stdout
    assert "█" not in out
    assert "######" in out


def test_term_dumb_gives_plain_text(terminal: pytest.MonkeyPatch) -> None:
    terminal.setenv("TERM", "dumb")
    assert run("rank", *ARGS).stdout.startswith("# Toy summit")


def test_piped_output_is_plain() -> None:
    out = run("rank", *ARGS).stdout
    assert out.startswith("# Toy summit")
    assert "━" not in out


def test_force_color_gives_the_coloured_table_even_when_piped() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "TTY_COMPATIBLE")}
    env |= {"VENUES_NO_CACHE": "1", "COLUMNS": "80", "TERM": "xterm-256color"}
    command = [sys.executable, "-m", "venue_cli", "rank", *ARGS]
    forced = subprocess.run(
        command, capture_output=True, text=True, check=True, env={**env, "FORCE_COLOR": "1"}
    )
    assert "\x1b[" in forced.stdout  # colours
    assert "━" in forced.stdout
    plain = subprocess.run(
        command, capture_output=True, text=True, check=True, env={**env, "FORCE_COLOR": "0"}
    )
    assert plain.stdout.startswith("# Toy summit")


def _venues(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "venue_cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "VENUES_NO_CACHE": "1", **env},
        check=False,
    )


def test_a_full_disk_is_a_clean_error() -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "venue_cli", "rank", *ARGS],
            stdout=full,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "VENUES_NO_CACHE": "1"},
            check=False,
        )
    assert proc.returncode == 1
    assert proc.stderr == "Error: cannot write output: No space left on device\n"


def test_a_closed_stdout_is_a_clean_error() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "venue_cli", "rank", *ARGS],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=without_clock_shim({**os.environ, "VENUES_NO_CACHE": "1"}),
        check=False,
        preexec_fn=lambda: os.close(1),
    )
    assert proc.returncode == 1
    assert proc.stderr == "Error: cannot write output: Bad file descriptor\n"


CLOSED_PIPE = [
    ["rank", *ARGS],
    ["explain", "west", *ARGS],
    ["sensitivity", *ARGS, "-n", "200"],
    ["timeline", "--data", TOY],
    ["sources", "--data", TOY],
    ["scenarios"],
    ["cases"],
    ["backtest", str(FIXTURES / "cli" / "case-one.yaml")],
    ["docs", "model"],
]


@pytest.mark.parametrize("unbuffered", ["", "1"])
@pytest.mark.parametrize("fmt", ["table", "plain", "json", "csv", "markdown"])
def test_a_closed_pipe_exits_quietly_in_every_format(fmt: str, unbuffered: str) -> None:
    """The reader is gone before the first byte is written: every write fails with EPIPE.
    Every command, format and buffering in the thorough profile; otherwise (the same code
    writes them all) rank and explain in table and plain, buffered, and rank in the rest."""
    if THOROUGH:
        commands = CLOSED_PIPE
    elif fmt in ("table", "plain") and not unbuffered:
        commands = CLOSED_PIPE[:2]
    else:
        commands = CLOSED_PIPE[:1]
    for args in commands:
        read, write = os.pipe()
        os.close(read)
        extra = [] if args[0] == "docs" else ["--format", fmt]
        env = {**os.environ, "VENUES_NO_CACHE": "1", "PYTHONUNBUFFERED": unbuffered}
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "venue_cli", *args, *extra],
                stdout=write,
                stderr=subprocess.PIPE,
                text=True,
                env=env,
                check=False,
            )
        finally:
            os.close(write)
        assert (proc.returncode, proc.stderr) == (0, ""), (args, fmt)


def test_head_one_exits_zero(python: str) -> None:
    proc = subprocess.run(
        f"'{python}' -m venue_cli explain west --data '{TOY}' --as-of 2020-01-10 "
        "--format table | head -1",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "VENUES_NO_CACHE": "1"},
    )
    assert proc.stdout.startswith("X City (Xland)")
    assert proc.stderr == ""


def test_progress_bar_only_on_a_terminal_and_for_long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[object] = []

    def job(progress: object) -> int:
        seen.append(progress)
        if callable(progress):
            progress(50, 100)
        return 7

    class FakeTTY(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("TERM", "xterm")
    assert output.with_progress(job, 1_000_000) == 7  # stderr is not a terminal here
    monkeypatch.setattr("sys.stderr", FakeTTY())
    assert output.with_progress(job, 1_000) == 7  # too short to be worth a bar
    assert output.with_progress(job, 1_000_000) == 7
    assert seen[0] is None
    assert seen[1] is None
    assert callable(seen[2])
