"""`venues explain` in every format. The numbers shown add up: each party's contributions
are rounded so that they sum, digit for digit, to the utility shown."""

from __future__ import annotations

from typing import Any

from venue_cli.render.rank import title_line
from venue_cli.textfmt import bar, columns, f3, md_table, round_to_sum

METHOD_WORDS = {
    "nash": "weighted geometric mean of the parties' utilities (Nash bargaining)",
    "utilitarian": "weighted arithmetic mean of the parties' utilities",
    "maximin": "the lowest utility of any weighted party (egalitarian)",
}


def joint_formula(view: dict[str, Any]) -> str:
    parts = view["parties"]
    method = view["method"]
    if method == "nash":
        terms = " × ".join(f"{p['name']} {p['utility']:.3f}^{p['weight']:.2f}" for p in parts)
    elif method == "utilitarian":
        terms = " + ".join(f"{p['weight']:.2f} × {p['name']} {p['utility']:.3f}" for p in parts)
    else:
        terms = "min(" + ", ".join(f"{p['name']} {p['utility']:.3f}" for p in parts) + ")"
    return f"joint score = {terms} = {f3(view['joint_score'])}"


def _status(view: dict[str, Any]) -> str:
    if view["feasible"]:
        return "feasible"
    names = ", ".join(v["statement"]["party_name"] for v in view["vetoes"])
    return f"INFEASIBLE: vetoed by {names}"


def _party_rows(p: dict[str, Any]) -> tuple[list[list[str]], str]:
    """The terms of a party's utility — each piece of stance evidence, the neutral prior,
    each criterion, the venue's momentum — with contributions rounded so that they add up to
    the utility as shown (4 decimals)."""
    share = p["stance_share"]
    terms: list[tuple[str, str, str, float, str]] = []
    for e in p["evidence"]:
        what = "talks attended" if e["kind"] == "event" else ("stance" if e["named"] else "blanket")
        why = f"{e['stance']} {e['date']} [{e['meeting']}]"
        if e["kind"] == "event":
            why = f"attended talks {e['date']} [{e['meeting']}]: counts as 'accepts'"
        terms.append(
            (what, f"{e['score']:.3f}", f"{share * e['share']:.3f}", e["contribution"], why)
        )
    if p["evidence"]:
        terms.append(
            (
                "prior",
                "0.500",
                f"{share * p['stance_prior_share']:.3f}",
                p["stance_prior_contribution"],
                "the neutral score, against the evidence",
            )
        )
    else:
        terms.append(
            (
                "stance",
                "0.500",
                f"{share:.3f}",
                p["stance_contribution"],
                "no statement: the neutral score",
            )
        )
    for c in p["criteria"]:
        terms.append(
            (
                c["criterion"],
                f"{c['value']:.3f}",
                f"{c['effective_weight']:.3f}",
                c["contribution"],
                c["rule"],
            )
        )
    if p["momentum_weight"] > 0:
        terms.append(
            (
                "momentum",
                f"{p['momentum_value']:.3f}",
                f"{p['momentum_weight']:.3f}",
                p["momentum_contribution"],
                p["momentum_rule"],
            )
        )
    shown = round_to_sum([t[3] for t in terms], 4)
    rows = [["", "value", "weight", "contribution", "why"]]
    rows += [[t[0], t[1], t[2], f"{x:.4f}", t[4]] for t, x in zip(terms, shown, strict=True)]
    return rows, f"{sum(shown):.4f}"


def _cite(sources: list[str]) -> str:
    return "; ".join(sources) if sources else "no source"


def _plain_one(view: dict[str, Any]) -> str:
    v = view["venue"]
    out: list[str] = []
    out.append(
        f"{v['name']} ({v['country_name']}) — rank {view['rank']} of {view['of']}, "
        f"joint score {f3(view['joint_score'])}, {_status(view)}"
    )
    out.append(f"# {title_line(view)}")
    out += [f"# assuming: {a}" for a in view["assumptions"]]
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
            f"{p['name']} — utility {p['utility']:.4f} (weight in joint score {p['weight']:.2f})"
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
        out.append(f"  = {total} = utility (the terms add up to it)")
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


def _markdown_one(view: dict[str, Any]) -> str:
    v = view["venue"]
    out = [f"### {v['name']} ({v['country_name']})", ""]
    out.append(
        f"Rank **{view['rank']}** of {view['of']}, joint score **{f3(view['joint_score'])}**, "
        f"{_status(view)}. {title_line(view)}."
    )
    out.append("")
    out.append(f"`{joint_formula(view)}`")
    out.append("")
    for veto in view["vetoes"]:
        st = veto["statement"]
        out.append(
            f"> **Veto by {st['party_name']}** — {st['speaker']}, {st['date']}: “{st['quote']}” "
            f"({_cite(st['sources'])})"
        )
        out.append("")
    for p in view["parties"]:
        rows, total = _party_rows(p)
        out.append(f"**{p['name']}** — utility {p['utility']:.4f} (weight {p['weight']:.2f})")
        out.append("")
        out.append(md_table(["term", *rows[0][1:]], [[r[0], *r[1:]] for r in rows[1:]]).rstrip())
        out.append(f"| **total** | | | **{total}** | |")
        out.append("")
    if view["obstacles"]:
        out.append("Obstacles:")
        out.append("")
        out += [
            f"- {o['description']} — *would change with {o['remedy']}*" for o in view["obstacles"]
        ]
        out.append("")
    return "\n".join(out) + "\n"


def _table_one(view: dict[str, Any], ascii_bars: bool = False) -> list[Any]:
    """Rich renderables: a header, one table per party with contribution bars, obstacles,
    history."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    v = view["venue"]
    parts: list[Any] = []
    head = Text()
    head.append(f"{v['name']} ({v['country_name']})", style="bold")
    head.append(f" — rank {view['rank']} of {view['of']}, joint score ")
    head.append(f3(view["joint_score"]), style="bold green" if view["feasible"] else "bold red")
    head.append(f", {_status(view)}\n", style="" if view["feasible"] else "red")
    head.append(title_line(view), style="dim")
    for a in view["assumptions"]:
        head.append(f"\nassuming: {a}", style="yellow")
    head.append("\n" + joint_formula(view), style="cyan")
    parts.append(head)
    for veto in view["vetoes"]:
        st = veto["statement"]
        line = Text()
        line.append(f"VETO by {st['party_name']}: ", style="bold red")
        line.append(f"{st['speaker']}, {st['date']}: “{st['quote']}”\n")
        line.append(f"source: {_cite(st['sources'])}", style="dim")
        parts.append(line)
    for p in view["parties"]:
        rows, total = _party_rows(p)
        t = Table(
            title=Text(
                f"{p['name']} — utility {p['utility']:.4f} (weight {p['weight']:.2f})", style="bold"
            ),
            box=box.SIMPLE,
            title_justify="left",
        )
        for h in ("term", "value", "weight", "contribution", "", "why"):
            t.add_column(
                h,
                justify="right" if h in ("value", "weight", "contribution") else "left",
                overflow="fold",
            )
        max_c = max(float(r[3]) for r in rows[1:]) or 1.0
        for r in rows[1:]:
            t.add_row(
                r[0],
                r[1],
                r[2],
                r[3],
                Text(bar(float(r[3]) / max_c, 8, ascii_bars), style="cyan"),
                Text(r[4]),
            )
        t.add_row(Text("total", style="bold"), "", "", Text(total, style="bold"), "", "")
        parts.append(t)
        st = p["statement"]
        if st:
            q = Text()
            q.append("  latest stance: ", style="dim")
            q.append(f"{st['stance']}", style="bold")
            q.append(f" — {st['speaker']}, {st['date']} [{st['meeting']}]: “{st['quote']}”\n")
            q.append(f"  source: {_cite(st['sources'])}", style="dim")
            parts.append(q)
    if view["obstacles"]:
        block = Text("Obstacles, and what would remove them\n", style="bold")
        for o in view["obstacles"]:
            block.append(f"  • {o['description']}\n")
            block.append(f"    would change with: {o['remedy']}\n", style="green")
        parts.append(block)
    if view["history"]:
        t = Table(
            title=Text(f"Stated positions on {v['name']}", style="bold"),
            box=box.SIMPLE,
            title_justify="left",
        )
        for h in ("date", "party", "stance", "meeting", "speaker / quote / source"):
            t.add_column(h, overflow="fold")
        for h in view["history"]:
            body = Text(h["speaker"] + (" [assumed]" if h["assumed"] else ""), style="bold")
            body.append(f"\n“{h['quote']}”\n")
            body.append(_cite(h["sources"]), style="dim")
            t.add_row(h["date"], h["party_name"], h["stance"], h["meeting"], body)
        parts.append(t)
    if view["facts"]:
        facts = Text("Facts in force on the date\n", style="bold")
        for fct in view["facts"]:
            low = " [confidence: low]" if fct["confidence"] == "low" else ""
            facts.append(f"  {fct['date']}  {fct['summary']}{low}\n")
            facts.append(f"      {_cite(fct['sources'])}\n", style="dim")
        parts.append(facts)
    return parts


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
)


def items(view: dict[str, Any]) -> list[dict[str, Any]]:
    """Each venue of an explain document, with the document's header fields."""
    head = {k: view[k] for k in _HEADER if k in view}
    return [{**head, **v} for v in view["venues"]]


def plain(view: dict[str, Any]) -> str:
    return "\n".join(_plain_one(v) for v in items(view))


def markdown(view: dict[str, Any]) -> str:
    return "\n".join(_markdown_one(v) for v in items(view))


def table(view: dict[str, Any], ascii_bars: bool = False) -> list[Any]:
    return [part for v in items(view) for part in _table_one(v, ascii_bars)]
