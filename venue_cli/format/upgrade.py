"""`venues upgrade`: rewrite a schema_version 1 dataset as schema_version 2.

Every version 1 file means the same in version 2 (version 2 only adds fields), so the
upgrade changes the version line and nothing else: comments, order and layout stay as they
are. The result is validated as version 2 before it is returned.
"""

from __future__ import annotations

import re

from venue_cli.errors import DatasetError, Problem

# The version line, in a file with LF or CRLF line ends (the CR is kept where it is), and
# after a byte-order mark at the start
_VERSION_LINE = re.compile(r"^(\ufeff?)schema_version:[ \t]*1[ \t]*(#[^\r\n]*)?(?=\r?$)", re.M)


def upgrade_text(text: str, shown: str = "<string>") -> str:
    """The text of a version 1 dataset as version 2; DatasetError if it is not a valid
    version 1 dataset."""
    from venue_cli.load import parse_dataset

    ds = parse_dataset(text, shown)
    if ds.schema_version != 1:
        raise DatasetError(
            [Problem(shown, None, None, f"is already schema_version {ds.schema_version}")]
        )
    own_line = DatasetError(
        [Problem(shown, None, None, "write 'schema_version: 1' on a line of its own, then upgrade")]
    )
    found = list(_VERSION_LINE.finditer(text))
    if len(found) != 1:
        raise own_line
    m = found[0]
    comment = f"  {m.group(2)}" if m.group(2) else ""
    new = text[: m.start()] + f"{m.group(1)}schema_version: 2{comment}" + text[m.end() :]
    # must be a valid version 2 file: a line that only looks like the key (inside a quoted
    # text that runs over several lines) changes the text, not the version
    if parse_dataset(new, shown).schema_version != 2:
        raise own_line
    return new
