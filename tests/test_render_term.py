"""`venue_cli.render.term` writes terminal tables without Rich: what it writes is exactly what
Rich prints for the same renderables (characters and escape codes), for every renderer's
documents, the live documents of the bundled cases and random tables, at many widths, with
and without colour; what it cannot write exactly it leaves to Rich (None). Its view of the
terminal is the Rich console's."""

from __future__ import annotations

import io
import json
import random
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from tests.conftest import FIXTURES, THOROUGH, run
from tests.test_render_lists import CASES, SCENARIOS
from tests.test_render_sensitivity import synthetic
from venue_cli.render import (
    backtest,
    catalog,
    changes,
    compare,
    explain,
    layout,
    rank,
    sensitivity,
    sources,
    term,
    timeline,
)
from venue_cli.safety import clean_view

VIEWS = FIXTURES / "cli" / "views"
ALL_WIDTHS = (16, 24, 30, 40, 50, 60, 70, 80, 90, 100, 120, 160, 200)
WIDTHS = ALL_WIDTHS if THOROUGH else (16, 24, 40, 60, 80, 120, 200)
#: (colour, NO_COLOR): no terminal, a colour terminal, a terminal under NO_COLOR
MODES = ((False, False), (True, False), (True, True))


def _rich(parts: list[Any], width: int, colour: bool, no_color: bool) -> str:
    c = Console(
        file=io.StringIO(),
        width=width,
        color_system="256" if colour else None,
        force_terminal=colour,
        no_color=no_color,
        highlight=False,
        soft_wrap=False,
        legacy_windows=False,
    )
    with c.capture() as captured:
        for part in parts:
            c.print(part)
    return captured.get()


def _compare(parts: Any, width: int, colour: bool, no_color: bool) -> bool:
    """Both writers agree (True), or term leaves it to Rich (False)."""
    parts = parts if isinstance(parts, list) else [parts]
    mine = term.render(parts, term.Terminal(width, colour, no_color))
    if mine is None:
        return False
    assert mine == _rich(parts, width, colour, no_color)
    return True


def _doc(name: str) -> dict[str, Any]:
    return json.loads((VIEWS / f"{name}.json").read_text(encoding="utf-8"))  # type: ignore[no-any-return]


DOCUMENTS: list[tuple[str, Any, Any]] = [
    ("rank", rank, lambda: _doc("rank")),
    ("explain", explain, lambda: _doc("explain")),
    ("timeline", timeline, lambda: _doc("timeline")),
    ("sources", sources, lambda: _doc("sources")),
    ("changes", changes, lambda: _doc("changes")),
    ("compare", compare, lambda: _doc("compare")),
    ("backtest", backtest, lambda: _doc("backtest")),
    ("sensitivity", sensitivity, synthetic),
    ("cases", catalog.Cases, lambda: CASES),
    ("scenarios", catalog.Scenarios, lambda: SCENARIOS),
]


@pytest.mark.parametrize(("name", "renderer", "doc"), DOCUMENTS, ids=[d[0] for d in DOCUMENTS])
def test_every_renderer_at_every_width_is_rich_or_left_to_rich(
    name: str, renderer: Any, doc: Any
) -> None:
    view = clean_view(doc())
    for width in WIDTHS:
        for ascii_bars in (False, True):
            parts = renderer.table(view, ascii_bars, width)
            for colour, no_color in MODES:
                done = _compare(parts, width, colour, no_color)
                if name in ("rank", "explain") and width >= 60:  # drawn on every run
                    assert done, (width, ascii_bars, colour, no_color)


def _live(*args: str) -> dict[str, Any]:
    return json.loads(run(*args, "--format", "json").stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize(
    "day",
    [
        "2026-06-04",
        pytest.param("2025-09-05", marks=pytest.mark.thorough),
        pytest.param("2022-03-01", marks=pytest.mark.thorough),
    ],
)
def test_the_bundled_case_is_drawn_as_rich_draws_it(day: str) -> None:
    docs = [
        (rank, _live("rank", "--as-of", day)),
        (rank, _live("rank", "--as-of", day, "--party", "ukraine")),
        (explain, _live("explain", "gulf", "--as-of", day)),
        (explain, _live("explain", "istanbul", "--as-of", day, "-a", "russia accepts geneva")),
        (explain, _live("explain", "moscow", "--as-of", day)),
    ]
    done = 0
    for renderer, doc in docs:
        view = clean_view(doc)
        for width in (40, 60, 80, 100, 160) if THOROUGH else (40, 80, 160):
            parts = renderer.table(view, False, width)
            for colour, no_color in MODES:
                done += _compare(parts, width, colour, no_color)
    assert done >= (60 if THOROUGH else 36)


def test_the_bundled_historical_cases_are_rich_or_left_to_rich() -> None:
    from venue_cli.load import bundled_cases

    cases = list(bundled_cases())[1:]
    for case in cases if THOROUGH else cases[::2]:
        doc = _live("rank", "--case", case)
        for width in (60, 120) if THOROUGH else (60,):
            _compare(rank.table(clean_view(doc), False, width), width, True, False)
        venue = doc["venues"][0]["id"]
        doc = _live("explain", venue, "--case", case)
        _compare(explain.table(clean_view(doc), False, 100), 100, True, False)


WORDS = ["a", "bb", "ccc", "word", "longer", "verylongwordindeed", "x" * 40, "—", "“q”", "…"]
STYLES = ["", "bold", "dim", "red", "bold red", "green", "dim yellow", "cyan", "bold  green"]


def _random_text(r: random.Random) -> term.Text:
    t = term.Text(r.choice(["", "start "]), style=r.choice(STYLES))
    for _ in range(r.randint(0, 12)):
        sep = r.choice([" ", " ", "  ", "\n", " \n", "", "   "])
        t.append(r.choice(WORDS) + sep, style=r.choice(STYLES) if r.random() < 0.5 else None)
    if r.random() < 0.3:
        t.rstrip()
    return t


@pytest.mark.parametrize("seed", range(40 if THOROUGH else 12))
def test_random_tables_and_texts_are_drawn_as_rich_draws_them(seed: int) -> None:
    r = random.Random(seed)
    for _ in range(10):
        table = layout.new_table(
            r.choice([None, "A title that may be long enough to wrap somewhere"]),
            r.choice([(), ("a caption", "second line")]),
            gap=r.choice([2, 2, 1]),
            header=r.random() < 0.8,
        )
        n = r.randint(1, 5)
        for _ in range(n):
            options: dict[str, Any] = {"width": r.randint(1, 14)}
            if r.random() < 0.5:
                options["justify"] = r.choice(["left", "right"])
            if r.random() < 0.5:
                options["no_wrap"] = r.random() < 0.5
            if r.random() < 0.5:
                options["overflow"] = r.choice(["fold", "ellipsis", "crop"])
            table.add_column(r.choice(["", "Head", "Two words", _random_text(r)]), **options)
        for _ in range(r.randint(0, 5)):
            table.add_row(*[_random_text(r) for _ in range(n)])
        table.leading = r.choice([0, 0, 1])
        parts = [table, _random_text(r), term.Text("")]
        width = r.randint(8, 90)
        for colour, no_color in MODES:
            _compare(parts, width, colour, no_color)


def test_what_it_leaves_to_rich() -> None:
    t = layout.new_table("title")
    t.add_column("a", width=3)
    t.add_row(term.Text("abc"))
    assert term.render([t], term.Terminal(10, True, False)) is not None
    assert term.render([t], term.Terminal(2, True, False)) is None  # too narrow
    assert term.render([term.Text("漢字")], term.Terminal(80, True, False)) is None  # wide
    assert term.render([term.Text("x", "on red")], term.Terminal(80, True, False)) is None
    assert term.render([term.Text("a\tb")], term.Terminal(80, False, False)) is None
    flexible = layout.new_table()
    flexible.add_column("no width")
    assert term.render([flexible], term.Terminal(80, False, False)) is None
    from rich.text import Text

    assert term.render([Text("a Rich object")], term.Terminal(80, False, False)) is None


def test_one_cell_characters_are_one_cell_for_rich() -> None:
    from rich.cells import _SINGLE_CELLS, cell_len, chop_cells

    extra = term.narrow() - _SINGLE_CELLS - {"\n"}
    assert term.narrow() >= _SINGLE_CELLS
    for ch in extra:
        assert cell_len(ch) == 1, hex(ord(ch))
        assert cell_len(f"a{ch}b{ch}") == 4
        assert chop_cells(f"{ch}a{ch}b{ch}", 2) == [f"{ch}a", f"{ch}b", ch]


class _File(io.StringIO):
    def __init__(self, tty: bool, encoding: str = "utf-8") -> None:
        super().__init__()
        self._tty, self._encoding = tty, encoding

    def isatty(self) -> bool:
        return self._tty

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self._encoding


ENVIRONMENTS: list[dict[str, str]] = [
    {},
    {"TERM": "xterm-256color"},
    {"TERM": "dumb"},
    {"TERM": "unknown", "COLUMNS": "100"},
    {"TERM": "dumb", "COLUMNS": "100", "LINES": "30"},
    {"FORCE_COLOR": "1"},
    {"FORCE_COLOR": ""},
    {"FORCE_COLOR": "0", "TERM": "xterm"},
    {"NO_COLOR": "1"},
    {"NO_COLOR": ""},
    {"NO_COLOR": "1", "FORCE_COLOR": "1", "COLORTERM": "truecolor"},
    {"TTY_COMPATIBLE": "0", "FORCE_COLOR": "1"},
    {"TTY_COMPATIBLE": "1"},
    {"TTY_COMPATIBLE": "2"},
    {"COLUMNS": "0"},
    {"COLUMNS": "73"},
    {"COLUMNS": "x73"},
    {"COLUMNS": "120", "LINES": "x"},
    {"LINES": "40"},
]


@pytest.mark.parametrize("env", ENVIRONMENTS, ids=str)
@pytest.mark.parametrize("tty", [False, True])
def test_the_terminal_is_seen_as_the_rich_console_sees_it(
    env: dict[str, str], tty: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    def size(fd: int = 0) -> os.terminal_size:
        if tty and fd == 1:
            return os.terminal_size((91, 33))
        raise OSError("not a terminal")

    monkeypatch.setattr(os, "get_terminal_size", size)
    file = _File(tty)
    c = Console(file=file, highlight=False, soft_wrap=False, _environ=env)
    seen = term.terminal(file, env)
    assert seen == term.Terminal(c.width, c.color_system is not None, c.no_color)
    assert term.terminal(_File(tty, "ascii"), env) is None  # Rich draws an ASCII box


def test_the_cli_writes_the_terminal_table_without_rich(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys, io, contextlib\n"
        "from venue_cli.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main(['explain', 'istanbul', '--format', 'table'])\n"
        "    except SystemExit as e:\n        assert e.code == 0\n"
        "print('rich' in sys.modules)\n"
    )
    env = {"PATH": "", "FORCE_COLOR": "1", "VENUES_CACHE_DIR": str(tmp_path)}
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout
    assert out.split() == ["False"]
