"""Terminal tables without Rich, exactly as Rich draws them.

Importing Rich and laying out its tables takes longer than scoring the bundled case, and
`venues rank` and `venues explain` draw a table on every run in a terminal. The renderers
build `Text` and `Table` (via `venue_cli.render.layout`), which hold what they would give
Rich's Text and Table: on a Rich console they turn into Rich's own objects (`__rich__`), so
that every Rich output (tests, the SVG picture) is Rich's. `render` writes them itself, the
way Rich 13–15 prints them (its word wrapping, padding, justification, segments and styles:
the same characters and the same escape codes), but only what it can do exactly: a table
whose columns all have a width and fit the terminal, the styles bold, dim, italic,
underline and the 16 standard colours, and characters one cell wide. For anything else it
returns None and the caller prints with Rich (tests/test_render_term.py compares the two on
every renderer's documents, at many widths, with and without colour).

`terminal` is the Rich console's view of the terminal (width, colours, NO_COLOR) worked out
the same way, without importing Rich; None where Rich knows better (Windows, Jupyter, IDLE,
an encoding that is not UTF-8).
"""

from __future__ import annotations

import builtins
import functools
import itertools
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from venue_cli.regex import lazy

# --------------------------------------------------------------------------- the objects


class Text:
    """Rich's Text, for the part the renderers use: a string with a base style and styled
    spans (style strings as Rich reads them)."""

    __slots__ = ("_plain", "_spans", "style")

    def __init__(self, text: str = "", style: str = "") -> None:
        self._plain = text.translate(_STRIP)
        self.style = style
        self._spans: list[tuple[int, int, str]] = []

    @property
    def plain(self) -> str:
        return self._plain

    def __len__(self) -> int:
        return len(self._plain)

    def __str__(self) -> str:
        return self._plain

    def append(self, text: str, style: str | None = None) -> Text:
        """Add text with an optional style."""
        if text:
            clean = text.translate(_STRIP)
            offset = len(self._plain)
            if style:
                self._spans.append((offset, offset + len(clean), style))
            self._plain += clean
        return self

    def rstrip(self) -> None:
        """Strip whitespace from the end."""
        _set_plain(self, self._plain.rstrip())

    def __rich__(self) -> Any:
        from rich.text import Span
        from rich.text import Text as RichText

        return RichText(self._plain, style=self.style, spans=[Span(*s) for s in self._spans])


class Table:
    """Rich's Table as `layout.new_table` makes it: the table's options, and columns and
    rows as the renderers add them."""

    def __init__(
        self, title: Text | None = None, caption: Text | None = None, **options: Any
    ) -> None:
        self.title = title
        self.caption = caption
        self.options = options  # Rich's Table arguments; `box` by name
        self.columns: list[tuple[Any, dict[str, Any]]] = []  # header, add_column options
        self.rows: list[tuple[tuple[Any, ...], dict[str, Any]]] = []  # cells, add_row options
        self.leading = 0

    def add_column(self, header: Any = "", **options: Any) -> None:
        self.columns.append((header, options))

    def add_row(self, *cells: Any, **options: Any) -> None:
        self.rows.append((cells, options))

    def __rich__(self) -> Any:
        from rich import box
        from rich.table import Table as RichTable

        options = dict(self.options)
        name = options.pop("box", None)
        t = RichTable(
            title=_rich(self.title),
            caption=_rich(self.caption),
            box=getattr(box, name) if name else None,
            **options,
        )
        for header, column_options in self.columns:
            t.add_column(_rich(header), **column_options)
        for cells, row_options in self.rows:
            t.add_row(*(_rich(cell) for cell in cells), **row_options)
        t.leading = self.leading
        return t


def _rich(value: Any) -> Any:
    return value.__rich__() if isinstance(value, (Text, Table)) else value


# --------------------------------------------------------------------------- the terminal


class Terminal(tuple[int, bool, bool]):
    """What a Rich console writing to a file sees of it: (width, colour, no_color). Colour:
    styles are written (a terminal, not a dumb one); no_color: NO_COLOR, bold and dim but no
    colours. (A plain tuple: a NamedTuple costs start-up time.)"""

    __slots__ = ()

    def __new__(cls, width: int, colour: bool, no_color: bool) -> Terminal:
        return super().__new__(cls, (width, colour, no_color))

    @property
    def width(self) -> int:
        return self[0]

    @property
    def colour(self) -> bool:
        return self[1]

    @property
    def no_color(self) -> bool:
        return self[2]


def terminal(file: Any, environ: Mapping[str, str] | None = None) -> Terminal | None:
    """The terminal as `rich.console.Console(file=file)` would see it, or None where this
    module leaves it to Rich."""
    env = os.environ if environ is None else environ
    file = getattr(file, "rich_proxied_file", file)
    if sys.platform == "win32" or hasattr(builtins, "get_ipython") or file is None:
        return None
    stdin_module = getattr(sys.stdin, "__module__", None)
    if isinstance(stdin_module, str) and stdin_module.startswith("idlelib"):
        return None
    if not (getattr(file, "encoding", "utf-8") or "utf-8").lower().startswith("utf"):
        return None
    tty_compatible = env.get("TTY_COMPATIBLE", "")
    force_color = env.get("FORCE_COLOR")
    if tty_compatible in ("0", "1"):
        is_terminal = tty_compatible == "1"
    elif force_color is not None:
        is_terminal = force_color != ""
    else:
        try:
            is_terminal = bool(file.isatty()) if hasattr(file, "isatty") else False
        except ValueError:
            is_terminal = False
    dumb = is_terminal and env.get("TERM", "").lower() in ("dumb", "unknown")
    columns, lines = env.get("COLUMNS") or "", env.get("LINES") or ""
    if columns.isdigit():
        width = int(columns)  # Rich takes COLUMNS as it is, even 0
        if dumb and not lines.isdigit():
            width = 80
    elif dumb:
        width = 80
    else:
        width = _terminal_columns() or 80
    return Terminal(width, is_terminal and not dumb, env.get("NO_COLOR", "") != "")


def _terminal_columns() -> int | None:
    """The width of the first standard stream that is a terminal (as Rich looks)."""
    fds = []
    for stream, default in ((sys.__stdin__, 0), (sys.__stdout__, 1), (sys.__stderr__, 2)):
        try:
            fds.append(stream.fileno())  # type: ignore[union-attr]
        except Exception:  # as Rich: a missing or odd stream
            fds.append(default)
    for fd in fds:
        try:
            return os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
    return None


# --------------------------------------------------------------------------- styles

_STRIP = dict.fromkeys((7, 8, 11, 12, 13))  # Rich removes BEL, BS, VT, FF and CR
_ATTRIBUTES = {"bold": 1, "b": 1, "dim": 2, "d": 2, "italic": 4, "i": 4, "underline": 8, "u": 8}
_SGR = ((1, "1"), (2, "2"), (4, "3"), (8, "4"))
_COLOURS = {
    name: number
    for number, name in enumerate(
        [
            *("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"),
            *("bright_black", "bright_red", "bright_green", "bright_yellow"),
            *("bright_blue", "bright_magenta", "bright_cyan", "bright_white"),
        ]
    )
}

#: A style: (attributes, colour number or -1); None is Rich's null style.
Style = tuple[int, int] | None
Segment = tuple[str, Style]


class _Unsupported(Exception):
    """Something this module does not draw exactly: Rich does it."""


_STYLES: dict[str, Style] = {}


def _style(definition: str | None) -> Style:
    if not definition:
        return None
    cached = _STYLES.get(definition, ())
    if cached != ():
        return cached  # type: ignore[return-value]
    if definition.strip() == "none":
        parsed: Style = None
    else:
        attributes, colour = 0, -1
        for word in definition.lower().split():
            if word in _ATTRIBUTES:
                attributes |= _ATTRIBUTES[word]
            elif word in _COLOURS:
                colour = _COLOURS[word]
            else:
                raise _Unsupported(f"style {definition!r}")
        parsed = (attributes, colour) if attributes or colour >= 0 else None
    _STYLES[definition] = parsed
    return parsed


def _add(a: Style, b: Style) -> Style:
    """Rich's `a + b`: b's attributes on top of a's, b's colour if it has one."""
    if b is None:
        return a
    if a is None:
        return b
    return (a[0] | b[0], b[1] if b[1] >= 0 else a[1])


def _sgr(style: Style, terminal: Terminal) -> str:
    if style is None:
        return ""
    codes = [code for bit, code in _SGR if style[0] & bit]
    colour = style[1]
    if colour >= 0 and not terminal.no_color:
        codes.append(str(30 + colour if colour < 8 else 82 + colour))
    return ";".join(codes)


# --------------------------------------------------------------------------- characters

# One cell wide for Rich: its own single-cell ranges, and punctuation its tables give one
# cell (tests check both against rich.cells).
_SINGLE_RANGES = ((0x20, 0x7E), (0xA0, 0xAC), (0xAE, 0x2FF), (0x370, 0x482), (0x2500, 0x25FC))
_EXTRA = "‐‑‒–—―‘’‚‛“”„‟†‡•‣…‧′″‹›⁄€₽←↑→↓\n"


@functools.cache
def narrow() -> frozenset[str]:
    """Every character this module draws (made on first use)."""
    singles = [chr(c) for start, end in _SINGLE_RANGES for c in range(start, end + 1)]
    return frozenset([*singles, *(chr(c) for c in range(0x2800, 0x2900)), *_EXTRA])


def _check(text: str) -> None:
    if not narrow().issuperset(text):
        raise _Unsupported("a character that may not be one cell wide")


# --------------------------------------------------------------------------- Rich's Text
# What follows mirrors rich.text, rich.containers and rich._wrap for the cases above.

_WORD = lazy(r"\s*\S+\s*")
_TRAILING = lazy(r"\s+$")


def _copy(t: Text) -> Text:
    c = Text.__new__(Text)
    c._plain, c.style, c._spans = t._plain, t.style, list(t._spans)
    return c


def _set_plain(t: Text, new: str) -> None:
    if new != t._plain:
        new = new.translate(_STRIP)
        shorter = len(new) < len(t._plain)
        t._plain = new
        if shorter:
            _crop_spans(t, len(new))


def _crop_spans(t: Text, end: int) -> None:
    t._spans = [
        span if span[1] < end else (span[0], min(end, span[1]), span[2])
        for span in t._spans
        if span[0] < end
    ]


def _right_crop(t: Text, amount: int) -> None:
    _crop_spans(t, len(t._plain) - amount)
    t._plain = t._plain[:-amount]


def _divide(t: Text, offsets: Sequence[int]) -> list[Text]:
    if not offsets:
        return [_copy(t)]
    bounds = [0, *offsets, len(t._plain)]
    ranges = list(itertools.pairwise(bounds))
    lines = []
    for start, end in ranges:
        line = Text.__new__(Text)
        line._plain, line.style, line._spans = t._plain[start:end], t.style, []
        lines.append(line)
    for span_start, span_end, style in t._spans:
        for line, (start, end) in zip(lines, ranges, strict=True):
            new_start, new_end = max(0, span_start - start), min(span_end - start, end - start)
            if new_end > new_start:
                line._spans.append((new_start, new_end, style))
    return lines


def _split_lines(t: Text) -> list[Text]:
    """Rich's `Text.split("\\n", allow_blank=True)`."""
    if "\n" not in t._plain:
        return [_copy(t)]
    offsets = []
    for m in re.finditer("\n", t._plain):
        offsets += [m.start(), m.end()]
    return [line for line in _divide(t, offsets) if line._plain != "\n"]


def _divide_line(text: str, width: int, fold: bool) -> list[int]:
    """rich._wrap.divide_line, for characters one cell wide."""
    breaks: list[int] = []
    offset = 0
    for m in _WORD.finditer(text):
        start, word = m.start(), m.group(0)
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:
            if fold:
                pieces = [word[i : i + width] for i in range(0, len(word), width)]
                for i, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if i == len(pieces) - 1:
                        offset = len(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = len(word)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    return breaks


def _cell_size(text: str, total: int) -> str:
    if total <= 0:
        return ""
    return text + " " * (total - len(text)) if len(text) < total else text[:total]


def _truncate(t: Text, width: int, overflow: str, pad: bool = False) -> None:
    length = len(t._plain)
    if length > width:
        if overflow == "ellipsis":
            _set_plain(t, _cell_size(t._plain, width - 1) + "…")
        else:
            _set_plain(t, _cell_size(t._plain, width))
    if pad and length < width:
        t._plain += " " * (width - length)


def _wrap(t: Text, width: int, justify: str, overflow: str, no_wrap: bool) -> list[Text]:
    lines: list[Text] = []
    for line in _split_lines(t):
        if "\t" in line._plain:
            raise _Unsupported("a tab")
        if no_wrap:
            new_lines = [line]
        else:
            new_lines = _divide(line, _divide_line(line._plain, width, overflow == "fold"))
            for new in new_lines:
                if len(new._plain) > width:
                    m = _TRAILING.search(new._plain)
                    if m is not None:
                        _right_crop(new, min(len(m.group(0)), len(new._plain) - width))
        for new in new_lines:
            if justify == "left":
                _truncate(new, width, overflow, pad=True)
            elif justify == "right":
                new.rstrip()
                _truncate(new, width, overflow)
                pad = width - len(new._plain)
                if pad:
                    new._plain = " " * pad + new._plain
                    new._spans = [(s + pad, e + pad, st) for s, e, st in new._spans]
            elif justify != "default":
                raise _Unsupported(f"justify {justify!r}")
        for new in new_lines:
            _truncate(new, width, overflow)
        lines.extend(new_lines)
    return lines


def _join(lines: Iterable[Text]) -> Text:
    """Rich's `Text("\\n").join(lines)`."""
    out = Text.__new__(Text)
    out.style, out._spans = "", []
    parts: list[str] = []
    offset = 0
    for i, line in enumerate(lines):
        if i:
            parts.append("\n")
            offset += 1
        parts.append(line._plain)
        if line.style:
            out._spans.append((offset, offset + len(line._plain), line.style))
        out._spans += [(offset + s, offset + e, st) for s, e, st in line._spans]
        offset += len(line._plain)
    out._plain = "".join(parts)
    return out


def _segments(t: Text, end: str = "\n") -> list[Segment]:
    """Rich's `Text.render`."""
    text = t._plain
    if not t._spans:
        out: list[Segment] = [(text, None)]
        return [*out, (end, None)] if end else out
    styles = {i: _style(span[2]) for i, span in enumerate(t._spans, 1)}
    styles[0] = _style(t.style)
    events = [
        (0, False, 0),
        *((span[0], False, i) for i, span in enumerate(t._spans, 1)),
        *((span[1], True, i) for i, span in enumerate(t._spans, 1)),
        (len(text), True, 0),
    ]
    events.sort(key=lambda e: (e[0], e[1]))
    stack: list[int] = []
    out = []
    for (offset, leaving, style_id), (next_offset, _, _) in itertools.pairwise(events):
        if leaving:
            stack.remove(style_id)
        else:
            stack.append(style_id)
        if next_offset > offset:
            style: Style = None
            for i in sorted(stack):
                style = _add(style, styles[i])
            out.append((text[offset:next_offset], style))
    if end:
        out.append((end, None))
    return out


def _console(
    t: Text, width: int, justify: str | None, overflow: str | None, no_wrap: bool
) -> list[Segment]:
    """Rich's `Text.__rich_console__` at `width`, with the options' justify and overflow."""
    _check(t._plain)
    lines = _wrap(t, width, justify or "default", overflow or "fold", no_wrap)
    return _segments(_join(lines))


# --------------------------------------------------------------------------- Rich's Segment


def _crop_line(line: list[Segment], length: int, style: Style, pad: bool) -> list[Segment]:
    """Segment.adjust_line_length."""
    size = sum(len(text) for text, _ in line)
    if size < length:
        return [*line, (" " * (length - size), style)] if pad else line[:]
    if size > length:
        out: list[Segment] = []
        size = 0
        for text, seg_style in line:
            if size + len(text) < length:
                out.append((text, seg_style))
                size += len(text)
            else:
                out.append((_cell_size(text, length - size), seg_style))
                break
        return out
    return line[:]


def _segment_lines(segments: Iterable[Segment]) -> Iterator[tuple[list[Segment], bool]]:
    """The segments split at newlines: each line, and whether a newline ended it (a last
    line without one is given only if it holds a segment)."""
    line: list[Segment] = []
    for text, seg_style in segments:
        if "\n" in text:
            while text:
                part, newline, text = text.partition("\n")
                if part:
                    line.append((part, seg_style))
                if newline:
                    yield line, True
                    line = []
        else:
            line.append((text, seg_style))
    if line:
        yield line, False


def _lines(
    segments: Iterable[Segment], length: int, style: Style = None, pad: bool = True
) -> list[list[Segment]]:
    """Segment.split_and_crop_lines without the newlines."""
    return [_crop_line(line, length, style, pad) for line, _ended in _segment_lines(segments)]


def _styled(segments: Iterable[Segment], style: Style) -> list[Segment]:
    """Segment.apply_style: `style + each segment's style`."""
    if style is None:
        return list(segments)
    return [(text, _add(style, seg_style)) for text, seg_style in segments]


# --------------------------------------------------------------------------- Rich's Table

_SUPPORTED_COLUMN = {"justify", "width", "no_wrap", "overflow"}
_BOXES = {"SIMPLE_HEAVY": ("━", " ")}  # (the rule under the header, the other rows)


def _table(t: Table, max_width: int) -> list[Segment]:
    options = t.options
    expected = {
        "show_edge": False,
        "pad_edge": False,
        "header_style": "bold",
        "title_justify": "left",
        "caption_justify": "left",
    }
    if any(options.get(k) != v for k, v in expected.items()) or not t.columns:
        raise _Unsupported("table options")
    box = options.get("box")
    if box is not None and box not in _BOXES:
        raise _Unsupported(f"box {box}")
    header = bool(options.get("show_header"))
    if header != (box is not None):
        raise _Unsupported("a header without a box, or a box without one")
    padding = options.get("padding")
    collapse = bool(options.get("collapse_padding"))
    if padding == (0, 1):
        top, right, bottom, left = 0, 1, 0, 1
    elif padding == (0, 0):
        top = right = bottom = left = 0
    else:
        raise _Unsupported("padding")
    padded = bool(top or right or bottom or left)  # Rich wraps each cell in a Padding
    n = len(t.columns)
    widths: list[int] = []
    pads: list[tuple[int, int]] = []  # (left, right) of each column's cells
    for i, (_header, column) in enumerate(t.columns):
        if set(column) - _SUPPORTED_COLUMN or column.get("width") is None:
            raise _Unsupported("a column option, or a column without a width")
        pad_left, pad_right = left, right  # Table._get_padding_width
        if collapse:
            pad_left, pad_right = 0, abs(0 - right)
        if i == 0:
            pad_left = 0
        if i == n - 1:
            pad_right = 0
        widths.append(int(column["width"]) + pad_left + pad_right)
        cell_left, cell_right = left, right  # Table._get_cells: get_padding
        if collapse and i:
            cell_left = max(0, left - right)
        if i == 0:
            cell_left = 0
        if i == n - 1:
            cell_right = 0
        pads.append((cell_left, cell_right))
        if widths[-1] - cell_left - cell_right < 1:
            raise _Unsupported("a column with no room")
    extra = n - 1 if box else 0
    if sum(widths) > max_width - extra:
        raise _Unsupported("a table wider than the terminal")
    table_width = sum(widths) + extra
    out: list[Segment] = []
    if t.title:
        out += _annotation(t.title, table_width)
    rows: list[tuple[Any, ...]] = []
    if header:
        rows.append(tuple(header for header, _options in t.columns))
    for row_cells, row_options in t.rows:
        if row_options:
            raise _Unsupported("row options")
        rows.append(row_cells)
    rule, space = _BOXES[box] if box else ("", "")
    for index, row in enumerate(rows):
        if len(row) != n:
            raise _Unsupported("a row without a cell for every column")
        header_row = header and index == 0
        cell_style: Style = _style("bold") if header_row else None
        cells: list[list[list[Segment]]] = []
        for (_header, column), cell, width, (cell_left, cell_right) in zip(
            t.columns, row, widths, pads, strict=True
        ):
            cells.append(
                _cell(
                    cell,
                    column,
                    width,
                    (cell_left, cell_right) if padded else None,
                    cell_style,
                )
            )
        height = max(len(lines) for lines in cells)
        for i, lines in enumerate(cells):
            blank = [(" " * widths[i], cell_style)]
            extra_lines = [blank] * (height - len(lines))
            cells[i] = extra_lines + lines if header_row else lines + extra_lines
        for line_no in range(height):
            for i, lines in enumerate(cells):
                out += lines[line_no]
                if box and i < n - 1:
                    out.append((" ", None))
            out.append(("\n", None))
        last = index == len(rows) - 1
        if box and header_row:
            out += [(rule * (table_width), None), ("\n", None)]
        elif box and t.leading and not last:
            out += [(space * table_width * t.leading, None), ("\n", None)]
    if t.caption:
        out += _annotation(t.caption, table_width)
    return out


def _annotation(text: Any, width: int) -> list[Segment]:
    if not isinstance(text, Text):
        raise _Unsupported("a title that is not Text")
    return _console(text, width, "left", None, False)


def _cell(
    cell: Any,
    options: Mapping[str, Any],
    width: int,
    padding: tuple[int, int] | None,
    style: Style,
) -> list[list[Segment]]:
    """A cell's lines, each `width` wide: Rich's Padding around the text (when the table
    has padding), then `Console.render_lines` with the cell's style."""
    if isinstance(cell, str):  # Rich reads a string as markup: only plain words here
        if "[" in cell or ":" in cell:
            raise _Unsupported("markup")
        cell = Text(cell)
    if not isinstance(cell, Text):
        raise _Unsupported("a cell that is not Text")
    justify = options.get("justify", "left")
    overflow = options.get("overflow", "ellipsis")
    no_wrap = bool(options.get("no_wrap", False))
    if padding is not None:
        left, right = padding
        inner_width = width - left - right
        inner = _lines(_console(cell, inner_width, justify, overflow, no_wrap), inner_width)
        segments: list[Segment] = []
        for line in inner:
            if left:
                segments.append((" " * left, None))
            segments += line
            if right:
                segments.append((" " * right, None))
            segments.append(("\n", None))
    else:
        segments = _console(cell, width, justify, overflow, no_wrap)
    return _lines(_styled(segments, style), width, style)


# --------------------------------------------------------------------------- printing


def render(parts: Sequence[Any], terminal: Terminal) -> str | None:
    """What a Rich console on `terminal` captures when it prints each of `parts`, or None
    when a part is not one this module draws exactly."""
    width = terminal.width
    if width < 1:
        return None
    out: list[str] = []
    try:
        for part in parts:
            if isinstance(part, Text):
                wrapper = Text.__new__(Text)  # Console.print joins Text into a new one
                wrapper._plain, wrapper.style = part._plain, ""
                wrapper._spans = ([(0, len(part), part.style)] if part.style else []) + part._spans
                segments = _console(wrapper, width, None, None, False)
            elif isinstance(part, Table):
                segments = _table(part, width)
            else:
                return None
            _print(segments, terminal, out)
    except _Unsupported:
        return None
    return "".join(out)


def _print(segments: Iterable[Segment], terminal: Terminal, out: list[str]) -> None:
    """Console.print's last steps: lines cropped to the width (split_and_crop_lines, no
    padding), and each segment written with its style's escape codes."""
    for line, ended in _segment_lines(segments):
        for text, style in _crop_line(line, terminal.width, None, pad=False):
            codes = _sgr(style, terminal) if terminal.colour else ""
            out.append(f"\x1b[{codes}m{text}\x1b[0m" if codes and text else text)
        if ended:
            out.append("\n")
