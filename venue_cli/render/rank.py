"""`venues rank` in every format.

On a terminal the table fits the width. Each venue takes two lines; when the full table is
too wide, these go in this order until it fits (the caption says what was left out):

1. the bars (the joint score's bar, and each party's utility bar and number);
2. the main obstacle column (a veto still shows as VETO under the score);
3. the mediators' columns (parties that are not principals);
4. then the table becomes a stacked list: a line per venue and a line per party under it,
   with stances abbreviated (a legend line says how) when even that is too wide.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple

from venue_cli.render import layout
from venue_cli.render.term import Text
from venue_cli.safety import md_text
from venue_cli.textfmt import bar, cells, columns, csv_text, f3, ljust, md_table, num, pct

STANCE_NOTE = "stance = latest statement as of the date; * = about another kind of meeting"
FADED_NOTE = "(stance) = faded: the evidence is so old or weak that it barely counts"


def stance_notes(view: Mapping[str, Any]) -> list[str]:
    """The stance legend, with the faded-stance line only when a stance shown is faded."""
    faded = any(p.get("stance_faded") for v in view["venues"] for p in v["parties"])
    return [STANCE_NOTE, FADED_NOTE] if faded else [STANCE_NOTE]


PROB_NOTE = "prob. = probability of being the venue chosen"
ABBREVIATIONS = {
    "proposes": "prop",
    "accepts": "acc",
    "open": "open",
    "reluctant": "rel",
    "rejects": "rej",
}
ABBREVIATION_NOTE = "prop = proposes, acc = accepts, rel = reluctant, rej = rejects"


def title_line(view: Mapping[str, Any]) -> str:
    bits = [view["case_title"], f"as of {view['as_of']}", f"method: {view['method']}"]
    if view.get("perspective"):
        bits.append(f"perspective: {view['perspective']} only")
    return " · ".join(bits)


def assumption_lines(view: Mapping[str, Any]) -> list[str]:
    return [f"assuming: {a}" for a in view.get("assumptions", [])]


def conditional_line(view: Mapping[str, Any]) -> str:
    """The document's note that scores say where a meeting would be, not whether (the same
    note for a document that does not carry one, such as compare's)."""
    from venue_cli.views import CONDITIONAL

    text = str(view.get("conditional") or CONDITIONAL)
    return text[:1].upper() + text[1:] + ("." if text and not text.endswith(".") else "")


def probability(p: float) -> str:
    """A probability as a percentage; '<1%' rather than a misleading '0%' when above zero."""
    if 0 < p < 0.005:
        return "<1%"
    return pct(p)


def stance_text(p: Mapping[str, Any], abbreviate: bool = False) -> str:
    if p["stance"] is None:
        return "—"
    word = str(ABBREVIATIONS.get(p["stance"], p["stance"]) if abbreviate else p["stance"])
    word += "*" if p["stance_discounted"] else ""
    return f"({word})" if p.get("stance_faded") else word


def _stance(p: Mapping[str, Any]) -> str:
    if p["stance"] is None:
        return "no statement"
    return f"{stance_text(p)} {p['stance_date']}"


def _stance_cells() -> Callable[[Mapping[str, Any]], str]:
    """`_stance`, once per party brief: venues share briefs (`views.core.rank_view`)."""
    memo: dict[int, str] = {}  # by id(): the briefs are alive in the view being drawn

    def cell(p: Mapping[str, Any]) -> str:
        hit = memo.get(id(p))
        if hit is None:
            hit = memo[id(p)] = _stance(p)
        return hit

    return cell


def _principals(view: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return view["venues"][0]["parties"] if view["venues"] else []


def plain(view: Mapping[str, Any]) -> str:
    parties = _principals(view)
    head = ["rank", "venue", "country", "score", "prob.", "feasible"]
    head += [p["name"] for p in parties]
    head += ["main obstacle"]
    rows = [head]
    stance = _stance_cells()
    for v in view["venues"]:
        row = [str(v["rank"]), v["name"], v["country"], f3(v["joint_score"])]
        row += [probability(v["probability"]), "yes" if v["feasible"] else "VETO"]
        row += [stance(p) for p in v["parties"]]
        row.append(v["main_obstacle"])
        rows.append(row)
    lines = [f"# {title_line(view)}"] + [f"# {a}" for a in assumption_lines(view)]
    lines += [f"# {n}" for n in (*stance_notes(view), PROB_NOTE, conditional_line(view))]
    return "\n".join(lines) + "\n" + columns(rows)


def csv(view: Mapping[str, Any]) -> str:
    """One row per venue; the header uses the JSON field names (a party's fields are
    prefixed with its id)."""
    parties = _principals(view)
    head = ["as_of", "rank", "id", "name", "country", "joint_score", "probability", "feasible"]
    head += ["vetoed_by", "main_obstacle"]
    for p in parties:
        head += [f"{p['id']}_{k}" for k in ("weight", "utility", "stance", "stance_date")]
        head += [f"{p['id']}_stance_discounted", f"{p['id']}_stance_faded"]
    rows = []
    for v in view["venues"]:
        row: list[object] = [
            view["as_of"],
            v["rank"],
            v["id"],
            v["name"],
            v["country"],
            f"{v['joint_score']:.6f}",
            f"{v['probability']:.6f}",
            str(v["feasible"]).lower(),
            ";".join(v["vetoed_by"]),
            v["main_obstacle"],
        ]
        for p in v["parties"]:
            row += [f"{p['weight']:.6f}", f"{p['utility']:.6f}"]
            row += [p["stance"] or "", p["stance_date"] or "", str(p["stance_discounted"]).lower()]
            row.append(str(p.get("stance_faded", False)).lower())
        rows.append(row)
    return csv_text(head, rows)


def markdown(view: Mapping[str, Any]) -> str:
    parties = _principals(view)
    head = ["#", "Venue", "Score", "Probability", "Feasible"]
    head += [*[p["name"] for p in parties], "Main obstacle"]
    rows = []
    stance = _stance_cells()
    for v in view["venues"]:
        rows.append(
            [
                str(v["rank"]),
                f"{v['name']} ({v['country']})",
                f3(v["joint_score"]),
                probability(v["probability"]),
                "yes" if v["feasible"] else "VETO",
                *[stance(p) for p in v["parties"]],
                v["main_obstacle"],
            ]
        )
    intro = f"**{md_text(title_line(view))}**\n\n"
    intro += "".join(f"- {md_text(a)}\n" for a in assumption_lines(view))
    notes = md_text(f"{'. '.join(stance_notes(view))}. Probability: of being the venue chosen. ")
    notes = f"\n{notes}{md_text(conditional_line(view))}\n"
    return intro + ("\n" if view.get("assumptions") else "") + md_table(head, rows) + notes


# --------------------------------------------------------------------------- the terminal


class Layout(NamedTuple):
    """Which parts of the rank table are shown at a width."""

    bars: bool = True
    obstacle: bool = True
    parties: tuple[int, ...] = ()  # indices of the parties shown
    stacked: bool = False
    abbreviate: bool = False
    left_out: tuple[str, ...] = ()


def _party_width(view: Mapping[str, Any], i: int, bars: bool) -> int:
    cells = []
    for v in view["venues"]:
        p = v["parties"][i]
        if bars:
            cells.append(_stance(p) if p["stance"] else "—")
        else:
            cells += [stance_text(p), p["stance_date"] or ""]
    name = view["venues"][0]["parties"][i]["name"] if view["venues"] else ""
    floor = 11 if bars else 0  # a utility bar and its number: '██████ 0.63'
    return max(layout.longest(cells), layout.longest_word([name]), floor)


def _widths(view: Mapping[str, Any], lay: Layout) -> list[int]:
    venues = view["venues"]
    names = [v["name"] for v in venues]
    widths = [
        max(1, layout.longest([str(v["rank"]) for v in venues])),
        max(5, layout.longest(names)),
    ]
    widths += [5, 5]  # score, prob.
    if lay.bars:
        widths.append(10)
    widths += [_party_width(view, i, lay.bars) for i in lay.parties]
    if lay.obstacle:
        obstacles = [v["main_obstacle"] for v in venues]
        widths.append(min(24, max(13, layout.longest(obstacles))))
    return widths


def choose_layout(view: Mapping[str, Any], width: int) -> Layout:
    """The fullest layout that fits in `width`, shedding parts in the documented order."""
    parties = _principals(view)
    everyone = tuple(range(len(parties)))
    principals = tuple(i for i, p in enumerate(parties) if p.get("role", "principal") != "mediator")
    mediators = [p["name"] for i, p in enumerate(parties) if i not in principals]
    steps = [
        Layout(parties=everyone),
        Layout(bars=False, parties=everyone, left_out=("bars",)),
        Layout(bars=False, obstacle=False, parties=everyone, left_out=("bars", "main obstacle")),
    ]
    if mediators:
        shed = ("bars", "main obstacle", ", ".join(mediators))
        steps.append(Layout(bars=False, obstacle=False, parties=principals, left_out=shed))
    for lay in steps:
        if layout.fits(_widths(view, lay), width):
            return lay
    need = max((len(p["name"]) for p in parties), default=0) + 2 + 10 + 2 + 10 + 3
    return Layout(
        bars=False,
        obstacle=False,
        parties=everyone,
        stacked=True,
        abbreviate=need > width,
        left_out=("bars", "main obstacle"),
    )


def table(view: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None) -> list[Any]:
    """The ranking for a terminal `width` characters wide (see the module's docstring)."""
    lay = choose_layout(view, width or layout.WIDE)
    notes = [*assumption_lines(view), *stance_notes(view), PROB_NOTE, conditional_line(view)]
    if lay.abbreviate:
        notes.append(ABBREVIATION_NOTE)
    if lay.left_out:
        notes.append(f"left out at this width: {', '.join(lay.left_out)} (see --format plain)")
    body = _stacked(view, lay) if lay.stacked else _table(view, lay, ascii_bars)
    return [body, layout.note(notes)]


def _table(view: Mapping[str, Any], lay: Layout, ascii_bars: bool) -> Any:
    parties = _principals(view)
    widths = _widths(view, lay)
    t = layout.new_table(title_line(view))
    t.add_column("#", justify="right", width=widths[0], no_wrap=True)
    t.add_column("Venue", width=widths[1], no_wrap=True)
    t.add_column("Score", justify="right", width=5, no_wrap=True)
    t.add_column("Prob.", justify="right", width=5, no_wrap=True)
    k = 4
    if lay.bars:
        t.add_column("", width=10, no_wrap=True)
        k += 1
    for i in lay.parties:
        t.add_column(layout.text(parties[i]["name"]), width=widths[k], no_wrap=False)
        k += 1
    if lay.obstacle:
        t.add_column("Main obstacle", width=widths[k])
    for v in view["venues"]:
        feasible = v["feasible"]
        style = "green" if feasible else "red"
        country = v["country_name"] if len(v["country_name"]) <= widths[1] else v["country"]
        cells: list[Any] = [
            layout.text(str(v["rank"])),
            layout.block([(v["name"], "bold" if feasible else "dim"), (country, "dim")]),
            layout.block([(f3(v["joint_score"]), style), ("" if feasible else "VETO", "bold red")]),
            layout.text(probability(v["probability"])),
        ]
        if lay.bars:
            cells.append(layout.text(bar(v["joint_score"], 10, ascii_bars), style))
        for i in lay.parties:
            cells.append(_party_cell(v["parties"][i], lay.bars, ascii_bars))
        if lay.obstacle:
            cells.append(layout.text(v["main_obstacle"], "" if feasible else "red"))
        t.add_row(*cells)
    return t


def _party_cell(p: Mapping[str, Any], bars: bool, ascii_bars: bool) -> Any:
    style = layout.STANCE_STYLE.get(p["stance"] or "", "")
    cell = Text(stance_text(p), style=style)
    if p["stance_date"]:
        cell.append(" " if bars else "\n")
        cell.append(p["stance_date"], style="dim")
    if bars:
        cell.append("\n")
        cell.append(bar(p["utility"], 6, ascii_bars), style="cyan")
        cell.append(f" {num(p['utility'], 2)}", style="dim")
    return cell


def _stacked(view: Mapping[str, Any], lay: Layout) -> Any:
    """A line per venue (rank, name, score, probability), then a line per party."""
    parties = _principals(view)
    rank_w = layout.longest([str(v["rank"]) for v in view["venues"]])
    name_w = max((cells(p["name"]) for p in parties), default=0)
    out = Text()
    out.append(title_line(view) + "\n", style="bold")
    for v in view["venues"]:
        feasible = v["feasible"]
        out.append(f"{v['rank']:>{rank_w}} ", style="bold")
        out.append(v["name"], style="bold" if feasible else "dim")
        out.append(f"  {f3(v['joint_score'])}", style="green" if feasible else "red")
        out.append(f"  {probability(v['probability'])}")
        if not feasible:
            out.append("  VETO", style="bold red")
        out.append("\n")
        for p in v["parties"]:
            out.append(" " * (rank_w + 1) + ljust(p["name"], name_w) + "  ")
            stance = stance_text(p, lay.abbreviate)
            pad = 5 if lay.abbreviate else 10
            out.append(stance.ljust(pad), style=layout.STANCE_STYLE.get(p["stance"] or "", ""))
            if p["stance_date"]:
                out.append(f" {p['stance_date']}", style="dim")
            out.append("\n")
    out.rstrip()
    return out
