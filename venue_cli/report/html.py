"""The report as one self-contained HTML file.

Works offline: the style sheet is inline, the charts are inline SVG drawn by
`venue_cli.report.charts`, and there is no script, font, image or style sheet from anywhere
else. The only URLs are plain links to the cited sources (http and https only). Every
dataset string goes through `html.escape`.

It reads on a phone and fills a desktop: the page never scrolls sideways (a table wider
than the screen scrolls inside its own box, and the timeline becomes a list of cards below
720 px), and the charts take the whole width with their text at its size in pixels, in a
wide layout or, below 720 px, a narrow one (see `charts`).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence, Set
from typing import TYPE_CHECKING, Any

from venue_cli.report import charts
from venue_cli.report.common import (
    CHART_MAX_VENUES,
    SCORE_HEAD,
    SCORE_NOTE,
    contributions,
    explained_note,
    f2,
    f3,
    link_label,
    meta_items,
    num,
    party_names,
    pct,
    principals,
    safe_url,
    score_cells,
    sentence,
    split_links,
    stability_range,
    stance_terms,
    summary_rows,
    takeover,
    title,
    venue_names,
    vetoed_by,
)

if TYPE_CHECKING:
    from venue_cli.report import ReportData

NARROW = 719  # px: at this viewport width and below, the narrow layouts apply

CSS = f"""
:root {{ color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #d9d9de;
  --soft: #f5f5f7; --veto: #b2182b; --ok: #1a7f37; --warn: #9a6700; }}
* {{ box-sizing: border-box; }}
html {{ -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }}
body {{ margin: 0 auto; max-width: 1280px; padding: 1.5rem 1.25rem 3rem; color: var(--ink);
  background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial,
  sans-serif; overflow-wrap: break-word; }}
h1 {{ font-size: 1.7rem; margin: 0 0 .5rem; line-height: 1.2; }}
h2 {{ font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--ink); }}
h3 {{ font-size: 1.12rem; margin: 2rem 0 .4rem; }}
h4 {{ font-size: .95rem; margin: 1rem 0 .35rem; text-transform: uppercase;
  letter-spacing: .03em; color: var(--muted); }}
a {{ color: #0b57d0; overflow-wrap: anywhere; }}
p {{ margin: .4rem 0; }}
p, ul.plain, ol.sources, dl.meta, .notice, blockquote {{ max-width: 60rem; }}
small, .muted {{ color: var(--muted); }}
dl.meta {{ display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .1rem 1rem;
  margin: .5rem 0; }}
dl.meta dt {{ font-weight: 600; }}
dl.meta dd {{ margin: 0; min-width: 0; overflow-wrap: anywhere; }}
.notice {{ border: 1px solid var(--warn); border-left-width: 6px; background: #fff8e5;
  padding: .5rem .75rem; margin: .75rem 0; border-radius: 4px; }}
.conditional {{ font-style: italic; }}
nav.toc {{ background: var(--soft); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }}
nav.toc ol {{ margin: .25rem 0; padding-left: 1.25rem; columns: 2; }}
.table-wrap {{ overflow-x: auto; margin: .5rem 0 1rem; max-width: 100%; }}
.table-wrap > table {{ margin: 0; }}
table {{ border-collapse: collapse; width: 100%; font-size: .9rem; }}
th, td {{ border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }}
thead th {{ border-bottom: 2px solid var(--ink); background: var(--soft); }}
th small {{ font-weight: 400; }}
.sub {{ display: block; }}
td.num, th.num {{ text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }}
tr.vetoed td {{ background: #fdf0f1; }}
tr.total td, tr.total th {{ font-weight: 600; border-top: 2px solid var(--ink); }}
table.ranking {{ min-width: 46rem; }}
table.criteria {{ min-width: 34rem; }}
table.criteria tbody th {{ position: sticky; left: 0; background: #fff; }}
table.evidence {{ min-width: 40rem; }}
table.stability {{ min-width: 52rem; }}
table.cases {{ min-width: 38rem; }}
table.timeline {{ min-width: 50rem; }}
table.compact {{ width: auto; }}
table.compact td, table.compact th {{ padding-right: 1.25rem; }}
td.date, .date {{ white-space: nowrap; font-variant-numeric: tabular-nums; }}
.tag {{ display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .78rem;
  font-weight: 600; white-space: nowrap; }}
.tag.veto {{ background: var(--veto); color: #fff; }}
.tag.weak {{ background: var(--line); color: var(--ink); }}
.tag.assumed {{ background: #fff4d6; color: var(--warn); border: 1px solid var(--warn); }}
.stance-rejects {{ color: var(--veto); font-weight: 600; }}
.stance-reluctant {{ color: var(--warn); font-weight: 600; }}
.stance-accepts, .stance-proposes {{ color: var(--ok); font-weight: 600; }}
.stance-open {{ font-weight: 600; }}
blockquote {{ margin: .2rem 0; padding: .1rem .75rem; border-left: 3px solid var(--line);
  font-style: italic; }}
.cell-rule {{ display: block; font-size: .78rem; color: var(--muted); }}
.cell-rule.rule {{ text-align: left; white-space: normal; min-width: 10rem; }}
table caption {{ caption-side: bottom; text-align: left; color: var(--muted);
  font-size: .8rem; padding-top: .25rem; }}
.figure {{ margin: .5rem 0 1rem; }}
svg.chart {{ display: block; width: 100%; }}
svg.chart.narrow {{ display: none; }}
ul.legend {{ list-style: none; padding: 0; margin: 0 0 .5rem; display: flex; flex-wrap: wrap;
  gap: .2rem 1.1rem; font-size: .85rem; }}
ul.legend li {{ display: inline-flex; align-items: center; gap: .35rem; }}
.swatch {{ display: inline-block; width: 14px; height: 12px; }}
.swatch.thin {{ height: 6px; }}
.swatch.hatched {{ border: 1px solid var(--veto); background: repeating-linear-gradient(
  45deg, #fbe3e6 0 2px, var(--veto) 2px 4px); }}
.headline {{ font-size: 1.1rem; font-weight: 600; }}
.range {{ position: relative; display: inline-block; width: 8rem; height: 10px;
  background: var(--soft); border: 1px solid var(--line); vertical-align: middle; }}
.range span {{ position: absolute; top: 0; bottom: 0; background: #6baed6; }}
.range i {{ position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--ink); }}
.history-grid {{ display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  gap: 0 2rem; align-items: start; }}
article.venue {{ border-top: 1px solid var(--line); }}
ul.plain {{ padding-left: 1.1rem; }}
ul.plain > li {{ margin-bottom: .5rem; }}
details summary {{ cursor: pointer; color: var(--muted); }}
footer {{ margin-top: 3rem; font-size: .85rem; color: var(--muted);
  border-top: 1px solid var(--line); padding-top: .5rem; }}
@media (max-width: {NARROW}px) {{
  body {{ padding: 1rem .75rem 2rem; }}
  h1 {{ font-size: 1.4rem; }}
  nav.toc ol {{ columns: 1; }}
  svg.chart.wide {{ display: none; }}
  svg.chart.narrow {{ display: block; }}
  .history-grid {{ grid-template-columns: minmax(0, 1fr); }}
  th, td {{ padding: .3rem .4rem; }}
  table.compact td, table.compact th {{ padding-right: .75rem; }}
  table.stack {{ min-width: 0; }}
  table.stack, table.stack tbody, table.stack caption {{ display: block; }}
  table.stack thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip-path: inset(50%); white-space: nowrap; }}
  table.stack tr {{ display: flex; flex-wrap: wrap; align-items: baseline; gap: .1rem .8rem;
    padding: .4rem 0; border-bottom: 1px solid var(--line); }}
  table.stack tr.total {{ border-top: 2px solid var(--ink); }}
  table.stack td, table.stack th {{ display: block; border: 0; padding: 0; text-align: left; }}
  table.stack .full {{ flex-basis: 100%; }}
  table.stack .sub {{ display: inline; }}
  table.stack td[data-label]:not(:empty)::before {{ content: attr(data-label) " ";
    color: var(--muted); font-size: .8rem; font-weight: 400; }}
}}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 10.5pt; }}
  nav.toc {{ display: none; }}
  svg.chart.wide {{ display: block; }}
  svg.chart.narrow {{ display: none; }}
  .table-wrap {{ overflow: visible; }}
  a {{ color: inherit; text-decoration: none; }}
  ol.sources a[href]::after {{ content: " <" attr(href) ">"; font-size: .8em;
    overflow-wrap: anywhere; }}
  h2, h3, h4 {{ break-after: avoid; }}
  .figure, table.criteria, tr {{ break-inside: avoid; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
}}
"""


NUM = ' class="num"'
DATE = ' class="date"'
FULL = ' class="full"'


def e(value: object) -> str:
    """Escape any value for HTML text or a quoted attribute."""
    return html.escape("" if value is None else str(value), quote=True)


def linked(text: object) -> str:
    """Escape text, turning the http(s) URLs in it into plain links."""
    out = []
    for piece, is_url in split_links("" if text is None else str(text)):
        if is_url:
            url = e(piece)
            out.append(f'<a href="{url}" title="{url}" rel="noreferrer">{e(link_label(piece))}</a>')
        else:
            out.append(e(piece))
    return "".join(out)


def _stance_span(stance: object, text: str | None = None) -> str:
    cls = f"stance-{stance}" if stance else ""
    return f'<span class="{e(cls)}">{e(text if text is not None else stance or "—")}</span>'


def _table(
    head: Sequence[str],
    rows: Iterable[str],
    cls: str = "",
    num: Sequence[int] = (),
    caption: str = "",
) -> str:
    """A table in its own scroll box (`.table-wrap`): on a narrow screen it scrolls sideways
    inside the box, never the page. `head` cells and `rows` are HTML already."""
    cells = "".join(
        f'<th scope="col"{NUM if i in num else ""}>{h}</th>' for i, h in enumerate(head)
    )
    klass = f' class="{cls}"' if cls else ""
    cap = f"<caption>{caption}</caption>" if caption else ""
    return (
        f'<div class="table-wrap"><table{klass}>{cap}<thead><tr>{cells}</tr></thead><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table></div>"
    )


def _figure(*svgs: str, before: str = "") -> str:
    return f'<div class="figure">{before}{"".join(svgs)}</div>'


def _probability(p: Any) -> str:
    return pct(float(p or 0.0))


# --------------------------------------------------------------------------- sections


def _header(
    rank: Mapping[str, Any], sections: list[tuple[str, str]], warnings: Sequence[str]
) -> str:
    meta = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in meta_items(rank))
    parts = [f"<header><h1>{e(title(rank))}</h1>"]
    for w in warnings:
        parts.append(
            f'<p class="notice" role="note"><strong>Warning:</strong> {e(sentence(w))}</p>'
        )
    parts.append(f'<dl class="meta">{meta}</dl>')
    assumptions = list(rank.get("assumptions") or [])
    if assumptions:
        items = "".join(f"<li>{e(a)}</li>" for a in assumptions)
        parts.append(
            f'<p><strong>Active what-if assumptions:</strong></p><ul class="plain">{items}</ul>'
        )
    else:
        parts.append('<p class="muted">No what-if assumptions: recorded data only.</p>')
    parts.append("</header>")
    toc = "".join(f'<li><a href="#{e(i)}">{e(t)}</a></li>' for i, t in sections)
    parts.append(
        f'<nav class="toc" aria-label="Contents"><strong>Contents</strong><ol>{toc}</ol></nav>'
    )
    return "\n".join(parts)


def _preconditions(pre: Sequence[Mapping[str, Any]], parties: Mapping[str, str]) -> str:
    if not pre:
        return ""
    items = []
    for p in pre:
        who = parties.get(str(p.get("party")), str(p.get("party") or ""))
        srcs = _sources_list(p.get("sources") or [])
        items.append(
            f'<li><strong>{e(who)}</strong>, <span class="date">{e(p.get("date"))}</span>: '
            f"{e(p.get('text'))}{srcs}</li>"
        )
    return (
        "<h3>Preconditions</h3>"
        '<p class="muted">What a party requires before any meeting at all, as of the date. '
        "They bear on whether a meeting takes place, which the scores do not measure.</p>"
        f'<ul class="plain">{"".join(items)}</ul>'
    )


def _code_spans(text: str) -> str:
    """`text` escaped, with its `backquoted` spans (a command) as code."""
    import re

    return re.sub(r"`([^`]+)`", r"<code>\1</code>", e(text))


def _venue_link(v: Mapping[str, Any], explained: Set[str]) -> str:
    name = f"<strong>{e(v['name'])}</strong>"
    return f'<a href="#venue-{e(v["id"])}">{name}</a>' if str(v["id"]) in explained else name


def _ranking(
    rank: Mapping[str, Any],
    pre: Sequence[Mapping[str, Any]],
    who: Mapping[str, str],
    explained: Set[str],
) -> str:
    """The ranking table; a venue's name links to its explanation where it has one."""
    parties = principals(rank)
    head = ["#", "Venue", "Joint score", "Probability"]
    head += [f"{e(p['name'])} <small>(weight {e(f2(float(p['weight'])))})</small>" for p in parties]
    head.append("Main obstacle")
    rows = []
    for v in rank.get("venues", []):
        feasible = bool(v.get("feasible", True))
        veto = ""
        if not feasible:
            veto = f' <span class="tag veto">VETOED by {e(vetoed_by(v))}</span>'
        cells = [
            f'<td class="num">{e(v["rank"])}</td>',
            f"<td>{_venue_link(v, explained)}{veto}"
            f"<br><small>{e(v.get('city'))}, {e(v.get('country_name'))}</small></td>",
            f'<td class="num">{e(f3(float(v["joint_score"])))}</td>',
            f'<td class="num">{e(_probability(v.get("probability")))}</td>',
        ]
        for p in v.get("parties", []):
            stance = p.get("stance")
            mark = "*" if stance and p.get("stance_discounted") else ""
            word = f"{stance}{mark}" if stance else "no statement"
            if stance and p.get("stance_faded"):
                word = f"({word})"
            date = (
                f' <small class="date">{e(p["stance_date"])}</small>'
                if p.get("stance_date")
                else ""
            )
            cells.append(
                f"<td><strong>{e(f2(float(p['utility'])))}</strong><br>"
                f"{_stance_span(stance, word)}{date}</td>"
            )
        cells.append(f"<td>{e(v.get('main_obstacle'))}</td>")
        cls = ' class="vetoed"' if not feasible else ""
        rows.append(f"<tr{cls}>{''.join(cells)}</tr>")
    note = (
        '<p class="muted">Joint score and utilities run from 0 to 1. Probability: of being the '
        "venue chosen. Each party's cell shows its utility and its latest stance as of the "
        "date (* = a statement about another kind of meeting, discounted).</p>"
    )
    shown = len(rank.get("venues", []))
    more = (
        f'<p class="muted">The chart shows the first {CHART_MAX_VENUES} of {shown} venues; '
        "the table lists every one.</p>"
        if shown > CHART_MAX_VENUES
        else ""
    )
    figure = _figure(
        *(charts.score_bars(rank, layout) for layout in charts.LAYOUTS),
        before=charts.score_legend(rank),
    )
    conditional = sentence(rank.get("conditional"))
    return "\n".join(
        [
            '<section id="ranking"><h2>Ranking</h2>',
            f'<p class="conditional">{e(conditional)}</p>' if conditional else "",
            figure,
            more,
            _table(head, rows, "ranking", num=(0, 2, 3)),
            note,
            _preconditions(pre, who),
            "</section>",
        ]
    )


def _sources_list(cites: Sequence[object]) -> str:
    if not cites:
        return ""
    return " <small>Sources: " + "; ".join(linked(c) for c in cites) + "</small>"


def _statement(st: Mapping[str, Any]) -> str:
    who = e(st.get("speaker") or st.get("party_name") or st.get("party"))
    bits = [f"{who}, {e(st.get('date'))}"]
    flags = [str(st[k]).replace("_", " ") for k in ("attribution", "confidence") if st.get(k)]
    if flags:
        bits.append(
            f"<small>({e(', '.join(flags))} confidence)</small>"
            if len(flags) == 2
            else f"<small>({e(flags[0])})</small>"
        )
    if st.get("assumed"):
        bits.append('<span class="tag assumed">what-if assumption</span>')
    out = [" ".join(bits), f"<blockquote>“{e(st.get('quote'))}”</blockquote>"]
    if st.get("context"):
        out.append(f"<small>Context: {e(st['context'])}.</small>")
    if st.get("note"):
        out.append(f"<small>Note: {e(st['note'])}</small>")
    out.append(_sources_list(st.get("sources") or []))
    return " ".join(out)


def _evidence_table(p: Mapping[str, Any], stance_shown: float) -> str:
    """The terms of a party's stance: each piece of evidence, then the neutral prior; they
    add up to the stance term of the criteria table. Below 720 px, a row wraps as a card."""

    def numbers(value: float, weight: float, shown: float) -> str:
        return (
            f'<td class="num" data-label="value">{e(num(value, 3))}</td>'
            f'<td class="num" data-label="× weight">{e(num(weight, 3))}</td>'
            f'<td class="num" data-label="=">{e(num(shown, 3))}</td>'
        )

    rows = []
    for t in stance_terms(p, stance_shown):
        r = t.row
        if r is None:
            what = (
                '<td colspan="4" class="full">neutral prior <small>(the weight the evidence '
                "leaves, at the neutral score)</small></td>"
            )
        else:
            said = ""
            if r.get("quote"):
                who = f"{e(r['speaker'])}: " if r.get("speaker") else ""
                said = f"<br><small>{who}“{e(r['quote'])}”</small>"
            conds = list(r.get("conditions") or [])
            if conds:
                said += f"<br><small><strong>Conditions:</strong> {e('; '.join(conds))}</small>"
            what = (
                f'<td class="full">{e(t.label)}{said}</td>'
                f'<td class="date">{e(r.get("date"))}</td>'
                f"<td>{_stance_span(r.get('stance'))}</td><td>{e(r.get('meeting'))}</td>"
            )
        rows.append(f"<tr>{what}{numbers(t.value, t.weight, t.shown)}</tr>")
    score, share = float(p.get("stance_score", 0.0)), float(p.get("stance_share", 0.0))
    rows.append(
        f'<tr class="total"><td colspan="4">Stance term</td>{numbers(score, share, stance_shown)}'
        "</tr>"
    )
    lapsed = list(p.get("lapsed") or [])
    caption = (
        "Contribution = value × weight; each weight is the piece's share of the stance. "
        "Statements about another kind of meeting, older ones and weaker sources weigh less."
    )
    if lapsed:
        caption += f" Lapsed, not counted: {e(', '.join(map(str, lapsed)))}."
    head = ["Evidence", "Date", "Stance", "About", "Value", "Weight", "Contribution"]
    return _table(head, rows, "evidence stack", num=(4, 5, 6), caption=caption)


def _criteria_table(ex: Mapping[str, Any]) -> str:
    c = contributions(ex)
    if not c.parties:
        return ""

    def cell(shown: float, value: float, weight: float, extra: str = "") -> str:
        return (
            f'<td class="num">{e(num(shown, 3))}<span class="cell-rule">'
            f"{e(num(value, 2))} × {e(num(weight, 3))}</span>{extra}</td>"
        )

    head = ["Term"] + [e(p["name"]) for p in c.parties]
    stance_cells = [
        cell(nums[0], float(p.get("stance_score", 0.0)), c.share)
        for p, nums in zip(c.parties, c.shown, strict=True)
    ]
    body = [f'<tr><th scope="row">Stance</th>{"".join(stance_cells)}</tr>']
    for ci, key in enumerate(c.order):
        cells = []
        for rows, nums in zip(c.rows, c.shown, strict=True):
            r = rows.get(key)
            if r is None:
                cells.append('<td class="num">—</td>')
                continue
            judged = " (judged)" if r.get("judged") else ""
            weight = float(r.get("effective_weight", r["weight"]))
            rule = f'<span class="cell-rule rule">{e(r.get("rule"))}{e(judged)}</span>'
            cells.append(cell(nums[ci + 1], float(r["value"]), weight, rule))
        body.append(f'<tr><th scope="row">{e(c.labels.get(key, key))}</th>{"".join(cells)}</tr>')
    if c.momentum:
        cells = [
            cell(nums[-1], float(p.get("momentum_value", 0.0)), float(p["momentum_weight"]))
            for p, nums in zip(c.parties, c.shown, strict=True)
        ]
        body.append(f'<tr><th scope="row">Momentum</th>{"".join(cells)}</tr>')
    totals = "".join(f'<td class="num">{e(num(t, 3))}</td>' for t in c.totals)
    body.append(f'<tr class="total"><th scope="row">Utility</th>{totals}</tr>')
    caption = (
        "Each cell is a term of the party's utility: value × weight (a party's weights add up "
        "to 1), rounded so that each column adds up."
    )
    return _table(head, body, "criteria", num=tuple(range(1, len(head))), caption=caption)


def _explain(ex: Mapping[str, Any]) -> str:
    v = ex.get("venue", {})
    vid = str(v.get("id", ""))
    feasible = bool(ex.get("feasible", True))
    c = contributions(ex)
    stance_shown = {str(p["id"]): nums[0] for p, nums in zip(c.parties, c.shown, strict=True)}
    out = [f'<article class="venue" id="venue-{e(vid)}">']
    veto = "" if feasible else ' <span class="tag veto">VETOED</span>'
    out.append(f"<h3>{e(ex.get('rank'))}. {e(v.get('name'))}{veto}</h3>")
    out.append(
        f"<p>{e(v.get('city'))}, {e(v.get('country_name'))} ({e(v.get('country'))}) · "
        f"rank {e(ex.get('rank'))} of {e(ex.get('of'))} · joint score "
        f"<strong>{e(f3(float(ex.get('joint_score', 0.0))))}</strong> · probability of being "
        f"chosen <strong>{e(_probability(ex.get('probability')))}</strong> "
        "<small>(if a meeting takes place)</small></p>"
    )
    if v.get("note"):
        out.append(f'<p class="muted">{e(v["note"])}</p>')
    vetoes = list(ex.get("vetoes") or [])
    if vetoes:
        out.append('<h4>Vetoes</h4><ul class="plain">')
        for x in vetoes:
            st = x.get("statement") or {}
            out.append(
                f"<li><strong>{e(st.get('party_name') or x.get('party'))}</strong> "
                f"rejects it: {_statement(st)}</li>"
            )
        out.append("</ul>")
    out.append('<h4>Stances and their evidence</h4><ul class="plain">')
    for p in ex.get("parties", []):
        head = (
            f"<strong>{e(p['name'])}</strong> <small>(weight {e(f2(float(p['weight'])))}, "
            f"utility {e(f3(float(p['utility'])))})</small>: "
        )
        st = p.get("statement")
        if not st:
            line = f"{head}{_stance_span(None, 'no statement')} as of the date."
        else:
            disc = (
                " <small>(about another kind of meeting: discounted)</small>"
                if p.get("stance_discounted")
                else ""
            )
            if p.get("stance_faded"):
                disc += " <small>(faded: it barely counts)</small>"
            line = f"{head}{_stance_span(p.get('stance'))}{disc} — {_statement(st)}"
        table = _evidence_table(p, stance_shown.get(str(p["id"]), 0.0))
        out.append(f"<li>{line}{table}</li>")
    out.append("</ul>")
    m = ex.get("momentum") or {}
    weights = {float(p.get("momentum_weight", 0.0)) for p in ex.get("parties", [])}
    if m:
        w = (
            f" It enters each party's utility with weight {e(num(max(weights), 3))}."
            if any(weights)
            else ""
        )
        out.append(
            f"<h4>Momentum</h4><p><strong>{e(num(float(m.get('value', 0.0)), 3))}</strong>: "
            f"{e(m.get('rule'))}.{w}</p>"
        )
    out.append("<h4>Utility terms</h4>")
    out.append(_criteria_table(ex))
    out.append("<h4>Obstacles</h4>")
    obstacles = list(ex.get("obstacles") or [])
    if obstacles:
        out.append('<ul class="plain">')
        for o in obstacles:
            loss = (
                f" <small>(costs {e(f3(float(o['loss'])))} utility)</small>"
                if o.get("loss")
                else ""
            )
            remedy = f"<br>Remedy: {e(o['remedy'])}" if o.get("remedy") else ""
            out.append(f"<li>{e(o.get('description'))}{loss}{remedy}</li>")
        out.append("</ul>")
    else:
        out.append('<p class="muted">No obstacle recorded.</p>')
    out.append("</article>")
    return "\n".join(out)


def _sensitivity(
    sens: Mapping[str, Any] | None, names: Mapping[str, str], labels: Mapping[str, str]
) -> str:
    out = ['<section id="sensitivity"><h2>Sensitivity</h2>']
    if sens is None:
        out.append(
            '<p class="muted">Not computed for this report (the sensitivity analysis needs '
            "numpy: <code>pip install 'venues[analysis]'</code>).</p></section>"
        )
        return "\n".join(out)
    out.append(f'<p class="headline">{e(sens.get("headline"))}</p>')
    samples = f"{int(sens.get('samples', 0)):,}"
    out.append(
        f'<p class="muted">{e(samples)} Monte Carlo samples, seed '
        f"{e(sens.get('seed'))}, weight concentration {e(sens.get('concentration'))}, "
        f"{e(sens.get('uncertain_stances'))} uncertain stances varied.</p>"
    )
    out.append("<h3>Rank acceptability</h3>")
    out.append(
        '<p class="muted">Share of samples in which each venue takes each rank '
        "(values printed from 5%).</p>"
    )
    out.append(_figure(*(charts.heat_map(sens, layout) for layout in charts.LAYOUTS)))
    rows = []
    for v in sens.get("venues", []):
        shares = list(v.get("acceptability") or [0.0])
        rows.append(
            f'<tr><td class="num">{e(v.get("deterministic_rank"))}</td><td>{e(v["name"])}</td>'
            f'<td class="num">{e(num(float(v["expected_rank"]), 2))}</td>'
            f'<td class="num">{e(pct(float(shares[0])))}</td>'
            f'<td class="num">{e(pct(float(v.get("feasible_share", 1.0))))}</td></tr>'
        )
    head = ["Rank", "Venue", "Mean rank", "First in", "Feasible in"]
    out.append(_table(head, rows, "compact", num=(0, 2, 3, 4)))
    stab = list(sens.get("stability") or [])
    if stab:
        out.append("<h3>Stability intervals</h3>")
        out.append(
            '<p class="muted">Over each range of one party\'s weight on one criterion (the '
            "other weights rescaled in proportion), the venue now first stays first. The bar "
            "spans 0–1; the tick marks the current weight.</p>"
        )
        rows = []
        for s in stab:
            lo, hi, w = float(s["low"]), float(s["high"]), float(s["weight"])
            bar = (
                f'<span class="range" aria-hidden="true"><span style="left:{lo * 100:.1f}%;'
                f'width:{max(hi - lo, 0.0) * 100:.1f}%"></span>'
                f'<i style="left:calc({w * 100:.1f}% - 1px)"></i></span>'
            )
            crit = labels.get(str(s["criterion"]), str(s["criterion"]))
            rows.append(
                f"<tr><td><strong>{e(s.get('party_name') or s.get('party'))}</strong></td>"
                f"<td>{e(crit)}</td>"
                f'<td class="num" data-label="weight">{e(f2(w))}</td>'
                f'<td class="num" data-label="stays first over">{e(stability_range(s))}</td>'
                f"<td>{bar}</td><td>{e(takeover(s, names))}</td></tr>"
            )
        out.append(
            _table(
                ["Party", "Criterion", "Weight", "Stays first over", "", "Then first"],
                rows,
                "stability stack",
                num=(2, 3),
            )
        )
    out.append("</section>")
    return "\n".join(out)


def _history(bt: Mapping[str, Any]) -> str:
    """How the model has done on history: the backtest's summary, its reliability diagram
    and its cases."""
    summary = bt.get("summary") or {}
    cases = list(bt.get("cases") or [])
    out = ['<section id="history"><h2>How the model has done on history</h2>']
    out.append(
        f"<p>Each of {len(cases)} historical cases scored as of the day before its decision, "
        "from the records public then; the scorer never reads the outcome. Method "
        f"{e(bt.get('method'))}. {e(sentence(bt.get('conditional')))}</p>"
    )
    single = list(summary.get("single_venue") or [])
    if single:
        out.append(
            f'<p class="muted">Not counted (a single venue says nothing): '
            f"{e(', '.join(map(str, single)))}.</p>"
        )
    rows = [
        f'<tr><th scope="row" class="full">{e(label)} <small class="sub">{e(what)}</small></th>'
        + "".join(
            f'<td class="num" data-label="{e(h.lower())}">{e(c)}</td>'
            for h, c in zip(SCORE_HEAD, score_cells(s), strict=True)
        )
        + "</tr>"
        for label, what, s in summary_rows(summary)
    ]
    left = (
        "<div><h3>Summary</h3>"
        + _table(["", *SCORE_HEAD], rows, "summary stack", num=tuple(range(1, 7)))
        + f'<p class="muted">{e(SCORE_NOTE)}</p></div>'
    )
    bins = list(bt.get("reliability") or [])
    brows = [
        f'<tr><td class="num">{e(pct(float(b["low"])))}–{e(pct(float(b["high"])))}</td>'
        f'<td class="num">{e(b["venues"])}</td>'
        f'<td class="num">{e(pct(float(b["mean_probability"])) if b["venues"] else "—")}</td>'
        f'<td class="num">{e(pct(float(b["chosen_share"])) if b["venues"] else "—")}</td></tr>'
        for b in bins
    ]
    right = (
        "<div><h3>Reliability</h3>"
        + _figure(charts.reliability(bins))
        + '<p class="muted">Every venue of every counted case, binned by the probability the '
        "model gave it: across, the mean probability in the bin; up, how often those venues "
        "were the one chosen; n, how many venues the bin holds. A perfectly calibrated model "
        "lies on the dashed diagonal.</p>"
        + "<details><summary>The numbers</summary>"
        + _table(
            ["Predicted", "Venues", "Mean predicted", "Chosen"], brows, "compact", num=(0, 1, 2, 3)
        )
        + "</details></div>"
    )
    out.append(f'<div class="history-grid">{left}{right}</div>')
    crows = []
    for c in cases:
        vetoed = "" if c.get("chosen_feasible", True) else ' <span class="tag veto">vetoed</span>'
        tie = (
            f" <small>(tied with {int(c['tied_with']) - 1})</small>"
            if c.get("tied_with", 1) > 1
            else ""
        )
        crows.append(
            f"<tr><td>{e(c.get('title'))}<br><small>{e(c.get('case'))}</small></td>"
            f'<td class="date">{e(c.get("decision_date"))}</td>'
            f"<td>{e(c.get('chosen_name'))}{vetoed}</td>"
            f'<td class="num">{e(c.get("rank"))} of {e(c.get("venues"))}{tie}</td>'
            f'<td class="num">{e(_probability(c.get("chosen_probability")))}</td>'
            f"<td>{e(c.get('model_first_name'))}</td></tr>"
        )
    out.append("<h3>Cases</h3>")
    out.append(
        _table(
            ["Case", "Decided", "Venue chosen", "Its rank", "Its probability", "Model's first"],
            crows,
            "cases",
            num=(3, 4),
        )
    )
    out.append("</section>")
    return "\n".join(out)


def _timeline(tl: Mapping[str, Any]) -> str:
    entries = list(tl.get("entries") or [])
    out = ['<section id="timeline"><h2>Timeline</h2>']
    out.append('<p class="muted">Statements and events up to the as-of date.</p>')
    labels = ["Date", "Party", "Speaker", "Venue", "Stance", "Quote / summary", "Source"]
    rows = []
    for x in entries:
        is_event = x.get("kind") == "event"
        text = e(x.get("text")) if is_event else f"“{e(x.get('text'))}”"
        kind = f' <small class="sub">{e(x.get("meeting"))}</small>' if x.get("meeting") else ""
        cells = [
            e(x.get("date")),
            e(x.get("party")),
            e(x.get("speaker") or ("event" if is_event else "")),
            e(", ".join(map(str, x.get("venues") or []))),
            f"{_stance_span(x.get('stance'))}{kind}",
            text,
            f"<small>{linked(x.get('source'))}</small>" if x.get("source") else "",
        ]
        classes = [DATE, "", "", "", "", FULL, FULL]
        tds = "".join(f"<td{c}>{cell}</td>" for c, cell in zip(classes, cells, strict=True))
        rows.append(f"<tr>{tds}</tr>")
    out.append(_table(labels, rows, "timeline stack"))
    out.append("</section>")
    return "\n".join(out)


def _sources(sources: Sequence[Mapping[str, Any]]) -> str:
    out = ['<section id="sources"><h2>Sources</h2><ol class="sources">']
    for s in sources:
        outlet = e(s.get("outlet")) + (f" ({e(s['via'])})" if s.get("via") else "")
        weak = (
            ' <span class="tag weak">weak source</span>' if s.get("reliability") == "weak" else ""
        )
        label = e(s.get("title") or s.get("url") or s.get("id"))
        url = safe_url(s.get("url"))
        if url:
            link = f'<a href="{e(url)}" rel="noreferrer">{label}</a>'
        else:
            link = label + (f" <small>{e(s['url'])}</small>" if s.get("url") else "")
        cited = list(s.get("cited_by") or [])
        by = (
            f"<br><small>Cited by ({len(cited)}): {e(', '.join(map(str, cited)))}</small>"
            if cited
            else "<br><small>Not cited by any record.</small>"
        )
        out.append(
            f'<li id="src-{e(s.get("id"))}">{e(s.get("date") or "n.d.")} — {outlet}{weak}: '
            f"{link}{by}</li>"
        )
    out.append("</ol></section>")
    return "\n".join(out)


def render(data: ReportData) -> str:
    rank = data.rank
    names = venue_names(rank, (data.sensitivity or {}).get("venues", []))
    labels = {
        str(r["criterion"]): str(r.get("label", r["criterion"]))
        for ex in data.explains
        for p in ex.get("parties", [])
        for r in p.get("criteria", [])
    }
    pre = list((data.explains[0] if data.explains else {}).get("preconditions") or [])
    parties = party_names(rank, data.explains)
    sections = [
        ("ranking", "Ranking"),
        ("venues", "Venues explained"),
        ("sensitivity", "Sensitivity"),
    ]
    if data.backtest is not None:
        sections.append(("history", "How the model has done on history"))
    if data.timeline is not None:
        sections.append(("timeline", "Timeline"))
    if data.sources:
        sections.append(("sources", "Sources"))
    explained = {str(ex.get("venue", {}).get("id")) for ex in data.explains}
    body = [
        _header(rank, sections, data.warnings),
        "<main>",
        _ranking(rank, pre, parties, explained),
    ]
    body.append('<section id="venues"><h2>Venues explained</h2>')
    note = explained_note(rank, data.explains)
    if note:
        body.append(f'<p class="muted">{_code_spans(note)}</p>')
    body += [_explain(ex) for ex in data.explains]
    body.append("</section>")
    body.append(_sensitivity(data.sensitivity, names, labels))
    if data.backtest is not None:
        body.append(_history(data.backtest))
    if data.timeline is not None:
        body.append(_timeline(data.timeline))
    if data.sources:
        body.append(_sources(data.sources))
    body.append("</main>")
    body.append(
        f"<footer>{e(title(rank))} · as of {e(rank.get('as_of'))} · method "
        f"{e(rank.get('method'))} · made with venues. Self-contained file: no scripts, no "
        "external resources.</footer>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="venues">\n<title>{e(title(rank))} (as of '
        f"{e(rank.get('as_of'))})</title>\n<style>{CSS}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
