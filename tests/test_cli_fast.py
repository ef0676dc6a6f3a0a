"""The fast path (`venue_cli.cli.fast`) gives what the Typer application gives: the same exit
code, stdout and stderr for every command line, or it hands over having written nothing.
The Typer application builds only the command it runs, and `venue_cli.cli.COMMANDS` is the
list of its commands."""

from __future__ import annotations

import contextlib
import gc
import io
import subprocess
import sys
from collections.abc import Iterator
from typing import Any, get_args

import pytest

from tests.conftest import FIXTURES
from venue_cli.cli import COMMANDS, app, fast, main, options, typer_options

TOY = str(FIXTURES / "cli" / "toy.yaml")
DAY = "2025-09-05"
FORMATS = ["table", "plain", "json", "csv", "markdown"]

#: Command lines the fast path runs itself.
HANDLED: list[list[str]] = [
    ["--version"],
    ["-V"],
    ["rank"],
    *(["rank", "--as-of", DAY, "--format", f] for f in FORMATS),
    ["rank", f"--as-of={DAY}", "-fjson"],
    ["rank", "--format=csv", "--as-of", DAY],
    ["rank", "-f", "markdown", "--as-of", DAY, "--no-pager"],
    ["rank", "--format", "json", "--format", "plain", "--as-of", DAY],  # the last one wins
    ["rank", "--as-of", "2025-09-01", "--as-of", DAY],
    ["rank", "--as-of", " 2025-09-05 "],
    ["rank", "--as-of", "1990-01-01"],  # a note: before the first record
    ["rank", "--as-of", "2030-01-01"],  # a note: after today
    ["rank", "--method", "maximin", "--as-of", DAY],
    ["rank", "-m", "utilitarian", "--as-of", DAY],
    ["rank", "--method", "NASH", "--as-of", DAY],
    ["rank", "--party", "russia", "--as-of", DAY],
    ["rank", "-p", "Ukraine", "--as-of", DAY],
    ["rank", "--party", "", "--as-of", DAY],
    ["rank", "--weight", "legal=0", "--as-of", DAY],
    ["rank", "-w", "russia=2", "-w", "security=0.5", "--as-of", DAY],
    ["rank", "--weight=russia.legal=0", "--as-of", DAY, "-f", "json"],
    ["rank", "--assume", "russia accepts geneva", "--as-of", DAY],
    ["rank", "-a", "ukraine rejects istanbul", "-a", "russia proposes vienna", "--as-of", DAY],
    ["rank", "--scenario", "icc-immunity-everywhere", "--as-of", DAY],
    ["rank", "-s", "icc-immunity-everywhere", "-w", "legal=0.5", "-f", "json", "--as-of", DAY],
    ["rank", "--case", "geneva-1985", "--as-of", "1985-06-30"],
    ["rank", "--case=geneva-1985"],
    ["rank", "--data", TOY, "--as-of", "2020-01-10"],
    ["rank", f"--data={TOY}", "--as-of", "2020-01-10", "-f", "table"],
    ["explain", "istanbul", "--as-of", DAY],
    *(["explain", "x", "--data", TOY, "--as-of", "2020-01-10", "-f", f] for f in FORMATS),
    ["explain", "--as-of", DAY, "gulf"],
    ["explain", "--as-of", DAY, "--", "Türkiye"],
    ["explain", "moscow", "--as-of", DAY, "--format", "table", "--party", "ukraine"],
    ["explain", "geneva", "--as-of", DAY, "--assume", "russia accepts geneva", "-f", "json"],
    ["compare", "istanbul", "geneva", "--as-of", DAY],
    ["compare", "riyadh", "doha", "vatican", "--as-of", DAY, "--format", "json"],
    *(["compare", "--data", TOY, "x", "y", "--as-of", "2020-01-10", "-f", f] for f in FORMATS),
    ["compare", "gulf", "--as-of", DAY],
    ["compare", "istanbul", "--as-of", DAY, "geneva", "-m", "maximin"],
    # the core's typed errors are reported where they arise: handed over, a file slow to
    # refuse (the did-you-mean of a large one, a scenario) was read twice
    ["rank", "--data", str(FIXTURES / "bad" / "unknown-venue.yaml")],
    ["explain", "nowhere", "--data", TOY, "--as-of", "2020-01-10"],
    ["rank", "--data", TOY, "--as-of", "2020-01-10", "-w", "nobody=1"],
]

#: Command lines the fast path hands over (or runs the same as Typer; either is checked).
OTHERS: list[list[str]] = [
    [],
    ["rnak"],
    ["--help"],
    ["-h"],
    ["--no-pager", "rank"],
    ["--version", "rank"],
    ["rank", "--help"],
    ["rank", "-h"],
    ["explain", "--help"],
    ["compare", "-h"],
    ["rank", "--bogus"],
    ["rank", "-x"],
    ["rank", "--fromat", "json"],
    ["rank", "--no-pager=1"],
    ["rank", "--as-of"],
    ["rank", "--weight"],
    ["rank", "--as-of", "2025-13-01"],
    ["rank", "--as-of", "bad"],
    ["rank", "--as-of", ""],
    ["rank", "--format", "xml"],
    ["rank", "--format", "PLAIN", "--as-of", DAY],
    ["rank", "-f=plain"],
    ["rank", "--method", "borda"],
    ["rank", "--party", "russa", "--as-of", DAY],
    ["rank", "--case", "nope"],
    ["rank", "--case", ""],
    ["rank", "--scenario", "nope"],
    ["rank", "--scenario", "-"],
    ["rank", "--weight", "nonsense"],
    ["rank", "--weight", "legal=-1"],
    ["rank", "--assume", "nonsense"],
    ["rank", "--data", "/nonexistent/file.yaml"],
    ["rank", "--data", ""],
    ["rank", "--data", "-"],
    ["rank", "--data", "./-"],
    ["rank", "--data", TOY, "--case", "geneva-1985"],
    ["rank", "extra"],
    ["rank", "--", "--format", "json"],
    ["explain"],
    ["explain", "genva", "--as-of", DAY],
    ["explain", "istanbul", "geneva"],
    ["explain", "--as-of", "--help"],
    ["explain", "--", "--help"],
    ["explain", "-", "--data", TOY],
    ["compare"],
    ["compare", "istanbul", "--as-of", DAY],
    ["compare", "istanbul", "istanbul", "--as-of", DAY],
    ["compare", "istanbul", "geneva", "--party", "russia"],
    ["compare", "x", "nowhere", "--data", TOY],
    ["timeline", "--venue", "moscow"],
    ["cases"],
    ["docs", "nothing"],
]


@pytest.fixture(autouse=True)
def _gc_back_on() -> Iterator[None]:
    """`main` turns the garbage collector off, as a short-lived process may; not for the
    rest of the test session."""
    yield
    gc.enable()


def _stdin() -> io.TextIOWrapper:
    with open(TOY, "rb") as f:
        return io.TextIOWrapper(io.BytesIO(f.read()), encoding="utf-8")


def _run(argv: list[str], *, fast_path: bool) -> tuple[int | None, str, str, int]:
    """(exit code or None for a hand-over, stdout, stderr, bytes of stdin read)."""
    out, err, stdin = io.StringIO(), io.StringIO(), _stdin()
    saved = sys.stdin
    sys.stdin = stdin
    code: Any
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            if fast_path:
                code = fast.run(argv)
            else:
                try:
                    main(argv, fast=False)
                    code = 0
                except SystemExit as exc:
                    code = exc.code
    finally:
        sys.stdin = saved
    return code, out.getvalue(), err.getvalue(), stdin.buffer.tell()  # type: ignore[attr-defined]


def _same(argv: list[str]) -> bool:
    """Both paths agree on `argv`; True if the fast path ran it itself."""
    code, out, err, read = _run(argv, fast_path=True)
    if code is None:
        assert (out, err, read) == ("", "", 0), "a hand-over must come before any output"
        return False
    assert read == 0
    typer_code, typer_out, typer_err, _ = _run(argv, fast_path=False)
    assert (code, out, err) == (typer_code, typer_out, typer_err)
    return True


@pytest.mark.parametrize("argv", HANDLED, ids=" ".join)
def test_the_fast_path_runs_simple_command_lines_as_typer_does(argv: list[str]) -> None:
    assert _same(argv), "the fast path handed over"


@pytest.mark.parametrize("argv", OTHERS, ids=" ".join)
def test_anything_else_goes_to_typer_or_gives_the_same(argv: list[str]) -> None:
    _same(argv)


@pytest.mark.parametrize(
    "argv",
    [
        ["rank", "--as-of", DAY],
        ["rank", "--as-of", DAY, "-f", "table"],
        ["explain", "istanbul", "--as-of", DAY],
        ["compare", "istanbul", "geneva", "--as-of", DAY],
    ],
    ids=" ".join,
)
@pytest.mark.parametrize(
    "env",
    [{"FORCE_COLOR": "1"}, {"FORCE_COLOR": "1", "COLUMNS": "60"}, {"TERM": "dumb"}],
    ids=str,
)
def test_colours_and_terminals_are_the_same(
    argv: list[str], env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("NO_COLOR")
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert _same(argv)


def test_standard_input_and_completion_go_to_typer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VENUES_DATA", "-")
    assert not _same(["rank", "--as-of", "2020-01-10"])
    monkeypatch.delenv("VENUES_DATA")
    monkeypatch.setenv("_VENUES_COMPLETE", "complete_bash")
    assert fast.run(["rank"]) is None


def test_a_closed_pipe_is_quiet_on_both_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    class Closed(io.StringIO):
        def write(self, s: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

    # a command's output, and what an eager option writes while Click parses (--version,
    # --help), where Click itself would exit 1
    for argv in (["rank", "--as-of", DAY], ["--version"], ["--help"], ["rank", "--help"]):
        for fast_path in (True, False):
            err = io.StringIO()
            monkeypatch.setattr(sys, "stdout", Closed())
            code: Any = None
            with contextlib.redirect_stderr(err):
                try:
                    if fast_path:
                        code = fast.run(argv)
                        if code is None:  # not a fast command: the Typer path runs it
                            main(argv, fast=False)
                    else:
                        main(argv, fast=False)
                except SystemExit as exc:
                    code = exc.code
            assert (code, err.getvalue()) == (0, ""), (argv, fast_path)


def test_the_fast_commands_take_the_options_typer_declares() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, command in fast.FAST.items():
        declared = group.commands[name].params  # type: ignore[attr-defined]
        opts = [p for p in declared if p.param_type_name == "option" and p.name != "help"]
        assert [(p.name, tuple(p.opts), p.multiple, p.is_flag) for p in opts] == [
            (o.name, o.flags, o.multiple, o.is_flag) for o in command.options
        ], name
        args = [p for p in declared if p.param_type_name == "argument"]
        assert [p.nargs for p in args] == ([command.arguments] if command.arguments else [])
        assert all(p.required for p in args)


def test_the_typed_options_are_the_tables() -> None:
    for alias, option in [
        (typer_options.DataOpt, options.DATA),
        (typer_options.CaseOpt, options.CASE),
        (typer_options.AsOfOpt, options.AS_OF),
        (typer_options.FormatOpt, options.FORMAT),
        (typer_options.PagerOpt, options.NO_PAGER),
        (typer_options.MethodOpt, options.METHOD),
    ]:
        assert get_args(alias)[0] == option.type, option.name


def test_the_command_table_is_the_commands_registered() -> None:
    registered = [
        (c.name or (c.callback.__name__ if c.callback else ""), c.callback)
        for c in app.registered_commands
    ]
    assert [name for name, _ in registered] == list(COMMANDS)
    for name, callback in registered:
        assert getattr(callback, "__module__", None) == f"venue_cli.cli.{COMMANDS[name]}", name


def _imported_after(code: str) -> set[str]:
    script = (
        "import sys, io, contextlib\n"
        "from venue_cli.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    try:\n        {code}\n"
        "    except SystemExit as e:\n        assert e.code == 0, e.code\n"
        "print(' '.join(sorted(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


@pytest.mark.parametrize(
    "argv",
    [["rank"], ["explain", "istanbul"], ["compare", "istanbul", "geneva", "-f", "json"], ["-V"]],
    ids=" ".join,
)
def test_the_fast_path_imports_neither_typer_nor_click(argv: list[str]) -> None:
    modules = _imported_after(f"main({argv!r})")
    assert not {m for m in modules if m.split(".")[0] in ("typer", "click")}


def test_typer_imports_and_builds_only_the_command_it_runs() -> None:
    modules = _imported_after("main(['timeline', '--venue', 'moscow'], fast=False)")
    assert "venue_cli.cli.time" in modules
    assert not {"venue_cli.cli.scoring", "venue_cli.cli.analysis", "venue_cli.cli.data"} & modules
