"""Writing results: the output formats, the terminal checks, and Rich only where needed."""

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeVar

from venue_cli.safety import clean_message, clean_view, json_text

if TYPE_CHECKING:
    from venue_cli.render import ViewRenderer

R = TypeVar("R")


class OutputFormat(StrEnum):
    TABLE = "table"
    PLAIN = "plain"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def _stdout_is_terminal() -> bool:
    try:
        return sys.stdout.isatty()
    except (AttributeError, ValueError):
        return False


def _plain_terminal() -> bool:
    """TERM=dumb asks for no terminal effects at all."""
    return os.environ.get("TERM") == "dumb"


def _resolve_format(fmt: OutputFormat | None) -> OutputFormat:
    if fmt is not None:
        return fmt
    return (
        OutputFormat.TABLE
        if _stdout_is_terminal() and not _plain_terminal()
        else OutputFormat.PLAIN
    )


def _write(text: str) -> None:
    """Write results to stdout. The views were cleaned already (`safety.clean_view`); this
    last pass escapes any control character a renderer or an argument let through."""
    sys.stdout.write(clean_message(text))


def _write_json(obj: Any) -> None:
    sys.stdout.write(json_text(obj) + "\n")


def _err(text: str) -> None:
    """Write a message to stderr, control characters escaped."""
    sys.stderr.write(clean_message(text))


def _console(stderr: bool = False) -> Any:
    from rich.console import Console

    class SafeConsole(Console):
        def on_broken_pipe(self) -> None:
            # Rich's own handler exits with status 1; a closed pipe is not an error here.
            raise BrokenPipeError

    return SafeConsole(file=sys.stderr if stderr else sys.stdout, highlight=False, soft_wrap=False)


def _emit(
    fmt: OutputFormat | None,
    obj: Any,
    *,
    plain: Callable[[], str],
    csv: Callable[[], str] | None = None,
    markdown: Callable[[], str] | None = None,
    table: Callable[[], Any] | None = None,
) -> None:
    """Write a result in the chosen format. `obj` is the JSON document; the renderers are
    called only for the format in use (a missing one falls back to plain text)."""
    out = _resolve_format(fmt)
    if out is OutputFormat.JSON:
        _write_json(obj)
        return
    if out is OutputFormat.CSV and csv is not None:
        _write(csv())
    elif out is OutputFormat.MARKDOWN and markdown is not None:
        _write(markdown())
    elif out is OutputFormat.TABLE and table is not None:
        rendered = table()
        _print_rich(*(rendered if isinstance(rendered, list) else [rendered]))
    else:
        _write(plain())


def _emit_view(fmt: OutputFormat | None, view: dict[str, Any], renderer: "ViewRenderer") -> None:
    """`_emit` for a renderer module with plain/csv/markdown(view) and, if it has one,
    table(view, ascii_bars) (see `venue_cli.render.ViewRenderer`)."""
    table = getattr(renderer, "table", None)
    shown = clean_view(view)  # what a person sees: no control characters, long text cut
    full = clean_view(view, max_len=None)  # CSV and Markdown keep the whole text
    _emit(
        fmt,
        view,
        csv=lambda: renderer.csv(full),
        markdown=lambda: renderer.markdown(full),
        plain=lambda: renderer.plain(shown),
        table=(lambda: table(shown, _ascii_bars())) if table is not None else None,
    )


def _print_rich(*renderables: Any) -> None:
    console = _console()
    for r in renderables:
        console.print(r)


def _ascii_bars() -> bool:
    return bool(os.environ.get("NO_COLOR")) or _plain_terminal()


def _notice(message: str) -> None:
    _err(f"Note: {message}\n")


def _with_progress(job: Callable[[Callable[[int, int], None] | None], R], total: int) -> R:
    """Run `job` with a progress bar on stderr when stderr is a terminal and the job is big
    enough to take more than about a second; otherwise without one."""
    try:
        interactive = sys.stderr.isatty()
    except (AttributeError, ValueError):
        interactive = False
    if not interactive or total < 100_000 or _plain_terminal():
        return job(None)
    from rich.progress import Progress

    with Progress(console=_console(stderr=True), transient=True) as bar:
        task = bar.add_task("sampling", total=total)
        return job(lambda done, _total: bar.update(task, completed=done))
