"""Field types of the dataset format.

Each type checks one raw YAML value (`check`), and describes itself for the JSON Schema
(`json_schema`) and for the tables of docs/dataset-format.md (`doc`). The record tables in
`venue_cli.format.spec` are made of these, so the validator, `venues schema` and the format
document are three views of one table.

`check` returns the converted value, or `MISSING` after reporting what is wrong through
`Report.add(mark, message)`; it never raises.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from venue_cli.records import Precision
from venue_cli.safety import describe_char, forbidden_char

MISSING: Any = type("Missing", (), {"__repr__": lambda _self: "MISSING"})()

ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
COUNTRY_PATTERN = r"^[A-Z]{2}$"
PLACE_PATTERN = r"^[A-Z]{2,6}$"  # a country code or a bloc such as EU, NATO
_ID = re.compile(ID_PATTERN)
_COUNTRY = re.compile(COUNTRY_PATTERN)
_PLACE = re.compile(PLACE_PATTERN)
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_PARTIAL = re.compile(r"(\d{4})(?:-(\d{2}))?")
MIN_YEAR, MAX_YEAR = 1000, 9999
MAX_ITEMS = 20_000  # items in one list; a bigger case is almost surely a mistake

Mark = tuple[int, int] | None


class Report(Protocol):
    """Where a type reports a problem (the validator)."""

    def add(self, mark: Mark, message: str) -> None: ...

    def mark_of(self, container: Any, key: str | int, value: bool = True) -> Mark: ...

    def notice(self, mark: Mark, message: str) -> None:
        """Something set right, not refused (a warning `validate` shows)."""
        ...

    def suggest(self, name: str, choices: Any) -> str:
        """'; did you mean …?' for an unknown name, or ''."""
        ...


def show(value: Any) -> str:
    """A raw value as a message shows it (short, and telling what YAML made of it)."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a boolean; quote the value if you meant text)"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if value is None:
        return "nothing (null)"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 60 else text[:57] + "..."


def did_you_mean(name: str, choices: Sequence[str] | Mapping[str, Any]) -> str:
    from venue_cli.names import suggest

    folded = name.casefold()  # 'ID' is 'id' before it is anything difflib finds close
    same = [c for c in choices if isinstance(c, str) and c.casefold() == folded and c != name]
    close = same[:1] or suggest(name, list(choices), n=1)
    return suggestion(close[0]) if close else ""


def suggestion(name: str) -> str:
    """The hint `did_you_mean` appends for one close name."""
    return f"; did you mean '{name}'?"


class FieldType:
    """Base of every field type."""

    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        raise NotImplementedError  # pragma: no cover

    def json_schema(self) -> dict[str, Any]:
        raise NotImplementedError  # pragma: no cover

    def doc(self) -> str:
        raise NotImplementedError  # pragma: no cover

    def bad(self, report: Report, mark: Mark, name: str, expected: str, value: Any) -> Any:
        report.add(mark, f"{name}: expected {expected}, got {show(value)}")
        return MISSING


@dataclass(frozen=True)
class Text(FieldType):
    """A non-empty string; `line` forbids line breaks and tabs (names, titles, ids of
    people), the default for every text but summaries, quotes, notes and rationales."""

    line: bool = True

    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        if not isinstance(value, str):
            return self.bad(report, mark, name, "a string (quote it)", value)
        if not value.strip():
            return self.bad(report, mark, name, "a non-empty string", value)
        if self.line:
            at = forbidden_char(value, allow_newlines=False)
            if at is not None:
                report.add(
                    mark,
                    f"{name}: a one-line text holds {describe_char(value[at])}; "
                    "write it on one line",
                )
                return MISSING
        return value

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "string", "minLength": 1}
        if self.line:
            out["pattern"] = r"^[^\t\n\r]*$"
        return out

    def doc(self) -> str:
        return "text (one line)" if self.line else "text"


@dataclass(frozen=True)
class Id(FieldType):
    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        if not isinstance(value, str) or not _ID.fullmatch(value):
            return self.bad(report, mark, name, "an id (lowercase letters, digits and '-')", value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": ID_PATTERN}

    def doc(self) -> str:
        return "id"


def _year_ok(year: int, name: str, mark: Mark, report: Report, value: str) -> bool:
    if MIN_YEAR <= year <= MAX_YEAR:
        return True
    report.add(mark, f"{name}: '{value}' is outside the years {MIN_YEAR}–{MAX_YEAR}")
    return False


@dataclass(frozen=True)
class Date(FieldType):
    """A calendar date written YYYY-MM-DD (years 1000–9999). `nullable`: null is allowed
    (a page that showed no date). `partial` (schema_version 2): YYYY-MM or YYYY is allowed
    too, and is returned as (last day of the period, precision): a record known only to the
    month counts from the end of that month, never before it could have been known."""

    nullable: bool = False
    partial: bool = False

    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        if value is None and self.nullable:
            return None
        if isinstance(value, int) and not isinstance(value, bool) and self.partial:
            value = str(value)  # an unquoted year
        if not isinstance(value, str):
            expected = "a date written YYYY-MM-DD" + (", YYYY-MM or YYYY" if self.partial else "")
            return self.bad(report, mark, name, expected, value)
        m = _DATE.fullmatch(value)
        if m:
            if not _year_ok(int(m.group(1)), name, mark, report, value):
                return MISSING
            try:
                day = dt.date.fromisoformat(value)
            except ValueError:
                report.add(mark, f"{name}: '{value}' is not a real calendar date")
                return MISSING
            return (day, Precision.DAY) if self.partial else day
        p = _PARTIAL.fullmatch(value) if self.partial else None
        if p:
            year = int(p.group(1))
            if not _year_ok(year, name, mark, report, value):
                return MISSING
            if p.group(2) is None:
                return (dt.date(year, 12, 31), Precision.YEAR)
            month = int(p.group(2))
            if not 1 <= month <= 12:
                report.add(mark, f"{name}: '{value}' has no month {month}")
                return MISSING
            if month == 12:  # December's last day is the 31st (and 9999-12 has no next month)
                return (dt.date(year, 12, 31), Precision.MONTH)
            nxt = dt.date(year, month + 1, 1)
            return (nxt - dt.timedelta(days=1), Precision.MONTH)
        expected = "a date written YYYY-MM-DD" + (", YYYY-MM or YYYY" if self.partial else "")
        return self.bad(report, mark, name, expected, value)

    def json_schema(self) -> dict[str, Any]:
        if self.partial:
            out: dict[str, Any] = {
                "type": "string",
                "pattern": r"^[1-9]\d{3}(-(0[1-9]|1[0-2])(-\d{2})?)?$",
            }
        else:
            out = {"type": "string", "format": "date", "pattern": r"^[1-9][0-9]{3}-"}
        if self.nullable:
            out["type"] = ["string", "null"]
        return out

    def doc(self) -> str:
        text = "date (YYYY-MM-DD, YYYY-MM or YYYY)" if self.partial else "date (YYYY-MM-DD)"
        return text + (" or null" if self.nullable else "")


@dataclass(frozen=True)
class Number(FieldType):
    minimum: float | None = None
    maximum: float | None = None

    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return self.bad(report, mark, name, "a number", value)
        if not math.isfinite(value):
            return self.bad(
                report, mark, name, "a finite number (NaN and infinity are not allowed)", value
            )
        if self.minimum is not None and value < self.minimum:
            report.add(mark, f"{name}: {value} is below the minimum {self.minimum:g}")
            return MISSING
        if self.maximum is not None and value > self.maximum:
            report.add(mark, f"{name}: {value} is above the maximum {self.maximum:g}")
            return MISSING
        return float(value)

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "number"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return out

    def doc(self) -> str:
        if self.minimum is not None and self.maximum is not None:
            return f"number {self.minimum:g}–{self.maximum:g}"
        if self.minimum is not None:
            return f"number ≥ {self.minimum:g}"
        return "number"


@dataclass(frozen=True)
class Bool(FieldType):
    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        if not isinstance(value, bool):
            return self.bad(report, mark, name, "true or false", value)
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "boolean"}

    def doc(self) -> str:
        return "true or false"


@dataclass(frozen=True)
class Choice(FieldType):
    """One of fixed words; `choices` may be a callable (the criteria registry)."""

    choices: tuple[str, ...] | Callable[[], tuple[str, ...]] = ()

    def options(self) -> tuple[str, ...]:
        return self.choices() if callable(self.choices) else self.choices

    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        options = self.options()
        if not isinstance(value, str) or value not in options:
            hint = did_you_mean(value, options) if isinstance(value, str) else ""
            report.add(
                mark, f"{name}: expected one of {', '.join(options)}, got {show(value)}{hint}"
            )
            return MISSING
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"enum": list(self.options())}

    def doc(self) -> str:
        return " \\| ".join(f"`{c}`" for c in self.options())


@dataclass(frozen=True)
class Country(FieldType):
    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        if isinstance(value, bool):
            return self.bad(
                report,
                mark,
                name,
                "a two-letter country code in quotes (YAML read NO/no as false)",
                value,
            )
        if not isinstance(value, str) or not _COUNTRY.fullmatch(value):
            return self.bad(
                report, mark, name, 'an ISO 3166 alpha-2 country code such as "CH"', value
            )
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": COUNTRY_PATTERN}

    def doc(self) -> str:
        return 'country code ("CH")'


@dataclass(frozen=True)
class Place(FieldType):
    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        if not isinstance(value, str) or not _PLACE.fullmatch(value):
            return self.bad(
                report,
                mark,
                name,
                'a country code or bloc in capitals, such as "CH" or "EU"',
                value,
            )
        return value

    def json_schema(self) -> dict[str, Any]:
        return {"type": "string", "pattern": PLACE_PATTERN}

    def doc(self) -> str:
        return 'country code or bloc ("CH", "EU")'


@dataclass(frozen=True)
class ListOf(FieldType):
    """A list; with `unique`, a set written as a list: an item listed again counts once
    (a venue named twice in one statement is one piece of evidence, not two), with a
    notice."""

    item: FieldType
    nonempty: bool = True
    unique: bool = False

    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        if not isinstance(value, list):
            return self.bad(report, mark, name, "a list", value)
        if len(value) > MAX_ITEMS:
            return self.bad(report, mark, name, f"at most {MAX_ITEMS:,} items", value)
        if self.nonempty and not value:
            return self.bad(report, mark, name, "a non-empty list", value)
        out = []
        first: dict[Any, int] = {}  # item -> where it was first listed (`unique` only)
        ok = True
        for i, item in enumerate(value):
            got = self.item.check(item, name, report.mark_of(value, i), report)
            if got is MISSING:
                ok = False
            elif self.unique and got in first:
                report.notice(
                    report.mark_of(value, i),
                    f"{name}: {show(got)} is listed again (item {i + 1}, first item "
                    f"{first[got] + 1}); it counts once, so remove the repeat",
                )
            else:
                if self.unique:
                    first[got] = i
                out.append(got)
        return tuple(out) if ok else MISSING

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "array", "items": self.item.json_schema()}
        if self.nonempty:
            out["minItems"] = 1
        return out

    def doc(self) -> str:
        inner = self.item.doc()
        return f"list of {inner}" + ("" if self.nonempty else " (may be empty)")


@dataclass(frozen=True)
class OneOf(FieldType):
    """A value of the first type that accepts it (e.g. a description or a mapping)."""

    options: tuple[FieldType, ...]
    describe: str

    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        for option in self.options:
            quiet = _Quiet(report)
            got = option.check(value, name, mark, quiet)
            if got is not MISSING:
                for at, message in quiet.notices:
                    report.notice(at, message)
                return got
        # report through the option that matches the value's shape best (a mapping: the
        # record type), so the message is about the keys the user wrote
        shaped = [o for o in self.options if isinstance(o, RecordOf)]
        if isinstance(value, dict) and shaped:
            return shaped[0].check(value, name, mark, report)
        return self.bad(report, mark, name, self.describe, value)

    def json_schema(self) -> dict[str, Any]:
        return {"oneOf": [o.json_schema() for o in self.options]}

    def doc(self) -> str:
        return self.describe


class _Quiet:
    """A report that swallows problems (to try one type of a OneOf)."""

    def __init__(self, inner: Report) -> None:
        self.inner = inner
        self.notices: list[tuple[Mark, str]] = []  # passed on if the option is taken

    def add(self, mark: Mark, message: str) -> None:
        pass

    def notice(self, mark: Mark, message: str) -> None:
        self.notices.append((mark, message))

    def mark_of(self, container: Any, key: str | int, value: bool = True) -> Mark:
        return self.inner.mark_of(container, key, value)

    def suggest(self, name: str, choices: Any) -> str:
        return ""  # nothing is reported, so nothing is suggested (and no budget is spent)


@dataclass(frozen=True)
class MapOf(FieldType):
    """A mapping from ids (or fixed words) to values of one type."""

    value: FieldType
    keys: FieldType = field(default_factory=Id)
    nonempty: bool = True
    key_doc: str = "id"

    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        if not isinstance(value, dict):
            return self.bad(report, mark, name, f"a mapping of {self.key_doc} to values", value)
        if self.nonempty and not value:
            return self.bad(report, mark, name, "a non-empty mapping", value)
        out: dict[str, Any] = {}
        ok = True
        for k, v in value.items():
            key_mark = report.mark_of(value, k, value=False)
            if isinstance(self.keys, Choice) and k not in self.keys.options():
                options = self.keys.options()
                report.add(
                    key_mark,
                    f"{name}: unknown {self.key_doc} '{k}'{did_you_mean(str(k), options)} "
                    f"({_plural(self.key_doc)}: {', '.join(options)})",
                )
                ok = False
                continue
            key = self.keys.check(k, f"{name} key", key_mark, report)
            if key is MISSING:
                ok = False
                continue
            got = self.value.check(v, f"{name}.{k}", report.mark_of(value, k), report)
            if got is MISSING:
                ok = False
            else:
                out[key] = got
        return out if ok else MISSING

    def json_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "type": "object",
            "additionalProperties": self.value.json_schema(),
        }
        keys = self.keys.json_schema()
        if "enum" in keys:
            out["propertyNames"] = {"enum": keys["enum"]}
        elif "pattern" in keys:
            out["propertyNames"] = {"pattern": keys["pattern"]}
        if self.nonempty:
            out["minProperties"] = 1
        return out

    def doc(self) -> str:
        return f"mapping {self.key_doc} → {self.value.doc()}"


@dataclass(frozen=True)
class RecordOf(FieldType):
    """A nested mapping with its own fields (a record type of `spec`)."""

    spec: Any  # RecordSpec (spec.py); Any to avoid an import cycle

    def check(self, value: Any, name: str, mark: Mark, report: Report) -> Any:
        from venue_cli.format.validate import check_record

        got = check_record(value, self.spec.fields_for(None), name, mark, report)
        return MISSING if got is None else got

    def json_schema(self) -> dict[str, Any]:
        return {"$ref": f"#/$defs/{self.spec.name}"}

    def doc(self) -> str:
        return f"`{self.spec.name}` record"


def _plural(word: str) -> str:
    return {"criterion": "criteria"}.get(word, word + "s")
