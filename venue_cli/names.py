"""Matching names typed by a user to venues, parties and criteria.

Case- and accent-insensitive: 'Türkiye', 'turkiye' and 'TURKIYE' are the same name. A name
that matches nothing gets a did-you-mean of distinct things (each venue or party once, by its
canonical name) and the list of valid ones.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping

from venue_cli.errors import UnknownNameError
from venue_cli.records import Dataset

#: A close match scores at least this (difflib's ratio, 0–1) ...
CUTOFF = 0.6
#: ... and no further than this below the best match: 'russa' is Russia, not also 'USA'.
NEAR_BEST = 0.1
#: The work one look-up for close names may do, in characters compared: difflib's ratio
#: costs the product of the two lengths (plus a fixed cost, counted as _RATIO_COST, and
#: _PEEK_COST for the quick bounds tried on every candidate), so a file of 1,500 venues with
#: 199-character ids and 200 unknown references took 3 minutes to validate. A look-up that
#: runs out proposes the best it found so far (about 5 ms of work; the validator, and a
#: scenario, look up at most 200 names).
MAX_MATCH_WORK = 300_000
_PEEK_COST = 100
_RATIO_COST = 1_000


def suggest(name: str, choices: Iterable[str], n: int = 2) -> list[str]:
    """Close matches of `name` among `choices`, best first: difflib's `get_close_matches`,
    within MAX_MATCH_WORK."""
    import difflib
    import heapq

    found: list[tuple[float, str]] = []
    matcher = difflib.SequenceMatcher(b=name)
    work = 0
    for choice in choices:
        matcher.set_seq1(choice)
        work += len(choice) + len(name) + _PEEK_COST
        if work > MAX_MATCH_WORK:
            break
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        work += len(choice) * len(name) + _RATIO_COST
        if work > MAX_MATCH_WORK:
            break
        score = matcher.ratio()
        if score >= CUTOFF:
            found.append((score, choice))
    return [choice for _score, choice in heapq.nlargest(n, found)]


def closest(name: str, spellings: Mapping[str, str], n: int = 3) -> list[str]:
    """The canonical names nearest to `name`, each once, best first (within MAX_MATCH_WORK).

    `spellings` maps every accepted spelling (normalised) to the canonical name of what it
    names: the best-matching spelling of each thing counts, and only things that score near
    the best one are proposed."""
    import difflib

    typed = normalise(name)
    best: dict[str, float] = {}
    matcher = difflib.SequenceMatcher(b=typed)
    work = 0
    for spelling, canonical in spellings.items():
        matcher.set_seq1(spelling)
        work += len(spelling) + len(typed) + _PEEK_COST
        if work > MAX_MATCH_WORK:
            break
        if matcher.real_quick_ratio() < CUTOFF or matcher.quick_ratio() < CUTOFF:
            continue
        work += len(spelling) * len(typed) + _RATIO_COST
        if work > MAX_MATCH_WORK:
            break
        score = matcher.ratio()
        if score >= CUTOFF and score > best.get(canonical, 0.0):
            best[canonical] = score
    if not best:
        return []
    top = max(best.values())
    ranked = sorted(best.items(), key=lambda kv: (-kv[1], kv[0]))
    return [c for c, s in ranked if s >= top - NEAR_BEST][:n]


def closest_names(name: str, names: Iterable[str], n: int = 3) -> list[str]:
    """`closest` among plain names (cases, scenarios): each is its own canonical name."""
    return closest(name, {normalise(x): x for x in names}, n)


def normalise(name: str) -> str:
    """Fold case, strip accents, and treat spaces, '-', '_' and '.' alike."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    for ch in "-_.'’":
        bare = bare.replace(ch, " ")
    return " ".join(bare.split())


def venue_names(dataset: Dataset) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Every name a user may type for a venue or group -> (canonical name, venue ids).

    Names, strongest first, so that the file's order never decides: a venue's id, display
    name and aliases (unique, `validate` checks); then cities and country names, where one
    shared by several venues means all of them (like a group); then group ids; then a
    country code, when only one venue is in that country. The canonical name of a venue is
    its display name; of a group or a shared place, the name itself.
    """
    table: dict[str, tuple[str, tuple[str, ...]]] = {}
    by_country: dict[str, list[str]] = {}
    groups: dict[str, list[str]] = {}
    places: dict[str, dict[str, list[str]]] = {}  # key -> spelling -> venue ids
    for v in dataset.venues.values():
        for name in (v.id, v.name, *v.aliases):
            table.setdefault(normalise(name), (v.name, (v.id,)))
        for name in dict.fromkeys((v.city, v.country_name)):
            places.setdefault(normalise(name), {}).setdefault(name, []).append(v.id)
        by_country.setdefault(v.country, []).append(v.id)
        for g in v.groups:
            groups.setdefault(g, []).append(v.id)
    for key, spellings in places.items():
        if key in table:
            continue
        found = tuple(dict.fromkeys(i for spelled in spellings.values() for i in spelled))
        if len(found) == 1:
            table[key] = (dataset.venues[found[0]].name, found)
        else:
            table[key] = (min(spellings), tuple(sorted(found)))
    for g, ids in groups.items():
        table.setdefault(normalise(g), (g, tuple(ids)))
    for code, ids in by_country.items():
        if len(ids) == 1:
            table.setdefault(normalise(code), (dataset.venues[ids[0]].name, tuple(ids)))
    return table


def venue_groups(dataset: Dataset) -> list[str]:
    """The group names a user may type (e.g. 'gulf'), sorted."""
    return sorted({g for v in dataset.venues.values() for g in v.groups})


def resolve_venues(
    dataset: Dataset,
    name: str,
    table: dict[str, tuple[str, tuple[str, ...]]] | None = None,
    *,
    suggest: bool = True,
) -> tuple[str, ...]:
    """The venue ids a typed name means (several for a group such as 'gulf'). `table` is
    `venue_names(dataset)` when the caller resolves many names (built once, not per name);
    `suggest=False` leaves the close names out of the error (a caller's budget is spent)."""
    if table is None:
        table = venue_names(dataset)
    key = normalise(name)
    if key in table:
        return table[key][1]
    known = [v.name for v in dataset.venues.values()] + venue_groups(dataset)
    near = closest(name, {k: c for k, (c, _ids) in table.items()}) if suggest else []
    raise UnknownNameError("venue", name, near, known=known)


#: The last dataset's party names (`party_names`): a scenario or a command line resolves
#: party after party in one dataset, and building the table for each cost parties × names.
_PARTY_NAMES: list[tuple[Dataset, dict[str, str]]] = []


def party_names(dataset: Dataset) -> dict[str, str]:
    """Every name a user may type for a party (id, name, alias; normalised) -> party id. A
    name two parties share (`validate` warns) means the one whose id it is, else whose
    name it is, else whose alias; of equals, the first id in sort order. Built once per
    dataset (the last one is kept, alive, so the identity test is sound); do not change
    the returned table."""
    if _PARTY_NAMES and _PARTY_NAMES[0][0] is dataset:
        return _PARTY_NAMES[0][1]
    table: dict[str, str] = {}
    ordered = sorted(dataset.parties.values(), key=lambda p: p.id)  # never the file's order
    for names_of in (lambda p: (p.id,), lambda p: (p.name,), lambda p: p.aliases):
        for p in ordered:
            for n in names_of(p):
                table.setdefault(normalise(n), p.id)
    _PARTY_NAMES[:] = [(dataset, table)]
    return table


def resolve_party(dataset: Dataset, name: str, *, suggest: bool = True) -> str:
    """The party id a typed name means (id, name or alias); `suggest` as for
    `resolve_venues`."""
    table = party_names(dataset)
    key = normalise(name)
    if key in table:
        return table[key]
    canonical = {k: dataset.parties[pid].name for k, pid in table.items()}
    known = [p.name for p in dataset.parties.values()]
    near = closest(name, canonical) if suggest else []
    raise UnknownNameError("party", name, near, known=known)
