"""`venues compare A B [C ...]`: venues side by side per party and per criterion.

A row is marked decisive when it is among the three rows whose contributions differ most
between the venues compared (the spread, in utility points, of that term across them). A
stance about another kind of meeting keeps its `*`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from venue_cli.render import layout
from venue_cli.render.rank import assumption_lines, conditional_line, title_line
from venue_cli.safety import md_text
from venue_cli.textfmt import columns, csv_text, f3, md_table, num

NOTE = (
    "value (contribution to the party's utility); ◆ = one of the three terms that differ most "
    "between these venues; * = a stance about another kind of meeting"
)


def _value(row: Mapping[str, Any], i: int) -> str:
    if row["term"] == "stance":
        value = row["values"][i] or "—"
        discounted = row.get("discounted") or []
        mark = "*" if i < len(discounted) and discounted[i] else ""
        return f"{value}{mark}"
    if row["term"] == "utility":
        return f3(row["values"][i])
    return num(row["values"][i], 2)


def _cell(row: Mapping[str, Any], i: int) -> str:
    if row["term"] == "utility":
        return _value(row, i)
    return f"{_value(row, i)} ({f3(row['contributions'][i])})"


def _head_rows(view: Mapping[str, Any]) -> list[list[str]]:
    return [
        ["", "rank", *[str(v["rank"]) for v in view["venues"]], ""],
        [
            "",
            "joint score",
            *[f3(v["joint_score"]) + ("" if v["feasible"] else " VETO") for v in view["venues"]],
            "",
        ],
    ]


def _table_rows(view: Mapping[str, Any]) -> tuple[list[str], list[list[str]]]:
    names = [v["name"] for v in view["venues"]]
    head = ["party", "term", *names, "decisive"]
    body = _head_rows(view)
    for r in view["rows"]:
        body.append(
            [
                r["party_name"],
                r["term"],
                *[_cell(r, i) for i in range(len(names))],
                "◆" if r["decisive"] else "",
            ]
        )
    return head, body


def plain(view: Mapping[str, Any]) -> str:
    head, body = _table_rows(view)
    assumed = "".join(f"# {a}\n" for a in assumption_lines(view))
    return f"# {title_line(view)}\n{assumed}# {NOTE}\n# {conditional_line(view)}\n" + columns(
        [head, *body]
    )


def csv(view: Mapping[str, Any]) -> str:
    """One row per party and term; a venue's entries of the JSON lists `values`, `scores`,
    `contributions` and `discounted` are the columns prefixed with its id."""
    ids = [v["id"] for v in view["venues"]]
    head = ["party", "party_name", "term"]
    for key in ("values", "scores", "contributions", "discounted"):
        head += [f"{i}_{key}" for i in ids]
    head += ["spread", "decisive"]
    rows = []
    for r in view["rows"]:
        discounted = r.get("discounted") or [False] * len(ids)
        rows.append(
            [
                r["party"],
                r["party_name"],
                r["term"],
                *["" if x is None else str(x) for x in r["values"]],
                *[f"{x:.6f}" for x in r["scores"]],
                *[f"{x:.6f}" for x in r["contributions"]],
                *[str(x).lower() for x in discounted],
                f"{r['spread']:.6f}",
                str(r["decisive"]).lower(),
            ]
        )
    return csv_text(head, rows)


def markdown(view: Mapping[str, Any]) -> str:
    head, body = _table_rows(view)
    assumed = "".join(f"- {md_text(a)}\n" for a in assumption_lines(view))
    return (
        f"**{md_text(title_line(view))}**\n\n{assumed}\n"
        + md_table(head, body)
        + f"\n{md_text(NOTE)}. {md_text(conditional_line(view))}\n"
    )


def table(view: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None) -> list[Any]:
    """A section per party (its terms indented under its name), a column per venue. When
    the value and contribution do not fit side by side, they take two lines."""
    from rich.text import Text

    w = width or layout.WIDE
    venues = view["venues"]
    n = len(venues)
    rows = view["rows"]
    terms = ["joint score", *[f"  {r['term']}" for r in rows]]
    parties = [r["party_name"] for r in rows]
    term_w = layout.longest(terms + parties)
    one_line = [_cell(r, i) for r in rows for i in range(n)]
    names = [v["name"] for v in venues]
    cell_w = max(layout.longest(one_line), layout.longest_word(names))
    two_lines = not layout.fits([term_w, *[cell_w] * n, 1], w)
    if two_lines:
        values = [_value(r, i) for r in rows for i in range(n)]
        cell_w = max(layout.longest(values), layout.longest_word(names), 7)
    if not layout.fits([term_w, *[cell_w] * n, 1], w):  # a long party name folds
        term_w = max(layout.longest(terms), layout.longest_word(parties))
    t = layout.new_table(title_line(view))
    t.add_column("", width=term_w)
    for name in names:
        t.add_column(Text(name), justify="right", width=cell_w)
    t.add_column("", width=1, no_wrap=True)
    for head in _head_rows(view):
        t.add_row(Text(head[1], style="bold"), *[Text(c, style="bold") for c in head[2:-1]], "")
    party = None
    for r in rows:
        if r["party"] != party:
            party = r["party"]
            t.add_row(Text(r["party_name"], style="bold"), *[""] * n, "", end_section=False)
        cells: list[Any] = []
        for i in range(n):
            if r["term"] == "utility" or not two_lines:
                cells.append(Text(_cell(r, i)))
            else:
                cells.append(Text(f"{_value(r, i)}\n({f3(r['contributions'][i])})"))
        style = "bold" if r["term"] == "utility" else ("yellow" if r["decisive"] else "")
        t.add_row(
            Text(f"  {r['term']}"),
            *cells,
            Text("◆" if r["decisive"] else "", style="yellow"),
            style=style,
        )
    notes = [*assumption_lines(view), NOTE, conditional_line(view)]
    return [t, layout.note(notes)]
