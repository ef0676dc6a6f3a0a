"""A strict, safe YAML reader for untrusted dataset files.

It builds plain values (dict, list, str, int, float, bool, None) straight from the parser's
event stream, so that every rule is checked where it happens and with its location:

* no anchors or aliases (so no 'billion laughs' expansion), no tags, no merge keys;
* no duplicate keys, only string keys;
* YAML 1.1 surprises are off: only `true`/`false` are booleans, only plain decimal
  integers are ints; `NO`, `on`, `12:30`, `0777` and dates stay strings;
* nesting is bounded, and the builder is iterative (no recursion to blow up);
* at most one document.

The C parser (libyaml) is used where PyYAML has it; the pure-Python parser otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from venue_cli.safety import describe_char, forbidden_char

MAX_DEPTH = 64
# A 5 MiB dataset written like the bundled case holds about 250,000 scalars and 30,000
# mappings and lists (the bundled case: 6,373 and 724 in 139 KB); a dense one (10,000 venues
# with a statement each) about 520,000. The caps bound the memory a hostile file can take (a
# file of nothing but `{}` or `[a,a,…]` would otherwise build 1.7 or 2.6 million objects
# before validation starts).
MAX_SCALARS = 1_000_000
MAX_CONTAINERS = 100_000
MAX_NUMBER_CHARS = 40  # a number written with more characters is refused, not parsed

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")
_FLOAT = re.compile(r"[-+]?(?:(?:0|[1-9][0-9]*)(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_SPECIAL_FLOATS = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
# Tags that the resolver itself assigns; any other tag was written explicitly in the file.
_STANDARD_TAGS = frozenset(
    f"tag:yaml.org,2002:{t}" for t in ("str", "map", "seq", "int", "float", "bool", "null")
)

Mark = tuple[int, int]  # 1-based line, column


class YamlProblem(Exception):
    """The text is not valid strict YAML; `line`/`column` are 1-based (None if unknown)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column


class YMap(dict[str, Any]):
    """A mapping that remembers where it, its keys and its values are in the file."""

    __slots__ = ("key_marks", "mark", "value_marks")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {}

    def mark_for(self, key: str, value: bool = True) -> Mark:
        """Where the value (or, with value=False, the key) of `key` is; else the mapping."""
        return (self.value_marks if value else self.key_marks).get(key, self.mark)


class YList(list[Any]):
    """A sequence that remembers where it and each item are in the file."""

    __slots__ = ("item_marks", "mark")

    def __init__(self, mark: Mark) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = []

    def mark_for(self, index: int) -> Mark:
        return self.item_marks[index] if 0 <= index < len(self.item_marks) else self.mark


@dataclass
class _Pending:
    container: YMap | YList
    key: str | None = None  # for a mapping: the key waiting for its value
    key_mark: Mark | None = None


def _mark(m: Any) -> Mark:
    return (m.line + 1, m.column + 1)


def _plain_scalar(value: str) -> Any:
    """Resolve an unquoted scalar with YAML 1.2-like rules (see module docstring).

    Raises ValueError for a number too long to be meant (Python's int() would refuse 4,300
    digits with a traceback, and a float of 400 digits is infinite)."""
    if value in _NULLS:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if len(value) > MAX_NUMBER_CHARS and (_INT.fullmatch(value) or _FLOAT.fullmatch(value)):
        raise ValueError(
            f"a number of {len(value):,} characters is too long (at most {MAX_NUMBER_CHARS})"
        )
    if _INT.fullmatch(value):
        return int(value)
    if value in _SPECIAL_FLOATS:
        return _SPECIAL_FLOATS[value]
    if _FLOAT.fullmatch(value):
        return float(value)
    return value


def _check_node_event(event: Any) -> None:
    anchor = getattr(event, "anchor", None)
    if anchor is not None:
        line, col = _mark(event.start_mark)
        raise YamlProblem(
            f"anchors and aliases (&{anchor}) are not allowed; write the value out", line, col
        )
    tag = getattr(event, "tag", None)
    if tag is not None and tag not in _STANDARD_TAGS and tag != "!":
        line, col = _mark(event.start_mark)
        raise YamlProblem(f"tags such as '{tag}' are not allowed", line, col)


def loads(text: str) -> Any:
    """Parse `text` strictly and return plain data (YMap/YList for containers).

    Raises YamlProblem with a 1-based location on any violation.
    """
    parser_cls = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    parser = parser_cls(text)
    stack: list[_Pending] = []
    root: Any = None
    documents = 0
    scalars = containers = 0
    try:
        while parser.check_event():
            event = parser.get_event()
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    line, col = _mark(event.start_mark)
                    raise YamlProblem(
                        "only one YAML document is allowed (found a second '---')", line, col
                    )
                continue
            if isinstance(event, yaml.AliasEvent):
                line, col = _mark(event.start_mark)
                raise YamlProblem(
                    f"anchors and aliases (*{event.anchor}) are not allowed; write the value out",
                    line,
                    col,
                )
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                _check_node_event(event)
                if len(stack) >= MAX_DEPTH:
                    line, col = _mark(event.start_mark)
                    raise YamlProblem(f"nesting deeper than {MAX_DEPTH} levels", line, col)
                mark = _mark(event.start_mark)
                containers += 1
                if containers > MAX_CONTAINERS:
                    raise YamlProblem(
                        f"more than {MAX_CONTAINERS:,} mappings and lists; a dataset this large "
                        "is almost surely a mistake (split it into several files)",
                        *mark,
                    )
                container: YMap | YList = (
                    YMap(mark) if isinstance(event, yaml.MappingStartEvent) else YList(mark)
                )
                if stack and isinstance(stack[-1].container, YMap) and stack[-1].key is None:
                    raise YamlProblem("a mapping key must be a plain string", *mark)
                stack.append(_Pending(container))
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                done = stack.pop().container
                if stack:
                    _attach(stack[-1], done, done.mark)
                else:
                    root = done
                continue
            if isinstance(event, yaml.ScalarEvent):
                _check_node_event(event)
                mark = _mark(event.start_mark)
                scalars += 1
                if scalars > MAX_SCALARS:
                    raise YamlProblem(
                        f"more than {MAX_SCALARS:,} values; a dataset this large is almost "
                        "surely a mistake (split it into several files)",
                        *mark,
                    )
                bad = forbidden_char(event.value)
                if bad is not None:
                    raise YamlProblem(
                        f"the text contains the control character {describe_char(event.value[bad])}"
                        f" (character {bad + 1} of the value); control characters, NUL and bidi "
                        "controls are not allowed: remove it",
                        *mark,
                    )
                plain = not event.style and event.tag in (None, "!") and event.implicit[0]
                try:
                    value: Any = _plain_scalar(event.value) if plain else event.value
                except ValueError as exc:
                    raise YamlProblem(str(exc), *mark) from None
                if not stack:
                    root = value
                    continue
                top = stack[-1]
                if isinstance(top.container, YMap) and top.key is None:
                    if value == "<<" and plain:
                        raise YamlProblem("merge keys (<<) are not allowed", *mark)
                    if not isinstance(value, str):
                        raise YamlProblem(
                            f"mapping keys must be strings, not {value!r}; quote the key", *mark
                        )
                    if value in top.container:
                        first = top.container.key_marks[value][0]
                        raise YamlProblem(
                            f"duplicate key '{value}' (first defined on line {first})", *mark
                        )
                    top.key = value
                    top.key_mark = mark
                else:
                    _attach(top, value, mark)
    except yaml.MarkedYAMLError as exc:
        where = exc.problem_mark or exc.context_mark
        message = " ".join(str(p) for p in (exc.context, exc.problem) if p) or "invalid YAML"
        if where is not None and _char_at(text, where.line, where.column) == "\t":
            message += " (a tab: YAML is indented with spaces, not tabs)"
        if where is None:
            raise YamlProblem(f"invalid YAML: {message}") from None
        raise YamlProblem(f"invalid YAML: {message}", *_mark(where)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML forbids anywhere in a file
        raise _reader_problem(text, exc, parser_cls is not yaml.SafeLoader) from None
    except yaml.YAMLError as exc:
        raise YamlProblem(f"invalid YAML: {exc}") from None
    except RecursionError:
        raise YamlProblem("invalid YAML: nesting too deep") from None
    return root


def _reader_problem(text: str, exc: yaml.reader.ReaderError, in_bytes: bool) -> YamlProblem:
    """The reader's refusal of a character, at its line and column: libyaml counts the
    position in UTF-8 bytes, PyYAML's own reader in characters."""
    position = max(0, int(exc.position))
    before = (
        text.encode("utf-8")[:position].decode("utf-8", errors="ignore")
        if in_bytes
        else text[:position]
    )
    line = before.count("\n") + 1
    column = len(before) - before.rfind("\n")  # 1-based (rfind is -1 on the first line)
    char = text[len(before)] if len(before) < len(text) else ""
    what = describe_char(char) if char else "a character"
    return YamlProblem(
        f"the file contains {what}, which YAML does not allow anywhere (not even in a "
        "comment): control characters, NUL and non-characters must be removed",
        line,
        column,
    )


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][column : column + 1] if line < len(lines) else ""


def _attach(top: _Pending, value: Any, mark: Mark) -> None:
    container = top.container
    if isinstance(container, YMap):
        assert top.key is not None
        assert top.key_mark is not None
        container[top.key] = value
        container.key_marks[top.key] = top.key_mark
        container.value_marks[top.key] = mark
        top.key = None
        top.key_mark = None
    else:
        container.append(value)
        container.item_marks.append(mark)
