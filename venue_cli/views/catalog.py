"""Documents of `venues cases` and `venues scenarios`: what is bundled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from venue_cli.records import Dataset
from venue_cli.views import VIEW_SCHEMA_VERSION

if TYPE_CHECKING:
    from venue_cli.views.types import CaseRow, CasesDocument, ScenarioRow, ScenariosDocument


def case_row(name: str, ds: Dataset) -> CaseRow:
    o = ds.outcome
    return {
        "name": name,
        "title": ds.case.title,
        "venues": len(ds.venues),
        "statements": len(ds.statements),
        "decision_date": ds.case.decision_date.isoformat() if ds.case.decision_date else None,
        "outcome": ds.venues[o.venue].name if o else None,
    }


def cases_view(rows: list[CaseRow]) -> CasesDocument:
    return {"schema_version": VIEW_SCHEMA_VERSION, "command": "cases", "cases": rows}


def scenarios_view(rows: list[ScenarioRow]) -> ScenariosDocument:
    return {"schema_version": VIEW_SCHEMA_VERSION, "command": "scenarios", "scenarios": rows}
