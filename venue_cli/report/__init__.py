"""`venues report`: one self-contained document from the plain-data views.

`build_report(fmt, data)` is pure: it takes the documented JSON views (the dicts of
`venue_cli.views`, `venue_cli.render.timeline.view` and `venue_cli.render.sources.bibliography`)
and returns the whole document as a string. Nothing here reads files, prints or imports numpy;
Rich is imported only by the `svg` format.

* `html`: one offline file (inline style and inline SVG charts, no script, no external
  resource; only plain links to the cited sources);
* `md`: Markdown for GitHub or Obsidian (headings, pipe tables, lists);
* `svg`: a picture of the terminal output (the ranking table, and the rank-acceptability heat
  map when sensitivity is present), exported by Rich.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from venue_cli.errors import InvalidArgumentError

if TYPE_CHECKING:
    from venue_cli.model.ranking import Ranking
    from venue_cli.model.sensitivity import SensitivityResult, StabilityInterval
    from venue_cli.records import Dataset

FORMATS: tuple[str, ...] = ("html", "md", "svg")


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportData:
    """Everything a report shows, as plain data (the CLI's documented JSON shapes).

    rank: `views.rank_view(ranking)`.
    explains: `views.explain_view(ranking, venue_id)` for each venue, in rank order.
    sensitivity: `views.sensitivity_view(ranking, result, stability)`, or None (no numpy, or
        not asked for): the report then says it was not computed.
    timeline: `render.timeline.view(dataset, entries)`, or None to leave the section out.
        Entries dated after the as-of date are shown, marked as later.
    sources: `render.sources.bibliography(dataset, "date")`; empty leaves the section out.
    """

    rank: Mapping[str, Any]
    explains: Sequence[Mapping[str, Any]]
    sensitivity: Mapping[str, Any] | None = None
    timeline: Mapping[str, Any] | None = None
    sources: Sequence[Mapping[str, Any]] = ()
    warnings: Sequence[str] = ()


def build_report(fmt: str, data: ReportData) -> str:
    """The whole report in `fmt` ("html", "md" or "svg"), as one string."""
    if fmt == "html":
        from venue_cli.report.html import render as render_html

        return render_html(data)
    if fmt == "md":
        from venue_cli.report.markdown import render as render_markdown

        return render_markdown(data)
    if fmt == "svg":
        from venue_cli.report.svg import render as render_svg

        return render_svg(data)
    raise InvalidArgumentError(
        f"unknown report format '{fmt}' (choose one of: {', '.join(FORMATS)})"
    )


def report_data(
    dataset: Dataset,
    ranking: Ranking,
    result: SensitivityResult | None = None,
    stability: list[StabilityInterval] | None = None,
    warnings: list[str] | None = None,
) -> ReportData:
    """Convenience: collect every view a report needs from the core objects.

    The timeline is cut at the ranking's as-of date, like everything else in the report.
    Sensitivity is included only when `result` is given (stability defaults to none).
    """
    from venue_cli.timeline import timeline
    from venue_cli.views.core import rank_view, sensitivity_view, venue_explanation
    from venue_cli.views.sources import bibliography
    from venue_cli.views.timeline import timeline_view

    sens = None
    if result is not None:
        sens = sensitivity_view(ranking, result, list(stability or []))
    rank = rank_view(ranking, warnings)
    head = {k: v for k, v in rank.items() if k != "venues"}
    return ReportData(
        rank=rank,
        explains=[
            {**head, "command": "explain", **venue_explanation(ranking, s.venue.id)}
            for s in ranking.scores
        ],
        sensitivity=sens,
        timeline=timeline_view(dataset, timeline(dataset, until=ranking.as_of)),
        sources=bibliography(dataset, "date"),
        warnings=list(warnings or []),
    )


__all__ = ["FORMATS", "ReportData", "build_report", "report_data"]
