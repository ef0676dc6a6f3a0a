"""The options of `venue_cli.cli.options`, declared to Typer.

Each shared option as an `Annotated` type for a command's signature (`DataOpt`, …), made
from its `Option` in the table, and `@scoring_options`, which gives a command the scoring
options and passes them as one `ScoringOptions`.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from venue_cli.cli import completion
from venue_cli.cli.options import (
    AS_OF,
    CASE,
    DATA,
    FORMAT,
    METHOD,
    NO_PAGER,
    Option,
    scoring_option_list,
    scoring_options_of,
)
from venue_cli.cli.output import OutputFormat


def _file_to_write() -> Any:
    """Click's path type for a file the command writes, refusing a name that ends in '/'
    (which names a folder: Path() would drop the slash and write a file of that name)."""
    import os

    from typer.models import TyperPath  # Typer's path type (0.28; Click's before)

    class FileToWrite(TyperPath):
        def convert(self, value: Any, param: Any, ctx: Any) -> Any:
            seps = tuple({"/", os.sep})
            if isinstance(value, str) and value != "-" and value.endswith(seps):
                self.fail(f"'{value}' ends with '/', which names a folder; name a file", param, ctx)
            return super().convert(value, param, ctx)

    return FileToWrite(path_type=Path)


#: The type of every FILE a command writes (`report -o`, `init`, `upgrade`, `calibrate -o`).
FILE_TO_WRITE = _file_to_write()


def declared(option: Option) -> Any:
    """The typer.Option of an option of the table."""
    return typer.Option(
        *option.flags,
        help=option.help,
        show_default=option.show_default,
        metavar=option.metavar,
        case_sensitive=option.case_sensitive,
        autocompletion=getattr(completion, option.completion) if option.completion else None,
        callback=option.callback,
    )


def annotated(option: Option) -> Any:
    """The option as a parameter's annotation: its type, and how Typer declares it."""
    return Annotated[option.type, declared(option)]


# For the type checker the types are written out; tests check that they are the table's.
DataOpt = Annotated[Path | None, declared(DATA)]
CaseOpt = Annotated[str | None, declared(CASE)]
AsOfOpt = Annotated[str | None, declared(AS_OF)]
FormatOpt = Annotated[OutputFormat | None, declared(FORMAT)]
PagerOpt = Annotated[bool, declared(NO_PAGER)]
MethodOpt = Annotated[str, declared(METHOD)]


def scoring_options(*, party: bool = True, fmt: bool = True) -> Callable[[Callable[..., Any]], Any]:
    """Give a command the scoring options; it receives them as `opts: ScoringOptions`.

    The command's own parameters come first in its help; the shared ones follow."""
    common = scoring_option_list(party=party, fmt=fmt)

    def wrap(fn: Callable[..., Any]) -> Any:
        own = inspect.signature(fn, eval_str=True)
        params = [p for p in own.parameters.values() if p.name != "opts"]
        names = {o.name for o in common}
        annotations = {o.name: annotated(o) for o in common}

        @functools.wraps(fn)
        def wrapper(**kwargs: Any) -> Any:
            shared = {k: kwargs.pop(k) for k in list(kwargs) if k in names}
            return fn(opts=scoring_options_of(shared), **kwargs)

        extra = [
            inspect.Parameter(
                o.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=o.default,
                annotation=annotations[o.name],
            )
            for o in common
        ]
        wrapper.__signature__ = own.replace(  # type: ignore[attr-defined]
            parameters=[p.replace(kind=inspect.Parameter.KEYWORD_ONLY) for p in params] + extra,
            return_annotation=None,
        )
        hints = {p.name: p.annotation for p in params}
        hints.update(annotations)
        wrapper.__annotations__ = {**hints, "return": None}
        return wrapper

    return wrap
