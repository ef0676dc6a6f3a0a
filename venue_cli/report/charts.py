"""Inline SVG charts for the HTML report, drawn by hand (no plotting library).

Each function returns one `<svg>` element as a string: well-formed XML, every dataset string
escaped, with a <title> for screen readers and hover tips on the marks.

The charts are never scaled: there is no viewBox, vertical positions are in CSS pixels and
horizontal ones in percentages of the chart's width. So the chart fills whatever width the
page gives it (a phone or a desktop) while its text keeps its size in pixels. The score bars
and the heat map come in two layouts, chosen by the page's style sheet: `wide`, with the
venue names in a column on the left, and `narrow` (phones), with each name on a line above
its bars.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any, Literal

from venue_cli.report.common import (
    CHART_MAX_VENUES,
    HEAT_LABEL_MIN,
    f3,
    party_colour,
    pct,
    principals,
    vetoed_by,
)

Layout = Literal["wide", "narrow"]
LAYOUTS: tuple[Layout, ...] = ("wide", "narrow")
FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""
VETO = "#b2182b"
JOINT = "#3b3b3b"
GRID = "#d0d0d0"
MUTED = "#555555"


def _n(x: float) -> str:
    """A coordinate, short: 12.0 -> '12', 12.345 -> '12.35'."""
    s = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if s == "-0" else s


def _p(x: float) -> str:
    """A horizontal position in percent of the chart's width."""
    return _n(x) + "%"


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))


# Venue names in the charts are cut at this many characters (the full name is in the hover
# tip and the tables): the name column of the wide layouts, 30% of a 680 px page, and the
# line of the narrow ones hold that many of the widest letters.
LABEL_CHARS = 22


def _label(name: str, limit: int) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def _open(layout: str, height: float, title: str, font_size: int) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {layout}" role="img" '
        f'width="100%" height="{_n(height)}" {FONT} font-size="{font_size}">'
        f"<title>{escape(title)}</title>"
    )


def _hatch(pattern: str) -> str:
    return (
        f'<defs><pattern id="{pattern}" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#fbe3e6"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{VETO}" stroke-width="2"/>'
        "</pattern></defs>"
    )


def score_legend(rank: Mapping[str, Any]) -> str:
    """The score bars' legend, as HTML (it wraps like text on a narrow screen)."""
    items = [f'<li><span class="swatch" style="background:{JOINT}"></span>joint score</li>']
    items += [
        f'<li><span class="swatch thin" style="background:{party_colour(i)}"></span>'
        f"{escape(str(p['name']))} utility</li>"
        for i, p in enumerate(principals(rank))
    ]
    items.append('<li><span class="swatch hatched"></span>vetoed</li>')
    return f'<ul class="legend">{"".join(items)}</ul>'


def score_bars(rank: Mapping[str, Any], layout: Layout = "wide") -> str:
    """Horizontal bars: each venue's joint score (thick), each party's utility (thin, below
    it, in the party's colour). Vetoed venues get a hatched red-outlined bar and a note."""
    venues = list(rank.get("venues", []))[:CHART_MAX_VENUES]
    parties = principals(rank)
    wide = layout == "wide"
    pattern = f"veto-hatch-{layout}"
    # Wide: names end at 30%, the axis runs from 30% to 88%, the score follows its bar.
    # Narrow: the name and the score on a line above bars that span the whole width.
    x0, x1 = (30.0, 88.0) if wide else (0.0, 100.0)
    joint_h, party_h, party_gap = (14.0, 5.0, 1.5) if wide else (12.0, 4.0, 1.5)
    bars_h = joint_h + len(parties) * (party_h + party_gap)
    head = 0.0 if wide else 17.0  # the narrow layout's label line above the bars
    veto_line = 0.0 if wide else 16.0
    gap = 12.0 if wide else 14.0
    top = 26.0
    heights = [head + bars_h + (0.0 if v.get("feasible", True) else veto_line) for v in venues]
    height = top + sum(h + gap for h in heights)

    def at(t: float) -> str:
        return _p(x0 + _clip(t) * (x1 - x0))

    out = [
        _open(
            layout, height, "Joint score per venue, with each party's utility", 13 if wide else 12
        ),
        _hatch(pattern),
    ]
    for k in range(5):  # the axis: tick labels and grid lines at 0, 0.25, … 1
        t = k / 4
        anchor = "middle" if wide or 0 < k < 4 else ("start" if k == 0 else "end")
        out.append(f'<text x="{at(t)}" y="14" text-anchor="{anchor}" fill="{MUTED}">{t:g}</text>')
        out.append(
            f'<line x1="{at(t)}" y1="{_n(top - 6)}" x2="{at(t)}" y2="{_n(height - gap / 2)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
    y = top
    for v, h in zip(venues, heights, strict=True):
        feasible = bool(v.get("feasible", True))
        name = str(v["name"])
        joint = float(v["joint_score"])
        red = "" if feasible else f' fill="{VETO}"'
        label = f"{v['rank']}. {_label(name, LABEL_CHARS)}"
        out.append(f'<g class="venue{"" if feasible else " vetoed"}">')
        by = vetoed_by(v)
        if wide:
            out.append(
                f'<text x="{at(0)}" dx="-8" y="{_n(y + joint_h - 3)}" text-anchor="end" '
                f'font-weight="600" font-size="12"{red}>{escape(label)}</text>'
            )
            value = f'<text x="{at(joint)}" dx="6" y="{_n(y + joint_h - 3)}"'
            out.append(f"{value}{red}>{escape(f3(joint))}</text>")
            if not feasible:
                out.append(
                    f'<text x="{at(0)}" dx="-8" y="{_n(y + joint_h + 13)}" text-anchor="end" '
                    f'font-size="12"{red}>{escape("vetoed by " + by)}</text>'
                )
        else:
            out.append(
                f'<rect x="0" y="{_n(y)}" width="100%" height="{_n(head)}" fill="#ffffff"/>'
                f'<text x="0" y="{_n(y + 12)}" font-weight="600"{red}>{escape(label)}</text>'
                f'<text x="100%" y="{_n(y + 12)}" text-anchor="end" font-weight="600"{red}>'
                f"{escape(f3(joint))}</text>"
            )
        by_y = y + head
        tip = f"{name}: joint score {f3(joint)}"
        width = _p(max(_clip(joint) * (x1 - x0), 0.2))
        if feasible:
            fill = f'fill="{JOINT}"'
        else:
            tip += " — vetoed by " + by
            fill = f'fill="url(#{pattern})" stroke="{VETO}" stroke-width="1.5"'
        out.append(
            f'<rect x="{at(0)}" y="{_n(by_y)}" width="{width}" height="{_n(joint_h)}" {fill}>'
            f"<title>{escape(tip)}</title></rect>"
        )
        py = by_y + joint_h + party_gap
        for k, p in enumerate(v.get("parties", [])):
            u = float(p["utility"])
            ptip = f"{name} — {p['name']}: utility {u:.2f}"
            out.append(
                f'<rect x="{at(0)}" y="{_n(py)}" width="{_p(max(_clip(u) * (x1 - x0), 0.1))}" '
                f'height="{_n(party_h)}" fill="{party_colour(k)}">'
                f"<title>{escape(ptip)}</title></rect>"
            )
            py += party_h + party_gap
        if not feasible and not wide:
            out.append(
                f'<text x="0" y="{_n(py + 11)}"{red} font-weight="600">'
                f"{escape('✕ vetoed by ' + by)}</text>"
            )
        out.append("</g>")
        y += h + gap
    out.append("</svg>")
    return "\n".join(out)


def _shade(share: float) -> str:
    """White (0) to dark blue (1), linear in the share."""
    lo, hi = (255, 255, 255), (8, 48, 107)
    t = _clip(share)
    r, g, b = (round(a + (z - a) * t) for a, z in zip(lo, hi, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


NARROW_CELL_LABELS = 16  # the narrow heat map prints values in its cells up to this many ranks


def heat_map(sensitivity: Mapping[str, Any], layout: Layout = "wide") -> str:
    """Rank acceptability: one row per venue, one column per rank; the cell's shade is the
    share of samples in which the venue takes that rank (printed from 5%, in percent without
    the sign, as the caption says, so that 100 fits a narrow cell)."""
    venues = list(sensitivity.get("venues", []))[:CHART_MAX_VENUES]
    ranks = max((len(v["acceptability"]) for v in venues), default=0) or 1
    wide = layout == "wide"
    x0, x1 = (30.0, 90.0) if wide else (0.0, 100.0)
    cell = (x1 - x0) / ranks
    head = 0.0 if wide else 15.0  # the narrow layout's label line above each row of cells
    cell_h = 24.0 if wide else 20.0
    row_h = head + cell_h + (0.0 if wide else 8.0)
    top = 44.0 if wide else 34.0
    height = top + len(venues) * row_h + 6.0
    title = "Rank acceptability: share of samples in which each venue takes each rank"
    out = [_open(layout, height, title, 12 if wide else 11)]
    caption = "rank in the sample (cells: % of samples)"
    out.append(
        f'<text x="{_p((x0 + x1) / 2 if wide else 0)}" y="14" '
        f'text-anchor="{"middle" if wide else "start"}" fill="{MUTED}">{caption}</text>'
    )
    if wide:
        out.append(
            f'<text x="{_p((x1 + 100) / 2)}" y="{_n(top - 8)}" text-anchor="middle" '
            f'fill="{MUTED}">mean rank</text>'
        )
    small = ' font-size="11"' if wide else ' font-size="10"'
    for k in range(ranks):
        out.append(
            f'<text x="{_p(x0 + (k + 0.5) * cell)}" y="{_n(top - 8)}" text-anchor="middle" '
            f'fill="{MUTED}"{small}>{k + 1}</text>'
        )
    labels_in_cells = wide or ranks <= NARROW_CELL_LABELS
    for i, v in enumerate(venues):
        y = top + i * row_h
        name = str(v["name"])
        det = v.get("deterministic_rank")
        label = _label(name, LABEL_CHARS)
        label = f"{det}. {label}" if det is not None else label
        exp = v.get("expected_rank")
        if wide:
            out.append(
                f'<text x="{_p(x0)}" dx="-8" y="{_n(y + cell_h / 2 + 4)}" text-anchor="end">'
                f"{escape(label)}</text>"
            )
            if exp is not None:
                out.append(
                    f'<text x="{_p((x1 + 100) / 2)}" y="{_n(y + cell_h / 2 + 4)}" '
                    f'text-anchor="middle" fill="#333">{float(exp):.2f}</text>'
                )
        else:
            out.append(f'<text x="0" y="{_n(y + 11)}">{escape(label)}</text>')
            if exp is not None:
                out.append(
                    f'<text x="100%" y="{_n(y + 11)}" text-anchor="end" fill="#333">'
                    f"mean {float(exp):.2f}</text>"
                )
        cy = y + head
        for k, share in enumerate(v["acceptability"]):
            s = float(share)
            x = x0 + k * cell
            out.append(
                f'<rect x="{_p(x)}" y="{_n(cy)}" width="{_p(cell)}" height="{_n(cell_h)}" '
                f'fill="{_shade(s)}" stroke="#ffffff" stroke-width="1">'
                f"<title>{escape(f'{name}: rank {k + 1} in {pct(s)} of samples')}</title></rect>"
            )
            if s >= HEAT_LABEL_MIN and labels_in_cells:
                colour = "#ffffff" if s >= 0.45 else "#1a1a1a"
                text = pct(s).rstrip("%")
                out.append(
                    f'<text x="{_p(x + cell / 2)}" y="{_n(cy + cell_h / 2 + 4)}" '
                    f'text-anchor="middle" fill="{colour}"{small}>{text}</text>'
                )
        out.append(
            f'<rect x="{_p(x0)}" y="{_n(cy)}" width="{_p(x1 - x0)}" height="{_n(cell_h)}" '
            'fill="none" stroke="#bbbbbb"/>'
        )
    out.append("</svg>")
    return "\n".join(out)


def reliability(bins: Sequence[Mapping[str, Any]]) -> str:
    """A reliability diagram: for each bin of predicted probability, the mean probability the
    model gave (across) against how often those venues were the one chosen (up), with the
    number of venues in the bin; the dashed diagonal is a perfectly calibrated model."""
    x0, x1 = 13.0, 93.0  # percent of the width
    y0, y1 = 250.0, 24.0  # pixels: probability 0 and 1
    height = 300.0

    def px(p: float) -> str:
        return _p(x0 + _clip(p) * (x1 - x0))

    def py(p: float) -> float:
        return y0 - _clip(p) * (y0 - y1)

    out = [
        _open(
            "reliability",
            height,
            "Reliability: predicted probability against how often it happened",
            12,
        ),
        f'<text x="0" y="12" fill="{MUTED}">how often chosen</text>',
    ]
    for k in range(5):
        t = k / 4
        out.append(
            f'<line x1="{px(0)}" y1="{_n(py(t))}" x2="{px(1)}" y2="{_n(py(t))}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{px(0)}" dx="-6" y="{_n(py(t) + 4)}" text-anchor="end" '
            f'font-size="11" fill="{MUTED}">{pct(t)}</text>'
        )
    edges = sorted({float(b["low"]) for b in bins} | {float(b["high"]) for b in bins})
    for t in edges:
        out.append(
            f'<line x1="{px(t)}" y1="{_n(y1)}" x2="{px(t)}" y2="{_n(y0)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{px(t)}" y="{_n(y0 + 18)}" text-anchor="middle" font-size="11" '
            f'fill="{MUTED}">{pct(t)}</text>'
        )
    out.append(
        f'<text x="{_p((x0 + x1) / 2)}" y="{_n(height - 6)}" text-anchor="middle" '
        f'fill="{MUTED}">predicted probability of being the venue chosen</text>'
    )
    out.append(
        f'<line x1="{px(0)}" y1="{_n(py(0))}" x2="{px(1)}" y2="{_n(py(1))}" stroke="#888888" '
        'stroke-width="1.5" stroke-dasharray="5 4"/>'
    )
    points = [
        (float(b["mean_probability"]), float(b["chosen_share"]), int(b["venues"]), b)
        for b in bins
        if int(b.get("venues", 0)) > 0
    ]
    for (pa, sa, _, _), (pb, sb, _, _) in itertools.pairwise(points):
        out.append(
            f'<line x1="{px(pa)}" y1="{_n(py(sa))}" x2="{px(pb)}" y2="{_n(py(sb))}" '
            f'stroke="{JOINT}" stroke-width="2"/>'
        )
    for p, s, n, b in points:
        tip = (
            f"predicted {pct(float(b['low']))}–{pct(float(b['high']))}: {n} venues, mean "
            f"predicted {pct(p)}, chosen {pct(s)}"
        )
        out.append(
            f'<circle cx="{px(p)}" cy="{_n(py(s))}" r="5" fill="#0072b2" stroke="#ffffff" '
            f'stroke-width="1.5"><title>{escape(tip)}</title></circle>'
        )
        ly = py(s) - 10 if py(s) - 10 > y1 + 6 else py(s) + 20
        out.append(
            f'<text x="{px(p)}" y="{_n(ly)}" text-anchor="middle" font-size="11">n={n}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)
