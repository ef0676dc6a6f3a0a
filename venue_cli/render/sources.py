"""`venues sources`: the bibliography, with what cites each source."""

from __future__ import annotations

from typing import Any

from venue_cli.model import Dataset
from venue_cli.textfmt import columns, csv_text, md_table


def bibliography(ds: Dataset, sort: str = "date") -> list[dict[str, Any]]:
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
    rows = [
        {
            "id": s.id,
            "outlet": s.outlet,
            "date": s.date.isoformat() if s.date else None,
            "title": s.title,
            "url": s.url,
            "via": s.via,
            "reliability": s.reliability,
            "cited_by": cited.get(s.id, []),
        }
        for s in ds.sources.values()
    ]
    if sort == "outlet":
        rows.sort(key=lambda r: (text(r["outlet"]).casefold(), text(r["date"]), text(r["id"])))
    else:
        rows.sort(
            key=lambda r: (text(r["date"]) or "9999", text(r["outlet"]).casefold(), text(r["id"]))
        )
    return rows


def text(value: object) -> str:
    """A string field, or '' for None."""
    return value if isinstance(value, str) else ""


def _line(r: dict[str, Any]) -> list[str]:
    outlet = r["outlet"] + (f" ({r['via']})" if r["via"] else "")
    weak = " [weak]" if r["reliability"] == "weak" else ""
    return [
        r["date"] or "n.d.",
        outlet + weak,
        r["url"] or "",
        str(len(r["cited_by"])),
        ", ".join(r["cited_by"]),
    ]


def plain(rows: list[dict[str, Any]]) -> str:
    return columns([["date", "outlet", "url", "cited", "cited by"], *[_line(r) for r in rows]])


def csv(rows: list[dict[str, Any]]) -> str:
    return csv_text(
        ["id", "date", "outlet", "via", "reliability", "title", "url", "cited_by"],
        [
            [
                r["id"],
                text(r["date"]),
                r["outlet"],
                r["via"] or "",
                r["reliability"],
                r["title"] or "",
                r["url"] or "",
                ";".join(r["cited_by"]),
            ]
            for r in rows
        ],
    )


def markdown(rows: list[dict[str, Any]]) -> str:
    return md_table(["date", "outlet", "url", "cited", "cited by"], [_line(r) for r in rows])
