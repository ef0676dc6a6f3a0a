"""What a valid dataset may still get wrong about time: warnings, not errors.

* **Hindsight**: a judged value (an assessment, or a travel constraint's judged level) that
  takes effect more than `GRACE_DAYS` before every dated source it cites: it would show in
  an `--as-of` ranking before its evidence existed.
* **Repeats**: an id listed twice in one list; the loader counted it once (`Notice`).
* **After the decision**: in a historical case, statements, facts or events dated on or
  after `case.decision_date` (a backtest scores the day before, so they never count; they
  usually mean a date is wrong).
* **Known only later**: in a historical case of version 2, a statement that counts from
  before the decision while every source it cites is dated on the decision day or later: if
  it was not public before, a backtest reads what nobody knew yet, and `reported` (or
  `public: false`) says so. Version 1 has neither field, so its files are not checked.
"""

from __future__ import annotations

import datetime as dt

from venue_cli.records import Dataset, FactKind

GRACE_DAYS = 31


def _earliest_source(ds: Dataset, ids: tuple[str, ...]) -> dt.date | None:
    dates = [ds.sources[i].date for i in ids if i in ds.sources and ds.sources[i].date]
    return min(d for d in dates if d is not None) if dates else None


def dataset_warnings(ds: Dataset) -> list[str]:
    out = [f"{ds.path}:{n.line}:{n.column}: {n.message}" for n in ds.notices]
    judged = [(f"assessment {a.id}", a.date, a.sources, a.line) for a in ds.assessments]
    judged += [
        (f"fact {f.id}", f.valid_from, f.sources, f.line)
        for f in ds.facts
        if f.kind is FactKind.TRAVEL_CONSTRAINT
    ]
    for what, day, ids, line in judged:
        first = _earliest_source(ds, ids)
        if first is not None and (first - day).days > GRACE_DAYS:
            out.append(
                f"{ds.path}:{line}: {what} takes effect on {day.isoformat()}, "
                f"{(first - day).days:,} days before its earliest source ({first.isoformat()}): "
                "date it no earlier than its evidence"
            )
    decided = ds.case.decision_date
    if decided is not None:
        late = [(f"statement {s.id}", s.date, s.line) for s in ds.statements if s.date >= decided]
        late += [(f"event {e.id}", e.date, e.line) for e in ds.events if e.date >= decided]
        late += [
            (f"fact {f.id}", f.valid_from, f.line) for f in ds.facts if f.valid_from >= decided
        ]
        for what, day, line in late:
            out.append(
                f"{ds.path}:{line}: {what} is dated {day.isoformat()}, on or after the decision "
                f"({decided.isoformat()}); a backtest never counts it"
            )
        if ds.schema_version >= 2:
            out += _known_only_later(ds, decided)
    return out


def _known_only_later(ds: Dataset, decided: dt.date) -> list[str]:
    out = []
    for s in ds.statements:
        if not s.public or s.known_from >= decided:
            continue
        if any(ds.sources[i].date is None for i in s.sources if i in ds.sources):
            continue  # an undated source may be the contemporary one
        first = _earliest_source(ds, s.sources)
        if first is not None and first >= decided:
            out.append(
                f"{ds.path}:{s.line}: statement {s.id} counts from {s.known_from.isoformat()}, "
                f"before the decision ({decided.isoformat()}), but the sources it cites are "
                f"dated from {first.isoformat()}: if it was not public before the decision, set "
                f"`reported: {first.isoformat()}` (or `public: false`) so a backtest does not "
                "read it"
            )
    return out
