"""The report as Markdown for GitHub or Obsidian: headings, pipe tables, lists.

Every dataset string goes through `md`: Markdown punctuation is backslash-escaped (so a
quote cannot start emphasis, a link, math or a code span), `<` and `>` become entities (so
no raw HTML reaches the page), `|` is escaped (so table cells stay cells) and line breaks
become spaces.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

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
    stance_text,
    takeover,
    title,
    venue_names,
)
from venue_cli.safety import md_text

if TYPE_CHECKING:
    from venue_cli.report import ReportData


def md(text: object) -> str:
    """Escape one dataset string for Markdown text or a table cell (one line)."""
    return md_text(text)


def link(label: object, url: object) -> str:
    """[label](url) for an http(s) URL (spaces and brackets percent-encoded), else the label."""
    u = safe_url(url)
    if not u:
        return md(label)
    for ch, code in (
        ("(", "%28"),
        (")", "%29"),
        ("|", "%7C"),
        (" ", "%20"),
        ("<", "%3C"),
        (">", "%3E"),
    ):
        u = u.replace(ch, code)
    return f"[{md(label)}]({u})"


def cite(text: object) -> str:
    """A citation string ("outlet, date, url"): escaped, with its URLs as autolinks."""
    out = []
    for piece, is_url in split_links("" if text is None else str(text)):
        out.append(link(link_label(piece), piece) if is_url else md(piece))
    return "".join(out)


def table(head: Sequence[str], rows: Sequence[Sequence[str]], align: str = "") -> str:
    """A pipe table; cells must already be escaped. align: one of 'l'/'r' per column."""
    seps = ["---:" if (align[i : i + 1] == "r") else "---" for i in range(len(head))]
    out = ["| " + " | ".join(head) + " |", "| " + " | ".join(seps) + " |"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out) + "\n"


# --------------------------------------------------------------------------- sections


def _header(rank: Mapping[str, Any]) -> str:
    out = [f"# {md(title(rank))}", ""]
    out += [f"- **{k}:** {md(v)}" for k, v in meta_items(rank)]
    assumptions = list(rank.get("assumptions") or [])
    if assumptions:
        out.append("- **Active what-if assumptions:**")
        out += [f"  - {md(a)}" for a in assumptions]
    else:
        out.append("- **Assumptions:** none (recorded data only)")
    return "\n".join(out) + "\n"


def _ranking(rank: Mapping[str, Any]) -> str:
    parties = principals(rank)
    head = ["#", "Venue", "Score", *[f"{md(p['name'])} (w {md(p.get('weight'))})" for p in parties]]
    head.append("Main obstacle")
    rows = []
    for v in rank.get("venues", []):
        name = f"**{md(v['name'])}** ({md(v.get('country'))})"
        if not v.get("feasible", True):
            by = {str(p["id"]): str(p["name"]) for p in v.get("parties", [])}
            who = ", ".join(by.get(str(x), str(x)) for x in v.get("vetoed_by", []))
            name += f" **VETOED by {md(who)}**"
        row = [str(v["rank"]), name, f3(float(v["joint_score"]))]
        row += [f"{f2(float(p['utility']))} · {md(stance_text(p))}" for p in v.get("parties", [])]
        row.append(md(v.get("main_obstacle")))
        rows.append(row)
    note = (
        "\nScores and utilities run from 0 to 1; each party's cell is its utility and its "
        "latest stance as of the date (\\* = about another kind of meeting, discounted).\n"
    )
    return "## Ranking\n\n" + table(head, rows, "rlr" + "l" * len(parties) + "l") + note


def _statement(st: Mapping[str, Any]) -> str:
    who = md(st.get("speaker") or st.get("party_name") or st.get("party"))
    flags = ", ".join(
        str(st[k]).replace("_", " ") for k in ("attribution", "confidence") if st.get(k)
    )
    text = f"{who}, {md(st.get('date'))}: “{md(st.get('quote'))}”"
    if flags:
        text += f" ({md(flags)} confidence)"
    if st.get("assumed"):
        text += " **[what-if assumption]**"
    if st.get("context"):
        text += f" — {md(st['context'])}"
    srcs = list(st.get("sources") or [])
    if srcs:
        text += " — sources: " + "; ".join(cite(c) for c in srcs)
    return text


def _criteria(ex: Mapping[str, Any]) -> str:
    c = contributions(ex)
    if not c.parties:
        return ""
    head = ["Criterion", *[md(p["name"]) for p in c.parties]]
    body = [
        ["Stance"]
        + [
            f"{nums[0]:.3f} ({md(p.get('stance') or 'no statement')} "
            f"{float(p.get('stance_score', 0.0)):.2f} × {c.share:.2f})"
            for p, nums in zip(c.parties, c.shown, strict=True)
        ]
    ]
    for ci, key in enumerate(c.order):
        row = [md(c.labels.get(key, key))]
        for rows, nums in zip(c.rows, c.shown, strict=True):
            r = rows.get(key)
            if r is None:
                row.append("—")
                continue
            judged = ", judged" if r.get("judged") else ""
            row.append(
                f"{nums[ci + 1]:.3f} ({float(r['value']):.2f} × {float(r['weight']):.2f}{judged})"
            )
        body.append(row)
    body.append(["**Utility**", *[f"**{t:.3f}**" for t in c.totals]])
    note = (
        f"\nContribution = stance score × {c.share:.2f}, or criterion value × weight × "
        f"(1 − {c.share:.2f}); rounded so that each column adds up.\n"
    )
    return table(head, body, "l" + "r" * len(c.parties)) + note


def _explain(ex: Mapping[str, Any]) -> str:
    v = ex.get("venue", {})
    veto = "" if ex.get("feasible", True) else " — VETOED"
    out = [f"### {md(ex.get('rank'))}. {md(v.get('name'))}{veto}", ""]
    out.append(
        f"{md(v.get('city'))}, {md(v.get('country_name'))} ({md(v.get('country'))}) · rank "
        f"{md(ex.get('rank'))} of {md(ex.get('of'))} · joint score "
        f"**{f3(float(ex.get('joint_score', 0.0)))}**"
    )
    if v.get("note"):
        out += ["", f"*{md(v['note'])}*"]
    vetoes = list(ex.get("vetoes") or [])
    if vetoes:
        out += ["", "**Vetoes:**", ""]
        for x in vetoes:
            st = x.get("statement") or {}
            out.append(
                f"- **{md(st.get('party_name') or x.get('party'))}** rejects it: {_statement(st)}"
            )
    out += ["", "**Stances:**", ""]
    for p in ex.get("parties", []):
        utility = f2(float(p["utility"]))
        head = f"- **{md(p['name'])}** (weight {md(p.get('weight'))}, utility {utility}): "
        st = p.get("statement")
        if not st:
            out.append(head + "no statement as of the date")
            continue
        disc = " (about another kind of meeting: discounted)" if p.get("stance_discounted") else ""
        out.append(f"{head}**{md(p.get('stance'))}**{disc} — {_statement(st)}")
    out += ["", "**Criteria contributions:**", "", _criteria(ex)]
    out += ["**Obstacles:**", ""]
    obstacles = list(ex.get("obstacles") or [])
    for o in obstacles:
        loss = f" (costs {float(o['loss']):.3f} utility)" if o.get("loss") else ""
        out.append(f"- {md(o.get('description'))}{loss}")
        if o.get("remedy"):
            out.append(f"  - remedy: {md(o['remedy'])}")
    if not obstacles:
        out.append("- none recorded")
    return "\n".join(out) + "\n"


def _sensitivity(
    sens: Mapping[str, Any] | None, names: Mapping[str, str], labels: Mapping[str, str]
) -> str:
    if sens is None:
        return (
            "## Sensitivity\n\nNot computed for this report (the sensitivity analysis needs "
            "numpy: `pip install 'venues[analysis]'`).\n"
        )
    out = ["## Sensitivity", "", f"**{md(sens.get('headline'))}**", ""]
    out.append(
        f"{int(sens.get('samples', 0)):,} Monte Carlo samples, seed {md(sens.get('seed'))}, "
        f"weight concentration {md(sens.get('concentration'))}, "
        f"{md(sens.get('uncertain_stances'))} uncertain stances varied."
    )
    venues = list(sens.get("venues", []))
    ranks = max((len(v["acceptability"]) for v in venues), default=0)
    out += ["", "### Rank acceptability", ""]
    out.append("Share of samples in which each venue takes each rank (· = never).")
    out.append("")
    head = ["Venue", *[str(k + 1) for k in range(ranks)], "Mean rank"]
    rows = []
    for v in venues:
        cells = [pct(float(s)) if float(s) > 0 else "·" for s in v["acceptability"]]
        cells += [""] * (ranks - len(cells))
        rows.append([md(v["name"]), *cells, f"{float(v['expected_rank']):.2f}"])
    out.append(table(head, rows, "l" + "r" * (ranks + 1)))
    stab = list(sens.get("stability") or [])
    if stab:
        out += ["### Stability intervals", ""]
        out.append(
            "Over each range of one party's weight on one criterion (the others rescaled in "
            "proportion), the venue now first stays first."
        )
        out.append("")
        rows = [
            [
                md(s.get("party_name") or s.get("party")),
                md(labels.get(str(s["criterion"]), s["criterion"])),
                f"{float(s['weight']):.2f}",
                stability_range(s),
                md(takeover(s, names)),
            ]
            for s in stab
        ]
        out.append(
            table(["Party", "Criterion", "Weight", "Stays first over", "Then first"], rows, "llrrl")
        )
    return "\n".join(out)


def _timeline(tl: Mapping[str, Any], as_of: str | None) -> str:
    entries = list(tl.get("entries") or [])
    out = ["## Timeline", ""]
    later = sum(1 for x in entries if is_later(x.get("date"), as_of))
    if later:
        out += [
            f"{later} of {len(entries)} entries are dated after the as-of date ({md(as_of)}), "
            "marked † : they did not count in the ranking.",
            "",
        ]
    rows = []
    for x in entries:
        is_event = x.get("kind") == "event"
        date = md(x.get("date")) + (" †" if is_later(x.get("date"), as_of) else "")
        text = md(x.get("text")) if is_event else f"“{md(x.get('text'))}”"
        rows.append(
            [
                date,
                md(x.get("party")),
                md(x.get("speaker") or ("event" if is_event else "")),
                md(", ".join(map(str, x.get("venues") or []))),
                md(x.get("stance")),
                text,
                cite(x.get("source")),
            ]
        )
    out.append(
        table(["Date", "Party", "Speaker", "Venue", "Stance", "Quote / summary", "Source"], rows)
    )
    return "\n".join(out)


def _sources(sources: Sequence[Mapping[str, Any]]) -> str:
    out = ["## Sources", ""]
    for s in sources:
        outlet = md(s.get("outlet")) + (f" (via {md(s['via'])})" if s.get("via") else "")
        weak = " *(weak source)*" if s.get("reliability") == "weak" else ""
        label = s.get("title") or s.get("url") or s.get("id")
        cited = list(s.get("cited_by") or [])
        out.append(
            f"1. {md(s.get('date') or 'n.d.')} — {outlet}{weak}: {link(label, s.get('url'))}"
        )
        out.append(
            f"   - cited by: {md(', '.join(map(str, cited)))}"
            if cited
            else "   - not cited by any record"
        )
    return "\n".join(out) + "\n"


def render(data: ReportData) -> str:
    rank = data.rank
    names = venue_names(rank, (data.sensitivity or {}).get("venues", []))
    labels = {
        str(r["criterion"]): str(r.get("label", r["criterion"]))
        for ex in data.explains
        for p in ex.get("parties", [])
        for r in p.get("criteria", [])
    }
    parts = [_header(rank), _ranking(rank), "## Venues explained\n"]
    parts += [_explain(ex) for ex in data.explains]
    parts.append(_sensitivity(data.sensitivity, names, labels))
    if data.timeline is not None:
        parts.append(_timeline(data.timeline, rank.get("as_of")))
    if data.sources:
        parts.append(_sources(data.sources))
    return "\n".join(p.rstrip("\n") + "\n" for p in parts)
