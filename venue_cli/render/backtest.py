"""`venues backtest` in every format: each case, the summary against a uniform pick, the
uncalibrated defaults and leave-one-case-out, and the reliability of the probabilities.

On a terminal: a table of the cases, a table of the summary, and a reliability diagram (per
bin of predicted probability, a bar of the mean prediction and a bar of how often the venue
was chosen, with the number of venues in the bin).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from venue_cli.render import layout
from venue_cli.render.rank import conditional_line, probability
from venue_cli.safety import md_text
from venue_cli.textfmt import bar, columns, csv_text, md_table, num, pct

HEAD = ["case", "decision_date", "outcome", "rank", "of", "prob.", "model_first"]
NOTE = "scored as of the day before each decision; the outcome is never read by the scorer"
RANK_NOTE = "rank: where the chosen venue ranked (=: tied with others; vetoed: the model vetoed it)"
METRICS = [
    ("top1", "top-1", "top-1", "higher: better", True),
    ("top3", "top-3", "top-3", "higher: better", True),
    ("mrr", "mean reciprocal rank", "MRR", "higher: better", False),
    ("log_loss", "log-loss", "log-loss", "lower: better", False),
    ("brier", "Brier score", "Brier", "lower: better", False),
]
BETTER_NOTE = (
    "higher is better for top-1, top-3 and MRR (mean reciprocal rank); lower for log-loss and Brier"
)
NARROW = 76  # below this, the summary uses short labels and a note for which way is better


def _rank(c: Mapping[str, Any]) -> str:
    tied = "=" if c["tied_with"] > 1 else ""
    return f"{c['rank']}{tied}"


def _chosen(c: Mapping[str, Any]) -> str:
    extra = " (vetoed)" if not c["chosen_feasible"] else ""
    return str(c["chosen_name"]) + extra + (" (single venue)" if c["single_venue"] else "")


def _rows(v: Mapping[str, Any]) -> list[list[str]]:
    return [
        [
            c["case"],
            c["decision_date"],
            _chosen(c),
            _rank(c),
            str(c["venues"]),
            probability(c["chosen_probability"]),
            c["model_first_name"],
        ]
        for c in v["cases"]
    ]


def _summary(v: Mapping[str, Any]) -> str:
    s = v["summary"]
    return (
        f"{s['cases']} cases · top-1 {s['top1']:.0%} · top-3 {s['top3']:.0%} · "
        f"mean reciprocal rank {s['mrr']:.3f} · method {v['method']}"
    )


def _columns(v: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """(label, scores) of the model and what it is measured against."""
    s = v["summary"]
    out = [("model", s)]
    if s.get("held_out"):
        out.append(("held out", s["held_out"]))
    if s.get("uncalibrated"):
        out.append(("defaults", s["uncalibrated"]))
    out.append(("uniform", s["baseline"]))
    return out


def _metric(value: float, as_share: bool) -> str:
    return pct(value) if as_share else num(value, 3)


def _summary_rows(v: Mapping[str, Any], short: bool = False) -> list[list[str]]:
    cols = _columns(v)
    rows = [["", *[label for label, _ in cols], ""]]
    for key, label, brief, better, share in METRICS:
        cells = [_metric(s[key], share) for _, s in cols]
        rows.append([brief, *cells] if short else [label, *cells, better])
    return rows


SUMMARY_NOTE = (
    "held out: each case scored with constants fitted on the other cases only; defaults: "
    "the model's uncalibrated constants; uniform: every venue equally likely"
)


def _bins(v: Mapping[str, Any]) -> list[list[str]]:
    return [
        [
            f"{num(b['low'], 1)}–{num(b['high'], 1)}",
            str(b["venues"]),
            num(b["mean_probability"], 2) if b["venues"] else "—",
            num(b["chosen_share"], 2) if b["venues"] else "—",
        ]
        for b in v.get("reliability", [])
    ]


BIN_HEAD = ["predicted", "venues", "mean predicted", "share chosen"]


def plain(v: Mapping[str, Any]) -> str:
    out = f"# {NOTE}\n# {conditional_line(v)}\n" + columns([HEAD, *_rows(v)]) + _summary(v) + "\n"
    skipped = v["summary"].get("single_venue") or []
    if skipped:
        out += f"not counted (a single venue): {', '.join(skipped)}\n"
    out += "\n" + columns(_summary_rows(v)) + f"# {SUMMARY_NOTE}\n"
    if v.get("reliability"):
        out += "\nreliability: the venues of every case, by predicted probability\n"
        out += columns([BIN_HEAD, *_bins(v)])
    return out


def csv(v: Mapping[str, Any]) -> str:
    """One row per case; the header uses the JSON field names."""
    head = [
        "case",
        "title",
        "decision_date",
        "as_of",
        "chosen",
        "chosen_name",
        "rank",
        "venues",
        "tied_with",
        "expected_rank",
        "chosen_probability",
        "chosen_feasible",
        "model_first",
        "model_first_name",
        "single_venue",
    ]
    rows = []
    for c in v["cases"]:
        row: list[object] = []
        for k in head:
            value = c[k]
            if isinstance(value, bool):
                row.append(str(value).lower())
            elif isinstance(value, float):
                row.append(f"{value:.6f}")
            else:
                row.append(value)
        rows.append(row)
    return csv_text(head, rows)


def markdown(v: Mapping[str, Any]) -> str:
    summary = _summary_rows(v)
    out = md_text(f"{NOTE}. {conditional_line(v)}") + "\n\n" + md_table(HEAD, _rows(v))
    out += "\n" + md_text(_summary(v)) + "\n\n"
    out += md_table(["metric", *summary[0][1:]], summary[1:])
    out += f"\n{md_text(SUMMARY_NOTE)}.\n"
    if v.get("reliability"):
        out += "\n" + md_table(BIN_HEAD, _bins(v))
    return out


# --------------------------------------------------------------------------- the terminal


def table(v: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None) -> list[Any]:
    w = width or layout.WIDE
    title = f"Backtest: {len(v['cases'])} cases, method {v['method']}"
    short = w < NARROW
    return [
        layout.text(title, "bold"),
        layout.note([NOTE]),
        _cases_table(v, w),
        layout.note([RANK_NOTE, conditional_line(v)]),
        layout.text(_summary(v), "bold"),
        _summary_table(v, short),
        layout.note([*([BETTER_NOTE] if short else []), SUMMARY_NOTE]),
        _reliability(v, w, ascii_bars),
    ]


def _cases_table(v: Mapping[str, Any], width: int) -> Any:
    from rich.text import Text

    cases = v["cases"]
    case_w = max(4, layout.longest([c["case"] for c in cases]))
    rank_w = max(4, layout.longest([f"{_rank(c)}/{c['venues']}" for c in cases]))
    fixed = [case_w, 10, rank_w, 5]
    room = width - layout.span([*fixed, 0, 0])
    chosen = [_chosen(c) for c in cases]
    first = [_first(c) for c in cases]
    if room < 24:
        return _cases_list(v)
    chosen_w = min(max(layout.longest(chosen), 12), max(room // 2, layout.longest_word(chosen), 8))
    first_w = max(8, min(max(layout.longest(first), 13), room - chosen_w))
    t = layout.new_table()
    t.add_column("Case", width=case_w, no_wrap=True)
    t.add_column("Decided", width=10, no_wrap=True)
    t.add_column("Chosen venue", width=chosen_w)
    t.add_column("Rank", justify="right", width=rank_w, no_wrap=True)
    t.add_column("Prob.", justify="right", width=5, no_wrap=True)
    t.add_column("Model's first", width=first_w)
    for c, name in zip(cases, chosen, strict=True):
        hit = c["rank"] == 1 and c["tied_with"] <= 1
        t.add_row(
            Text(c["case"]),
            Text(c["decision_date"]),
            Text(name, style="" if c["chosen_feasible"] else "red"),
            Text(f"{_rank(c)}/{c['venues']}", style="green" if hit else "yellow"),
            Text(probability(c["chosen_probability"])),
            Text(_first(c), style="dim" if c["model_first"] == c["chosen"] else ""),
        )
    return t


def _cases_list(v: Mapping[str, Any]) -> Any:
    """The cases for a narrow terminal: a line each, then the venues on the next line."""
    from rich.text import Text

    out = Text()
    for i, c in enumerate(v["cases"]):
        hit = c["rank"] == 1 and c["tied_with"] <= 1
        out.append(("\n" if i else "") + c["case"], style="bold")
        out.append(f"  {c['decision_date']}  ")
        out.append(f"{_rank(c)}/{c['venues']}", style="green" if hit else "yellow")
        out.append(f"  {probability(c['chosen_probability'])}")
        out.append(f"\n  chosen: {_chosen(c)}; model's first: {_first(c)}", style="dim")
    return out


def _first(c: Mapping[str, Any]) -> str:
    """The model's first venue; 'the same' when it is the chosen one (fewer lines)."""
    return "the same" if c["model_first"] == c["chosen"] else str(c["model_first_name"])


def _summary_table(v: Mapping[str, Any], short: bool) -> Any:
    rows = _summary_rows(v, short)
    t = layout.new_table()
    t.add_column("Measure", no_wrap=True)
    for label in rows[0][1:-1]:
        t.add_column(layout.text(label), justify="right", min_width=5)
    if not short:
        t.add_column("", style="dim")
    for r in rows[1:]:
        t.add_row(*[layout.text(c, "bold" if i == 1 else "") for i, c in enumerate(r)])
    return t


def _reliability(v: Mapping[str, Any], width: int, ascii_bars: bool) -> Any:
    """Per bin of predicted probability: the mean prediction and the share of venues that
    were chosen, as bars on the same 0–1 scale, and the number of venues in the bin."""
    from rich.text import Text

    bins = v.get("reliability") or []
    bar_w = max(6, min(24, (width - 7 - 6 - 4 * layout.GAP - 2 * 5) // 2))
    t = layout.new_table("Reliability: mean predicted probability against the share chosen")
    t.add_column("Predicted", no_wrap=True)
    t.add_column("Venues", justify="right", no_wrap=True)
    t.add_column("Mean predicted", no_wrap=True)
    t.add_column("Share chosen", no_wrap=True)
    for b in bins:
        label = f"{num(b['low'], 1)}–{num(b['high'], 1)}"
        if not b["venues"]:
            t.add_row(Text(label), Text("0"), Text("—", style="dim"), Text("—", style="dim"))
            continue
        predicted = Text(bar(b["mean_probability"], bar_w, ascii_bars), style="cyan")
        predicted.append(f" {num(b['mean_probability'], 2)}")
        observed = Text(bar(b["chosen_share"], bar_w, ascii_bars), style="green")
        observed.append(f" {num(b['chosen_share'], 2)}")
        t.add_row(Text(label), Text(str(b["venues"])), predicted, observed)
    return t
