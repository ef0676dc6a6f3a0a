"""Inline SVG charts for the HTML report, drawn by hand (no plotting library).

Each function returns one `<svg>` element as a string: well-formed XML, every dataset string
escaped, sized by a viewBox so that it scales with the page, with a <title> for screen
readers and hover tips on the marks.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from venue_cli.report.common import HEAT_LABEL_MIN, f3, party_colour, pct, principals

FONT = "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\""
VETO = "#b2182b"
JOINT = "#3b3b3b"


def _n(x: float) -> str:
    """A coordinate, short: 12.0 -> '12', 12.345 -> '12.3'."""
    s = f"{x:.1f}"
    return s[:-2] if s.endswith(".0") else s


def _clip(x: float) -> float:
    return min(1.0, max(0.0, x))


def _label(name: str, limit: int = 28) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "…"


def score_bars(rank: Mapping[str, Any]) -> str:
    """Horizontal bars: each venue's joint score (thick), each party's utility (thin, below
    it, in the party's colour). Vetoed venues get a hatched red-outlined bar and a label."""
    venues = list(rank.get("venues", []))
    parties = principals(rank)
    left, plot, right = 200.0, 430.0, 150.0
    width = left + plot + right
    joint_h, party_h, party_gap, group_gap = 13.0, 4.0, 1.5, 11.0
    group_h = joint_h + len(parties) * (party_h + party_gap) + group_gap
    top = 62.0
    height = top + len(venues) * group_h + 8.0

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" {FONT} font-size="12">',
        "<title>Joint score per venue, with each party's utility</title>",
        "<defs>"
        '<pattern id="veto-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="#fbe3e6"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{VETO}" stroke-width="2"/>'
        "</pattern></defs>",
    ]
    # Legend.
    x = left
    legend = [("joint score", JOINT, joint_h)] + [
        (str(p["name"]) + " utility", party_colour(i), party_h + 2) for i, p in enumerate(parties)
    ]
    for name, colour, h in legend:
        out.append(
            f'<rect x="{_n(x)}" y="{_n(12 - h / 2)}" width="14" height="{_n(h)}" fill="{colour}"/>'
        )
        out.append(f'<text x="{_n(x + 18)}" y="16">{escape(name)}</text>')
        x += 26 + 6.6 * len(name)
    out.append(
        f'<rect x="{_n(x)}" y="6" width="14" height="12" fill="url(#veto-hatch)" '
        f'stroke="{VETO}"/><text x="{_n(x + 18)}" y="16">vetoed</text>'
    )
    # Axis: grid lines and tick labels at 0, 0.25, … 1.
    for k in range(5):
        t = k / 4
        gx = left + t * plot
        out.append(
            f'<line x1="{_n(gx)}" y1="{_n(top - 8)}" x2="{_n(gx)}" y2="{_n(height - 6)}" '
            f'stroke="#d0d0d0" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{_n(gx)}" y="{_n(top - 12)}" text-anchor="middle" fill="#555">{t:g}</text>'
        )
    for i, v in enumerate(venues):
        y = top + i * group_h
        feasible = bool(v.get("feasible", True))
        name = str(v["name"])
        joint = float(v["joint_score"])
        red = "" if feasible else f' fill="{VETO}"'
        out.append(f'<g class="venue{"" if feasible else " vetoed"}">')
        out.append(
            f'<text x="{_n(left - 8)}" y="{_n(y + joint_h - 2)}" text-anchor="end" '
            f'font-weight="600"{red}>{escape(str(v["rank"]) + ". " + _label(name))}</text>'
        )
        w = max(_clip(joint) * plot, 1.0)
        tip = f"{name}: joint score {f3(joint)}"
        if feasible:
            out.append(
                f'<rect x="{_n(left)}" y="{_n(y)}" width="{_n(w)}" height="{_n(joint_h)}" '
                f'fill="{JOINT}"><title>{escape(tip)}</title></rect>'
            )
        else:
            tip += " — vetoed by " + ", ".join(map(str, v.get("vetoed_by", [])))
            out.append(
                f'<rect x="{_n(left)}" y="{_n(y)}" width="{_n(w)}" height="{_n(joint_h)}" '
                f'fill="url(#veto-hatch)" stroke="{VETO}" stroke-width="1.5">'
                f"<title>{escape(tip)}</title></rect>"
            )
        label = f3(joint)
        if not feasible:
            by = [
                str(p["name"]) for p in v.get("parties", []) if p["id"] in v.get("vetoed_by", [])
            ] or [str(x) for x in v.get("vetoed_by", [])]
            label += "  ✕ vetoed by " + ", ".join(by)
        bold = "" if feasible else ' font-weight="600"'
        out.append(
            f'<text x="{_n(left + w + 5)}" y="{_n(y + joint_h - 2)}"{red}{bold}>'
            f"{escape(label)}</text>"
        )
        py = y + joint_h + party_gap
        for k, p in enumerate(v.get("parties", [])):
            u = float(p["utility"])
            ptip = f"{name} — {p['name']}: utility {u:.2f}"
            out.append(
                f'<rect x="{_n(left)}" y="{_n(py)}" width="{_n(max(_clip(u) * plot, 0.5))}" '
                f'height="{_n(party_h)}" fill="{party_colour(k)}">'
                f"<title>{escape(ptip)}</title></rect>"
            )
            py += party_h + party_gap
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _shade(share: float) -> str:
    """White (0) to dark blue (1), linear in the share."""
    lo, hi = (255, 255, 255), (8, 48, 107)
    t = _clip(share)
    r, g, b = (round(a + (z - a) * t) for a, z in zip(lo, hi, strict=True))
    return f"#{r:02x}{g:02x}{b:02x}"


def heat_map(sensitivity: Mapping[str, Any]) -> str:
    """Rank acceptability: one row per venue, one column per rank; the cell's shade is the
    share of samples in which the venue takes that rank (value printed from 5%)."""
    venues = list(sensitivity.get("venues", []))
    ranks = max((len(v["acceptability"]) for v in venues), default=0)
    left, cell_w, cell_h, right = 200.0, 40.0, 24.0, 80.0
    top = 46.0
    width = left + ranks * cell_w + right
    height = top + len(venues) * cell_h + 10.0
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" width="{_n(width)}" {FONT} font-size="12">',
        "<title>Rank acceptability: share of samples in which each venue takes each rank</title>",
        f'<text x="{_n(left + ranks * cell_w / 2)}" y="14" text-anchor="middle" fill="#555">'
        "rank in the sample</text>",
        f'<text x="{_n(left + ranks * cell_w + 10)}" y="{_n(top - 8)}" fill="#555">'
        "mean rank</text>",
    ]
    for k in range(ranks):
        out.append(
            f'<text x="{_n(left + (k + 0.5) * cell_w)}" y="{_n(top - 8)}" '
            f'text-anchor="middle" fill="#555">{k + 1}</text>'
        )
    for i, v in enumerate(venues):
        y = top + i * cell_h
        name = str(v["name"])
        det = v.get("deterministic_rank")
        label = f"{det}. {_label(name)}" if det is not None else _label(name)
        out.append(
            f'<text x="{_n(left - 8)}" y="{_n(y + cell_h / 2 + 4)}" text-anchor="end">'
            f"{escape(label)}</text>"
        )
        for k, share in enumerate(v["acceptability"]):
            s = float(share)
            ctip = f"{name}: rank {k + 1} in {pct(s)} of samples"
            x = left + k * cell_w
            out.append(
                f'<rect x="{_n(x)}" y="{_n(y)}" width="{_n(cell_w)}" height="{_n(cell_h)}" '
                f'fill="{_shade(s)}" stroke="#ffffff" stroke-width="1">'
                f"<title>{escape(ctip)}</title></rect>"
            )
            if s >= HEAT_LABEL_MIN:
                colour = "#ffffff" if s >= 0.45 else "#1a1a1a"
                out.append(
                    f'<text x="{_n(x + cell_w / 2)}" y="{_n(y + cell_h / 2 + 4)}" '
                    f'text-anchor="middle" fill="{colour}" font-size="11">{pct(s)}</text>'
                )
        exp = v.get("expected_rank")
        if exp is not None:
            out.append(
                f'<text x="{_n(left + ranks * cell_w + 10)}" y="{_n(y + cell_h / 2 + 4)}" '
                f'fill="#333">{float(exp):.2f}</text>'
            )
    out.append(
        f'<rect x="{_n(left)}" y="{_n(top)}" width="{_n(ranks * cell_w)}" '
        f'height="{_n(len(venues) * cell_h)}" fill="none" stroke="#bbbbbb"/>'
    )
    out.append("</svg>")
    return "\n".join(out)
