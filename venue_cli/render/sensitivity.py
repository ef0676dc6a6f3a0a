"""`venues sensitivity` in every format: the rank-acceptability matrix (a shaded heat map on a
terminal) and the weight stability intervals."""

from __future__ import annotations

from typing import Any

from venue_cli.render.rank import title_line
from venue_cli.textfmt import columns, csv_text, md_table

SHADES = " ░▒▓█"


def _pct(x: float) -> str:
    return f"{x * 100:.0f}%" if x >= 0.005 else "·"


def _ranks(view: dict[str, Any]) -> int:
    return int(view.get("ranks_shown") or len(view["venues"]))


def _stability_rows(view: dict[str, Any]) -> list[list[str]]:
    rows = []
    for s in view["stability"]:
        if s["weight"] == 0 and s["low"] == 0 and s["high"] == 1:
            continue
        below = s["below"] or "—"
        above = s["above"] or "—"
        rows.append(
            [
                s["party"],
                s["criterion"],
                f"{s['weight']:.3f}",
                f"{s['low']:.3f} – {s['high']:.3f}",
                below,
                above,
            ]
        )
    return rows


STAB_HEAD = [
    "party",
    "criterion",
    "weight",
    "first stays first for",
    "below: first",
    "above: first",
]


def plain(view: dict[str, Any]) -> str:
    n = _ranks(view)
    out = [f"# {title_line(view)}"] + [f"# assuming: {a}" for a in view["assumptions"]]
    out.append(
        f"# {view['samples']:,} samples, seed {view['seed']}, concentration "
        f"{view['concentration']:g}, {view['uncertain_stances']} uncertain stances varied"
    )
    out.append(view["headline"])
    out.append("")
    out.append("rank acceptability: share of samples in which each venue takes each rank")
    head = ["venue", "det.", "exp.", "feasible", *[str(k) for k in range(1, n + 1)]]
    rows = [head]
    for v in view["venues"]:
        rows.append(
            [
                v["name"],
                str(v["deterministic_rank"]),
                f"{v['expected_rank']:.2f}",
                _pct(v["feasible_share"]),
                *[_pct(x) for x in v["acceptability"]],
            ]
        )
    out.append(columns(rows).rstrip())
    out.append("")
    top = view["venues"][0]["name"] if view["venues"] else "—"
    out.append(
        f"weight stability: the range of one party's weight on one criterion (others "
        f"rescaled) over which {top} stays first"
    )
    out.append(columns([STAB_HEAD, *_stability_rows(view)]).rstrip())
    return "\n".join(out) + "\n"


def csv(view: dict[str, Any]) -> str:
    n = _ranks(view)
    head = [
        "venue",
        "deterministic_rank",
        "expected_rank",
        "feasible_share",
        *[f"rank_{k}" for k in range(1, n + 1)],
    ]
    rows = [
        [
            v["id"],
            v["deterministic_rank"],
            f"{v['expected_rank']:.6f}",
            f"{v['feasible_share']:.6f}",
            *[f"{x:.6f}" for x in v["acceptability"]],
        ]
        for v in view["venues"]
    ]
    return csv_text(head, rows)


def markdown(view: dict[str, Any]) -> str:
    n = _ranks(view)
    head = ["Venue", "Exp. rank", "Feasible", *[str(k) for k in range(1, n + 1)]]
    rows = [
        [
            v["name"],
            f"{v['expected_rank']:.2f}",
            _pct(v["feasible_share"]),
            *[_pct(x) for x in v["acceptability"]],
        ]
        for v in view["venues"]
    ]
    return (
        f"**{view['headline']}** ({title_line(view)})\n\n"
        + md_table(head, rows)
        + "\n"
        + md_table(STAB_HEAD, _stability_rows(view))
    )


def table(view: dict[str, Any], ascii_bars: bool = False) -> list[Any]:
    """The acceptability matrix as a shaded heat map, then the stability table."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    n = _ranks(view)
    t = Table(
        title=Text(title_line(view), style="bold"),
        box=box.SIMPLE,
        header_style="bold",
        caption=Text(
            f"{view['samples']:,} samples · seed {view['seed']} · concentration "
            f"{view['concentration']:g} · shade = share of samples at that rank",
            style="dim",
        ),
    )
    t.add_column("Venue")
    t.add_column("exp.", justify="right")
    for k in range(1, n + 1):
        t.add_column(str(k), justify="center", min_width=4)
    for v in view["venues"]:
        cells: list[Any] = [Text(v["name"]), Text(f"{v['expected_rank']:.1f}", style="dim")]
        for x in v["acceptability"]:
            if ascii_bars:
                shade = SHADES[min(4, int(x * 5 + 0.999))] if x >= 0.005 else " "
                cells.append(Text(f"{shade}{_pct(x) if x >= 0.05 else ''}"))
            else:
                level = int(40 + 215 * x)
                style = (
                    f"black on rgb({255 - level // 2},{255 - level // 3},{255})"
                    if x >= 0.005
                    else ""
                )
                if x >= 0.5:
                    style = f"white on rgb(20,{60 + int(80 * (1 - x))},{140 + int(60 * (1 - x))})"
                cells.append(
                    Text(_pct(x) if x >= 0.05 else ("·" if x >= 0.005 else ""), style=style)
                )
        t.add_row(*cells)
    head = Text(view["headline"], style="bold green")
    s = Table(title=Text("Weight stability intervals", style="bold"), box=box.SIMPLE)
    for h in STAB_HEAD:
        s.add_column(h)
    for r in _stability_rows(view):
        s.add_row(*r)
    return [head, t, s]
