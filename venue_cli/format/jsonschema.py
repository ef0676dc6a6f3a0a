"""The JSON Schema of the dataset format (`venues schema`), from the format table.

It checks what a schema can: keys, types, patterns, ranges and choices. Rules across
records (references, unique ids, a validity period that ends before it starts, unique
venue names) and the YAML rules (no aliases, tags or duplicate keys) are the validator's
alone; docs/dataset-format.md says which.
"""

from __future__ import annotations

from typing import Any

from venue_cli.format.fields import Choice
from venue_cli.format.spec import FACT_COMMON, FACT_KINDS, NESTED, SECTIONS, Field, RecordSpec

SCHEMA_ID = "urn:venues:dataset-format:v{version}"


def _record(fields: tuple[Field, ...]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    for fl in fields:
        schema = fl.type.json_schema()
        if fl.description:
            schema = {**schema, "description": fl.description}
        props[fl.name] = schema
    return {
        "type": "object",
        "additionalProperties": False,
        "required": [fl.name for fl in fields if fl.required],
        "properties": props,
    }


def _spec(spec: RecordSpec, version: int) -> dict[str, Any]:
    out = _record(spec.fields_for(version))
    if spec.description:
        out["description"] = spec.description
    return out


def json_schema(version: int = 2) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of schema_version `version` of the format."""
    defs: dict[str, Any] = {spec.name: _spec(spec, version) for spec in NESTED}
    properties: dict[str, Any] = {"schema_version": {"const": version}}
    for key, spec, is_list, _required in SECTIONS:
        if spec.name == "fact":
            variants = []
            for kind, extra in FACT_KINDS.items():
                fields = tuple(f for f in FACT_COMMON + extra if f.in_version(version))
                rec = _record(fields)
                rec["properties"]["kind"] = {"const": kind}
                variants.append(rec)
            defs["fact"] = {"oneOf": variants}
        else:
            defs[spec.name] = _spec(spec, version)
        ref = {"$ref": f"#/$defs/{spec.name}"}
        if is_list:
            properties[key] = {"type": "array", "items": ref}
            if _required and key in ("parties", "venues"):
                properties[key]["minItems"] = 1
        else:
            properties[key] = ref
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID.format(version=version),
        "title": f"venues dataset (schema_version {version})",
        "type": "object",
        "additionalProperties": False,
        "required": ["schema_version", *[k for k, _s, _l, r in SECTIONS if r]],
        "properties": properties,
        "$defs": defs,
    }


_ = Choice
