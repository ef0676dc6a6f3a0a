"""Rich renderables for the report's terminal picture (Rich is imported inside)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from venue_cli.report.common import HEAT_LABEL_MIN

CELL = 5  # characters per heat-map cell


def _shade(share: float) -> str:
    """Background for a share on the dark terminal of the picture: dim slate (0) to bright
    blue (1), linear; the more often, the brighter."""
    lo, hi = (38, 52, 72), (120, 186, 228)
    t = min(1.0, max(0.0, share))
    r, g, b = (round(a + (z - a) * t) for a, z in zip(lo, hi, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def heat_map(sens: Mapping[str, Any]) -> Any:
    """Rank acceptability as a Rich table: one row per venue, one column per rank; the cell
    background is the share, printed as a percentage from 5%."""
    from rich.table import Table
    from rich.text import Text

    venues = list(sens.get("venues", []))
    ranks = max((len(v["acceptability"]) for v in venues), default=0)
    t = Table(
        title=Text(str(sens.get("headline", "")), style="bold"),
        caption=Text(
            "rank acceptability: share of samples in which each venue takes each rank "
            "(printed from 5%)",
            style="dim",
        ),
        box=None,
        show_edge=False,
        header_style="bold",
        padding=(0, 0),
        title_justify="left",
        caption_justify="left",
    )
    t.add_column("venue", no_wrap=True, max_width=28, overflow="ellipsis")
    for k in range(ranks):
        t.add_column(str(k + 1).center(CELL), justify="center", width=CELL, no_wrap=True)
    t.add_column("mean", justify="right", min_width=7, no_wrap=True)
    for v in venues:
        det = v.get("deterministic_rank")
        name = f"{det}. {v['name']}" if det is not None else str(v["name"])
        cells: list[Any] = [Text(name + "  ", overflow="ellipsis")]
        for share in v["acceptability"]:
            s = float(share)
            if s <= 0:
                cells.append(Text(" " * CELL))
                continue
            fg = "#0b1a2a" if s >= 0.5 else "#ffffff"
            label = f"{s * 100:.0f}%" if s >= HEAT_LABEL_MIN else ""
            cells.append(Text(label.center(CELL), style=f"{fg} on {_shade(s)}"))
        cells += [Text("")] * (ranks - len(v["acceptability"]))
        cells.append(Text(f"{float(v['expected_rank']):.2f}"))
        t.add_row(*cells)
    return t
