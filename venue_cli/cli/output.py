"""Writing results: the output formats, the terminal checks, and Rich only where needed.

Every command builds one document (`venue_cli.views`) and hands it to `emit` with its
renderer module. JSON is the document itself; every other format is drawn from a cleaned
copy (`safety.clean_view`: no control character reaches a terminal, long text is cut in
table and plain output). A format the renderer does not offer is a usage error.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any, TypeVar

from venue_cli.errors import InvalidArgumentError
from venue_cli.safety import clean_message, clean_view, json_text

R = TypeVar("R")


class OutputFormat(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def plain_terminal() -> bool:
    """TERM=dumb asks for no terminal effects at all."""
    return os.environ.get("TERM") == "dumb"


def resolve_format(fmt: OutputFormat | None) -> OutputFormat:
    if fmt is not None:
        return fmt
    return (
        OutputFormat.TABLE if stdout_is_terminal() and not plain_terminal() else OutputFormat.PLAIN
    )


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


def console(stderr: bool = False) -> Any:
    from rich.console import Console

    class SafeConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own handler exits with status 1; a closed pipe is not an error here.
            raise BrokenPipeError

    return SafeConsole(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=False)


def ascii_bars() -> bool:
    return bool(os.environ.get("NO_COLOR")) or plain_terminal()


def supported(renderer: Any) -> list[OutputFormat]:
    """The formats a renderer module offers (JSON always)."""
    have = [OutputFormat.JSON]
    for f in (OutputFormat.TABLE, OutputFormat.PLAIN, OutputFormat.CSV, OutputFormat.MARKDOWN):
        if callable(getattr(renderer, f.value, None)):
            have.append(f)
    return have


def emit(fmt: OutputFormat | None, view: Mapping[str, Any], renderer: Any) -> None:
    """Write `view` in the chosen format with `renderer` (a module of `venue_cli.render`
    offering plain/csv/markdown(view) and table(view, ascii_bars))."""
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
        write_json(view)
        return
    if out is OutputFormat.TABLE:
        shown = clean_view(view)
        rendered = renderer.table(shown, ascii_bars())
        print_rich(*(rendered if isinstance(rendered, list) else [rendered]))
        return
    if out is OutputFormat.PLAIN:
        write(renderer.plain(clean_view(view)))
        return
    full = clean_view(view, max_len=None)  # CSV and Markdown keep the whole text
    write(renderer.csv(full) if out is OutputFormat.CSV else renderer.markdown(full))


def print_rich(*renderables: Any) -> None:
    c = console()
    for r in renderables:
        c.print(r)


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
