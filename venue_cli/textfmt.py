"""Small text helpers shared by every renderer: number formatting that adds up, aligned
columns, Markdown and CSV escaping, text bars."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Sequence

from venue_cli.regex import lazy
from venue_cli.safety import csv_cell, escaped_for, md_text

#: The encoding plain output is written in where it is not UTF-8 (`escaping_for`, which
#: the CLI uses while it renders): `columns` then writes each cell as the stream would, its
#: unencodable characters as `\u2014` escapes, before it pads, so that a renderer's own '—'
#: or '◆' in a cell does not push the rest of the row out of line. None: cells as they are.
_escape_to: list[str | None] = [None]


@contextlib.contextmanager
def escaping_for(encoding: str | None) -> Iterator[None]:
    """Within the block, `columns` escapes what `encoding` cannot write (None: nothing).
    (A plain setting, not a context variable: one CLI call renders in one thread, and the
    `contextvars` import would cost every start-up.)"""
    before = _escape_to[0]
    _escape_to[0] = encoding
    try:
        yield
    finally:
        _escape_to[0] = before


def _units(x: float, digits: int) -> int:
    """x in units of 10**-digits, rounded half away from zero on its shortest decimal form."""
    r = repr(float(x))
    negative = r.startswith("-")
    mantissa, _, exponent = r.lstrip("-").partition("e")
    whole, _, fraction = mantissa.partition(".")
    figures = whole + fraction
    point = len(whole) + (int(exponent) if exponent else 0)
    if point < 0:
        figures, point = "0" * -point + figures, 0
    keep = point + digits
    figures = figures.ljust(keep + 1, "0")
    units = int(figures[:keep] or "0") + (1 if figures[keep] >= "5" else 0)
    return -units if negative else units


def num(x: float, digits: int = 3) -> str:
    """The one number formatter of every output: `digits` decimals, rounded half up on the
    number's shortest decimal form, so 0.7975 shows as 0.798 (Python's own format rounds the
    binary value, 0.79749999…, down to 0.797)."""
    if not math.isfinite(x):
        return f"{x}"
    units = _units(x, digits)
    text = str(abs(units)).rjust(digits + 1, "0")
    body = f"{text[:-digits]}.{text[-digits:]}" if digits else text
    return f"-{body}" if units < 0 else body


def pct(x: float, digits: int = 0) -> str:
    """A share as a percentage, with the same rounding as `num`: 0.125 -> '13%'."""
    return num(x * 100, digits) + "%"


def round_to_sum(parts: Sequence[float], digits: int) -> list[float]:
    """Round `parts` to `digits` decimals so that the rounded parts add up exactly to the
    rounded total (largest-remainder method). Displayed contributions then sum to the
    displayed utility, digit for digit, and the total is what `num` shows for it."""
    scale = 10**digits
    total = _units(math.fsum(parts), digits)
    floors = [math.floor(p * scale) for p in parts]
    remainder = total - sum(floors)
    order = sorted(range(len(parts)), key=lambda i: -(parts[i] * scale - floors[i]))
    for i in order[: max(0, remainder)]:
        floors[i] += 1
    return [f / scale for f in floors]


#: Plain output pads a column to at most this width (a longer cell just runs on), so one long
#: name cannot make every row of the output megabytes wide.
MAX_PAD = 40


#: Characters past U+02FF that are one cell each, none combining (checked against
#: unicodedata in the tests): general punctuation, arrows, box drawing, blocks and shapes.
_NOT_ONE_CELL = lazy("[^\x00-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc]")


def cells(text: str) -> int:
    """How many terminal cells `text` takes: a wide East Asian character two, a combining
    mark, a zero-width format character or a variation selector none, anything else one
    (what terminals and Rich do; `len` counts code points and misaligns 'Génève 日内瓦')."""
    if text.isascii():
        return len(text)
    if _NOT_ONE_CELL.search(text) is None:
        return len(text)  # Latin text, dashes, quotes, arrows, bars: no unicodedata import
    import unicodedata

    n = 0
    for ch in text:
        if ch < "\u0300":
            n += 1
        elif unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        elif unicodedata.east_asian_width(ch) in ("W", "F"):
            n += 2
        else:
            n += 1
    return n


def ljust(text: str, width: int) -> str:
    """`text` padded with spaces to `width` terminal cells (see `cells`)."""
    return text + " " * (width - cells(text))


def columns(rows: Sequence[Sequence[str]], gap: int = 2) -> str:
    """Left-aligned columns separated by spaces, aligned in terminal cells (see `cells`);
    the last column is not padded, and no column is padded beyond MAX_PAD cells."""
    if not rows:
        return ""
    encoding = _escape_to[0]
    if encoding is not None:
        rows = [[c if c.isascii() else escaped_for(c, encoding) for c in r] for r in rows]
    sizes = [[len(c) if c.isascii() else cells(c) for c in r] for r in rows]
    widths = [min(MAX_PAD, max(z[i] for z in sizes)) for i in range(len(rows[0]))]
    sep = " " * gap
    lines = []
    for r, z in zip(rows, sizes, strict=True):
        last = len(r) - 1
        padded = [c + " " * (widths[i] - z[i]) if i < last else c for i, c in enumerate(r)]
        lines.append(sep.join(padded).rstrip())
    return "\n".join(lines) + "\n"


def md_cell(text: str) -> str:
    """One Markdown table cell: the one escaper shared with the Markdown report."""
    return md_text(text)


def md_table(head: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    out = ["| " + " | ".join(md_cell(h) for h in head) + " |"]
    out.append("|" + "|".join("---" for _ in head) + "|")
    out += ["| " + " | ".join(md_cell(c) for c in r) + " |" for r in rows]
    return "\n".join(out) + "\n"


def csv_text(head: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """CSV with every text cell neutralised against spreadsheet formulas (see
    `safety.csv_cell`)."""
    import csv
    import io

    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow([csv_cell(h) for h in head])
    w.writerows([[csv_cell(c) for c in r] for r in rows])
    return buf.getvalue()


def bar(value: float, width: int = 10, ascii_only: bool = False) -> str:
    """A horizontal bar for a value in [0, 1], with eighth-block resolution."""
    value = min(1.0, max(0.0, value))
    if ascii_only:
        n = round(value * width)
        return "#" * n + "." * (width - n)
    eighths = round(value * width * 8)
    full, rest = divmod(eighths, 8)
    partial = " ▏▎▍▌▋▊▉"[rest] if rest else ""
    return ("█" * full + partial).ljust(width)


def f3(x: float) -> str:
    return num(x, 3)
