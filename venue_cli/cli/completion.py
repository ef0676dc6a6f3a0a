"""Shell completion of option values and arguments, from the data (one candidate each).

Venues and parties come from the dataset the command line names so far (`--data FILE` or
`--case NAME`, else VENUES_DATA, else the bundled case). Each venue is offered once: by its
id, or, when what was typed starts another of its names (name, city, country, alias, as
written or without accents), by that name; its display name is the description that zsh and
fish show. Completion
runs the CLI on every TAB, so these functions import little and never fail: a dataset that
cannot be read completes nothing.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from venue_cli.records import Dataset

Candidate = tuple[str, str]  # (value, description)
_WORD = re.compile(r"[\w.-]+")


def _matching(candidates: Iterable[tuple[str, str, Iterable[str]]], incomplete: str) -> list[Any]:
    """(id, description, other names) -> one (spelling, description) per thing whose id or
    other name starts with what was typed: the id when it matches, else the first name that
    does, as typed or folded (no accents, '-' for spaces), since a shell only offers words
    that start with what was typed. Only spellings a shell takes as one plain word (letters,
    digits, '-' and '.') are offered."""
    from venue_cli.names import normalise

    out: list[Candidate] = []
    seen: set[str] = set()
    for value, description, names in candidates:
        if value in seen:
            continue
        spellings = [value, *names, *(normalise(n).replace(" ", "-") for n in names)]
        match = next(
            (s for s in spellings if s.startswith(incomplete) and _WORD.fullmatch(s)), None
        )
        if match is not None:
            seen.add(value)
            out.append((match, _description(description)))
    return out


#: Longest description offered (a shell shows it beside the candidate, on one line).
MAX_DESCRIPTION = 80
# Quotes, '$', '`' and '\\': Typer escapes them, but its zsh script runs `eval` on what
# completion prints, so a description from a dataset carries none of them at all.
_SHELL_SPECIAL = re.compile(r"[\"'`$\\]")


def _description(text: str) -> str:
    """A description from the data, safe for every shell: one line, controls escaped
    (`safety.clean`), no quoting characters, at most MAX_DESCRIPTION characters."""
    from venue_cli.safety import clean

    shown = _SHELL_SPECIAL.sub("", clean(text, max_len=None)).strip()
    return shown if len(shown) <= MAX_DESCRIPTION else shown[: MAX_DESCRIPTION - 1] + "…"


def _dataset(ctx: Any) -> Dataset | None:
    """The dataset named on the command line so far (or by VENUES_DATA, or bundled)."""
    from venue_cli.errors import VenueError
    from venue_cli.load import BUNDLED_CASE, bundled_cases, load_dataset

    params = getattr(ctx, "params", None) or {}
    try:
        if params.get("data") is not None and str(params["data"]) != "-":
            return load_dataset(Path(params["data"]))
        cases = bundled_cases()
        if params.get("case") in cases:
            return load_dataset(cases[params["case"]])
        env = os.environ.get("VENUES_DATA")
        return load_dataset(Path(env) if env else cases[BUNDLED_CASE])
    except (VenueError, OSError, ValueError):
        return None


def venues(ctx: Any, incomplete: str) -> list[Any]:
    """Each venue once, by its id (and each group once, by its name)."""
    ds = _dataset(ctx)
    if ds is None:
        return []
    found = [
        (v.id, f"{v.name}, {v.country_name}", (v.name, v.city, v.country_name, *v.aliases))
        for v in ds.venues.values()
    ]
    groups: dict[str, list[str]] = {}
    for v in ds.venues.values():
        for g in v.groups:
            groups.setdefault(g, []).append(v.name)
    found += [(g, "group: " + ", ".join(names), ()) for g, names in sorted(groups.items())]
    return _matching(found, incomplete)


def parties(ctx: Any, incomplete: str) -> list[Any]:
    """Each party once, by its id."""
    ds = _dataset(ctx)
    if ds is None:
        return []
    found = [
        (p.id, f"{p.name} ({p.role.value})", (p.name, *p.aliases)) for p in ds.parties.values()
    ]
    return _matching(found, incomplete)


def cases(ctx: Any, incomplete: str) -> list[Any]:
    from venue_cli.load import bundled_cases

    return _matching(((name, "bundled case", ()) for name in bundled_cases()), incomplete)


def scenarios(ctx: Any, incomplete: str) -> list[Any]:
    from venue_cli.format.scenario import bundled_scenarios

    found = ((name, "bundled scenario", ()) for name in bundled_scenarios())
    return _matching(found, incomplete)


def _fixed(pairs: Iterable[tuple[str, str]], incomplete: str) -> list[Any]:
    return _matching(((v, d, ()) for v, d in pairs), incomplete)


def methods(ctx: Any, incomplete: str) -> list[Any]:
    return _fixed(
        [
            ("nash", "weighted geometric mean"),
            ("utilitarian", "weighted mean"),
            ("maximin", "the worst-off party"),
        ],
        incomplete,
    )


def sorts(ctx: Any, incomplete: str) -> list[Any]:
    return _fixed([("date", "oldest first"), ("outlet", "by outlet name")], incomplete)


def topics(ctx: Any, incomplete: str) -> list[Any]:
    return _fixed([("format", "the dataset format"), ("model", "the model's rules")], incomplete)
