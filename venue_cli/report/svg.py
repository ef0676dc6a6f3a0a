"""The report as an SVG picture of the terminal output, exported by Rich: the ranking and the
heat map, each of at most the first `MAX_EXPLAINED` venues.

Rich's SVG template fetches the Fira Code web font from a CDN; the picture here drops those
@font-face rules (the SVG then uses a local monospace font) so that it works offline and
calls nowhere when opened.
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from venue_cli.report import ReportData

WIDTH = 110
_FONT_FACE = re.compile(r"@font-face\s*\{[^{}]*\}\s*")
_FAMILY = "font-family: Fira Code, monospace;"
_LOCAL_FAMILY = (
    'font-family: "Fira Code", "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;'
)


def offline(svg: str) -> str:
    """Drop the web-font rules from Rich's SVG (no URL is fetched on opening) and fall back
    on local monospace fonts."""
    return _FONT_FACE.sub("", svg).replace(_FAMILY, _LOCAL_FAMILY)


def render(data: ReportData) -> str:
    """The picture of the cleaned view `data` (no control character left; `build_report`
    also removes from the result whatever else XML 1.0 forbids)."""
    from rich.console import Console
    from rich.text import Text

    from venue_cli.render import rank
    from venue_cli.report.terminal import heat_map

    console = Console(
        record=True,
        width=WIDTH,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        no_color=False,  # a picture keeps its colours whatever NO_COLOR says
        legacy_windows=False,
    )
    for w in data.warnings:
        console.print(Text(f"warning: {w}", style="yellow"))
    view, left_out = _first_rows(data.rank)
    table = rank.table(view, width=WIDTH)
    for part in table if isinstance(table, list) else [table]:
        console.print(part)
    if left_out:
        console.print(Text(left_out, style="dim"))
    if data.sensitivity is not None:
        sens, left_out = _first_rows(data.sensitivity)
        console.print()
        console.print(heat_map(sens))
        if left_out:
            console.print(Text(left_out, style="dim"))
    return offline(console.export_svg(title="venues rank"))


def _first_rows(view: Mapping[str, Any]) -> tuple[dict[str, Any], str]:
    """The view with its first MAX_EXPLAINED venues (rows in rank order), and a line saying
    how many were left out ("" when none): a picture of 10,000 rows is 20 MB nobody reads."""
    from venue_cli.report import MAX_EXPLAINED

    venues = list(view.get("venues", []))
    if len(venues) <= MAX_EXPLAINED:
        return dict(view), ""
    note = (
        f"the first {MAX_EXPLAINED:,} of {len(venues):,} venues are drawn; "
        "`venues rank` and `venues sensitivity` list every one"
    )
    return {**view, "venues": venues[:MAX_EXPLAINED]}, note
