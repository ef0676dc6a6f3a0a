"""The what-if scenario format, read with the dataset format's own machinery.

```yaml
schema_version: 1
scenario: {id, title, description}
assume:    # stances to assume, as of the date scored
  - {party, stance, venues: [names] or "*", except_unfriendly: bool, at_least: bool}
facts:     # dataset-format facts; date, confidence and sources default; country "*" = every
  - {...}  # venue's country
weights:   # like --weight: CRITERION, PARTY.CRITERION or PARTY -> number
  security: 0.5
```

`read_scenario` checks a file against a dataset and returns a typed `Scenario`, or raises
`DatasetError` listing every problem as FILE:LINE:COL.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, NamedTuple

from venue_cli.errors import DatasetError, Problem, UnknownNameError
from venue_cli.format.fields import Bool, Choice, ListOf, MapOf, Number, OneOf, Text, show
from venue_cli.format.spec import FACT_KINDS, STANCES, F, RecordSpec, fact_fields
from venue_cli.format.validate import Validator, check_record, mark_of
from venue_cli.records import Dataset, Fact, Stance

SCENARIO_VERSION = 1
LINE = Text()

META = RecordSpec(
    "scenario",
    (
        F("id", LINE, description="a short name"),
        F("title", LINE, description="one line: what it assumes"),
        F("description", Text(line=False), False, "a paragraph"),
    ),
)
ASSUMPTION = RecordSpec(
    "assumption",
    (
        F("party", LINE, description="a party: id, name or alias"),
        F("stance", Choice(STANCES)),
        F(
            "venues",
            OneOf((Choice(("*",)), ListOf(LINE)), 'a list of venue names, or "*" for all'),
            False,
            'venue names or groups, or "*" (the default) for every venue',
        ),
        F("except_unfriendly", Bool(), False, "leave out venues on the party's 'unfriendly' list"),
        F("at_least", Bool(), False, "only raise stances that are lower"),
    ),
)
TOP = {"schema_version", "scenario", "assume", "facts", "weights"}


class Assumption(NamedTuple):
    party: str
    stance: Stance
    venues: tuple[str, ...]
    at_least: bool


class Scenario(NamedTuple):
    id: str
    title: str
    description: str
    assume: tuple[Assumption, ...]
    facts: tuple[Fact, ...]
    weights: tuple[str, ...]  # as `--weight` specs: "TARGET=VALUE"
    path: str


def bundled_scenarios() -> dict[str, Path]:
    from venue_cli.load import data_dir

    return {p.stem: p for p in sorted((data_dir() / "scenarios").glob("*.yaml"))}


def scenario_path(name: str) -> Path:
    """A bundled scenario by name, else a file (an unknown name lists the bundled ones)."""
    bundled = bundled_scenarios()
    if name in bundled:
        return bundled[name]
    if Path(name).suffix in (".yaml", ".yml") or Path(name).exists() or name == "-":
        return Path(name)
    from venue_cli.names import suggest

    raise UnknownNameError("scenario", name, suggest(name, bundled), known=list(bundled))


def _with_marks(values: dict[str, Any], like: Any, mark: Any) -> Any:
    """`values` as a mapping that reports problems at the marks of `like` (the file's)."""
    from venue_cli.format.yamlsafe import YMap

    out = YMap(getattr(like, "mark", mark) or (1, 1))
    out.update(values)
    if isinstance(like, YMap):
        out.key_marks.update(like.key_marks)
        out.value_marks.update(like.value_marks)
    return out


def _checked_weights(ds: Dataset, node: Any, got: dict[str, float], v: Validator) -> list[str]:
    """The `weights:` entries as `--weight` specs, each tried in order on the dataset's
    weights as `apply_weight` will apply it (one rule, one place): a target that names no
    criterion or party, or weights that leave no party a joint weight, is a problem at its
    key, not a usage error without a location."""
    from venue_cli.errors import VenueError
    from venue_cli.model.whatif import apply_weight, weight_tables

    _base, crit, joint = weight_tables(ds)
    specs = []
    for key, value in got.items():
        spec = f"{key}={value!r}"  # repr: the number exactly as read, not rounded
        try:
            apply_weight(ds, spec, crit, joint)
        except VenueError as exc:
            hint = getattr(exc, "hint", None)
            message = re.sub(r"^--weight(?: [^:]*)?: ", "", str(exc))
            v.add(
                mark_of(node, key, value=False),
                f"weights.{key}: {message}" + (f" ({hint})" if hint else ""),
            )
        else:
            specs.append(spec)
    return specs


def read_scenario(ds: Dataset, name: str, as_of: dt.date) -> Scenario:
    """Read and check a scenario (bundled name or file) against `ds`."""
    from venue_cli.format.build import build_fact
    from venue_cli.format.yamlsafe import YamlProblem, loads
    from venue_cli.limits import MAX_ASSUMED_STANCES, MAX_SCENARIO_FACTS
    from venue_cli.load import read_text
    from venue_cli.names import resolve_party, resolve_venues, venue_names

    path = scenario_path(name)
    text, shown = read_text(path)
    try:
        raw = loads(text)
    except YamlProblem as exc:
        raise DatasetError([Problem(shown, exc.line, exc.column, exc.message)]) from None
    v = Validator(shown)
    if not isinstance(raw, dict):
        v.add((1, 1), "a scenario file is a mapping with a 'scenario' key")
        raise DatasetError(v.problems)
    for key in raw:
        if key not in TOP:
            v.add(
                mark_of(raw, key, value=False),
                f"unknown top-level key '{key}'{v.suggest(key, sorted(TOP))}",
            )
    if raw.get("schema_version") != SCENARIO_VERSION or isinstance(raw.get("schema_version"), bool):
        v.add(
            mark_of(raw, "schema_version") if "schema_version" in raw else (1, 1),
            f"a scenario needs 'schema_version: {SCENARIO_VERSION}'",
        )
    meta = (
        check_record(raw.get("scenario"), META.fields, "scenario", mark_of(raw, "scenario"), v)
        if "scenario" in raw
        else None
    )
    if "scenario" not in raw:
        v.add((1, 1), "missing 'scenario: {id, title, description}'")

    def resolve(mark: Any, fn: Any, *args: Any) -> Any:
        try:
            # close names are looked for while the file's budget of suggestions lasts
            return fn(ds, *args, suggest=v.suggestions_left > 0)
        except UnknownNameError as exc:
            v.suggestions_left -= 1
            v.add(mark, str(exc))
            return None

    assume: list[Assumption] = []
    raw_assume = raw.get("assume") or []
    if not isinstance(raw_assume, list):
        v.add(mark_of(raw, "assume"), "assume: expected a list of assumptions")
        raw_assume = []
    names_table: dict[str, tuple[str, tuple[str, ...]]] | None = None
    assumed = 0
    for i, item in enumerate(raw_assume):
        where = f"assume[{i}]"
        rec = check_record(item, ASSUMPTION.fields, where, mark_of(raw_assume, i), v)
        if rec is None:
            continue
        party = resolve(mark_of(item, "party"), resolve_party, rec["party"])
        names = rec.get("venues", "*")
        venues: tuple[str, ...] = ()
        if names == "*":
            venues = tuple(ds.venues)
        else:
            if names_table is None:
                names_table = venue_names(ds)
            chosen: dict[str, None] = {}  # in order, each once: linear in the names
            for j, n in enumerate(names):
                got = resolve(mark_of(item.get("venues"), j), resolve_venues, n, names_table)
                chosen.update(dict.fromkeys(got or ()))
            venues = tuple(chosen)
        if party is None:
            continue
        if rec.get("except_unfriendly"):
            listed = {
                c
                for f in ds.facts
                if f.kind.value == "unfriendly_list" and f.party == party and f.applies_on(as_of)
                for c in f.countries
            }
            venues = tuple(x for x in venues if not (ds.venues[x].places & listed))
        assumed += len(venues)
        if assumed > MAX_ASSUMED_STANCES:
            v.add(
                mark_of(raw_assume, i),
                f"{where}: the scenario assumes {assumed:,} stances (party × venue) by here; "
                f"the limit is {MAX_ASSUMED_STANCES:,}: assume fewer, or on fewer venues",
            )
            break
        assume.append(Assumption(party, Stance(rec["stance"]), venues, bool(rec.get("at_least"))))

    facts: list[Fact] = []
    raw_facts = raw.get("facts") or []
    if not isinstance(raw_facts, list):
        v.add(mark_of(raw, "facts"), "facts: expected a list of facts")
        raw_facts = []
    countries = sorted({venue.country for venue in ds.venues.values()})
    sid = meta["id"] if meta else "scenario"
    expanded = 0
    for i, item in enumerate(raw_facts):
        where = f"facts[{i}]"
        mark = mark_of(raw_facts, i)
        if not isinstance(item, dict):
            v.add(mark, f"{where}: expected a mapping (a dataset-format fact)")
            continue
        kind = item.get("kind")
        if not isinstance(kind, str) or kind not in FACT_KINDS:  # a mapping is unhashable
            v.add(
                mark_of(item, "kind"),
                f"{where}.kind: expected one of {', '.join(FACT_KINDS)}, got {show(kind)}"
                + (v.suggest(kind, FACT_KINDS) if isinstance(kind, str) else ""),
            )
            continue
        filled = dict(item)
        filled.setdefault("date", as_of.isoformat())
        filled.setdefault("confidence", "high")
        filled.setdefault("sources", [f"scenario-{sid}"])
        targets = countries if filled.get("country") == "*" else [None]
        expanded += len(targets)
        if expanded > MAX_SCENARIO_FACTS:
            v.add(
                mark,
                f"{where}: the scenario's facts come to {expanded:,} (a 'country: \"*\"' fact "
                f"is one per country) by here; the limit is {MAX_SCENARIO_FACTS:,}",
            )
            break
        for code in targets:
            one = dict(filled) if code is None else {**filled, "country": code}
            if code is not None:
                one["id"] = f"{filled.get('id', 'fact')}-{code.lower()}"
            check_as = _with_marks(one, item, mark)
            values = check_record(check_as, fact_fields(str(kind), 1), where, mark, v)
            if values is None:
                continue
            for ref_key in ("party", "against", "venue"):
                ref = values.get(ref_key)
                known = ds.venues if ref_key == "venue" else ds.parties
                if ref is not None and ref not in known:
                    v.add(
                        mark_of(item, ref_key),
                        f"{where}.{ref_key}: unknown {'venue' if ref_key == 'venue' else 'party'} "
                        f"'{ref}'{v.suggest(ref, list(known))}",
                    )
                    values = None
                    break
            if values is not None:
                for ref in values.get("parties", ()):
                    if ref not in ds.parties:
                        v.add(mark_of(item, "parties"), f"{where}.parties: unknown party '{ref}'")
                        values = None
                        break
            if values is not None:
                facts.append(build_fact(values, mark[0] if mark else 0, assumed=True))

    weights: list[str] = []
    if "weights" in raw:
        got = MapOf(Number(0.0, 1000.0), keys=LINE, key_doc="target").check(
            raw["weights"], "weights", mark_of(raw, "weights"), v
        )
        if isinstance(got, dict):
            weights = _checked_weights(ds, raw["weights"], got, v)
    if v.problems:
        raise DatasetError(v.problems)
    assert meta is not None
    return Scenario(
        meta["id"],
        meta["title"],
        meta.get("description", ""),
        tuple(assume),
        tuple(facts),
        tuple(weights),
        shown,
    )
