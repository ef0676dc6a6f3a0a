"""Text that came from a dataset, a scenario or the command line, made safe to show.

A dataset is untrusted. The loader rejects control characters and bidi controls in every
string (see `forbidden_char`), but what reaches a terminal may also come from a scenario
file, a command-line argument echoed in a message, or a file name. Everything the CLI writes
for a person goes through one of the functions here:

* `clean` / `clean_view`: for terminal, plain, CSV and Markdown output. Control characters
  (C0 other than newline and tab, DEL, C1), bidi controls and lone surrogates become visible
  escapes such as `\\x1b`, `\\u202e` or `\\xff` (a byte of a file name that is not UTF-8);
  newline, carriage return, tab and the line and paragraph separators U+2028 and U+2029
  fold to a space (so a string can never forge a line or a row); very long strings are cut
  with a marker.
* `shown_name`: a file name or argument with the bytes that are not UTF-8 escaped.
* `csv_cell`: a cell that a spreadsheet would run as a formula gets a leading `'` (OWASP).
* `md_text`: Markdown punctuation, `|`, HTML and line breaks escaped for one line or cell.
* `json_text`: JSON with C1 and bidi controls, U+2028, U+2029 and lone surrogates written
  as `\\uXXXX` escapes (json already escapes C0); the values are unchanged.
* `xml_text`: characters that XML 1.0 forbids removed (for the SVG report).
* `unencodable`: a codec error handler for an output whose encoding is not UTF-8 (LC_ALL=C
  with PYTHONUTF8=0, PYTHONIOENCODING=ascii): what it cannot write becomes `\\uXXXX`.

Pure functions: nothing here prints.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from venue_cli.regex import lazy

# C0 controls but tab and newline, DEL, C1 controls; bidi embedding/override/isolate controls
# and the marks that steer them (they can reorder what a terminal shows, e.g. U+202E).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
# Lone surrogates: no YAML file holds one, but a file name or argument that is not valid
# UTF-8 does (Python decodes its bytes as U+DC80..U+DCFF), and no encoder can write one.
_SURROGATES = "\ud800-\udfff"
_FORBIDDEN = lazy(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}]")
_FORBIDDEN_OR_BREAK = lazy(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}]")
_SURROGATE = lazy(f"[{_SURROGATES}]")
# Line and paragraph separators: no terminal breaks a line at them, but str.splitlines()
# and JavaScript do, so shown text folds them like a newline.
_SEPARATORS = "\u2028\u2029"
_UNSHOWN = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}{_SEPARATORS}]")
_BREAKS = lazy(f"[\t\n\r{_SEPARATORS}]+")

#: Longest string shown in full in table and plain output; JSON always has the full text.
MAX_SHOWN = 2_000


def forbidden_char(text: str, *, allow_newlines: bool = True) -> int | None:
    """Index of the first character a dataset string may not hold, or None.

    Newline and tab are allowed only where `allow_newlines` (multi-line text fields)."""
    m = (_FORBIDDEN if allow_newlines else _FORBIDDEN_OR_BREAK).search(text)
    return m.start() if m else None


def describe_char(ch: str) -> str:
    """'U+001B' plus a name where it helps: 'U+001B (ESC)'."""
    names = {
        "\x00": "NUL",
        "\x1b": "ESC",
        "\x07": "BEL",
        "\r": "CR",
        "\n": "newline",
        "\t": "tab",
        "\u202e": "RIGHT-TO-LEFT OVERRIDE",
    }
    label = names.get(ch)
    return f"U+{ord(ch):04X}" + (f" ({label})" if label else "")


def _escape(m: re.Match[str]) -> str:
    ch = m.group(0)
    code = ord(ch)
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a name that is not UTF-8: show the byte
        code -= 0xDC00
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown_name(name: object) -> str:
    """A file name or argument as one line of text that every encoder can write: the bytes
    of a name that is not valid UTF-8 become escapes such as `\\xff`, and so do line breaks,
    tabs, other controls and bidi controls (`\\x0a`), so that a name in a message can never
    start a line of its own (`evil.yaml:1:1: all good` on the next line) or reorder one."""
    text = str(name)
    if _UNSHOWN.search(text) is None:
        return text
    return _UNSHOWN.sub(_escape, text)


def clean(text: str, max_len: int | None = MAX_SHOWN) -> str:
    """One line of text safe for a terminal: breaks fold to spaces, controls become visible
    escapes, and text longer than `max_len` is cut with a marker saying how much is left."""
    if max_len is not None and len(text) > max_len:
        cut = len(text) - max_len
        text = text[:max_len] + f"… [{cut:,} more characters; see --format json]"
    if _UNSHOWN.search(text) is None:
        return text
    return _FORBIDDEN.sub(_escape, _BREAKS.sub(" ", text))


def clean_message(text: str) -> str:
    """A message for stderr: like `clean`, but its own line breaks are kept."""
    return "\n".join(clean(line, max_len=None) for line in text.split("\n"))


def clean_view(obj: Any, max_len: int | None = MAX_SHOWN, encoding: str | None = None) -> Any:
    """A copy of a JSON-like view with every string passed through `clean` (mappings
    become dicts, lists and tuples lists; keys and other values are kept as they are).
    With `encoding` (a terminal that is not UTF-8), the characters it cannot write become
    the escapes `unencodable` gives before a table is laid out, so that its columns are
    padded to what the terminal shows, not to the characters the escapes replace (plain
    text escapes its cells in `textfmt.columns` instead)."""
    return _Cleaner(max_len, encoding).walk(obj)


class _Cleaner:
    """`clean_view` of one view: the JSON types by exact type first (a view of 10,000 venues
    holds millions of values), each distinct string cleaned once, and a dict the view holds
    more than once (a party brief shared by venues) cleaned once and shared in the copy."""

    def __init__(self, max_len: int | None, encoding: str | None = None) -> None:
        self.max_len = max_len
        self.encoding = encoding
        self.texts: dict[str, str] = {}
        # by id(): every dict walked is part of the view, alive for the whole walk
        self.dicts: dict[int, dict[Any, Any]] = {}

    def text(self, s: str) -> str:
        hit = self.texts.get(s)
        if hit is None:
            hit = clean(s, self.max_len)
            if self.encoding is not None and not hit.isascii():
                hit = escaped_for(hit, self.encoding)
            self.texts[s] = hit
        return hit

    def walk(self, obj: Any) -> Any:
        kind = type(obj)
        if kind is str:
            return self.text(obj)
        if kind is dict:
            hit = self.dicts.get(id(obj))
            if hit is None:
                hit = self.dicts[id(obj)] = self.mapping(obj)
            return hit
        if kind is list or kind is tuple:
            return [self.walk(v) for v in obj]
        if obj is None or kind is float or kind is int or kind is bool:
            return obj
        if isinstance(obj, str):  # a subclass (an enum member): cleaned as its text
            return self.text(str(obj))
        if isinstance(obj, Mapping):
            return self.mapping(obj)
        if isinstance(obj, (list, tuple)):
            return [self.walk(v) for v in obj]
        return obj

    def mapping(self, obj: Mapping[Any, Any]) -> dict[Any, Any]:
        out = {}
        texts = self.texts
        for k, v in obj.items():
            kind = type(v)
            if kind is str:
                hit = texts.get(v)
                out[k] = hit if hit is not None else self.text(v)
            elif v is None or kind is float or kind is int or kind is bool:
                out[k] = v
            else:
                out[k] = self.walk(v)
        return out


#: The addresses a link may point to, in the HTML and Markdown reports and as terminal
#: hyperlinks alike: plain http(s), with nothing a quote or tag could end.
_SAFE_URL = lazy(r"(?i)https?://[^\s<>\"']+")


def safe_url(url: object) -> str | None:
    """The URL if it is a plain http(s) one, else None (so it is shown as text, not linked):
    a dataset's `file:` or `javascript:` address is never made a link."""
    if not isinstance(url, str):
        return None
    u = url.strip()
    return u if _SAFE_URL.fullmatch(u) else None


_FORMULA_START = frozenset("=+-@\t\r")
_NUMBER = lazy(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?")


def csv_cell(value: object) -> object:
    """Neutralise a CSV cell a spreadsheet would evaluate (OWASP 'CSV injection'): a text
    cell starting with = + - @ tab or CR gets a leading apostrophe. Numbers pass as they are."""
    if not isinstance(value, str) or not value or value[0] not in _FORMULA_START:
        return value
    if _NUMBER.fullmatch(value):
        return value
    return "'" + value


_MD_SPECIAL = lazy(r"([\\`*_\[\]|$~#!])")


def md_text(value: object) -> str:
    """Escape a string for one Markdown line or table cell: Markdown punctuation is
    backslash-escaped (no emphasis, link, heading, code span or math can start), `&`, `<`
    and `>` become entities (no raw HTML) and line breaks become spaces."""
    s = "" if value is None else str(value)
    s = _MD_SPECIAL.sub(r"\\\1", s)
    s = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\s+", " ", s)


_JSON_UNSAFE = lazy(f"[\x7f-\x9f{_BIDI}{_SURROGATES}{_SEPARATORS}]")


def json_text(obj: Any, indent: int | None = 2) -> str:
    """JSON for stdout: UTF-8 text, with DEL, C1 and bidi controls, the line and paragraph
    separators (JavaScript's line breaks) and any lone surrogate as \\uXXXX escapes (the
    json module already escapes C0), so the raw value survives, a terminal stays safe and
    every encoder can write it."""
    import json

    text = json.dumps(obj, ensure_ascii=False, indent=indent)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


#: The codec error handler `register_unencodable` installs (see `unencodable`).
UNENCODABLE = "venues-unencodable"


def unencodable(exc: UnicodeError) -> tuple[str, int]:
    """A codec error handler: each character the output's encoding cannot write becomes a
    JSON escape, `\\u00fc` (a surrogate pair above U+FFFF), so that JSON stays valid and
    equal in value, and text stays readable, where the encoding is not UTF-8."""
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    out = []
    for ch in exc.object[exc.start : exc.end]:
        code = ord(ch)
        if code > 0xFFFF:
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), exc.end


def escaped_for(text: str, encoding: str) -> str:
    """`text` with the characters `encoding` cannot write replaced by `unencodable`'s
    escapes (what the output stream would write in their place); unchanged for an
    encoding Python does not know."""
    try:
        return text.encode(encoding, register_unencodable()).decode(encoding)
    except LookupError:
        return text


def register_unencodable() -> str:
    """Make `UNENCODABLE` a codec error handler (idempotent); returns its name."""
    import codecs

    codecs.register_error(UNENCODABLE, unencodable)
    return UNENCODABLE


_XML_FORBIDDEN = lazy("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Remove the characters XML 1.0 does not allow at all, even escaped."""
    return _XML_FORBIDDEN.sub("", text)
