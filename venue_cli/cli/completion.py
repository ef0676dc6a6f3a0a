"""Shell completion of option values and arguments, from the data (one candidate each).

Completion runs the CLI on every TAB, so these functions import little and never fail: a
dataset that cannot be read completes nothing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from venue_cli.records import Dataset


def _matching(candidates: list[str], incomplete: str) -> list[str]:
    from venue_cli.names import normalise

    typed = normalise(incomplete)
    seen: list[str] = []
    for c in candidates:
        if (c.startswith(incomplete) or normalise(c).startswith(typed)) and c not in seen:
            seen.append(c)
    return [c for c in seen if c.startswith(incomplete)] or seen


def _dataset() -> Dataset | None:
    from venue_cli.errors import VenueError
    from venue_cli.load import BUNDLED_CASE, bundled_cases, load_dataset

    try:
        env = os.environ.get("VENUES_DATA")
        return load_dataset(Path(env) if env else bundled_cases()[BUNDLED_CASE])
    except (VenueError, OSError):
        return None


def venues(incomplete: str) -> list[str]:
    """Each venue once, by its id (and each group once, by its id)."""
    ds = _dataset()
    if ds is None:
        return []
    ids = list(ds.venues) + sorted({g for v in ds.venues.values() for g in v.groups})
    return _matching(ids, incomplete)


def parties(incomplete: str) -> list[str]:
    ds = _dataset()
    return _matching(list(ds.parties), incomplete) if ds is not None else []


def cases(incomplete: str) -> list[str]:
    from venue_cli.load import bundled_cases

    return _matching(list(bundled_cases()), incomplete)


def scenarios(incomplete: str) -> list[str]:
    from venue_cli.format.scenario import bundled_scenarios

    return _matching(list(bundled_scenarios()), incomplete)


def methods(incomplete: str) -> list[str]:
    return _matching(["nash", "utilitarian", "maximin"], incomplete)


def sorts(incomplete: str) -> list[str]:
    return _matching(["date", "outlet"], incomplete)


def formats(incomplete: str) -> list[str]:
    return _matching(["table", "plain", "json", "csv", "markdown"], incomplete)
