"""`venues rank` in every format."""

from __future__ import annotations

from typing import Any

from venue_cli.textfmt import bar, columns, csv_text, f3, md_table


def title_line(view: dict[str, Any]) -> str:
    bits = [view["case_title"], f"as of {view['as_of']}", f"method: {view['method']}"]
    if view.get("perspective"):
        bits.append(f"perspective: {view['perspective']} only")
    return " · ".join(bits)


def assumption_lines(view: dict[str, Any]) -> list[str]:
    return [f"assuming: {a}" for a in view.get("assumptions", [])]


def _stance(p: dict[str, Any]) -> str:
    if p["stance"] is None:
        return "no statement"
    mark = "*" if p["stance_discounted"] else ""
    return f"{p['stance']}{mark} {p['stance_date']}"


def _principals(view: dict[str, Any]) -> list[dict[str, Any]]:
    return view["venues"][0]["parties"] if view["venues"] else []


def plain(view: dict[str, Any]) -> str:
    head = ["rank", "venue", "country", "score", "feasible"]
    parties = _principals(view)
    head += [p["id"] for p in parties]
    head += ["main obstacle"]
    rows = [head]
    for v in view["venues"]:
        row = [str(v["rank"]), v["name"], v["country"], f3(v["joint_score"])]
        row.append("yes" if v["feasible"] else "VETO")
        row += [_stance(p) for p in v["parties"]]
        row.append(v["main_obstacle"])
        rows.append(row)
    lines = [f"# {title_line(view)}"] + [f"# {a}" for a in assumption_lines(view)]
    note = "# stance: latest statement as of the date (* = about another kind of meeting)"
    return "\n".join([*lines, note]) + "\n" + columns(rows)


def csv(view: dict[str, Any]) -> str:
    parties = _principals(view)
    head = ["as_of", "rank", "id", "venue", "country", "joint_score", "feasible", "vetoed_by"]
    for p in parties:
        head += [f"{p['id']}_utility", f"{p['id']}_stance", f"{p['id']}_stance_date"]
    head.append("main_obstacle")
    rows = []
    for v in view["venues"]:
        row: list[object] = [
            view["as_of"],
            v["rank"],
            v["id"],
            v["name"],
            v["country"],
            f"{v['joint_score']:.6f}",
            str(v["feasible"]).lower(),
            ";".join(v["vetoed_by"]),
        ]
        for p in v["parties"]:
            row += [f"{p['utility']:.6f}", p["stance"] or "", p["stance_date"] or ""]
        row.append(v["main_obstacle"])
        rows.append(row)
    return csv_text(head, rows)


def markdown(view: dict[str, Any]) -> str:
    parties = _principals(view)
    head = ["#", "Venue", "Score", "Feasible", *[p["name"] for p in parties], "Main obstacle"]
    rows = []
    for v in view["venues"]:
        rows.append(
            [
                str(v["rank"]),
                f"{v['name']} ({v['country']})",
                f3(v["joint_score"]),
                "yes" if v["feasible"] else "**vetoed**",
                *[_stance(p) for p in v["parties"]],
                v["main_obstacle"],
            ]
        )
    intro = f"**{title_line(view)}**\n\n" + "".join(f"- {a}\n" for a in assumption_lines(view))
    return intro + ("\n" if view.get("assumptions") else "") + md_table(head, rows)


def table(view: dict[str, Any], ascii_bars: bool = False) -> Any:
    """A Rich table: rank, venue, joint score with a bar, each party's stance and utility."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    t = Table(
        title=Text(title_line(view), style="bold"),
        caption=Text(
            "\n".join(assumption_lines(view))
            + ("\n" if view.get("assumptions") else "")
            + "stance = latest statement as of the date; * = about another kind of meeting",
            style="dim",
        ),
        box=box.SIMPLE_HEAVY,
        header_style="bold",
    )
    t.add_column("#", justify="right")
    t.add_column("Venue")
    t.add_column("Score", justify="right")
    t.add_column("", no_wrap=True)
    parties = _principals(view)
    for p in parties:
        t.add_column(p["name"])
    t.add_column("Main obstacle", overflow="fold")
    for v in view["venues"]:
        feasible = v["feasible"]
        score_style = "green" if feasible else "red"
        cells: list[Any] = [
            Text(str(v["rank"])),
            Text(f"{v['name']} ({v['country']})", style="bold" if feasible else "dim"),
            Text(f3(v["joint_score"]) + ("" if feasible else "\nVETO"), style=score_style),
            Text(bar(v["joint_score"], 10, ascii_bars), style=score_style),
        ]
        for p in v["parties"]:
            stance = p["stance"] or "—"
            style = {
                "rejects": "red",
                "reluctant": "yellow",
                "proposes": "green",
                "accepts": "green",
            }.get(p["stance"] or "", "")
            cell = Text(stance + ("*" if p["stance_discounted"] else ""), style=style)
            if p["stance_date"]:
                cell.append(f" {p['stance_date']}", style="dim")
            cell.append("\n")
            cell.append(bar(p["utility"], 6, ascii_bars), style="cyan")
            cell.append(f" {p['utility']:.2f}", style="dim")
            cells.append(cell)
        obstacle = v["main_obstacle"]
        cells.append(Text(obstacle, style="red" if not feasible else ""))
        t.add_row(*cells)
    return t
