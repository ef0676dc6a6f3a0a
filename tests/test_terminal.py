"""On a terminal: tables with bars; with NO_COLOR the bars become ASCII, with TERM=dumb the
output is plain text; piped output is plain text without box drawing."""

from __future__ import annotations

import pytest

from tests.conftest import run
from venue_cli.cli import output


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.setattr(output, "_stdout_is_terminal", lambda: True)
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.delenv("NO_COLOR", raising=False)
    return monkeypatch


def test_a_terminal_gets_a_table_with_block_bars(terminal: pytest.MonkeyPatch) -> None:
    out = run("rank").stdout
    assert "Main" in out
    assert "█" in out
    assert not out.startswith("#")


def test_no_color_turns_bars_and_shades_into_ascii(terminal: pytest.MonkeyPatch) -> None:
    terminal.setenv("NO_COLOR", "1")
    out = run("rank").stdout
    assert "█" not in out
    assert "#" in out
    heat = run("sensitivity", "--samples", "500").stdout
    assert any(ch in heat for ch in "░▒▓")  # shades stand in for background colours


def test_term_dumb_gives_plain_text(terminal: pytest.MonkeyPatch) -> None:
    terminal.setenv("TERM", "dumb")
    out = run("rank").stdout
    assert out.startswith("# Putin–Zelensky")
    assert "━" not in out


def test_piped_output_is_plain() -> None:
    out = run("rank").stdout
    assert out.startswith("# ")
    assert "━" not in out
    assert "█" not in out


def test_progress_bar_only_on_a_terminal_and_for_long_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

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
    assert output._with_progress(job, 1_000_000) == 7  # stderr is not a terminal here
    monkeypatch.setattr(output.sys, "stderr", FakeTTY())
    assert output._with_progress(job, 1_000) == 7  # too short to be worth a bar
    assert output._with_progress(job, 1_000_000) == 7
    assert seen[0] is None
    assert seen[1] is None
    assert callable(seen[2])
