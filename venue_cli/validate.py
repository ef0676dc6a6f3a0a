"""Validation of parsed YAML against the dataset format, and building the typed records.

Imported only when a dataset is parsed (not on a cache hit), so it costs nothing on the
common path. Every problem is collected with its location; nothing is printed.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from venue_cli import __version__
from venue_cli.errors import DatasetError, Problem
from venue_cli.model import (
    Assessment,
    Attribution,
    Case,
    Confidence,
    Criterion,
    CriterionWeight,
    Dataset,
    Event,
    EventKind,
    Fact,
    FactKind,
    Outcome,
    Party,
    Role,
    Source,
    Stance,
    Statement,
    Venue,
)
from venue_cli.names import suggest
from venue_cli.schema import (
    COUNTRY_PATTERN,
    FACT_COMMON,
    FACT_KINDS,
    ID_PATTERN,
    MAX_RECORDS,
    PLACE_PATTERN,
    RECORDS,
    SCHEMA_VERSION,
    TOP_LEVEL,
    Field,
)

_ID = re.compile(ID_PATTERN)
_COUNTRY = re.compile(COUNTRY_PATTERN)
_PLACE = re.compile(PLACE_PATTERN)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_MISSING = object()


# --------------------------------------------------------------------------- validation


def _did_you_mean(name: str, choices: Iterable[str]) -> str:
    close = suggest(name, choices, n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


@dataclass
class _Record:
    """A record that passed its own field checks, with its marks for later checks."""

    values: dict[str, Any]
    raw: Any
    line: int


@dataclass
class Validator:
    path: str
    problems: list[Problem] = field(default_factory=list)
    # ids of records that failed their own checks: still "known" to references, so one
    # mistake is reported once, not again at every place that refers to the record
    broken_ids: dict[str, set[str]] = field(default_factory=dict)

    # -- helpers ------------------------------------------------------------------------

    def add(self, mark: tuple[int, int] | None, message: str) -> None:
        line, col = mark if mark else (None, None)
        self.problems.append(Problem(self.path, line, col, message))

    @staticmethod
    def _mark_of(container: Any, key: str | int, value: bool = True) -> tuple[int, int] | None:
        from venue_cli.yamlsafe import YList, YMap

        if isinstance(container, YMap) and isinstance(key, str):
            marks = container.value_marks if value else container.key_marks
            return marks.get(key, container.mark)
        if isinstance(container, YList) and isinstance(key, int):
            return container.item_marks[key] if key < len(container.item_marks) else container.mark
        return getattr(container, "mark", None)

    def _convert(self, fl: Field, value: Any, where: str, mark: Any) -> Any:
        """Check one value against its field type; return the converted value or _MISSING."""
        t = fl.type
        name = f"{where}.{fl.name}"

        def bad(expected: str) -> Any:
            self.add(mark, f"{name}: expected {expected}, got {_show(value)}")
            return _MISSING

        if t == "str":
            if not isinstance(value, str):
                return bad("a string (quote it)")
            if not value.strip():
                return bad("a non-empty string")
            return value
        if t == "id":
            if not isinstance(value, str) or not _ID.fullmatch(value):
                return bad("an id (lowercase letters, digits and '-')")
            return value
        if t in ("date", "date?"):
            if value is None and t == "date?":
                return None
            if not isinstance(value, str) or not _DATE.fullmatch(value):
                return bad("a date written YYYY-MM-DD")
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                self.add(mark, f"{name}: '{value}' is not a real calendar date")
                return _MISSING
        if t == "number":
            if isinstance(value, bool) or not isinstance(value, (int, float)):
                return bad("a number")
            if not math.isfinite(value):
                return bad("a finite number (NaN and infinity are not allowed)")
            if fl.minimum is not None and value < fl.minimum:
                self.add(mark, f"{name}: {value} is below the minimum {fl.minimum:g}")
                return _MISSING
            if fl.maximum is not None and value > fl.maximum:
                self.add(mark, f"{name}: {value} is above the maximum {fl.maximum:g}")
                return _MISSING
            return float(value)
        if t == "enum":
            if not isinstance(value, str) or value not in fl.choices:
                hint = _did_you_mean(str(value), fl.choices) if isinstance(value, str) else ""
                self.add(
                    mark,
                    f"{name}: expected one of {', '.join(fl.choices)}, got {_show(value)}{hint}",
                )
                return _MISSING
            return value
        if t == "country":
            if isinstance(value, bool):
                return bad("a two-letter country code in quotes (YAML read NO/no as false)")
            if not isinstance(value, str) or not _COUNTRY.fullmatch(value):
                return bad('an ISO 3166 alpha-2 country code such as "CH"')
            return value
        if t == "place":
            if not isinstance(value, str) or not _PLACE.fullmatch(value):
                return bad('a country code or bloc in capitals, such as "CH" or "EU"')
            return value
        if t.startswith("list:"):
            if not isinstance(value, list):
                return bad("a list")
            if len(value) > MAX_RECORDS:
                return bad(f"at most {MAX_RECORDS} items")
            item_field = Field(fl.name, t[5:])
            out = []
            for i, item in enumerate(value):
                converted = self._convert(item_field, item, f"{where}", self._mark_of(value, i))
                if converted is _MISSING:
                    return _MISSING
                out.append(converted)
            if fl.required and not out:
                return bad("a non-empty list")
            return tuple(out)
        if t == "criteria":
            return self._criteria(value, name, mark)
        if t == "meeting_kinds":
            if not isinstance(value, dict) or not value:
                return bad("a mapping of meeting-kind id to description")
            out_kinds: dict[str, str] = {}
            for k, v in value.items():
                km = self._mark_of(value, k, value=False)
                if not _ID.fullmatch(k):
                    self.add(km, f"{name}: '{k}' is not a valid id")
                elif not isinstance(v, str) or not v.strip():
                    self.add(self._mark_of(value, k), f"{name}.{k}: expected a description")
                else:
                    out_kinds[k] = v
            return out_kinds
        raise AssertionError(t)  # pragma: no cover

    def _criteria(self, value: Any, name: str, mark: Any) -> Any:
        if not isinstance(value, dict):
            self.add(mark, f"{name}: expected a mapping of criterion to {{weight, rationale}}")
            return _MISSING
        out: dict[Criterion, CriterionWeight] = {}
        ok = True
        names = [c.value for c in Criterion]
        for key, spec in value.items():
            km = self._mark_of(value, key, value=False)
            if key not in names:
                self.add(
                    km,
                    f"{name}: unknown criterion '{key}'{_did_you_mean(key, names)} "
                    f"(criteria: {', '.join(names)})",
                )
                ok = False
                continue
            fields = (
                Field("weight", "number", minimum=0.0, maximum=1000.0),
                Field("rationale", "str"),
            )
            rec = self._record(spec, fields, f"{name}.{key}", self._mark_of(value, key))
            if rec is None:
                ok = False
                continue
            out[Criterion(key)] = CriterionWeight(rec["weight"], rec["rationale"])
        return out if ok else _MISSING

    def _record(
        self, raw: Any, fields: tuple[Field, ...], where: str, mark: Any
    ) -> dict[str, Any] | None:
        """Check a mapping against its fields; report unknown, missing and bad keys."""
        if not isinstance(raw, dict):
            self.add(mark, f"{where}: expected a mapping (key: value lines), got {_show(raw)}")
            return None
        allowed = {fl.name: fl for fl in fields}
        ok = True
        for key in raw:
            if key not in allowed:
                self.add(
                    self._mark_of(raw, key, value=False),
                    f"{where}: unknown key '{key}'{_did_you_mean(key, allowed)}",
                )
                ok = False
        values: dict[str, Any] = {}
        for fl in fields:
            if fl.name not in raw or (raw[fl.name] is None and fl.type != "date?"):
                if fl.required:
                    self.add(
                        getattr(raw, "mark", mark), f"{where}: missing required key '{fl.name}'"
                    )
                    ok = False
                continue
            converted = self._convert(fl, raw[fl.name], where, self._mark_of(raw, fl.name))
            if converted is _MISSING:
                ok = False
            else:
                values[fl.name] = converted
        return values if ok else None

    def _records(self, raw: Any, section: str, kind: str) -> list[_Record]:
        if raw is None:
            return []
        if not isinstance(raw, list):
            self.add(getattr(raw, "mark", None), f"{section}: expected a list of records")
            return []
        if len(raw) > MAX_RECORDS:
            self.add(getattr(raw, "mark", None), f"{section}: more than {MAX_RECORDS} records")
            return []
        out: list[_Record] = []
        seen: dict[str, int] = {}
        for i, item in enumerate(raw):
            mark = self._mark_of(raw, i)
            ident = item.get("id") if isinstance(item, dict) else None
            where = f"{section}[{i}]" + (f" ({ident})" if isinstance(ident, str) else "")
            if kind == "fact":
                fields = self._fact_fields(item, where, mark)
                if fields is None:
                    if isinstance(ident, str):
                        self.broken_ids.setdefault(section, set()).add(ident)
                    continue
            else:
                fields = RECORDS[kind]
            values = self._record(item, fields, where, mark)
            if values is None:
                if isinstance(ident, str):
                    self.broken_ids.setdefault(section, set()).add(ident)
                continue
            ident = values.get("id")
            if ident is not None:
                if ident in seen:
                    self.add(
                        self._mark_of(item, "id"),
                        f"{where}: duplicate id '{ident}' (first used on line {seen[ident]})",
                    )
                    continue
                seen[ident] = mark[0] if mark else 0
            out.append(_Record(values, item, mark[0] if mark else 0))
        return out

    def _fact_fields(self, item: Any, where: str, mark: Any) -> tuple[Field, ...] | None:
        if not isinstance(item, dict):
            self.add(mark, f"{where}: expected a mapping, got {_show(item)}")
            return None
        kind = item.get("kind")
        if not isinstance(kind, str) or kind not in FACT_KINDS:
            km = self._mark_of(item, "kind") if "kind" in item else getattr(item, "mark", mark)
            hint = _did_you_mean(kind, FACT_KINDS) if isinstance(kind, str) else ""
            self.add(
                km,
                f"{where}: 'kind' must be one of {', '.join(FACT_KINDS)}"
                + (f", got {_show(kind)}" if kind is not None else "")
                + hint,
            )
            return None
        return FACT_COMMON + FACT_KINDS[kind]

    def _ref(self, rec: _Record, key: str, known: frozenset[str], what: str, where: str) -> None:
        """Report every id under `key` that is not in `known` (a set built once per file)."""
        value = rec.values.get(key)
        if value is None:
            return
        items = value if isinstance(value, tuple) else (value,)
        for i, item in enumerate(items):
            if item not in known:
                raw_val = rec.raw.get(key)
                mark = (
                    self._mark_of(raw_val, i)
                    if isinstance(value, tuple)
                    else self._mark_of(rec.raw, key)
                )
                self.add(
                    mark, f"{where}.{key}: unknown {what} '{item}'{_did_you_mean(item, known)}"
                )

    # -- the whole file -------------------------------------------------------------------

    def run(self, raw: Any) -> Dataset:
        if raw is None:
            self.add(None, "the file is empty; start from `venues init FILE`")
            raise DatasetError(self.problems)
        if not isinstance(raw, dict):
            self.add(getattr(raw, "mark", (1, 1)), "the top level must be a mapping (key: value)")
            raise DatasetError(self.problems)
        version = raw.get("schema_version", _MISSING)
        if version is _MISSING:
            self.add((1, 1), f"missing 'schema_version: {SCHEMA_VERSION}' at the top")
            raise DatasetError(self.problems)
        if version != SCHEMA_VERSION or isinstance(version, bool):
            self.add(
                self._mark_of(raw, "schema_version"),
                f"schema_version {_show(version)} is not supported "
                f"(this venues {__version__} reads version {SCHEMA_VERSION})",
            )
            raise DatasetError(self.problems)
        allowed = {fl.name: fl for fl in TOP_LEVEL}
        for key in raw:
            if key not in allowed:
                self.add(
                    self._mark_of(raw, key, value=False),
                    f"unknown top-level key '{key}'{_did_you_mean(key, allowed)}",
                )
        for fl in TOP_LEVEL:
            if fl.required and raw.get(fl.name) is None:
                self.add(
                    raw.mark if hasattr(raw, "mark") else None,
                    f"missing required section '{fl.name}'",
                )

        case_raw = raw.get("case")
        case = (
            self._record(case_raw, RECORDS["case"], "case", self._mark_of(raw, "case"))
            if case_raw is not None
            else None
        )
        sections = {
            name: self._records(raw.get(name), name, kind)
            for name, kind in (
                ("sources", "source"),
                ("parties", "party"),
                ("venues", "venue"),
                ("statements", "statement"),
                ("facts", "fact"),
                ("events", "event"),
                ("assessments", "assessment"),
            )
        }
        outcome_raw = raw.get("outcome")
        outcome = (
            self._record(outcome_raw, RECORDS["outcome"], "outcome", self._mark_of(raw, "outcome"))
            if outcome_raw is not None
            else None
        )
        for name in ("venues", "parties"):
            section = raw.get(name)
            if isinstance(section, list) and not section:
                self.add(self._mark_of(raw, name), f"{name}: list at least one record")
        self._cross_check(case, case_raw, sections, outcome, outcome_raw)
        if self.problems:
            raise DatasetError(self.problems)
        assert case is not None
        return _build(self.path, case, sections, outcome)

    def _cross_check(
        self,
        case: dict[str, Any] | None,
        case_raw: Any,
        sections: dict[str, list[_Record]],
        outcome: dict[str, Any] | None,
        outcome_raw: Any,
    ) -> None:
        ids = {
            name: [r.values["id"] for r in recs] + sorted(self.broken_ids.get(name, ()))
            for name, recs in sections.items()
        }
        parties = frozenset(ids["parties"])
        venues = frozenset(ids["venues"])
        sources = frozenset(ids["sources"])
        meetings = frozenset(case["meeting_kinds"] if case and "meeting_kinds" in case else ())
        refs = {"party": parties, "venue": venues, "source": sources, "meeting": meetings}

        if case is not None:
            rec = _Record(case, case_raw, 0)
            self._ref(rec, "meeting", meetings, "meeting kind", "case")
            self._ref(rec, "principals", parties, "party", "case")
            principals = case.get("principals", ())
            if len(set(principals)) < 2:
                self.add(
                    self._mark_of(case_raw, "principals"),
                    "case.principals: name at least two parties",
                )
            by_id = {r.values["id"]: r for r in sections["parties"]}
            for p in principals:
                if p in by_id and by_id[p].values["role"] != Role.PRINCIPAL.value:
                    self.add(
                        self._mark_of(case_raw, "principals"),
                        f"case.principals: party '{p}' has role "
                        f"'{by_id[p].values['role']}', not principal",
                    )
        if outcome is not None:
            self._ref(_Record(outcome, outcome_raw, 0), "venue", venues, "venue", "outcome")
            self._ref(_Record(outcome, outcome_raw, 0), "sources", sources, "source", "outcome")

        for section, kind in (
            ("parties", "party"),
            ("venues", "venue"),
            ("statements", "statement"),
            ("events", "event"),
            ("assessments", "assessment"),
        ):
            for rec in sections[section]:
                where = f"{section} ({rec.values['id']})"
                for fl in RECORDS[kind]:
                    if fl.ref:
                        self._ref(rec, fl.name, refs[fl.ref], _REF_NAMES[fl.ref], where)
        for rec in sections["facts"]:
            where = f"facts ({rec.values['id']})"
            for fl in FACT_COMMON + FACT_KINDS[rec.values["kind"]]:
                if fl.ref:
                    self._ref(rec, fl.name, refs[fl.ref], _REF_NAMES[fl.ref], where)
            start = rec.values.get("valid_from", rec.values["date"])
            until = rec.values.get("valid_until")
            if until is not None and until <= start:
                self.add(
                    self._mark_of(rec.raw, "valid_until"),
                    f"{where}.valid_until: {until} is not after valid_from {start}",
                )
            if rec.values["kind"] == "note" and not (
                rec.values.get("venue") or rec.values.get("country")
            ):
                self.add(
                    getattr(rec.raw, "mark", None),
                    f"{where}: a note needs a 'venue' or a 'country'",
                )
        for rec in sections["events"]:
            end = rec.values.get("end_date")
            if end is not None and end < rec.values["date"]:
                self.add(
                    self._mark_of(rec.raw, "end_date"),
                    f"events ({rec.values['id']}).end_date: before its date",
                )
        for rec in sections["parties"]:
            v = rec.values
            weights = v.get("criteria", {})
            if v["joint_weight"] > 0 and not any(w.weight > 0 for w in weights.values()):
                self.add(
                    getattr(rec.raw, "mark", None),
                    f"parties ({v['id']}): joint_weight > 0 needs 'criteria' "
                    "with at least one positive weight",
                )
        if sections["parties"] and not any(
            r.values["joint_weight"] > 0 for r in sections["parties"]
        ):
            self.add(None, "parties: at least one party needs joint_weight > 0")
        self._check_names(sections["venues"])

    def _check_names(self, venues: list[_Record]) -> None:
        """Every venue id, name and alias must point to one venue only."""
        from venue_cli.names import normalise

        owner: dict[str, str] = {}
        for rec in venues:
            v = rec.values
            for i, name in enumerate((v["id"], v["name"], *v.get("aliases", ()))):
                key = normalise(name)
                if key in owner and owner[key] != v["id"]:
                    mark = (
                        self._mark_of(rec.raw.get("aliases"), i - 2)
                        if i >= 2
                        else self._mark_of(rec.raw, "id" if i == 0 else "name")
                    )
                    self.add(
                        mark,
                        f"venues ({v['id']}): name '{name}' is already used by venue "
                        f"'{owner[key]}'",
                    )
                else:
                    owner[key] = v["id"]


_REF_NAMES = {"party": "party", "venue": "venue", "source": "source", "meeting": "meeting kind"}


def _show(value: Any) -> str:
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean; quote the value if you meant text)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing (null)"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


# --------------------------------------------------------------------------- building


def build_fact(values: dict[str, Any], line: int = 0, assumed: bool = False) -> Fact:
    """A Fact from validated field values (valid_from defaults to the fact's date)."""
    v = dict(values)
    v["kind"] = FactKind(v["kind"])
    v["confidence"] = Confidence(v["confidence"])
    v.setdefault("valid_from", v["date"])
    return Fact(line=line, assumed=assumed, **v)


def _build(
    path: str,
    case: dict[str, Any],
    sections: dict[str, list[_Record]],
    outcome: dict[str, Any] | None,
) -> Dataset:
    sources = {r.values["id"]: Source(line=r.line, **r.values) for r in sections["sources"]}
    parties = {}
    for r in sections["parties"]:
        v = dict(r.values)
        v["role"] = Role(v["role"])
        v.setdefault("criteria", {})
        v["aliases"] = v.get("aliases", ())
        parties[v["id"]] = Party(line=r.line, **v)
    venues = {}
    for r in sections["venues"]:
        venues[r.values["id"]] = Venue(line=r.line, **r.values)
    statements = []
    for r in sections["statements"]:
        v = dict(r.values)
        v["stance"] = Stance(v["stance"])
        v["attribution"] = Attribution(v["attribution"])
        v["confidence"] = Confidence(v["confidence"])
        statements.append(Statement(line=r.line, **v))
    facts = [build_fact(r.values, r.line) for r in sections["facts"]]
    events = []
    for r in sections["events"]:
        v = dict(r.values)
        v["kind"] = EventKind(v["kind"])
        v["confidence"] = Confidence(v["confidence"])
        events.append(Event(line=r.line, **v))
    assessments = []
    for r in sections["assessments"]:
        v = dict(r.values)
        v["criterion"] = Criterion(v["criterion"])
        v["confidence"] = Confidence(v["confidence"])
        assessments.append(Assessment(line=r.line, **v))
    return Dataset(
        path=path,
        case=Case(**case),
        sources=sources,
        parties=parties,
        venues=venues,
        statements=tuple(statements),
        facts=tuple(facts),
        events=tuple(events),
        assessments=tuple(assessments),
        outcome=Outcome(**outcome) if outcome else None,
    )
