"""Matching names typed by a user to venues, parties and criteria.

Case- and accent-insensitive: 'Türkiye', 'turkiye' and 'TURKIYE' are the same name.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable

from venue_cli.errors import UnknownNameError
from venue_cli.records import Dataset


def suggest(name: str, choices: Iterable[str], n: int = 2) -> list[str]:
    """Close matches of `name` among `choices`, best first (difflib)."""
    import difflib

    return difflib.get_close_matches(name, list(choices), n=n, cutoff=0.6)


def normalise(name: str) -> str:
    """Fold case, strip accents, and treat spaces, '-', '_' and '.' alike."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for ch in "-_.'’":
        bare = bare.replace(ch, " ")
    return " ".join(bare.split())


def venue_names(dataset: Dataset) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every name a user may type for a venue or group -> (spelling shown, venue ids).

    Names: id, display name, city, country name, aliases and group ids. A country code is
    added when only one venue is in that country.
    """
    table: dict[str, tuple[str, tuple[str, ...]]] = {}
    by_country: dict[str, list[str]] = {}
    groups: dict[str, list[str]] = {}
    for v in dataset.venues.values():
        for name in (v.id, v.name, v.city, v.country_name, *v.aliases):
            table.setdefault(normalise(name), (name, (v.id,)))
        by_country.setdefault(v.country, []).append(v.id)
        for g in v.groups:
            groups.setdefault(g, []).append(v.id)
    for g, ids in groups.items():
        table.setdefault(normalise(g), (g, tuple(ids)))
    for code, ids in by_country.items():
        if len(ids) == 1:
            table.setdefault(normalise(code), (code, tuple(ids)))
    return table


def resolve_venues(dataset: Dataset, name: str) -> tuple[str, ...]:
    """The venue ids a typed name means (several for a group such as 'gulf')."""
    table = venue_names(dataset)
    key = normalise(name)
    if key in table:
        return table[key][1]
    import difflib

    close = difflib.get_close_matches(key, list(table), n=6, cutoff=0.6)
    shown: list[str] = []
    for k in close:
        spelling = table[k][0]
        if spelling not in shown:
            shown.append(spelling)
    raise UnknownNameError("venue", name, shown[:3])


def resolve_party(dataset: Dataset, name: str) -> str:
    """The party id a typed name means (id, name or alias)."""
    table: dict[str, str] = {}
    for p in dataset.parties.values():
        for n in (p.id, p.name, *p.aliases):
            table.setdefault(normalise(n), p.id)
    key = normalise(name)
    if key in table:
        return table[key]
    import difflib

    close = difflib.get_close_matches(key, list(table), n=3, cutoff=0.6)
    raise UnknownNameError("party", name, sorted({table[k] for k in close}))
