"""Documents of `venues timeline` and `venues changes`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from venue_cli.model.ranking import Ranking
from venue_cli.records import Dataset
from venue_cli.timeline import TimelineEntry, VenueChange
from venue_cli.views import VIEW_SCHEMA_VERSION

if TYPE_CHECKING:
    from venue_cli.views.types import ChangesDocument, TimelineDocument, TimelineEntryView


def entry_view(e: TimelineEntry) -> TimelineEntryView:
    return {
        "date": e.date.isoformat(),
        "date_known": e.shown_date or e.date.isoformat(),
        "change": e.change,
        "kind": e.kind,
        "id": e.id,
        "party": e.party,
        "speaker": e.speaker,
        "venues": list(e.venues),
        "stance": e.stance,
        "meeting": e.meeting,
        "text": e.text,
        "source": e.source,
    }


def timeline_view(ds: Dataset, entries: list[TimelineEntry]) -> TimelineDocument:
    return {
        "schema_version": VIEW_SCHEMA_VERSION,
        "command": "timeline",
        "case": ds.case.id,
        "case_title": ds.case.title,
        "entries": [entry_view(e) for e in entries],
    }


def changes_view(before: Ranking, after: Ranking, moved: list[VenueChange]) -> ChangesDocument:
    # a cause shared by many venues (`timeline.changes` builds one per statement and kind
    # of change) gets one view, shared too
    views: dict[int, TimelineEntryView] = {}

    def view_of(e: TimelineEntry) -> TimelineEntryView:
        got = views.get(id(e))
        if got is None:
            got = views[id(e)] = entry_view(e)
        return got

    return {
        "schema_version": VIEW_SCHEMA_VERSION,
        "command": "changes",
        "case": after.dataset.case.id,
        "case_title": after.dataset.case.title,
        "from": before.as_of.isoformat(),
        "to": after.as_of.isoformat(),
        "method": after.method.value,
        "changes": [
            {
                "venue": c.venue,
                "name": c.name,
                "rank_from": c.rank_from,
                "rank_to": c.rank_to,
                "score_from": c.score_from,
                "score_to": c.score_to,
                "feasible_from": c.feasible_from,
                "feasible_to": c.feasible_to,
                "causes": [view_of(e) for e in c.causes],
            }
            for c in moved
        ],
    }
