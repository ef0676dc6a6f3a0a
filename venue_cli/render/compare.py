"""`venues compare A B [C ...]`: venues side by side per party and per criterion.

A row is marked decisive when it is among the three rows whose contributions differ most
between the venues compared (the spread, in utility points, of that term across them).
"""

from __future__ import annotations

from typing import Any

from venue_cli.render.rank import assumption_lines, title_line
from venue_cli.textfmt import columns, csv_text, f3, md_table


def _cell(row: dict[str, Any], i: int) -> str:
    if row["term"] == "stance":
        value = row["values"][i] or "—"
        return f"{value} ({row['contributions'][i]:.3f})"
    if row["term"] == "utility":
        return f"{row['values'][i]:.3f}"
    return f"{row['values'][i]:.2f} ({row['contributions'][i]:.3f})"


def _table_rows(view: dict[str, Any]) -> tuple[list[str], list[list[str]]]:
    names = [v["name"] for v in view["venues"]]
    head = ["party", "term", *names, "decisive"]
    body = [
        ["", "rank", *[str(v["rank"]) for v in view["venues"]], ""],
        [
            "",
            "joint score",
            *[f3(v["joint_score"]) + ("" if v["feasible"] else " VETO") for v in view["venues"]],
            "",
        ],
    ]
    for r in view["rows"]:
        body.append(
            [
                r["party"],
                r["term"],
                *[_cell(r, i) for i in range(len(names))],
                "◆" if r["decisive"] else "",
            ]
        )
    return head, body


def plain(view: dict[str, Any]) -> str:
    head, body = _table_rows(view)
    note = (
        "# value (contribution to the party's utility); ◆ = one of the three terms that "
        "differ most between these venues"
    )
    assumed = "".join(f"# {a}\n" for a in assumption_lines(view))
    return f"# {title_line(view)}\n{assumed}{note}\n" + columns([head, *body])


def csv(view: dict[str, Any]) -> str:
    ids = [v["id"] for v in view["venues"]]
    head = [
        "party",
        "term",
        *[f"{i}_value" for i in ids],
        *[f"{i}_contribution" for i in ids],
        "spread",
        "decisive",
    ]
    rows = [
        [
            r["party"],
            r["term"],
            *[str(x) for x in r["values"]],
            *[f"{x:.6f}" for x in r["contributions"]],
            f"{r['spread']:.6f}",
            str(r["decisive"]).lower(),
        ]
        for r in view["rows"]
    ]
    return csv_text(head, rows)


def markdown(view: dict[str, Any]) -> str:
    head, body = _table_rows(view)
    assumed = "".join(f"- {a}\n" for a in assumption_lines(view))
    return f"**{title_line(view)}**\n\n{assumed}\n" + md_table(head, body)


def table(view: dict[str, Any], ascii_bars: bool = False) -> Any:
    """A Rich table (no bars here: `ascii_bars` is accepted for a uniform renderer shape)."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    head, body = _table_rows(view)
    t = Table(
        title=Text("\n".join([title_line(view), *assumption_lines(view)]), style="bold"),
        box=box.SIMPLE_HEAVY,
        caption="value (contribution to utility) · ◆ decisive difference",
    )
    for h in head:
        t.add_column(h)
    for row in body:
        style = (
            "bold yellow" if row[-1] else ("bold" if row[1] in ("utility", "joint score") else "")
        )
        t.add_row(*[Text(c) for c in row], style=style)
    return t
