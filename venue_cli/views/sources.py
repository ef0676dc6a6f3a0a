"""The document of `venues sources`: the bibliography, with what cites each source."""

from __future__ import annotations

from typing import TYPE_CHECKING

from venue_cli.records import Dataset, show_date
from venue_cli.views import VIEW_SCHEMA_VERSION

if TYPE_CHECKING:
    from venue_cli.views.types import SourcesDocument, SourceView


def bibliography(ds: Dataset, sort: str = "date") -> list[SourceView]:
    cited: dict[str, list[str]] = {s: [] for s in ds.sources}
    records: list[tuple[str, tuple[str, ...]]] = []
    records += [(f"statement {s.id}", s.sources) for s in ds.statements]
    records += [(f"fact {f.id}", f.sources) for f in ds.facts]
    records += [(f"event {e.id}", e.sources) for e in ds.events]
    records += [(f"assessment {a.id}", a.sources) for a in ds.assessments]
    if ds.outcome:
        records.append(("outcome", ds.outcome.sources))
    for label, ids in records:
        for i in ids:
            cited.setdefault(i, []).append(label)
    rows: list[SourceView] = [
        {
            "id": s.id,
            "outlet": s.outlet,
            "date": show_date(s.date, s.date_precision) if s.date else None,
            "title": s.title,
            "url": s.url,
            "via": s.via,
            "reliability": s.reliability,
            "cited_by": cited.get(s.id, []),
        }
        for s in ds.sources.values()
    ]
    if sort == "outlet":
        rows.sort(key=lambda r: (r["outlet"].casefold(), r["date"] or "", r["id"]))
    else:
        rows.sort(key=lambda r: (r["date"] or "9999", r["outlet"].casefold(), r["id"]))
    return rows


def sources_view(ds: Dataset, sort: str = "date") -> SourcesDocument:
    return {
        "schema_version": VIEW_SCHEMA_VERSION,
        "command": "sources",
        "case": ds.case.id,
        "sources": bibliography(ds, sort),
    }
