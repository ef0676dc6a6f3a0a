"""What every terminal table shares: one table style, and fitting columns to the width.

The `table` renderers take the terminal's width and choose a layout that fits it, as gh and
uv do: they shed or fold columns in a fixed order rather than let Rich cut words. The tables
and texts made here are `venue_cli.render.term`'s: Rich's own on a Rich console, and written
without importing Rich where that module can (the terminal output of `venues`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from venue_cli.render.term import Table, Text
from venue_cli.textfmt import cells

#: The width a renderer assumes when none is given (a picture, a wide terminal).
WIDE = 160
#: Spaces between two columns of a table.
GAP = 2

STANCE_STYLE = {
    "rejects": "red",
    "reluctant": "yellow",
    "open": "",
    "proposes": "green",
    "accepts": "green",
}


def fits(widths: Sequence[int], width: int, gap: int = GAP) -> bool:
    """Whether columns of these widths, `gap` apart, fit in `width` characters."""
    return sum(widths) + gap * max(0, len(widths) - 1) <= width


def span(widths: Sequence[int], gap: int = GAP) -> int:
    return sum(widths) + gap * max(0, len(widths) - 1)


def longest(texts: Sequence[str]) -> int:
    """The widest line of any of `texts`, in terminal cells."""
    return max((cells(line) for t in texts for line in t.split("\n")), default=0)


def longest_word(texts: Sequence[str]) -> int:
    """The widest word of any of `texts` (a column this wide never splits a word)."""
    return max((cells(w) for t in texts for w in t.split()), default=0)


def new_table(
    title: str | None = None,
    caption: Sequence[str] = (),
    *,
    gap: int = GAP,
    header: bool = True,
) -> Any:
    """A table in the one style: a heavy rule under the header, no outer edge, columns `gap`
    spaces apart, title and caption at the left."""
    return Table(
        title=Text(title, style="bold") if title else None,
        caption=Text("\n".join(caption), style="dim") if caption else None,
        box="SIMPLE_HEAVY" if header else None,
        show_header=header,
        show_edge=False,
        pad_edge=False,
        padding=(0, 1) if gap == GAP else (0, 0),
        collapse_padding=gap == GAP,
        header_style="bold",
        title_justify="left",
        caption_justify="left",
    )


def text(value: str = "", style: str = "") -> Text:
    """A Text: data is never read as markup."""
    return Text(value, style=style)


def block(lines: Sequence[tuple[str, str]]) -> Text:
    """A Text of several (text, style) lines."""
    out = Text()
    for i, (line, style) in enumerate(lines):
        if i:
            out.append("\n")
        out.append(line, style=style)
    return out


def note(lines: Sequence[str]) -> Text:
    """Dim lines under a table (legends, what was left out at this width)."""
    return Text("\n".join(lines), style="dim")
