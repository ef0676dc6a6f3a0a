"""`venues schema` against a real JSON Schema validator: every good file passes, and on the
bad-file fixtures the schema and the validator agree wherever a schema can judge."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import FIXTURES, ROOT, run
from venue_cli.errors import DatasetError
from venue_cli.format.jsonschema import json_schema
from venue_cli.format.yamlsafe import YamlProblem, loads
from venue_cli.load import check_file, read_text

BAD = FIXTURES / "bad"
# Bad files a schema can reject (keys, types, patterns, ranges, choices).
SCHEMA_REJECTS = {
    "ancient-date", "bad-id", "boolean-country", "date-format", "empty", "empty-quote",
    "future-schema-version", "infinity", "invalid-date", "line-break-in-name",
    "meeting-kind-unknown-key", "missing-field", "missing-schema-version", "misspelt-criterion",
    "misspelt-required-key", "misspelt-stance", "no-venues", "out-of-range",
    "partial-date-in-v1", "top-level-list", "unknown-fact-kind", "unknown-key",
    "unknown-top-level", "wrong-type", "yes-as-stance",
}  # fmt: skip
# Rules across records, which only the validator checks (docs/dataset-format.md says which);
# and NaN, which JSON cannot even write.
VALIDATOR_ONLY = {
    "alias-collision", "group-called-all", "group-is-a-venue-id", "duplicate-id",
    "except-without-covers", "nan", "no-positive-weight",
    "not-a-principal", "others-without-venues", "statement-without-party", "unknown-group",
    "unknown-meeting", "unknown-party", "unknown-source", "unknown-venue", "validity-reversed",
    "same-day-assessments", "stance-lapses-before-it-counts", "reported-before-said",
}  # fmt: skip


def _plain(o: Any) -> Any:
    if isinstance(o, dict):
        return {k: _plain(v) for k, v in o.items()}
    if isinstance(o, list):
        return [_plain(v) for v in o]
    return o


def _schema_errors(path: Path) -> list[str] | None:
    """The schema's messages for a file, or None if the file is not plain data at all."""
    try:
        text, _ = read_text(path)
        raw = _plain(loads(text))
    except (YamlProblem, DatasetError):
        return None
    version = raw.get("schema_version") if isinstance(raw, dict) else 2
    schema = json_schema(version if version in (1, 2) else 2)
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
    return [e.message for e in validator.iter_errors(raw)]


def _good_files() -> list[Path]:
    files = sorted((ROOT / "data").rglob("*.yaml"))
    files += [FIXTURES / "tiny.yaml", FIXTURES / "minimal.yaml"]
    return [f for f in files if "scenarios" not in f.parts]


def test_the_printed_schema_is_the_format_table() -> None:
    printed = json.loads(run("schema").stdout)
    assert printed == json_schema(2)
    assert json.loads(run("schema", "--version", "1").stdout) == json_schema(1)
    jsonschema.Draft202012Validator.check_schema(printed)
    assert printed["$id"] == "urn:venues:dataset-format:v2"


@pytest.mark.parametrize("path", _good_files(), ids=lambda p: p.stem)
def test_every_good_file_passes_the_schema(path: Path) -> None:
    _ds, problems, _warnings = check_file(path)
    assert problems == []
    assert _schema_errors(path) == []


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda p: p.stem)
def test_schema_and_validator_agree_on_bad_files(path: Path) -> None:
    _ds, problems, _warnings = check_file(path)
    assert problems, "the validator must reject every bad file"
    errors = _schema_errors(path)
    if path.stem in SCHEMA_REJECTS:
        assert errors, f"the schema should reject {path.stem}"
    elif path.stem in VALIDATOR_ONLY:
        assert errors == [], f"{path.stem}: a cross-record rule the schema cannot check"
    else:
        assert errors is None, f"{path.stem}: a YAML-level rule (not plain data at all)"
