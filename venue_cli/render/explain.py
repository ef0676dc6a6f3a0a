"""`venues explain` in every format. The numbers shown add up: each party's terms (each piece
of stance evidence, the neutral prior, each criterion, the venue's momentum) are rounded so
that they sum, digit for digit, to the utility shown.

A term's weight is its effective weight: its share of the party's utility, so that value ×
weight = contribution. The CSV has one row per term, with the raw weight beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple

from venue_cli.render import layout
from venue_cli.render.rank import conditional_line, probability, title_line
from venue_cli.render.term import Text
from venue_cli.safety import md_text
from venue_cli.textfmt import bar, columns, csv_text, f3, md_table, num, round_to_sum

METHOD_WORDS = {
    "nash": "weighted geometric mean of the parties' utilities (Nash bargaining)",
    "utilitarian": "weighted arithmetic mean of the parties' utilities",
    "maximin": "the lowest utility of any weighted party (egalitarian)",
}
WEIGHT_NOTE = "weight = the term's share of the utility: value × weight = contribution"


def joint_formula(view: Mapping[str, Any]) -> str:
    parts = view["parties"]
    method = view["method"]
    if method == "nash":
        terms = " × ".join(f"{p['name']} {f3(p['utility'])}^{num(p['weight'], 2)}" for p in parts)
    elif method == "utilitarian":
        terms = " + ".join(f"{num(p['weight'], 2)} × {p['name']} {f3(p['utility'])}" for p in parts)
    else:
        terms = "min(" + ", ".join(f"{p['name']} {f3(p['utility'])}" for p in parts) + ")"
    return f"joint score = {terms} = {f3(view['joint_score'])}"


def _status(view: Mapping[str, Any]) -> str:
    if view["feasible"]:
        return "feasible"
    names = ", ".join(v["statement"]["party_name"] for v in view["vetoes"])
    return f"INFEASIBLE: vetoed by {names}"


def _headline(view: Mapping[str, Any]) -> str:
    v = view["venue"]
    return (
        f"{v['name']} ({v['country_name']}) — rank {view['rank']} of {view['of']}, "
        f"joint score {f3(view['joint_score'])}, probability {probability(view['probability'])}, "
        f"{_status(view)}"
    )


class Term(NamedTuple):
    """One term of a party's utility, as every format shows it."""

    kind: str  # statement, event, prior, stance (no evidence), criterion, momentum
    id: str
    label: str
    value: float
    raw_weight: float | None
    weight: float  # effective: value × weight = contribution
    contribution: float
    why: str


def _evidence_why(e: Mapping[str, Any]) -> str:
    if e["kind"] == "event":
        why = f"{e['date']} [{e['meeting']}], as 'accepts'"
    else:
        why = f"{e['stance']} {e['date']} [{e['meeting']}]"
    if e.get("conditions"):
        why += "; conditions: " + "; ".join(e["conditions"])
    return why


def terms(p: Mapping[str, Any]) -> list[Term]:
    """The terms of a party's utility, in the order every format lists them."""
    share = p["stance_share"]
    out: list[Term] = []
    for e in p["evidence"]:
        label = (
            "talks attended" if e["kind"] == "event" else ("stance" if e["named"] else "blanket")
        )
        out.append(
            Term(
                e["kind"],
                e["id"],
                label,
                e["score"],
                e["weight"],
                share * e["share"],
                e["contribution"],
                _evidence_why(e),
            )
        )
    if p["evidence"]:
        prior_w = share * p["stance_prior_share"]
        prior = p["stance_prior_contribution"]
        value = prior / prior_w if prior_w > 0 else 0.5
        why = "the neutral score, against the evidence"
        out.append(Term("prior", "prior", "prior", value, None, prior_w, prior, why))
    else:
        value = p["stance_contribution"] / share if share > 0 else 0.5
        why = "no statement: the neutral score"
        out.append(
            Term("stance", "stance", "stance", value, None, share, p["stance_contribution"], why)
        )
    for c in p["criteria"]:
        out.append(
            Term(
                "criterion",
                c["criterion"],
                c["criterion"],
                c["value"],
                c["weight"],
                c["effective_weight"],
                c["contribution"],
                c["rule"],
            )
        )
    if p["momentum_weight"] > 0:
        out.append(
            Term(
                "momentum",
                "momentum",
                "momentum",
                p["momentum_value"],
                None,
                p["momentum_weight"],
                p["momentum_contribution"],
                p["momentum_rule"],
            )
        )
    return out


def _party_rows(p: Mapping[str, Any]) -> tuple[list[list[str]], str]:
    """A header row and a row per term, with contributions rounded to add up to the
    utility as shown (4 decimals); and that total."""
    ts = terms(p)
    shown = round_to_sum([t.contribution for t in ts], 4)
    rows = [["", "value", "weight", "contribution", "why"]]
    rows += [
        [t.label, f3(t.value), f3(t.weight), num(x, 4), t.why]
        for t, x in zip(ts, shown, strict=True)
    ]
    return rows, num(sum(shown), 4)


def _cite(sources: list[str]) -> str:
    return "; ".join(sources) if sources else "no source"


def _preconditions(view: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """The preconditions stated on or before the date scored."""
    return [c for c in view.get("preconditions", []) if c["date"] <= view["as_of"]]


def _party_name(view: Mapping[str, Any], party: str) -> str:
    for p in view["parties"]:
        if p["id"] == party:
            return str(p["name"])
    return party


def _plain_one(view: Mapping[str, Any]) -> str:
    v = view["venue"]
    out: list[str] = [_headline(view)]
    out.append(f"# {title_line(view)}")
    out += [f"# assuming: {a}" for a in view["assumptions"]]
    out.append(f"# {conditional_line(view)}")
    if v.get("note"):
        out.append(f"note: {v['note']}")
    out.append("")
    out.append(joint_formula(view))
    out.append(f"  ({METHOD_WORDS[view['method']]})")
    for veto in view["vetoes"]:
        st = veto["statement"]
        out.append("")
        out.append(f"VETO by {st['party_name']}: {st['speaker']}, {st['date']}: “{st['quote']}”")
        out.append(f"  source: {_cite(st['sources'])}")
    for p in view["parties"]:
        out.append("")
        out.append(
            f"{p['name']} — utility {num(p['utility'], 4)} "
            f"(weight in joint score {num(p['weight'], 2)})"
        )
        st = p["statement"]
        if st:
            out.append(
                f"  latest stance: {st['stance']} — {st['speaker']}, {st['date']} [{st['meeting']}]"
            )
            out.append(f"    “{st['quote']}”")
            out.append(f"    source: {_cite(st['sources'])}")
        rows, total = _party_rows(p)
        body = columns(rows)
        out += ["  " + line for line in body.rstrip("\n").split("\n")]
        out.append(f"  = {total} = utility (the terms add up to it; {WEIGHT_NOTE})")
    pre = _preconditions(view)
    if pre:
        out.append("")
        out.append("Preconditions stated for any meeting (they apply to every venue):")
        for c in pre:
            out.append(f"  {c['date']}  {_party_name(view, c['party'])}: {c['text']}")
            out.append(f"      source: {_cite(c['sources'])}")
    if view["obstacles"]:
        out.append("")
        out.append("Obstacles, and what would remove them:")
        for o in view["obstacles"]:
            out.append(f"  - {o['description']}")
            out.append(f"    would change with: {o['remedy']}")
    if view["history"]:
        out.append("")
        out.append(f"Stated positions on {v['name']} (oldest first):")
        for h in view["history"]:
            extra = " [assumed]" if h["assumed"] else ""
            out.append(
                f"  {h['date']}  {h['party_name']}  {h['stance']}  [{h['meeting']}]  "
                f"{h['speaker']}{extra}"
            )
            out.append(f"      “{h['quote']}” ({h['attribution']}, confidence {h['confidence']})")
            out.append(f"      source: {_cite(h['sources'])}")
    if view["facts"]:
        out.append("")
        out.append("Facts in force on the date:")
        for fct in view["facts"]:
            low = " [confidence: low]" if fct["confidence"] == "low" else ""
            out.append(f"  {fct['date']}  {fct['summary']}{low}")
            out.append(f"      source: {_cite(fct['sources'])}")
    if view["events"]:
        out.append("")
        out.append(f"Earlier talks in {v['country_name']}:")
        for e in view["events"]:
            out.append(f"  {e['date']}  {e['place']}: {e['summary']}")
            out.append(f"      source: {_cite(e['sources'])}")
    return "\n".join(out) + "\n"


def _markdown_one(view: Mapping[str, Any]) -> str:
    """One venue in Markdown; every text from the data is escaped (`safety.md_text`)."""
    v = view["venue"]
    out = [f"### {md_text(v['name'])} ({md_text(v['country_name'])})", ""]
    out.append(
        f"Rank **{view['rank']}** of {view['of']}, joint score **{f3(view['joint_score'])}**, "
        f"probability {md_text(probability(view['probability']))}, {md_text(_status(view))}. "
        f"{md_text(title_line(view))}."
    )
    out.append("")
    out += [f"- assuming: {md_text(a)}" for a in view["assumptions"]]
    out.append(f"*{md_text(conditional_line(view))}*")
    out.append("")
    out.append(md_text(joint_formula(view)))
    out.append("")
    for veto in view["vetoes"]:
        st = veto["statement"]
        out.append(
            f"> **Veto by {md_text(st['party_name'])}** — "
            + md_text(f"{st['speaker']}, {st['date']}: “{st['quote']}” ({_cite(st['sources'])})")
        )
        out.append("")
    for p in view["parties"]:
        rows, total = _party_rows(p)
        out.append(
            f"**{md_text(p['name'])}** — utility {num(p['utility'], 4)} "
            f"(weight {num(p['weight'], 2)})"
        )
        out.append("")
        out.append(md_table(["term", *rows[0][1:]], [[r[0], *r[1:]] for r in rows[1:]]).rstrip())
        out.append(f"| **total** | | | **{total}** | |")
        out.append("")
    out.append(f"*{md_text(WEIGHT_NOTE)}*")
    out.append("")
    pre = _preconditions(view)
    if pre:
        out.append("Preconditions stated for any meeting:")
        out.append("")
        out += [
            "- " + md_text(f"{c['date']}, {_party_name(view, c['party'])}: {c['text']}")
            for c in pre
        ]
        out.append("")
    if view["obstacles"]:
        out.append("Obstacles:")
        out.append("")
        out += [
            f"- {md_text(o['description'])} — *would change with {md_text(o['remedy'])}*"
            for o in view["obstacles"]
        ]
        out.append("")
    return "\n".join(out) + "\n"


def _table_one(view: Mapping[str, Any], ascii_bars: bool, width: int) -> list[Any]:
    """Rich renderables for one venue: a header, a table per party whose last column (why)
    takes the room left, obstacles, the stated positions and the facts."""
    v = view["venue"]
    parts: list[Any] = []
    head = Text()
    head.append(f"{v['name']} ({v['country_name']})", style="bold")
    head.append(f" — rank {view['rank']} of {view['of']}, joint score ")
    head.append(f3(view["joint_score"]), style="bold green" if view["feasible"] else "bold red")
    head.append(f", probability {probability(view['probability'])}")
    head.append(f", {_status(view)}", style="" if view["feasible"] else "red")
    head.append("\n" + title_line(view), style="dim")
    for a in view["assumptions"]:
        head.append(f"\nassuming: {a}", style="yellow")
    head.append("\n" + conditional_line(view), style="dim")
    if v.get("note"):
        head.append(f"\nnote: {v['note']}")
    head.append("\n" + joint_formula(view), style="cyan")
    parts.append(head)
    for veto in view["vetoes"]:
        st = veto["statement"]
        line = Text()
        line.append(f"VETO by {st['party_name']}: ", style="bold red")
        line.append(f"{st['speaker']}, {st['date']}: “{st['quote']}”\n")
        line.append(f"source: {_cite(st['sources'])}", style="dim")
        parts.append(line)
    with_bars = width >= 100
    for p in view["parties"]:
        parts.append(layout.text(""))
        parts.append(_party_table(p, ascii_bars, width, with_bars))
        st = p["statement"]
        if st:
            q = Text()
            q.append("latest stance: ", style="dim")
            q.append(f"{st['stance']}", style=f"bold {layout.STANCE_STYLE.get(st['stance'], '')}")
            q.append(f" — {st['speaker']}, {st['date']} [{st['meeting']}]: “{st['quote']}”\n")
            q.append(f"source: {_cite(st['sources'])}", style="dim")
            parts.append(q)
    parts.append(layout.note([WEIGHT_NOTE]))
    pre = _preconditions(view)
    if pre:
        block = Text("\nPreconditions stated for any meeting (every venue)\n", style="bold")
        for c in pre:
            block.append(f"• {c['date']} {_party_name(view, c['party'])}: {c['text']}\n")
            block.append(f"  {_cite(c['sources'])}\n", style="dim")
        block.rstrip()
        parts.append(block)
    if view["obstacles"]:
        block = Text("\nObstacles, and what would remove them\n", style="bold")
        for o in view["obstacles"]:
            block.append(f"• {o['description']}\n")
            block.append(f"  would change with: {o['remedy']}\n", style="green")
        block.rstrip()
        parts.append(block)
    if view["history"]:
        parts.append(layout.text(""))
        parts.append(_history_table(view, width))
    if view["facts"]:
        facts = Text("\nFacts in force on the date\n", style="bold")
        for fct in view["facts"]:
            low = " [confidence: low]" if fct["confidence"] == "low" else ""
            facts.append(f"• {fct['date']} {fct['summary']}{low}\n")
            facts.append(f"  {_cite(fct['sources'])}\n", style="dim")
        facts.rstrip()
        parts.append(facts)
    return parts


def _party_table(p: Mapping[str, Any], ascii_bars: bool, width: int, with_bars: bool) -> Any:
    rows, total = _party_rows(p)
    body = rows[1:]
    widths = [max(5, layout.longest([r[0] for r in body])), 5, 6, 8] + ([8] if with_bars else [])
    why_w = max(16, width - layout.span([*widths, 0]))
    t = layout.new_table(
        f"{p['name']} — utility {num(p['utility'], 4)} (weight in joint score "
        f"{num(p['weight'], 2)})"
    )
    t.add_column("Term", width=widths[0], no_wrap=True)
    t.add_column("Value", justify="right", width=5, no_wrap=True)
    t.add_column("Weight", justify="right", width=6, no_wrap=True)
    t.add_column("Contrib.", justify="right", width=8, no_wrap=True)
    if with_bars:
        t.add_column("", width=8, no_wrap=True)
    t.add_column("Why", width=why_w, overflow="fold")
    top = max((float(r[3]) for r in body), default=0.0) or 1.0
    for r in body:
        cells: list[Any] = [Text(r[0]), Text(r[1]), Text(r[2]), Text(r[3])]
        if with_bars:
            cells.append(Text(bar(float(r[3]) / top, 8, ascii_bars), style="cyan"))
        cells.append(Text(r[4]))
        t.add_row(*cells)
    t.add_row(
        Text("total", style="bold"),
        Text(""),
        Text(""),
        Text(total, style="bold"),
        *([Text("")] if with_bars else []),
        Text("= utility", style="dim"),
    )
    return t


def _history_table(view: Mapping[str, Any], width: int) -> Any:
    """The stated positions on the venue: who and when on the left, the quote on the right."""
    history = view["history"]
    left = [h["date"] for h in history] + [h["stance"] for h in history]
    left_w = max(layout.longest(left), layout.longest_word([h["party_name"] for h in history]))
    t = layout.new_table(f"Stated positions on {view['venue']['name']} (oldest first)")
    t.leading = 1
    t.add_column("When, who", width=left_w, overflow="fold")
    t.add_column(
        "Speaker, quote, source", width=max(20, width - left_w - layout.GAP), overflow="fold"
    )
    for h in history:
        when = Text(h["date"], style="bold")
        when.append(f"\n{h['party_name']}")
        when.append(f"\n{h['stance']}", style=layout.STANCE_STYLE.get(h["stance"], ""))
        what = Text(h["speaker"] + (" [assumed]" if h["assumed"] else ""), style="bold")
        what.append(f" · {h['meeting']}", style="dim")
        what.append(f"\n“{h['quote']}”")
        what.append(f"\n{_cite(h['sources'])}", style="dim")
        t.add_row(when, what)
    return t


_HEADER = (
    "schema_version",
    "command",
    "case",
    "case_title",
    "meeting",
    "as_of",
    "method",
    "perspective",
    "assumptions",
    "data",
    "warnings",
    "conditional",
    "preconditions",
)


def items(view: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    """Each venue of an explain document, with the document's header fields."""
    head = {k: view[k] for k in _HEADER if k in view}
    return [{**head, **v} for v in view["venues"]]


def plain(view: Mapping[str, Any]) -> str:
    return "\n".join(_plain_one(v) for v in items(view))


def markdown(view: Mapping[str, Any]) -> str:
    return "\n".join(_markdown_one(v) for v in items(view))


CSV_HEAD = [
    "as_of",
    "venue",
    "party",
    "kind",
    "id",
    "value",
    "weight",
    "effective_weight",
    "contribution",
    "rule",
]


def csv(view: Mapping[str, Any]) -> str:
    """The contribution terms: one row per term of each party's utility, for each venue.

    A party's contributions add up to its utility. `kind` is statement or event (a piece of
    stance evidence, `id` its record), prior, stance (no evidence: the neutral score),
    criterion (`id` the criterion) or momentum; `weight` is the raw weight where there is
    one, `effective_weight` the term's share of the utility."""
    rows: list[list[object]] = []
    for item in items(view):
        for p in item["parties"]:
            for t in terms(p):
                rows.append(
                    [
                        item["as_of"],
                        item["venue"]["id"],
                        p["id"],
                        t.kind,
                        t.id,
                        f"{t.value:.6f}",
                        "" if t.raw_weight is None else f"{t.raw_weight:.6f}",
                        f"{t.weight:.6f}",
                        f"{t.contribution:.6f}",
                        t.why,
                    ]
                )
    return csv_text(CSV_HEAD, rows)


def table(view: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None) -> list[Any]:
    w = width or layout.WIDE
    out: list[Any] = []
    for i, v in enumerate(items(view)):
        if i:
            out.append(layout.text(""))
        out += _table_one(v, ascii_bars, w)
    return out
