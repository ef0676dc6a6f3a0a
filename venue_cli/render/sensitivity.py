"""`venues sensitivity` in every format: the rank-acceptability matrix (a shaded heat map on a
terminal) and the weight stability intervals.

On a terminal the heat map names every venue and shows every rank: cells are three
characters (a percentage without its sign) one space apart; a long venue name folds onto a
second line at a space; when even that does not fit, the ranks are split over several maps.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from venue_cli.render import layout
from venue_cli.render.rank import assumption_lines, conditional_line, title_line
from venue_cli.safety import md_text
from venue_cli.textfmt import columns, csv_text, f3, md_table, num

CELL = 3  # characters per heat-map cell: '100', ' 54', '  ·'
NAME_MIN = 10  # below this, a venue name column would fold words; split the ranks instead


def _pct(x: float) -> str:
    return f"{num(x * 100, 0)}%" if x >= 0.005 else "·"


def _cell(x: float) -> str:
    """A heat-map cell: the percentage without its sign, '·' below half a percent, and
    nothing at all for never."""
    if x <= 0:
        return ""
    return num(x * 100, 0) if x >= 0.005 else "·"


def _ranks(view: Mapping[str, Any]) -> int:
    return int(view.get("ranks_shown") or len(view["venues"]))


def _full_range(s: Mapping[str, Any]) -> bool:
    return bool(s["low"] == 0 and s["high"] == 1)


def _stability_rows(view: Mapping[str, Any], *, skip_full: bool = False) -> list[list[str]]:
    rows = []
    for s in view["stability"]:
        if s["weight"] == 0 and _full_range(s):
            continue
        if skip_full and _full_range(s):
            continue
        rows.append(
            [
                s["party_name"],
                s["criterion"],
                f3(s["weight"]),
                f"{f3(s['low'])} – {f3(s['high'])}",
                s["below"] or "—",
                s["above"] or "—",
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


def _top(view: Mapping[str, Any]) -> str:
    return str(view["venues"][0]["name"]) if view["venues"] else "—"


def _samples_line(view: Mapping[str, Any]) -> str:
    return (
        f"{view['samples']:,} samples, seed {view['seed']}, concentration "
        f"{view['concentration']:g}, {view['uncertain_stances']} uncertain stances varied"
    )


def plain(view: Mapping[str, Any]) -> str:
    n = _ranks(view)
    out = [f"# {title_line(view)}"] + [f"# {a}" for a in assumption_lines(view)]
    out.append(f"# {_samples_line(view)}")
    out.append(f"# {conditional_line(view)}")
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
                num(v["expected_rank"], 2),
                _pct(v["feasible_share"]),
                *[_pct(x) for x in v["acceptability"]],
            ]
        )
    out.append(columns(rows).rstrip())
    out.append("")
    out.append(
        f"weight stability: the range of one party's weight on one criterion (others "
        f"rescaled) over which {_top(view)} stays first"
    )
    out.append(columns([STAB_HEAD, *_stability_rows(view)]).rstrip())
    return "\n".join(out) + "\n"


def csv(view: Mapping[str, Any]) -> str:
    """One row per venue; the header uses the JSON field names (`acceptability_K` is the
    K-th entry of `acceptability`, the share of samples at rank K)."""
    n = _ranks(view)
    head = [
        "id",
        "name",
        "deterministic_rank",
        "expected_rank",
        "feasible_share",
        *[f"acceptability_{k}" for k in range(1, n + 1)],
    ]
    rows = [
        [
            v["id"],
            v["name"],
            v["deterministic_rank"],
            f"{v['expected_rank']:.6f}",
            f"{v['feasible_share']:.6f}",
            *[f"{x:.6f}" for x in v["acceptability"]],
        ]
        for v in view["venues"]
    ]
    return csv_text(head, rows)


def markdown(view: Mapping[str, Any]) -> str:
    n = _ranks(view)
    head = ["Venue", "Exp. rank", "Feasible", *[str(k) for k in range(1, n + 1)]]
    rows = [
        [
            v["name"],
            num(v["expected_rank"], 2),
            _pct(v["feasible_share"]),
            *[_pct(x) for x in v["acceptability"]],
        ]
        for v in view["venues"]
    ]
    return (
        f"**{md_text(view['headline'])}** ({md_text(title_line(view))})\n\n"
        + f"{md_text(conditional_line(view))}\n\n"
        + md_table(head, rows)
        + "\n"
        + md_table(STAB_HEAD, _stability_rows(view))
    )


# --------------------------------------------------------------------------- the terminal


def _style(x: float, ascii_bars: bool) -> str:
    """The cell's background: light to dark blue with the share (none in ASCII mode)."""
    if ascii_bars or x < 0.005:
        return ""
    if x >= 0.5:
        return f"bold white on rgb(20,{60 + int(80 * (1 - x))},{140 + int(60 * (1 - x))})"
    level = int(40 + 215 * x)
    return f"black on rgb({255 - level // 2},{255 - level // 3},255)"


def heat_layout(view: Mapping[str, Any], width: int) -> tuple[int, list[range]]:
    """(width of the venue column, the ranks of each map) for a terminal `width` wide."""
    n = _ranks(view)
    names = [v["name"] for v in view["venues"]]
    name_w = max(5, layout.longest(names))
    exp_w = 4
    cells = n * (CELL + 1)
    if name_w + 1 + exp_w + cells <= width:
        return name_w, [range(1, n + 1)]
    room = width - 1 - exp_w - cells
    if room >= max(NAME_MIN, layout.longest_word(names)):
        return room, [range(1, n + 1)]
    name_w = min(name_w, max(NAME_MIN, layout.longest_word(names)))
    per_map = max(1, (width - name_w - 1 - exp_w) // (CELL + 1))
    return name_w, [range(k, min(n, k + per_map - 1) + 1) for k in range(1, n + 1, per_map)]


def table(view: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None) -> list[Any]:
    """The headline, the acceptability heat map (split by ranks if need be), and the
    stability intervals that are not the whole range."""
    w = width or layout.WIDE
    name_w, maps = heat_layout(view, w)
    parts: list[Any] = [layout.text(title_line(view), "bold")]
    parts += [layout.text(a, "yellow") for a in assumption_lines(view)]
    parts.append(layout.text(view["headline"], "bold green"))
    for ranks in maps:
        label = "" if len(maps) == 1 else f" (ranks {ranks.start}–{ranks.stop - 1})"
        t = layout.new_table(f"Rank acceptability{label}", gap=1)
        t.add_column("Venue", width=name_w)
        t.add_column("exp.", justify="right", width=4, no_wrap=True)
        for k in ranks:
            t.add_column(str(k), justify="right", width=CELL, no_wrap=True)
        for v in view["venues"]:
            cells: list[Any] = [layout.text(v["name"]), layout.text(num(v["expected_rank"], 1))]
            for k in ranks:
                x = v["acceptability"][k - 1] if k - 1 < len(v["acceptability"]) else 0.0
                cells.append(layout.text(_cell(x), _style(x, ascii_bars)))
            t.add_row(*cells)
        parts.append(t)
    parts.append(
        layout.note(
            [
                "cell = % of samples in which the venue takes that rank (· under 0.5%); "
                "exp. = expected rank",
                _samples_line(view),
                conditional_line(view),
            ]
        )
    )
    parts += _stability_table(view, w)
    return parts


def _stability_table(view: Mapping[str, Any], width: int) -> list[Any]:
    """The stability intervals that are not the whole range: a table, or below about 70
    columns a line per interval; then how many weights can take any value."""
    from rich.text import Text

    rows = _stability_rows(view, skip_full=True)
    counted = [s for s in view["stability"] if not (s["weight"] == 0 and _full_range(s))]
    full = sum(1 for s in counted if _full_range(s))
    top = _top(view)
    out: list[Any] = []
    title = f"Weight stability: the weights over which {top} stays first"

    def otherwise(r: list[str]) -> str:
        pairs = (("below:", r[4]), ("above:", r[5]))
        return "; ".join(f"{side} {name}" for side, name in pairs if name != "—") or "—"

    if rows:
        widths = [
            layout.longest([r[0] for r in rows] + ["Party"]),
            layout.longest([r[1] for r in rows] + ["Criterion"]),
            6,
            layout.longest([r[3] for r in rows]),
        ]
        rest = width - layout.span([*widths, 0])
        if rest >= 20:
            t = layout.new_table(title)
            t.add_column("Party", width=widths[0], no_wrap=True)
            t.add_column("Criterion", width=widths[1], no_wrap=True)
            t.add_column("Weight", justify="right", width=6, no_wrap=True)
            t.add_column(layout.text(f"{top} first for"), width=widths[3])
            t.add_column("Otherwise first", width=rest)
            for r in rows:
                t.add_row(*[layout.text(c) for c in r[:4]], layout.text(otherwise(r)))
            out.append(t)
        else:
            block = Text(title, style="bold")
            for r in rows:
                block.append(f"\n{r[0]} · {r[1]} · weight {r[2]}: ", style="bold")
                block.append(f"first for {r[3]}; otherwise first: {otherwise(r)}")
            out.append(block)
    if full:
        if rows:
            weights = "the other weight" if full == 1 else f"each of the other {full} weights"
        else:
            weights = "the one weight" if full == 1 else f"each of the {full} weights"
        out.append(
            layout.note(
                [
                    f"{top} stays first over the whole range (0 to 1) of {weights} (one "
                    "party's weight on one criterion, others rescaled)."
                ]
            )
        )
    return out
