"""Building typed records from validated field values (`validate` checked every value).

These builders are the only way records are made from data: the validator calls them, and
so does the scenario reader for its assumed facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from venue_cli.records import (
    Assessment,
    Attribution,
    Case,
    Condition,
    Confidence,
    CriterionWeight,
    Dataset,
    Event,
    EventKind,
    Fact,
    FactKind,
    Level,
    MeetingKind,
    Notice,
    Outcome,
    Party,
    Precision,
    Precondition,
    Role,
    Source,
    Stance,
    Statement,
    Venue,
)

if TYPE_CHECKING:
    from venue_cli.format.validate import Record


def _split_date(v: dict[str, Any], key: str = "date") -> None:
    """A partial date arrives as (last day, precision): store the day and the precision."""
    value = v.get(key)
    if isinstance(value, tuple):
        v[key] = value[0]
        if key == "date":
            v["date_precision"] = value[1]
    elif key == "date" and value is not None:
        v["date_precision"] = Precision.DAY


def build_source(values: dict[str, Any], line: int = 0) -> Source:
    v = dict(values)
    if v.get("date") is None:
        v["date"] = None
        v.pop("date_precision", None)
    else:
        _split_date(v)
    return Source(line=line, **v)


def build_party(values: dict[str, Any], line: int = 0) -> Party:
    v = dict(values)
    v["role"] = Role(v["role"])
    v["criteria"] = {
        c: CriterionWeight(w["weight"], w["rationale"]) for c, w in v.get("criteria", {}).items()
    }
    v["aliases"] = v.get("aliases", ())
    return Party(line=line, **v)


def build_venue(values: dict[str, Any], line: int = 0) -> Venue:
    return Venue(line=line, **values)


def build_statement(values: dict[str, Any], line: int = 0, assumed: bool = False) -> Statement:
    v = dict(values)
    _split_date(v)
    _split_date(v, "reported")
    parties = tuple(v.pop("parties", ()))
    if "party" not in v:
        v["party"] = parties[0]
    elif parties and v["party"] not in parties:
        parties = (v["party"], *parties)
    v["parties"] = parties if len(parties) > 1 else ()
    v["venues"] = tuple(v.get("venues", ()))
    v["excluded"] = tuple(v.pop("except", ()))
    v["stance"] = Stance(v["stance"])
    if "others" in v:
        v["others"] = Stance(v["others"])
    v["attribution"] = Attribution(v["attribution"])
    v["confidence"] = Confidence(v["confidence"])
    v["conditions"] = tuple(Condition(c["kind"], c["text"]) for c in v.get("conditions", ()))
    return Statement(line=line, assumed=assumed, **v)


def build_fact(values: dict[str, Any], line: int = 0, assumed: bool = False) -> Fact:
    """A Fact from validated field values (valid_from defaults to the fact's date)."""
    v = dict(values)
    _split_date(v)
    v["kind"] = FactKind(v["kind"])
    v["confidence"] = Confidence(v["confidence"])
    v.setdefault("valid_from", v["date"])
    return Fact(line=line, assumed=assumed, **v)


def build_event(values: dict[str, Any], line: int = 0) -> Event:
    v = dict(values)
    _split_date(v)
    v["kind"] = EventKind(v["kind"])
    v["confidence"] = Confidence(v["confidence"])
    return Event(line=line, **v)


def build_assessment(values: dict[str, Any], line: int = 0, assumed: bool = False) -> Assessment:
    v = dict(values)
    v["confidence"] = Confidence(v["confidence"])
    return Assessment(line=line, assumed=assumed, **v)


def _meeting_kind(value: Any) -> MeetingKind:
    if isinstance(value, str):
        return MeetingKind(value)
    level = value.get("level")
    return MeetingKind(
        value["description"], value.get("relatedness"), Level(level) if level else None
    )


def build_case(values: dict[str, Any]) -> Case:
    v = dict(values)
    v["meeting_kinds"] = {k: _meeting_kind(x) for k, x in v["meeting_kinds"].items()}
    pre = []
    for p in v.get("preconditions", ()):
        day = p["date"][0] if isinstance(p["date"], tuple) else p["date"]
        pre.append(Precondition(p["id"], p["party"], day, p["text"], tuple(p["sources"])))
    v["preconditions"] = tuple(pre)
    return Case(**v)


def build_dataset(
    path: str,
    version: int,
    case: Record,
    sections: dict[str, list[Record]],
    outcome: Record | None,
    notices: tuple[Notice, ...] = (),
) -> Dataset:
    return Dataset(
        path=path,
        case=build_case(case.values),
        sources={r.values["id"]: build_source(r.values, r.line) for r in sections["sources"]},
        parties={r.values["id"]: build_party(r.values, r.line) for r in sections["parties"]},
        venues={r.values["id"]: build_venue(r.values, r.line) for r in sections["venues"]},
        statements=tuple(build_statement(r.values, r.line) for r in sections["statements"]),
        facts=tuple(build_fact(r.values, r.line) for r in sections["facts"]),
        events=tuple(build_event(r.values, r.line) for r in sections["events"]),
        assessments=tuple(build_assessment(r.values, r.line) for r in sections["assessments"]),
        outcome=Outcome(**outcome.values) if outcome else None,
        schema_version=version,
        notices=notices,
    )


def event_held(kind: EventKind) -> bool:
    return kind.held
