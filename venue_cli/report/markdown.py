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
    stance_text,
    summary_rows,
    takeover,
    title,
    venue_names,
    vetoed_by,
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


def _header(rank: Mapping[str, Any], warnings: Sequence[str]) -> str:
    out = [f"# {md(title(rank))}", ""]
    for w in warnings:
        out += [f"> **Warning:** {md(sentence(w))}", ""]
    out += [f"- **{k}:** {md(v)}" for k, v in meta_items(rank)]
    assumptions = list(rank.get("assumptions") or [])
    if assumptions:
        out.append("- **Active what-if assumptions:**")
        out += [f"  - {md(a)}" for a in assumptions]
    else:
        out.append("- **Assumptions:** none (recorded data only)")
    return "\n".join(out) + "\n"


def _preconditions(pre: Sequence[Mapping[str, Any]], who: Mapping[str, str]) -> str:
    if not pre:
        return ""
    out = [
        "### Preconditions",
        "",
        "What a party requires before any meeting at all, as of the date. They bear on "
        "whether a meeting takes place, which the scores do not measure.",
        "",
    ]
    for p in pre:
        srcs = list(p.get("sources") or [])
        cited = (" — sources: " + "; ".join(cite(c) for c in srcs)) if srcs else ""
        name = who.get(str(p.get("party")), str(p.get("party") or ""))
        out.append(f"- **{md(name)}**, {md(p.get('date'))}: {md(p.get('text'))}{cited}")
    return "\n".join(out) + "\n"


def _ranking(
    rank: Mapping[str, Any], pre: Sequence[Mapping[str, Any]], who: Mapping[str, str]
) -> str:
    parties = principals(rank)
    head = ["#", "Venue", "Score", "Probability"]
    head += [f"{md(p['name'])} (w {md(f2(float(p['weight'])))})" for p in parties]
    head.append("Main obstacle")
    rows = []
    for v in rank.get("venues", []):
        name = f"**{md(v['name'])}** ({md(v.get('country'))})"
        if not v.get("feasible", True):
            name += f" **VETOED by {md(vetoed_by(v))}**"
        row = [str(v["rank"]), name, f3(float(v["joint_score"])), pct(float(v["probability"]))]
        row += [f"{f2(float(p['utility']))} · {md(stance_text(p))}" for p in v.get("parties", [])]
        row.append(md(v.get("main_obstacle")))
        rows.append(row)
    conditional = sentence(rank.get("conditional"))
    note = (
        "\nScores and utilities run from 0 to 1; probability: of being the venue chosen; each "
        "party's cell is its utility and its latest stance as of the date (\\* = about another "
        "kind of meeting, discounted).\n"
    )
    out = "## Ranking\n\n"
    if conditional:
        out += f"*{md(conditional)}*\n\n"
    out += table(head, rows, "rlrr" + "l" * len(parties) + "l") + note
    block = _preconditions(pre, who)
    return out + ("\n" + block if block else "")


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


def _evidence(p: Mapping[str, Any], stance_shown: float) -> str:
    """A party's stance terms: each piece of evidence, then the neutral prior."""
    rows = []
    for t in stance_terms(p, stance_shown):
        r = t.row
        if r is None:
            what, date, stance, about = "neutral prior", "", "", ""
        else:
            what = md(t.label)
            if r.get("quote"):
                who = f"{md(r['speaker'])}: " if r.get("speaker") else ""
                what += f" — {who}“{md(r['quote'])}”"
            conds = list(r.get("conditions") or [])
            if conds:
                what += " — conditions: " + md("; ".join(conds))
            date, stance, about = md(r.get("date")), md(r.get("stance")), md(r.get("meeting"))
        rows.append([what, date, stance, about, num(t.value, 3), num(t.weight, 3), num(t.shown, 3)])
    rows.append(
        [
            "**Stance term**",
            "",
            "",
            "",
            num(float(p.get("stance_score", 0.0)), 3),
            num(float(p.get("stance_share", 0.0)), 3),
            f"**{num(stance_shown, 3)}**",
        ]
    )
    head = ["Evidence", "Date", "Stance", "About", "Value", "Weight", "Contribution"]
    out = table(head, rows, "llllrrr")
    lapsed = list(p.get("lapsed") or [])
    if lapsed:
        out += f"\nLapsed, not counted: {md(', '.join(map(str, lapsed)))}.\n"
    return out


def _criteria(ex: Mapping[str, Any]) -> str:
    c = contributions(ex)
    if not c.parties:
        return ""

    def cell(shown: float, value: float, weight: float, judged: bool = False) -> str:
        tag = ", judged" if judged else ""
        return f"{num(shown, 3)} ({num(value, 2)} × {num(weight, 3)}{tag})"

    head = ["Term", *[md(p["name"]) for p in c.parties]]
    body = [
        ["Stance"]
        + [
            cell(nums[0], float(p.get("stance_score", 0.0)), c.share)
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
            weight = float(r.get("effective_weight", r["weight"]))
            row.append(cell(nums[ci + 1], float(r["value"]), weight, bool(r.get("judged"))))
        body.append(row)
    if c.momentum:
        body.append(
            ["Momentum"]
            + [
                cell(nums[-1], float(p.get("momentum_value", 0.0)), float(p["momentum_weight"]))
                for p, nums in zip(c.parties, c.shown, strict=True)
            ]
        )
    body.append(["**Utility**", *[f"**{num(t, 3)}**" for t in c.totals]])
    note = (
        "\nEach cell is a term of the party's utility: value × weight (a party's weights add up "
        "to 1), rounded so that each column adds up.\n"
    )
    return table(head, body, "l" + "r" * len(c.parties)) + note


def _explain(ex: Mapping[str, Any]) -> str:
    v = ex.get("venue", {})
    veto = "" if ex.get("feasible", True) else " — VETOED"
    c = contributions(ex)
    stance_shown = {str(p["id"]): nums[0] for p, nums in zip(c.parties, c.shown, strict=True)}
    out = [f"### {md(ex.get('rank'))}. {md(v.get('name'))}{veto}", ""]
    out.append(
        f"{md(v.get('city'))}, {md(v.get('country_name'))} ({md(v.get('country'))}) · rank "
        f"{md(ex.get('rank'))} of {md(ex.get('of'))} · joint score "
        f"**{f3(float(ex.get('joint_score', 0.0)))}** · probability of being chosen "
        f"**{pct(float(ex.get('probability', 0.0)))}** (if a meeting takes place)"
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
    out += ["", "**Stances and their evidence:**", ""]
    for p in ex.get("parties", []):
        utility = f3(float(p["utility"]))
        weight = f2(float(p["weight"]))
        head = f"- **{md(p['name'])}** (weight {weight}, utility {utility}): "
        st = p.get("statement")
        if not st:
            out.append(head + "no statement as of the date")
        else:
            disc = (
                " (about another kind of meeting: discounted)" if p.get("stance_discounted") else ""
            )
            disc += " (faded: it barely counts)" if p.get("stance_faded") else ""
            out.append(f"{head}**{md(p.get('stance'))}**{disc} — {_statement(st)}")
        out += ["", _evidence(p, stance_shown.get(str(p["id"]), 0.0))]
    m = ex.get("momentum") or {}
    if m:
        weights = [float(p.get("momentum_weight", 0.0)) for p in ex.get("parties", [])]
        w = (
            f" It enters each party's utility with weight {num(max(weights), 3)}."
            if any(weights)
            else ""
        )
        out += [f"**Momentum:** {num(float(m.get('value', 0.0)), 3)}: {md(m.get('rule'))}.{w}", ""]
    out += ["**Utility terms:**", "", _criteria(ex)]
    out += ["**Obstacles:**", ""]
    obstacles = list(ex.get("obstacles") or [])
    for o in obstacles:
        loss = f" (costs {f3(float(o['loss']))} utility)" if o.get("loss") else ""
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
        rows.append([md(v["name"]), *cells, num(float(v["expected_rank"]), 2)])
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
                f2(float(s["weight"])),
                stability_range(s),
                md(takeover(s, names)),
            ]
            for s in stab
        ]
        out.append(
            table(["Party", "Criterion", "Weight", "Stays first over", "Then first"], rows, "llrrl")
        )
    return "\n".join(out)


def _history(bt: Mapping[str, Any]) -> str:
    summary = bt.get("summary") or {}
    cases = list(bt.get("cases") or [])
    out = ["## How the model has done on history", ""]
    out.append(
        f"Each of {len(cases)} historical cases scored as of the day before its decision, from "
        "the records public then; the scorer never reads the outcome. Method "
        f"{md(bt.get('method'))}. {md(sentence(bt.get('conditional')))}"
    )
    single = list(summary.get("single_venue") or [])
    if single:
        out += ["", f"Not counted (a single venue says nothing): {md(', '.join(single))}."]
    out += ["", "### Summary", ""]
    rows = [
        [f"**{md(label)}** ({md(what)})", *score_cells(s)]
        for label, what, s in summary_rows(summary)
    ]
    out.append(table(["", *SCORE_HEAD], rows, "lrrrrrr"))
    out += [SCORE_NOTE, "", "### Reliability", ""]
    out.append(
        "Every venue of every counted case, binned by the probability the model gave it: the "
        "mean probability in the bin against how often those venues were the one chosen. A "
        "perfectly calibrated model has the two equal."
    )
    out.append("")
    rows = [
        [
            f"{pct(float(b['low']))}–{pct(float(b['high']))}",
            str(int(b["venues"])),
            pct(float(b["mean_probability"])) if b["venues"] else "—",
            pct(float(b["chosen_share"])) if b["venues"] else "—",
        ]
        for b in bt.get("reliability") or []
    ]
    out.append(table(["Predicted", "Venues", "Mean predicted", "Chosen"], rows, "rrrr"))
    out += ["### Cases", ""]
    rows = []
    for c in cases:
        chosen = md(c.get("chosen_name")) + ("" if c.get("chosen_feasible", True) else " (vetoed)")
        tied = int(c.get("tied_with", 1))
        rank = f"{c.get('rank')} of {c.get('venues')}" + (
            f" (tied with {tied - 1})" if tied > 1 else ""
        )
        rows.append(
            [
                f"{md(c.get('title'))} ({md(c.get('case'))})",
                md(c.get("decision_date")),
                chosen,
                rank,
                pct(float(c.get("chosen_probability", 0.0))),
                md(c.get("model_first_name")),
            ]
        )
    head = ["Case", "Decided", "Venue chosen", "Its rank", "Its probability", "Model's first"]
    out.append(table(head, rows, "lllrrl"))
    return "\n".join(out)


def _timeline(tl: Mapping[str, Any]) -> str:
    entries = list(tl.get("entries") or [])
    out = ["## Timeline", "", "Statements and events up to the as-of date.", ""]
    rows = []
    for x in entries:
        is_event = x.get("kind") == "event"
        text = md(x.get("text")) if is_event else f"“{md(x.get('text'))}”"
        rows.append(
            [
                md(x.get("date")),
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
    pre = list((data.explains[0] if data.explains else {}).get("preconditions") or [])
    parties = party_names(rank, data.explains)
    parts = [_header(rank, data.warnings), _ranking(rank, pre, parties), "## Venues explained\n"]
    note = explained_note(rank, data.explains)
    if note:
        parts.append(f"_{note}_\n")  # our own words and numbers: nothing to escape
    parts += [_explain(ex) for ex in data.explains]
    parts.append(_sensitivity(data.sensitivity, names, labels))
    if data.backtest is not None:
        parts.append(_history(data.backtest))
    if data.timeline is not None:
        parts.append(_timeline(data.timeline))
    if data.sources:
        parts.append(_sources(data.sources))
    return "\n".join(p.rstrip("\n") + "\n" for p in parts)
