"""Regular expressions compiled on first use.

Compiling a pattern costs start-up time (a character class with Unicode ranges takes about a
millisecond), and a run uses only a few of the patterns its modules define: the JSON, CSV,
Markdown and XML escapes are not needed to print a table. `lazy` gives a module-level
pattern that compiles itself the first time one of its methods is looked up.
"""

from __future__ import annotations

import re
from typing import Any, cast

_ATTRIBUTES = ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer")


class _Lazy:
    def __init__(self, pattern: str, flags: int) -> None:
        self._pattern = pattern
        self._flags = flags

    def __getattr__(self, name: str) -> Any:  # only for attributes not set yet
        compiled = re.compile(self._pattern, self._flags)
        for attr in _ATTRIBUTES:  # later look-ups find the compiled pattern's methods
            setattr(self, attr, getattr(compiled, attr))
        return getattr(compiled, name)


def lazy(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, done on first use."""
    return cast("re.Pattern[str]", _Lazy(pattern, flags))
