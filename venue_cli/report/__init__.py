"""`venues report`: one self-contained document from the plain-data views.

`build_report(fmt, data)` is pure: it takes the documented JSON views (the dicts of
`venue_cli.views`) and returns the whole document as a string. Nothing here reads files,
prints or imports numpy; Rich is imported only by the `svg` format.

* `html`: one offline file (inline style and inline SVG charts, no script, no external
  resource; only plain links to the cited sources);
* `md`: Markdown for GitHub or Obsidian (headings, pipe tables, lists);
* `svg`: a picture of the terminal output (the ranking table, and the rank-acceptability heat
  map when sensitivity is present), exported by Rich.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from venue_cli.errors import InvalidArgumentError

if TYPE_CHECKING:
    from venue_cli.model.ranking import Ranking
    from venue_cli.model.sensitivity import SensitivityResult, StabilityInterval
    from venue_cli.records import Assessment, Dataset, Event, Fact, Precondition, Statement

FORMATS: tuple[str, ...] = ("html", "md", "svg")
#: A report explains at most this many venues, the first in rank order; the ranking and the
#: sensitivity still list every venue, and the report says how many it explains. A list of
#: every city in the world gave a 90 MB page of 10,000 explanations (a minute and 1 GB to
#: write); nobody reads past the first few dozen, and `venues explain` gives any other.
MAX_EXPLAINED = 100


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportData:
    """Everything a report shows, as plain data (the CLI's documented JSON shapes).

    rank: `views.rank_view(ranking, warnings)`.
    explains: the explanations of the first venues in rank order (`report_data` gives at
        most MAX_EXPLAINED), as in `views.explain_view(ranking, venue_id)` (its
        `conditional` and `preconditions` included).
    sensitivity: `views.sensitivity_view(ranking, result, stability)`, or None (no numpy, or
        not asked for): the report then says it was not computed.
    backtest: `views.backtest.backtest_view(...)` over the historical cases, or None to leave
        the section "How the model has done on history" out.
    timeline: `views.timeline.timeline_view(dataset, entries)`, or None to leave the section
        out.
    sources: `views.sources.bibliography(dataset, "date")`; empty leaves the section out.
    warnings: notices for the head of the report (the CLI's staleness warnings).

    The report shows what it is given: `report_data` cuts the timeline, the sources and the
    preconditions at the ranking's as-of date, so that nothing dated later appears.
    """

    rank: Mapping[str, Any]
    explains: Sequence[Mapping[str, Any]]
    sensitivity: Mapping[str, Any] | None = None
    backtest: Mapping[str, Any] | None = None
    timeline: Mapping[str, Any] | None = None
    sources: Sequence[Mapping[str, Any]] = ()
    warnings: Sequence[str] = ()


def cleaned(data: ReportData, max_len: int | None = None) -> ReportData:
    """The same data with every string through `safety.clean`: control and bidi characters
    become visible escapes and line breaks spaces (`max_len`: cut longer strings)."""
    from venue_cli.safety import clean_view

    return ReportData(
        rank=clean_view(data.rank, max_len),
        explains=clean_view(list(data.explains), max_len),
        sensitivity=clean_view(data.sensitivity, max_len),
        backtest=clean_view(data.backtest, max_len),
        timeline=clean_view(data.timeline, max_len),
        sources=clean_view(list(data.sources), max_len),
        warnings=clean_view(list(data.warnings), max_len),
    )


def build_report(fmt: str, data: ReportData) -> str:
    """The whole report in `fmt` ("html", "md" or "svg"), as one string.

    Every format is drawn from the cleaned view of `data` (HTML and Markdown keep the whole
    text; the terminal picture cuts very long strings, as a terminal table does), and holds
    no character that XML 1.0 forbids: the SVG, and the SVG charts inside the HTML, are always
    well-formed XML."""
    from venue_cli.safety import MAX_SHOWN, xml_text

    if fmt == "html":
        from venue_cli.report.html import render as render_html

        return xml_text(render_html(cleaned(data)))
    if fmt == "md":
        from venue_cli.report.markdown import render as render_markdown

        return xml_text(render_markdown(cleaned(data)))
    if fmt == "svg":
        from venue_cli.report.svg import render as render_svg

        return xml_text(render_svg(cleaned(data, MAX_SHOWN)))
    raise InvalidArgumentError(
        f"unknown report format '{fmt}' (choose one of: {', '.join(FORMATS)})"
    )


def known_on(dataset: Dataset, day: dt.date) -> Dataset:
    """The dataset as it stood on `day`: no statement known later (said or reported after
    it), no fact, event, assessment, outcome or precondition dated after it, and no source
    dated after it or cited only by such records. Sources that nothing cites stay (if not
    dated later)."""
    statements = tuple(s for s in dataset.statements if s.known_from <= day)
    facts = tuple(f for f in dataset.facts if f.date <= day)
    events = tuple(e for e in dataset.events if e.date <= day)
    assessments = tuple(a for a in dataset.assessments if a.date <= day)
    outcome = dataset.outcome if dataset.outcome and dataset.outcome.date <= day else None
    pre = tuple(p for p in dataset.case.preconditions if p.date <= day)

    def cited(*groups: Iterable[Statement | Fact | Event | Assessment | Precondition]) -> set[str]:
        return {i for g in groups for r in g for i in r.sources}

    ds, case = dataset, dataset.case
    ever = cited(ds.statements, ds.facts, ds.events, ds.assessments, case.preconditions)
    now = cited(statements, facts, events, assessments, pre)
    if ds.outcome:
        ever |= set(ds.outcome.sources)
    if outcome:
        now |= set(outcome.sources)
    sources = {
        k: s
        for k, s in dataset.sources.items()
        if (s.date is None or s.date <= day) and (k in now or k not in ever)
    }
    return dataset._replace(
        case=dataset.case._replace(preconditions=pre),
        sources=sources,
        statements=statements,
        facts=facts,
        events=events,
        assessments=assessments,
        outcome=outcome,
    )


def report_data(
    dataset: Dataset,
    ranking: Ranking,
    result: SensitivityResult | None = None,
    stability: list[StabilityInterval] | None = None,
    warnings: list[str] | None = None,
    backtest: Mapping[str, Any] | None = None,
) -> ReportData:
    """Convenience: collect every view a report needs from the core objects.

    The timeline, the sources and the preconditions are those of the dataset as it stood on
    the ranking's as-of date (`known_on`), like everything else in the report. Sensitivity is
    included only when `result` is given (stability defaults to none); `backtest` is the
    `backtest_view` document, passed through.
    """
    from venue_cli.timeline import timeline
    from venue_cli.views import CONDITIONAL
    from venue_cli.views.core import preconditions, rank_view, sensitivity_view, venue_explanation
    from venue_cli.views.sources import bibliography
    from venue_cli.views.timeline import timeline_view

    day = ranking.as_of
    then = known_on(dataset, day)
    sens = None
    if result is not None:
        sens = sensitivity_view(ranking, result, list(stability or []), warnings)
    rank = rank_view(ranking, warnings)
    head = {k: v for k, v in rank.items() if k not in ("venues", "command")}
    pre = preconditions(then)
    return ReportData(
        rank=rank,
        explains=[
            {
                **head,
                "command": "explain",
                "conditional": CONDITIONAL,
                "preconditions": pre,
                **venue_explanation(ranking, s.venue.id),
            }
            for s in ranking.scores[:MAX_EXPLAINED]
        ],
        sensitivity=sens,
        backtest=backtest,
        timeline=timeline_view(then, timeline(then, until=day)),
        sources=bibliography(then, "date"),
        warnings=list(warnings or []),
    )


__all__ = [
    "FORMATS",
    "MAX_EXPLAINED",
    "ReportData",
    "build_report",
    "cleaned",
    "known_on",
    "report_data",
]
