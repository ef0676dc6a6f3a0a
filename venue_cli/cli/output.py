"""Writing results: the output formats, the terminal checks, the pager, and Rich only where
needed.

Every command builds one document (`venue_cli.views`) and hands it to `emit` with its
renderer module. JSON is the document itself; every other format is drawn from a cleaned
copy (`safety.clean_view`: no control character reaches a terminal, long text is cut in
table and plain output). A format the renderer does not offer is a usage error naming the
ones it does.

Output longer than the terminal goes through a pager when stdout is a terminal (as git and
gh do): `VENUES_PAGER`, else `PAGER`, else `less` (with `LESS=FRX` unless LESS is set). An
empty value or `cat` means no pager, and so does `--no-pager`. Piped output is never paged.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sys
from collections.abc import Callable, Mapping, MutableMapping
from enum import StrEnum
from typing import Any, TypeVar

from venue_cli.errors import DatasetError, ExitCode, InvalidArgumentError, VenueError
from venue_cli.safety import (
    UNENCODABLE,
    clean_message,
    clean_view,
    json_text,
    register_unencodable,
)

R = TypeVar("R")


class OutputFormat(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


class _Pager:
    """Whether this run may page its output (`--no-pager` turns it off for the run)."""

    def __init__(self, allowed: bool = True) -> None:
        self.allowed = allowed


PAGER = _Pager()


def allow_pager(allowed: bool = True) -> None:
    PAGER.allowed = allowed


def no_pager(value: bool) -> None:
    """The callback of every `--no-pager`: this run writes straight to stdout."""
    if value:
        allow_pager(False)


#: The widest and tallest screen believed from COLUMNS and LINES: drawing costs grow with
#: the width, and `COLUMNS=100000000` would otherwise take gigabytes for one table.
MAX_COLUMNS = 1_000
MAX_LINES = 10_000


def bound_screen_size(environ: MutableMapping[str, str] | None = None) -> None:
    """COLUMNS and LINES as the renderers may take them: 0 means "not set" (the real
    terminal's size, else 80 columns) instead of an empty output, and a larger number than
    MAX_COLUMNS or MAX_LINES is that maximum. Other values are left for Rich's own rules."""
    env = os.environ if environ is None else environ
    for name, top in (("COLUMNS", MAX_COLUMNS), ("LINES", MAX_LINES)):
        value = env.get(name)
        if value is None or not (value.isascii() and value.isdigit()):
            continue
        number = int(value)
        if number == 0:
            del env[name]
        elif number > top:
            env[name] = str(top)


def prepare_stdout() -> None:
    """Where stdout's encoding cannot write every character (LC_ALL=C with PYTHONUTF8=0,
    PYTHONIOENCODING=ascii, a Latin-1 terminal), write what it lacks as `\\uXXXX` escapes
    (`safety.unencodable`) instead of failing. Python's defaults ('strict'; in the C locale
    'surrogateescape', which fails on the same characters) are replaced, a handler the user
    chose (PYTHONIOENCODING=ascii:replace) is kept."""
    if getattr(sys.stdout, "errors", None) not in ("strict", "surrogateescape") or utf_stdout():
        return
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        with contextlib.suppress(ValueError, OSError):
            reconfigure(errors=register_unencodable())


def write_document(text: str) -> None:
    """Write a file's content (a dataset, parameters, a report) to stdout as UTF-8 bytes,
    whatever the locale: `-o - > file` must give the file `-o file` gives, not one with
    `\\uXXXX` escapes where the terminal's encoding lacks a character."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (a notebook, a test runner's capture)
        sys.stdout.write(text)
        return
    sys.stdout.flush()
    buffer.write(text.encode("utf-8"))
    buffer.flush()


def utf_stdout() -> bool:
    """Whether stdout's encoding is a UTF one (it can write every character)."""
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    return encoding.lower().replace("_", "-").startswith("utf")


def output_encoding() -> str | None:
    """stdout's encoding where it is not a UTF one and `prepare_stdout` made it escape what
    it lacks, else None (a handler the user chose, such as 'replace', is left to work)."""
    if utf_stdout() or getattr(sys.stdout, "errors", None) != UNENCODABLE:
        return None
    return getattr(sys.stdout, "encoding", None)


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def plain_terminal() -> bool:
    """TERM=dumb asks for no terminal effects at all."""
    return os.environ.get("TERM") == "dumb"


def forced_colour() -> bool:
    """FORCE_COLOR (any value but empty or 0) asks for the terminal output even when piped."""
    return os.environ.get("FORCE_COLOR", "") not in ("", "0")


def resolve_format(fmt: OutputFormat | None) -> OutputFormat:
    if fmt is not None:
        return fmt
    if forced_colour() or (stdout_is_terminal() and not plain_terminal()):
        return OutputFormat.TABLE
    return OutputFormat.PLAIN


def write(text: str) -> None:
    """Write results to stdout; a last pass escapes any control character."""
    sys.stdout.write(clean_message(text))


def write_json(obj: Any) -> None:
    sys.stdout.write(json_text(obj) + "\n")


def err(text: str) -> None:
    """Write a message to stderr, control characters escaped."""
    sys.stderr.write(clean_message(text))


def notice(message: str) -> None:
    err(f"Note: {message}\n")


def error(message: str, hint: str | None = None) -> None:
    """One error in the one style: `Error: …` and, if given, a `hint: …` line."""
    sys.stderr.write(clean_message(f"Error: {message}\n"))
    if hint:
        sys.stderr.write(clean_message(f"hint: {hint}\n"))


def report(exc: VenueError) -> int:
    """Write one of the core's typed errors, as every command reports it (a dataset's first
    20 problems, then how many more); return its exit code."""
    if isinstance(exc, DatasetError):
        shown = exc.problems[:20]
        for problem in shown:
            error(str(problem))
        if len(exc.problems) > len(shown):
            error(
                f"… and {len(exc.problems) - len(shown)} more",
                "run `venues validate FILE` for the full list",
            )
    else:
        error(str(exc), getattr(exc, "hint", None))
    return int(exc.exit_code)


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    class SafeConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own handler exits with status 1; a closed pipe is not an error here.
            raise BrokenPipeError

    return SafeConsole(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=False)


def ascii_bars() -> bool:
    """Bars of '#' and '.' rather than block characters: NO_COLOR, TERM=dumb, or an
    encoding without the blocks."""
    return bool(os.environ.get("NO_COLOR")) or plain_terminal() or not utf_stdout()


def supported(renderer: Any) -> list[OutputFormat]:
    """The formats a renderer module offers (JSON always)."""
    have = [OutputFormat.JSON]
    for f in (OutputFormat.TABLE, OutputFormat.PLAIN, OutputFormat.CSV, OutputFormat.MARKDOWN):
        if callable(getattr(renderer, f.value, None)):
            have.append(f)
    return have


def emit(fmt: OutputFormat | None, view: Mapping[str, Any], renderer: Any) -> None:
    """Write `view` in the chosen format with `renderer` (a module of `venue_cli.render`
    offering plain/csv/markdown(view) and table(view, ascii_bars, width))."""
    text, raw = rendered(fmt, view, renderer)
    deliver(text, raw=raw)


def rendered(fmt: OutputFormat | None, view: Mapping[str, Any], renderer: Any) -> tuple[str, bool]:
    """What `emit` writes, and whether it is raw (see `deliver`); nothing written yet."""
    out = resolve_format(fmt)
    have = supported(renderer)
    if out not in have:
        if fmt is None and out is OutputFormat.TABLE:
            out = OutputFormat.PLAIN
        else:
            names = ", ".join(f.value for f in have)
            raise InvalidArgumentError(
                f"{view.get('command', 'this command')} has no {out.value} output; use one of: "
                f"{names}"
            )
    if out is OutputFormat.JSON:
        return json_text(view) + "\n", True
    if out is OutputFormat.TABLE:
        return terminal_table(renderer, view), True
    if out is OutputFormat.PLAIN:
        from venue_cli.textfmt import escaping_for

        # plain text is aligned by `textfmt.columns` alone, which escapes every cell it pads
        with escaping_for(output_encoding()):
            return renderer.plain(clean_view(view)), False
    full = clean_view(view, max_len=None)  # CSV and Markdown keep the whole text
    return (renderer.csv(full) if out is OutputFormat.CSV else renderer.markdown(full)), False


def trim_lines(text: str) -> str:
    """Drop the spaces Rich pads each line with (styles in them are closed with a reset)."""
    import re

    def trim(m: re.Match[str]) -> str:
        return "\x1b[0m" if "\x1b" in m.group(0) else ""

    return re.sub(r"(?:[ \t]|\x1b\[[0-9;]*m)+$", trim, text, flags=re.M)


def table_text(renderer: Any, view: Mapping[str, Any], c: Any, ascii_only: bool) -> str:
    """The terminal table of `view`, as the console `c` would print it at its width (with
    colours if it has them), each line's padding trimmed."""
    return _printed(renderer.table(clean_view(view), ascii_only, c.width), c)


def terminal_table(renderer: Any, view: Mapping[str, Any]) -> str:
    """`table_text` on the console `console()` makes, written without importing Rich when
    `venue_cli.render.term` can (the same text: tests compare the two)."""
    from venue_cli.render import term

    settings = term.terminal(sys.stdout)
    if settings is None:
        return table_text(renderer, view, console(), ascii_bars())
    rendered = renderer.table(
        clean_view(view, encoding=output_encoding()), ascii_bars(), settings.width
    )
    text = term.render(rendered if isinstance(rendered, list) else [rendered], settings)
    return _printed(rendered, console()) if text is None else trim_lines(text)


def _printed(rendered: Any, c: Any) -> str:
    parts = rendered if isinstance(rendered, list) else [rendered]
    with c.capture() as captured:
        for part in parts:
            c.print(part)
    return trim_lines(captured.get())


def deliver(text: str, *, raw: bool = False) -> None:
    """Write a result to stdout, through the pager when that is wanted. `raw` text (Rich's,
    whose data was cleaned before rendering, with its colours; JSON) is written as it is;
    other text is cleaned."""
    shown = text if raw else clean_message(text)
    command = pager_command(shown)
    if command is None or not page(command, shown):
        sys.stdout.write(shown)


def pager_command(text: str) -> list[str] | None:
    """The pager to run for `text`, or None: only on a terminal, only for output longer
    than the screen, and not when turned off."""
    if not PAGER.allowed or not stdout_is_terminal() or plain_terminal():
        return None
    import shlex
    import shutil

    height = shutil.get_terminal_size().lines
    if text.count("\n") < height:
        return None
    for var in ("VENUES_PAGER", "PAGER"):
        if var in os.environ:
            value = os.environ[var].strip()
            break
    else:
        value = "less"
    try:
        words = shlex.split(value)
    except ValueError:
        return None
    if not words or words == ["cat"]:
        return None
    return words


def _encoded(text: str) -> bytes:
    """`text` in stdout's encoding, as the pager reads it (`prepare_stdout`'s escapes)."""
    handler = register_unencodable()
    try:
        return text.encode(getattr(sys.stdout, "encoding", None) or "utf-8", handler)
    except LookupError:  # an encoding Python does not know
        return text.encode("utf-8", handler)


def page(command: list[str], text: str) -> bool:
    """Run the pager on `text`; False when it cannot be started (the caller then writes the
    text itself). Quitting the pager early is not an error, nor is Ctrl-C while it runs."""
    import subprocess

    env = dict(os.environ)
    env.setdefault("LESS", "FRX")
    env.setdefault("LV", "-c")
    sys.stdout.flush()
    try:
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except OSError:
        return False
    assert proc.stdin is not None
    try:
        proc.stdin.write(_encoded(text))
        proc.stdin.close()
    except (BrokenPipeError, OSError):
        pass
    while True:
        try:
            proc.wait()
            return True
        except KeyboardInterrupt:
            continue  # the pager handles Ctrl-C; wait until it ends


def with_progress(
    job: Callable[[Callable[[int, int], None] | None], R],
    total: int,
    label: str = "sampling",
    threshold: int = 100_000,
) -> R:
    """Run `job` with a progress bar on stderr when stderr is a terminal and the job is big
    enough to take more than about a second; otherwise without one."""
    try:
        interactive = sys.stderr.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive or total < threshold or plain_terminal():
        return job(None)
    from rich.progress import Progress

    with Progress(console=console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total)
        return job(lambda done, _total: bar.update(task, completed=done))


# --------------------------------------------------------------------------- the end of a run


def output_failed(exc: OSError) -> int:
    """The exit status when writing the output failed: a closed pipe is quiet (0), anything
    else an error (1)."""
    if exc.errno == errno.EPIPE:
        silence_stdout()
        return 0
    with contextlib.suppress(OSError):
        error(f"cannot write output: {exc.strerror or exc}")
    silence_stdout()
    return int(ExitCode.DATA_ERROR)


def finish(code: int) -> int:
    """Flush stdout now, so a full disk or closed pipe is reported, not raised at exit; the
    exit status."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        silence_stdout()
    except OSError as exc:
        return output_failed(exc) or code
    return code


def silence_stdout() -> None:
    """After a failed write, point stdout at /dev/null so the interpreter's final flush is
    quiet."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
