"""The report as an SVG picture of the terminal output, exported by Rich.

Rich's SVG template fetches the Fira Code web font from a CDN; the picture here drops those
@font-face rules (the SVG then uses a local monospace font) so that it works offline and
calls nowhere when opened.
"""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

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
    table = rank.table(dict(data.rank), width=WIDTH)
    for part in table if isinstance(table, list) else [table]:
        console.print(part)
    if data.sensitivity is not None:
        console.print()
        console.print(heat_map(data.sensitivity))
    return offline(console.export_svg(title="venues rank"))
