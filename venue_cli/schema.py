"""The dataset format as data: every record type, its fields and their rules.

`load` validates against these specs and `json_schema()` turns the same specs into a JSON
Schema for editors (`venues schema`), so the two cannot drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from venue_cli.limits import MAX_FILE_BYTES  # noqa: F401  (re-exported for users of the schema)
from venue_cli.model import (
    Attribution,
    Confidence,
    Criterion,
    EventKind,
    FactKind,
    Role,
    Stance,
)

SCHEMA_VERSION = 1

MAX_RECORDS = 20_000  # per list; a bigger case is almost surely a mistake or an attack
ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
PLACE_PATTERN = r"^[A-Z]{2,6}$"  # a country code or a bloc such as EU, NATO

CONFIDENCES = tuple(c.value for c in Confidence)


@dataclass(frozen=True, slots=True)
class Field:
    """One key of a record.

    type is one of: str, id, date, date?, number, enum, country, place, bool,
    list:str, list:id, list:place, list:country, criteria, meeting_kinds.
    ref names what an id (or list of ids) must refer to: party, venue, source, meeting,
    criterion, group.
    """

    name: str
    type: str
    required: bool = True
    choices: tuple[str, ...] = ()
    minimum: float | None = None
    maximum: float | None = None
    ref: str | None = None
    description: str = ""


def f(name: str, type_: str, required: bool = True, **kw: Any) -> Field:
    return Field(name, type_, required, **kw)


CASE = (
    f("id", "id"),
    f("title", "str"),
    f("summary", "str"),
    f("meeting", "id", ref="meeting", description="the meeting kind being placed"),
    f("meeting_kinds", "meeting_kinds"),
    f("principals", "list:id", ref="party"),
    f("decision_date", "date", required=False),
    f("notes", "list:str", required=False),
)

SOURCE = (
    f("id", "id"),
    f("outlet", "str"),
    f("date", "date?", description="date of the page; null when it showed none"),
    f("title", "str", required=False),
    f("url", "str", required=False),
    f("reliability", "enum", required=False, choices=("normal", "weak")),
    f("via", "str", required=False),
    f("note", "str", required=False),
)

PARTY = (
    f("id", "id"),
    f("name", "str"),
    f("role", "enum", choices=tuple(r.value for r in Role)),
    f("joint_weight", "number", minimum=0.0, maximum=1000.0),
    f("joint_weight_rationale", "str"),
    f("criteria", "criteria", required=False),
    f("country", "country", required=False),
    f("leader", "str", required=False),
    f("aliases", "list:str", required=False),
)

VENUE = (
    f("id", "id"),
    f("name", "str"),
    f("city", "str"),
    f("country", "country"),
    f("country_name", "str"),
    f("aliases", "list:str", required=False),
    f("groups", "list:id", required=False),
    f("host", "id", required=False, ref="party"),
    f(
        "arrival_country",
        "country",
        required=False,
        description="where a visiting leader must land, if not the venue's own country",
    ),
    f("jurisdictions", "list:place", required=False),
    f("blocs", "list:place", required=False),
    f("note", "str", required=False),
)

STATEMENT = (
    f("id", "id"),
    f("date", "date"),
    f("party", "id", ref="party"),
    f("speaker", "str"),
    f("venues", "list:id", ref="venue"),
    f("stance", "enum", choices=tuple(s.value for s in Stance)),
    f("meeting", "id", ref="meeting"),
    f("quote", "str"),
    f("attribution", "enum", choices=tuple(a.value for a in Attribution)),
    f("confidence", "enum", choices=CONFIDENCES),
    f("sources", "list:id", ref="source"),
    f("context", "str", required=False),
    f("note", "str", required=False),
)

FACT_COMMON = (
    f("id", "id"),
    f("kind", "enum", choices=tuple(k.value for k in FactKind)),
    f("date", "date"),
    f("summary", "str"),
    f("confidence", "enum", choices=CONFIDENCES),
    f("sources", "list:id", ref="source"),
    f("valid_from", "date", required=False),
    f("valid_until", "date", required=False),
    f("quote", "str", required=False),
)

FACT_KINDS: dict[str, tuple[Field, ...]] = {
    "icc_member": (f("country", "country"),),
    "arrest_warrant": (f("party", "id", ref="party"), f("issuer", "place")),
    "immunity_pledge": (
        f("country", "country"),
        f("strength", "enum", choices=("firm", "conditional")),
    ),
    "airspace_closure": (
        f("jurisdiction", "place"),
        f("against", "id", ref="party"),
        f("exemption", "enum", choices=("none", "diplomatic")),
        f("derogation", "enum", choices=("none", "per_state")),
    ),
    "airspace_waiver": (f("jurisdiction", "place"), f("party", "id", ref="party")),
    "travel_constraint": (
        f("venue", "id", ref="venue"),
        f("parties", "list:id", required=False, ref="party"),
        f("level", "number", minimum=0.0, maximum=1.0),
    ),
    "unfriendly_list": (f("party", "id", ref="party"), f("countries", "list:place")),
    "neutrality_status": (
        f("country", "country"),
        f("status", "enum", choices=("permanent", "declared")),
    ),
    "alignment": (
        f("country", "country"),
        f("party", "id", ref="party"),
        f("relation", "enum", choices=("ally", "adversary")),
    ),
    "note": (
        f("venue", "id", required=False, ref="venue"),
        f("country", "country", required=False),
    ),
}

EVENT = (
    f("id", "id"),
    f("date", "date"),
    f("end_date", "date", required=False),
    f("venue", "id", required=False, ref="venue"),
    f("country", "country"),
    f("place", "str"),
    f("kind", "enum", choices=tuple(k.value for k in EventKind)),
    f("meeting", "id", ref="meeting"),
    f("parties", "list:id", ref="party"),
    f("summary", "str"),
    f("sources", "list:id", ref="source"),
    f("confidence", "enum", choices=CONFIDENCES),
)

ASSESSMENT = (
    f("id", "id"),
    f("criterion", "enum", choices=tuple(c.value for c in Criterion)),
    f("venue", "id", ref="venue"),
    f("party", "id", required=False, ref="party"),
    f("value", "number", minimum=0.0, maximum=1.0),
    f("date", "date"),
    f("rationale", "str"),
    f("confidence", "enum", choices=CONFIDENCES),
    f("sources", "list:id", required=False, ref="source"),
)

OUTCOME = (
    f("venue", "id", ref="venue"),
    f("date", "date"),
    f("summary", "str"),
    f("sources", "list:id", ref="source"),
)

TOP_LEVEL = (
    f("schema_version", "number"),
    f("case", "record:case"),
    f("sources", "records:source"),
    f("parties", "records:party"),
    f("venues", "records:venue"),
    f("statements", "records:statement", required=False),
    f("facts", "records:fact", required=False),
    f("events", "records:event", required=False),
    f("assessments", "records:assessment", required=False),
    f("outcome", "record:outcome", required=False),
)

RECORDS: dict[str, tuple[Field, ...]] = {
    "case": CASE,
    "source": SOURCE,
    "party": PARTY,
    "venue": VENUE,
    "statement": STATEMENT,
    "event": EVENT,
    "assessment": ASSESSMENT,
    "outcome": OUTCOME,
}


def _field_schema(field: Field) -> dict[str, Any]:
    t = field.type
    out: dict[str, Any]
    if t == "str":
        out = {"type": "string", "minLength": 1}
    elif t == "id":
        out = {"type": "string", "pattern": ID_PATTERN}
    elif t == "date":
        out = {"type": "string", "format": "date"}
    elif t == "date?":
        out = {"type": ["string", "null"], "format": "date"}
    elif t == "number":
        out = {"type": "number"}
        if field.minimum is not None:
            out["minimum"] = field.minimum
        if field.maximum is not None:
            out["maximum"] = field.maximum
    elif t == "enum":
        out = {"enum": list(field.choices)}
    elif t == "country":
        out = {"type": "string", "pattern": COUNTRY_PATTERN}
    elif t == "place":
        out = {"type": "string", "pattern": PLACE_PATTERN}
    elif t == "bool":
        out = {"type": "boolean"}
    elif t.startswith("list:"):
        item = _field_schema(Field("item", t[5:]))
        out = {"type": "array", "items": item}
        if field.required:
            out["minItems"] = 1
    elif t == "criteria":
        out = {
            "type": "object",
            "additionalProperties": False,
            "properties": {
                c.value: {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["weight", "rationale"],
                    "properties": {
                        "weight": {"type": "number", "minimum": 0},
                        "rationale": {"type": "string", "minLength": 1},
                    },
                }
                for c in Criterion
            },
        }
    elif t == "meeting_kinds":
        out = {
            "type": "object",
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": {"type": "string", "minLength": 1},
            "minProperties": 1,
        }
    else:  # pragma: no cover - every type above is listed
        raise ValueError(t)
    if field.description:
        out["description"] = field.description
    return out


def _record_schema(fields: tuple[Field, ...]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [fl.name for fl in fields if fl.required],
        "properties": {fl.name: _field_schema(fl) for fl in fields},
    }


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of the dataset format."""
    defs: dict[str, Any] = {name: _record_schema(fields) for name, fields in RECORDS.items()}
    fact_variants = []
    for kind, extra in FACT_KINDS.items():
        rec = _record_schema(FACT_COMMON + extra)
        rec["properties"]["kind"] = {"const": kind}
        fact_variants.append(rec)
    defs["fact"] = {"oneOf": fact_variants}
    properties: dict[str, Any] = {"schema_version": {"const": SCHEMA_VERSION}}
    for fl in TOP_LEVEL[1:]:
        kind, _, name = fl.type.partition(":")
        ref = {"$ref": f"#/$defs/{name}"}
        properties[fl.name] = ref if kind == "record" else {"type": "array", "items": ref}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://github.com/venues/venues/schema/v1.json",
        "title": "venues dataset",
        "type": "object",
        "additionalProperties": False,
        "required": [fl.name for fl in TOP_LEVEL if fl.required],
        "properties": properties,
        "$defs": defs,
    }
