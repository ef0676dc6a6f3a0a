"""Validation of parsed YAML against the format table (`spec`), then building the records.

Imported only when a dataset is parsed (not on a cache hit). Every problem is collected with
its location and reported together; nothing is printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from venue_cli import __version__
from venue_cli.errors import DatasetError, Problem
from venue_cli.format.fields import MISSING, Mark, Report, did_you_mean, show, suggestion
from venue_cli.format.spec import (
    FACT_KINDS,
    LATEST,
    MAX_RECORDS,
    SCHEMA_VERSIONS,
    SECTIONS,
    Field,
    RecordSpec,
    fact_fields,
)
from venue_cli.records import Dataset, Notice, Role

# How many did-you-mean suggestions one file may cost: each compares a name with every
# known name, so a hostile file with thousands of unknown references would be quadratic.
MAX_SUGGESTIONS = 200


def mark_of(container: Any, key: str | int, value: bool = True) -> Mark:
    """Where `container[key]` (or, with value=False, the key itself) is in the file."""
    from venue_cli.format.yamlsafe import YList, YMap

    if isinstance(container, YMap) and isinstance(key, str):
        return container.mark_for(key, value)
    if isinstance(container, YList) and isinstance(key, int):
        return container.mark_for(key)
    return getattr(container, "mark", None)


def check_record(
    raw: Any, fields: tuple[Field, ...], where: str, mark: Mark, report: Report
) -> dict[str, Any] | None:
    """Check a mapping against its fields; report unknown, missing and bad keys. Returns the
    converted values, or None if anything was wrong."""
    if not isinstance(raw, dict):
        report.add(mark, f"{where}: expected a mapping (key: value lines), got {show(raw)}")
        return None
    allowed = {fl.name: fl for fl in fields}
    ok = True
    # a misspelt required key is one mistake: its 'did you mean' says so, and the key is
    # not reported missing as well
    misspelt: set[str] = set()
    for key in raw:
        if key not in allowed:
            hint = report.suggest(key, allowed)
            meant = next((fl for fl in fields if hint and hint == suggestion(fl.name)), None)
            if meant is not None and meant.required and meant.name not in raw:
                misspelt.add(meant.name)
                hint += " (a required key)"
            report.add(mark_of(raw, key, value=False), f"{where}: unknown key '{key}'{hint}")
            ok = False
    values: dict[str, Any] = {}
    for fl in fields:
        if fl.name not in raw or (raw[fl.name] is None and not getattr(fl.type, "nullable", False)):
            if fl.required and fl.name not in misspelt:
                report.add(getattr(raw, "mark", mark), f"{where}: missing required key '{fl.name}'")
            ok = ok and not fl.required
            continue
        got = fl.type.check(raw[fl.name], f"{where}.{fl.name}", mark_of(raw, fl.name), report)
        if got is MISSING:
            ok = False
        else:
            values[fl.name] = got
    return values if ok else None


@dataclass
class Record:
    """A record that passed its own field checks, with its raw mapping for later marks."""

    values: dict[str, Any]
    raw: Any
    line: int
    spec: RecordSpec
    fields: tuple[Field, ...]


@dataclass
class Validator:
    path: str
    problems: list[Problem] = field(default_factory=list)
    version: int = LATEST
    suggestions_left: int = MAX_SUGGESTIONS
    # ids of records that failed their own checks: still "known" to references, so one
    # mistake is reported once, not again at every place that refers to the record
    broken_ids: dict[str, set[str]] = field(default_factory=dict)
    notices: list[Notice] = field(default_factory=list)

    def add(self, mark: Mark, message: str) -> None:
        line, col = mark if mark else (None, None)
        self.problems.append(Problem(self.path, line, col, message))

    def notice(self, mark: Mark, message: str) -> None:
        line, col = mark if mark else (0, 0)
        self.notices.append(Notice(line, col, message))

    def mark_of(self, container: Any, key: str | int, value: bool = True) -> Mark:
        return mark_of(container, key, value)

    def suggest(self, name: str, choices: Any) -> str:
        """'; did you mean …?' while the file's budget of suggestions lasts."""
        if self.suggestions_left <= 0:
            return ""
        self.suggestions_left -= 1
        return did_you_mean(name, choices)

    # -- sections -------------------------------------------------------------------------

    def records(self, raw: Any, section: str, spec: RecordSpec) -> list[Record]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.add(getattr(raw, "mark", None), f"{section}: expected a list of records")
            return []
        if len(raw) > MAX_RECORDS:
            self.add(getattr(raw, "mark", None), f"{section}: more than {MAX_RECORDS} records")
            return []
        out: list[Record] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(raw):
            mark = mark_of(raw, i)
            ident = item.get("id") if isinstance(item, dict) else None
            where = f"{section}[{i}]" + (f" ({ident})" if isinstance(ident, str) else "")
            fields = self._fields(spec, item, where, mark)
            values = check_record(item, fields, where, mark, self) if fields else None
            if values is None:
                if ident is None and isinstance(item, dict):
                    ident = _misspelt_id(item)
                if isinstance(ident, str):
                    self.broken_ids.setdefault(section, set()).add(ident)
                continue
            ident = values.get("id")
            if ident is not None:
                if ident in seen:
                    self.add(
                        mark_of(item, "id"),
                        f"{where}: duplicate id '{ident}' (first used on line {seen[ident]})",
                    )
                    continue
                seen[ident] = mark[0] if mark else 0
            out.append(Record(values, item, mark[0] if mark else 0, spec, fields))
        return out

    def _fields(self, spec: RecordSpec, item: Any, where: str, mark: Mark) -> tuple[Field, ...]:
        if spec.name != "fact":
            return spec.fields_for(self.version)
        if not isinstance(item, dict):
            self.add(mark, f"{where}: expected a mapping, got {show(item)}")
            return ()
        kind = item.get("kind")
        if not isinstance(kind, str) or kind not in FACT_KINDS:
            km = mark_of(item, "kind") if "kind" in item else getattr(item, "mark", mark)
            hint = self.suggest(kind, FACT_KINDS) if isinstance(kind, str) else ""
            self.add(
                km,
                f"{where}: 'kind' must be one of {', '.join(FACT_KINDS)}"
                + (f", got {show(kind)}" if kind is not None else "")
                + hint,
            )
            return ()
        return fact_fields(kind, self.version)

    def ref(self, rec: Record, key: str, known: frozenset[str], what: str, where: str) -> None:
        """Report every id under `key` that is not in `known` (a set built once per file)."""
        value = rec.values.get(key)
        if value is None:
            return
        items = value if isinstance(value, tuple) else (value,)
        for i, item in enumerate(items):
            if item not in known:
                raw_val = rec.raw.get(key)
                mark = mark_of(raw_val, i) if isinstance(value, tuple) else mark_of(rec.raw, key)
                self.add(mark, f"{where}.{key}: unknown {what} '{item}'{self.suggest(item, known)}")

    # -- the whole file -------------------------------------------------------------------

    def run(self, raw: Any) -> Dataset:
        if raw is None:
            self.add(None, "the file is empty; start from `venues init FILE`")
            raise DatasetError(self.problems)
        if not isinstance(raw, dict):
            self.add(getattr(raw, "mark", (1, 1)), "the top level must be a mapping (key: value)")
            raise DatasetError(self.problems)
        version = raw.get("schema_version", MISSING)
        if version is MISSING:
            self.add((1, 1), f"missing 'schema_version: {LATEST}' at the top")
            raise DatasetError(self.problems)
        if isinstance(version, str) and version.strip() in {str(v) for v in SCHEMA_VERSIONS}:
            self.add(
                mark_of(raw, "schema_version"),
                f"schema_version is the text {show(version)}, not a number: write it without "
                f"quotes (schema_version: {version.strip()})",
            )
            raise DatasetError(self.problems)
        if type(version) is float and version in SCHEMA_VERSIONS:
            self.add(
                mark_of(raw, "schema_version"),
                f"schema_version {show(version)} is not a whole number: write it without the "
                f"decimal point (schema_version: {int(version)})",
            )
            raise DatasetError(self.problems)
        if type(version) is not int or version not in SCHEMA_VERSIONS:
            self.add(
                mark_of(raw, "schema_version"),
                f"schema_version {show(version)} is not supported (this venues {__version__} "
                f"reads versions {', '.join(map(str, SCHEMA_VERSIONS))})",
            )
            raise DatasetError(self.problems)
        self.version = int(version)
        allowed = {"schema_version", *(key for key, *_ in SECTIONS)}
        for key in raw:
            if key not in allowed:
                self.add(
                    mark_of(raw, key, value=False),
                    f"unknown top-level key '{key}'{self.suggest(key, allowed)}",
                )
                self._ids_of_a_misspelt_section(key, raw[key], allowed)
        singles: dict[str, Record | None] = {}
        sections: dict[str, list[Record]] = {}
        for key, spec, is_list, required in SECTIONS:
            value = raw.get(key)
            if value is None:
                if required:
                    self.add(getattr(raw, "mark", None), f"missing required section '{key}'")
                if not is_list:
                    singles[key] = None
                else:
                    sections[key] = []
                continue
            if is_list:
                sections[key] = self.records(value, key, spec)
                if required and isinstance(value, list) and not value:
                    self.add(mark_of(raw, key), f"{key}: list at least one record")
            else:
                fields = spec.fields_for(self.version)
                values = check_record(value, fields, key, mark_of(raw, key), self)
                singles[key] = None if values is None else Record(values, value, 0, spec, fields)
                if values is None and key == "case" and isinstance(value, dict):
                    self._names_of_a_broken_case(value)
        from venue_cli.format.checks import cross_check

        cross_check(self, singles, sections)
        if self.problems:
            raise DatasetError(self.problems)
        from venue_cli.format.build import build_dataset

        case = singles["case"]
        assert case is not None
        return build_dataset(
            self.path, self.version, case, sections, singles["outcome"], tuple(self.notices)
        )

    def _ids_of_a_misspelt_section(self, key: object, value: object, allowed: set[str]) -> None:
        """The ids of the records under a misspelt section name ('sourcs:'): still known to
        references, so one typo is reported once, not again at every record that cites a
        source (536 problems on the live case)."""
        from venue_cli.names import suggest

        if not isinstance(key, str) or not isinstance(value, list):
            return
        if len(value) > MAX_RECORDS:
            return
        near = suggest(key, sorted(allowed), n=1)
        if not near:
            return
        ids = {item.get("id") for item in value if isinstance(item, dict)}
        self.broken_ids.setdefault(near[0], set()).update(i for i in ids if isinstance(i, str))

    def _names_of_a_broken_case(self, raw: dict[Any, Any]) -> None:
        """The meeting kinds and groups a case that failed its own checks names: still known
        to the statements and venues that use them, so one typo in the case is reported
        once, not again at every statement."""
        for key in ("meeting_kinds", "groups"):
            names = raw.get(key)
            if isinstance(names, dict):
                found = {k for k in names if isinstance(k, str)}
                self.broken_ids.setdefault(f"case.{key}", set()).update(found)


def _misspelt_id(item: dict[Any, Any]) -> str | None:
    """The text under a key that is a misspelling of 'id' ('ide: russia'), so that one typo
    in a record's id is reported once, not again at every reference to the record."""
    from venue_cli.names import suggest

    for key, value in item.items():
        if isinstance(key, str) and isinstance(value, str) and suggest(key.lower(), ["id"], n=1):
            return value
    return None


def _role_has_defaults(role: str) -> bool:
    from venue_cli.model.criteria import REGISTRY

    return REGISTRY.has_defaults(Role(role))
