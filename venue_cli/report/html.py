"""The report as one self-contained HTML file.

Works offline: the style sheet is inline, the charts are inline SVG drawn by
`venue_cli.report.charts`, and there is no script, font, image or style sheet from anywhere
else. The only URLs are plain links to the cited sources (http and https only). Every
dataset string goes through `html.escape`.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from venue_cli.report import charts
from venue_cli.report.common import (
    contributions,
    f2,
    f3,
    is_later,
    link_label,
    meta_items,
    pct,
    principals,
    safe_url,
    split_links,
    stability_range,
    takeover,
    title,
    venue_names,
)

if TYPE_CHECKING:
    from venue_cli.report import ReportData

CSS = """
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5f6368; --line: #d9d9de;
  --soft: #f5f5f7; --veto: #b2182b; --ok: #1a7f37; --warn: #9a6700; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0 auto; max-width: 1100px; padding: 1.5rem 1.25rem 3rem; color: var(--ink);
  background: #fff; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial,
  sans-serif; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; line-height: 1.2; }
h2 { font-size: 1.35rem; margin: 2.5rem 0 .75rem; padding-bottom: .25rem;
  border-bottom: 2px solid var(--ink); }
h3 { font-size: 1.12rem; margin: 2rem 0 .4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .35rem; text-transform: uppercase;
  letter-spacing: .03em; color: var(--muted); }
a { color: #0b57d0; overflow-wrap: anywhere; }
p { margin: .4rem 0; }
small, .muted { color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: .5rem 0; }
dl.meta dt { font-weight: 600; }
dl.meta dd { margin: 0; }
nav.toc { background: var(--soft); border-radius: 6px; padding: .5rem 1rem; margin: 1rem 0; }
nav.toc ol { margin: .25rem 0; padding-left: 1.25rem; columns: 2; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; font-size: .9rem; }
th, td { border-bottom: 1px solid var(--line); padding: .3rem .5rem; text-align: left;
  vertical-align: top; }
thead th { border-bottom: 2px solid var(--ink); background: var(--soft); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.vetoed td { background: #fdf0f1; }
tr.later td { color: var(--muted); }
tr.total td, tr.total th { font-weight: 600; border-top: 2px solid var(--ink); }
table.compact { width: auto; }
table.compact td, table.compact th { padding-right: 1.25rem; }
td.date { white-space: nowrap; font-variant-numeric: tabular-nums; }
.tag { display: inline-block; padding: 0 .4rem; border-radius: 3px; font-size: .78rem;
  font-weight: 600; white-space: nowrap; }
.tag.veto { background: var(--veto); color: #fff; }
.tag.later, .tag.weak { background: var(--line); color: var(--ink); }
.tag.assumed { background: #fff4d6; color: var(--warn); border: 1px solid var(--warn); }
.stance-rejects { color: var(--veto); font-weight: 600; }
.stance-reluctant { color: var(--warn); font-weight: 600; }
.stance-accepts, .stance-proposes { color: var(--ok); font-weight: 600; }
.stance-open { font-weight: 600; }
blockquote { margin: .2rem 0 .2rem 0; padding: .1rem .75rem; border-left: 3px solid var(--line);
  font-style: italic; }
.date { white-space: nowrap; }
.cell-rule { display: block; font-size: .78rem; color: var(--muted); }
.cell-rule.rule { text-align: left; white-space: normal; }
table.criteria caption { caption-side: bottom; text-align: left; color: var(--muted);
  font-size: .8rem; }
.figure { overflow-x: auto; margin: .5rem 0 1rem; }
.figure svg { max-width: 100%; height: auto; }
.headline { font-size: 1.1rem; font-weight: 600; }
.range { position: relative; display: inline-block; width: 140px; height: 10px;
  background: var(--soft); border: 1px solid var(--line); vertical-align: middle; }
.range span { position: absolute; top: 0; bottom: 0; background: #6baed6; }
.range i { position: absolute; top: -3px; bottom: -3px; width: 2px; background: var(--ink); }
article.venue { border-top: 1px solid var(--line); }
ul.plain { padding-left: 1.1rem; }
footer { margin-top: 3rem; font-size: .85rem; color: var(--muted);
  border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  nav.toc { display: none; }
  a { color: inherit; text-decoration: none; }
  ol.sources a[href]::after { content: " <" attr(href) ">"; font-size: .8em;
    overflow-wrap: anywhere; }
  h2, h3, h4 { break-after: avoid; }
  .figure, table.criteria, tr { break-inside: avoid; }
  article.venue { break-before: auto; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"""


NUM = ' class="num"'
LATER = ' class="later"'


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


def _table(head: Sequence[str], rows: Iterable[str], cls: str = "", num: Sequence[int] = ()) -> str:
    cells = "".join(
        f'<th scope="col"{NUM if i in num else ""}>{h}</th>' for i, h in enumerate(head)
    )
    klass = f' class="{cls}"' if cls else ""
    return (
        f"<table{klass}><thead><tr>{cells}</tr></thead><tbody>\n"
        + "\n".join(rows)
        + ("\n</tbody></table>")
    )


# --------------------------------------------------------------------------- sections


def _header(rank: Mapping[str, Any], sections: list[tuple[str, str]]) -> str:
    meta = "".join(f"<dt>{e(k)}</dt><dd>{e(v)}</dd>" for k, v in meta_items(rank))
    parts = [f"<header><h1>{e(title(rank))}</h1>", f'<dl class="meta">{meta}</dl>']
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


def _ranking(rank: Mapping[str, Any]) -> str:
    parties = principals(rank)
    head = ["#", "Venue", "Joint score"]
    head += [f"{e(p['name'])} <small>(weight {e(p.get('weight'))})</small>" for p in parties]
    head.append("Main obstacle")
    rows = []
    for v in rank.get("venues", []):
        feasible = bool(v.get("feasible", True))
        by_id = {str(p["id"]): str(p["name"]) for p in v.get("parties", [])}
        veto = ""
        if not feasible:
            who = ", ".join(by_id.get(str(x), str(x)) for x in v.get("vetoed_by", []))
            veto = f' <span class="tag veto">VETOED by {e(who)}</span>'
        cells = [
            f'<td class="num">{e(v["rank"])}</td>',
            f'<td><a href="#venue-{e(v["id"])}"><strong>{e(v["name"])}</strong></a>{veto}'
            f"<br><small>{e(v.get('city'))}, {e(v.get('country_name'))}</small></td>",
            f'<td class="num">{e(f3(float(v["joint_score"])))}</td>',
        ]
        for p in v.get("parties", []):
            stance = p.get("stance")
            mark = "*" if stance and p.get("stance_discounted") else ""
            date = (
                f' <small class="date">{e(p["stance_date"])}</small>'
                if p.get("stance_date")
                else ""
            )
            cells.append(
                f"<td><strong>{e(f2(float(p['utility'])))}</strong><br>"
                f"{_stance_span(stance, (stance + mark) if stance else 'no statement')}{date}</td>"
            )
        cells.append(f"<td>{e(v.get('main_obstacle'))}</td>")
        cls = ' class="vetoed"' if not feasible else ""
        rows.append(f"<tr{cls}>{''.join(cells)}</tr>")
    note = (
        '<p class="muted">Joint score and utilities run from 0 to 1. Each party\'s cell '
        "shows its utility and its latest stance as of the date (* = a statement about "
        "another kind of meeting, discounted).</p>"
    )
    return "\n".join(
        [
            '<section id="ranking"><h2>Ranking</h2>',
            f'<div class="figure">{charts.score_bars(rank)}</div>',
            _table(head, rows, "ranking", num=(0, 2)),
            note,
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


def _criteria_table(ex: Mapping[str, Any]) -> str:
    c = contributions(ex)
    if not c.parties:
        return ""
    head = ["Criterion"] + [e(p["name"]) for p in c.parties]
    body = []
    stance_cells = []
    for p, nums in zip(c.parties, c.shown, strict=True):
        stance_cells.append(
            f'<td class="num">{nums[0]:.3f}<span class="cell-rule">'
            f"{e(p.get('stance') or 'no statement')}: {float(p.get('stance_score', 0.0)):.2f}"
            f" × {c.share:.2f}</span></td>"
        )
    body.append(f'<tr><th scope="row">Stance</th>{"".join(stance_cells)}</tr>')
    for ci, key in enumerate(c.order):
        cells = []
        for rows, nums in zip(c.rows, c.shown, strict=True):
            r = rows.get(key)
            if r is None:
                cells.append('<td class="num">—</td>')
                continue
            judged = " (judged)" if r.get("judged") else ""
            cells.append(
                f'<td class="num">{nums[ci + 1]:.3f}<span class="cell-rule">'
                f"{float(r['value']):.2f} × {float(r['weight']):.2f}{e(judged)}</span>"
                f'<span class="cell-rule rule">{e(r.get("rule"))}</span></td>'
            )
        body.append(f'<tr><th scope="row">{e(c.labels.get(key, key))}</th>{"".join(cells)}</tr>')
    totals = "".join(f'<td class="num">{t:.3f}</td>' for t in c.totals)
    body.append(f'<tr class="total"><th scope="row">Utility</th>{totals}</tr>')
    caption = (
        f"<caption>Each cell is a contribution to the party's utility: stance score × stance "
        f"share ({c.share:.2f}), or criterion value × weight × (1 − {c.share:.2f}); rounded so "
        f"that each column adds up.</caption>"
    )
    table = _table(head, body, "criteria", num=tuple(range(1, len(head))))
    return table.replace("<thead>", caption + "<thead>", 1)


def _explain(ex: Mapping[str, Any]) -> str:
    v = ex.get("venue", {})
    vid = str(v.get("id", ""))
    feasible = bool(ex.get("feasible", True))
    out = [f'<article class="venue" id="venue-{e(vid)}">']
    veto = "" if feasible else ' <span class="tag veto">VETOED</span>'
    out.append(f"<h3>{e(ex.get('rank'))}. {e(v.get('name'))}{veto}</h3>")
    out.append(
        f"<p>{e(v.get('city'))}, {e(v.get('country_name'))} ({e(v.get('country'))}) · "
        f"rank {e(ex.get('rank'))} of {e(ex.get('of'))} · joint score "
        f"<strong>{e(f3(float(ex.get('joint_score', 0.0))))}</strong></p>"
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
    out.append('<h4>Stances</h4><ul class="plain">')
    for p in ex.get("parties", []):
        head = (
            f"<strong>{e(p['name'])}</strong> <small>(weight {e(p.get('weight'))}, utility "
            f"{e(f2(float(p['utility'])))})</small>: "
        )
        st = p.get("statement")
        if not st:
            out.append(f"<li>{head}{_stance_span(None, 'no statement')} as of the date.</li>")
            continue
        disc = (
            " <small>(about another kind of meeting: discounted)</small>"
            if p.get("stance_discounted")
            else ""
        )
        out.append(f"<li>{head}{_stance_span(p.get('stance'))}{disc} — {_statement(st)}</li>")
    out.append("</ul>")
    out.append("<h4>Criteria contributions</h4>")
    out.append(_criteria_table(ex))
    out.append("<h4>Obstacles</h4>")
    obstacles = list(ex.get("obstacles") or [])
    if obstacles:
        out.append('<ul class="plain">')
        for o in obstacles:
            loss = (
                f" <small>(costs {float(o['loss']):.3f} utility)</small>" if o.get("loss") else ""
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
    out.append(f'<div class="figure">{charts.heat_map(sens)}</div>')
    rows = []
    for v in sens.get("venues", []):
        shares = list(v.get("acceptability") or [0.0])
        rows.append(
            f'<tr><td class="num">{e(v.get("deterministic_rank"))}</td><td>{e(v["name"])}</td>'
            f'<td class="num">{float(v["expected_rank"]):.2f}</td>'
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
                f"<tr><td>{e(s.get('party_name') or s.get('party'))}</td><td>{e(crit)}</td>"
                f'<td class="num">{w:.2f}</td><td class="num">{e(stability_range(s))}</td>'
                f"<td>{bar}</td><td>{e(takeover(s, names))}</td></tr>"
            )
        out.append(
            _table(
                ["Party", "Criterion", "Weight", "Stays first over", "", "Then first"],
                rows,
                num=(2, 3),
            )
        )
    out.append("</section>")
    return "\n".join(out)


def _timeline(tl: Mapping[str, Any], as_of: str | None) -> str:
    entries = list(tl.get("entries") or [])
    out = ['<section id="timeline"><h2>Timeline</h2>']
    later = sum(1 for x in entries if is_later(x.get("date"), as_of))
    if later:
        out.append(
            f'<p class="muted">{later} of {len(entries)} entries are dated after the as-of '
            f"date ({e(as_of)}); they are greyed out and did not count in the ranking.</p>"
        )
    rows = []
    for x in entries:
        late = is_later(x.get("date"), as_of)
        is_event = x.get("kind") == "event"
        text = e(x.get("text")) if is_event else f"“{e(x.get('text'))}”"
        mark = ' <span class="tag later">later</span>' if late else ""
        kind = f"<br><small>{e(x.get('meeting'))}</small>" if x.get("meeting") else ""
        rows.append(
            f"<tr{LATER if late else ''}>"
            f'<td class="date">{e(x.get("date"))}{mark}</td><td>{e(x.get("party"))}</td>'
            f"<td>{e(x.get('speaker') or ('event' if is_event else ''))}</td>"
            f"<td>{e(', '.join(map(str, x.get('venues') or [])))}</td>"
            f"<td>{_stance_span(x.get('stance'))}{kind}</td><td>{text}</td>"
            f"<td><small>{linked(x.get('source'))}</small></td></tr>"
        )
    out.append(
        _table(
            ["Date", "Party", "Speaker", "Venue", "Stance", "Quote / summary", "Source"],
            rows,
            "timeline",
        )
    )
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
    sections = [
        ("ranking", "Ranking"),
        ("venues", "Venues explained"),
        ("sensitivity", "Sensitivity"),
    ]
    if data.timeline is not None:
        sections.append(("timeline", "Timeline"))
    if data.sources:
        sections.append(("sources", "Sources"))
    body = [_header(rank, sections), "<main>", _ranking(rank)]
    body.append('<section id="venues"><h2>Venues explained</h2>')
    body += [_explain(ex) for ex in data.explains]
    body.append("</section>")
    body.append(_sensitivity(data.sensitivity, names, labels))
    if data.timeline is not None:
        body.append(_timeline(data.timeline, rank.get("as_of")))
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
