"""The Typer application and its error handling.

The `venues` command line is the only part of the package that writes to stdout/stderr or
exits. Results go to stdout; messages, notices and progress go to stderr. Exit codes: 0 ok,
1 data or user error, 2 usage (`venue_cli.errors.ExitCode`).

The command group builds a command only when it is asked for, and imports its module then
(`venue_cli.cli.COMMANDS` says which): a run builds the parameters of its one command, not
of all seventeen. Help, completion and did-you-mean see every command as before.
"""

from __future__ import annotations

import errno
import functools
import os
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from importlib import import_module
from typing import Annotated, Any, NoReturn, ParamSpec, TypeVar

import typer
import typer.main
from typer.core import TyperGroup

from venue_cli import __version__
from venue_cli.cli import COMMANDS
from venue_cli.cli.output import (
    allow_pager,
    err,
    error,
    finish,
    no_pager,
    output_failed,
    report,
    silence_stdout,
)
from venue_cli.errors import ExitCode, VenueError

P = ParamSpec("P")
R = TypeVar("R")


class _PipeClosed(Exception):
    """stdout's reader went away (EPIPE). Raised past Typer, which would exit 1 on it."""


class _Commands(MutableMapping[str, Any]):
    """The group's commands by name: every name of `COMMANDS` is there, and each command is
    built (its module imported, its parameters made) on first look-up."""

    def __init__(self, built: MutableMapping[str, Any]) -> None:
        self._built = dict(built)

    def _names(self) -> list[str]:
        return list(dict.fromkeys([*COMMANDS, *self._built]))

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMANDS:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        del self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._names())

    def __len__(self) -> int:
        return len(self._names())

    def __contains__(self, name: object) -> bool:
        return name in COMMANDS or name in self._built


def _build(name: str) -> Any:
    """The click command `name`, from its module's registration on `app`."""
    import_module(f"venue_cli.cli.{COMMANDS[name]}")
    for info in app.registered_commands:
        callback = info.callback
        if (info.name or typer.main.get_command_name(getattr(callback, "__name__", ""))) == name:
            return typer.main.get_command_from_info(
                info,
                pretty_exceptions_short=app.pretty_exceptions_short,
                rich_markup_mode=app.rich_markup_mode,
            )
    raise KeyError(name)


class VenuesGroup(TyperGroup):
    """The command group, whose `main` handles every way a run can end, in one place: the
    same for the console script and for tests that invoke the app in-process."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _Commands(self.commands)

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.commands)  # the names, without building the commands

    def get_params(self, ctx: Any) -> list[Any]:
        # Typer appends its --install-completion option after the group is built; its
        # installer rewrites ~/.bashrc whole (see cli/shell_install.py): use ours
        params: list[Any] = super().get_params(ctx)
        for param in params:
            if param.name == "install_completion":
                param.callback = _install_completion
        return params

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        # eager options (--help, --version) write while the context is made, before invoke
        try:
            return super().make_context(*args, **kwargs)
        except BrokenPipeError:
            raise _PipeClosed from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            raise _PipeClosed from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = 0
        allow_pager(True)
        if sys.stdout is None:  # started with stdout closed (`venues rank >&-`)
            error(f"cannot write output: {os.strerror(errno.EBADF)}")
            code = int(ExitCode.DATA_ERROR)
            if standalone_mode:
                sys.exit(code)
            return code
        try:
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
            code = rv if isinstance(rv, int) else 0
        except (BrokenPipeError, _PipeClosed):
            silence_stdout()
        except OSError as exc:
            code = output_failed(exc)
        except typer.Exit as exc:
            code = exc.exit_code
        except (typer.Abort, KeyboardInterrupt):
            error("interrupted")
            code = 130
        except Exception as exc:
            code = _click_error(exc)
        code = finish(code)
        if standalone_mode:
            sys.exit(code)
        return code


def _help_conventions() -> None:
    """Two adjustments to the help of Typer's vendored Click, so that help reads at 80
    columns: text is never wrapped inside a hyphenated word ('leave-one-case-out',
    'YYYY-MM-DD'), and a required argument reads `VENUE` in the usage line, not `{VENUE}`."""
    from typer._click import _textwrap
    from typer.core import TyperArgument

    class Wrapper(_textwrap.TextWrapper):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("break_on_hyphens", False)
            super().__init__(*args, **kwargs)

    setattr(_textwrap, "TextWrapper", Wrapper)  # noqa: B010 - a module attribute, replaced
    braced = TyperArgument.make_metavar

    def make_metavar(self: TyperArgument, ctx: Any, *, usage: bool = False) -> str:
        text = braced(self, ctx, usage=usage)
        if usage and text.startswith("{") and text.endswith("}"):
            return text[1:-1]
        return text

    setattr(TyperArgument, "make_metavar", make_metavar)  # noqa: B010


_help_conventions()


def examples(*lines: str, environment: Sequence[tuple[str, str]] = ()) -> str:
    """An epilog: one example command per line under an "Examples" heading, never rewrapped
    (Click's \\b marker), and the environment variables that apply, if any."""
    text = "Examples:\n\n\b\n" + "\n".join(f"  {line}" for line in lines)
    if environment:
        width = max(len(name) for name, _ in environment)
        text += "\n\nEnvironment:\n\n\b\n" + "\n".join(
            f"  {name.ljust(width)}  {what}" for name, what in environment
        )
    return text


ENVIRONMENT = (
    ("VENUES_DATA", "the dataset when neither --data nor --case is given"),
    ("VENUES_PAGER, PAGER", "the pager for long output ('' or cat: none)"),
    ("VENUES_TODAY", "the day taken as today (YYYY-MM-DD)"),
    ("VENUES_CACHE_DIR", "where validated datasets are cached"),
    ("VENUES_NO_CACHE", "set: read and validate the dataset every time"),
    ("NO_COLOR", "no colour, ASCII bars"),
    ("FORCE_COLOR", "the terminal table and colours even when piped"),
    ("TERM=dumb", "plain text, no pager"),
)


app = typer.Typer(
    name="venues",
    cls=VenuesGroup,
    help=(
        "Where could two adversaries' leaders meet? Rank candidate summit venues from dated, "
        "sourced statements and facts, and explain every score.\n\n"
        "The bundled case is a Putin–Zelensky leaders' meeting (2025–26)."
    ),
    epilog=examples(
        "venues rank",
        "venues explain türkiye",
        "venues rank --as-of 2025-09-05",
        environment=ENVIRONMENT,
    ),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def fail(exc: VenueError) -> NoReturn:
    raise typer.Exit(report(exc))


def handles_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Turn the core's typed errors into a message on stderr and an exit code."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except VenueError as exc:
            fail(exc)

    return wrapper


def _install_completion(ctx: Any, _param: Any, value: Any) -> Any:
    if not value or ctx.resilient_parsing:
        return value
    from venue_cli.cli import shell_install
    from venue_cli.safety import clean

    prog_name = ctx.find_root().info_name or "venues"
    complete_var = "_{}_COMPLETE".format(prog_name.replace("-", "_").upper())
    try:
        done = shell_install.install(
            value if isinstance(value, str) else None, prog_name, complete_var
        )
    except VenueError as exc:
        fail(exc)
    err(f"{done.shell} completion installed in {clean(str(done.script))}\n")
    if done.rc is not None:
        rc = clean(str(done.rc))
        said = (
            f"added to {rc}: " + "; ".join(done.added) if done.added else f"{rc} already loads it"
        )
        err(f"{said}\n")
    err("it takes effect in a new shell\n")
    raise typer.Exit(0)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"venues {__version__}\n")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", help="Show the version and exit.", is_eager=True, callback=_version
        ),
    ] = False,
    pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page the output (as every command's --no-pager).",
            callback=no_pager,
        ),
    ] = False,
) -> None:
    """Rank and explain candidate summit venues."""


# --------------------------------------------------------------------------- entry point


def main(args: Sequence[str] | None = None) -> None:
    """Run the Typer application on `args` (default: the command line): a closed pipe exits
    quietly (status 0), any other failure to write the output is an error (status 1), never
    a traceback."""
    app(args=args, prog_name="venues")


def _click_error(exc: Exception) -> int:
    from typer._click import exceptions as click  # Typer 0.26–0.28 vendor Click here

    if isinstance(exc, click.NoArgsIsHelpError):
        sys.stdout.write(exc.ctx.get_help() + "\n") if exc.ctx else None
        return 0
    if isinstance(exc, click.UsageError):
        ctx = exc.ctx
        hint = f"see '{ctx.command_path} --help'" if ctx is not None else None
        error(exc.format_message(), hint)
        return int(ExitCode.USAGE)
    if isinstance(exc, click.ClickException):
        error(exc.format_message())
        return exc.exit_code
    shell_vars = ("COMP_WORDS", "COMP_CWORD")
    if isinstance(exc, KeyError) and exc.args and exc.args[0] in shell_vars:
        # Click's bash completion reads COMP_WORDS and COMP_CWORD, which only the shell's
        # completion script sets; asked for by hand, it is a usage mistake, not a bug
        error(
            f"shell completion needs the variable {exc.args[0]}, which the completion script sets",
            "install the script with 'venues --install-completion'",
        )
        return int(ExitCode.USAGE)
    if (
        isinstance(exc, ValueError)
        and "_VENUES_COMPLETE" in os.environ
        and not os.environ.get("COMP_CWORD", "0").isdigit()
    ):
        # the same for a COMP_CWORD that is not a word index (Click's int() of it fails)
        error(
            "shell completion needs COMP_CWORD to be a word index, as the completion script sets",
            "install the script with 'venues --install-completion'",
        )
        return int(ExitCode.USAGE)
    # A bug, not the user's fault: say so in one line, never a traceback (tests fail on it).
    error(
        f"internal error: {type(exc).__name__}: {exc}",
        "this is a bug in venues; please report it with the command you ran",
    )
    return int(ExitCode.DATA_ERROR)
