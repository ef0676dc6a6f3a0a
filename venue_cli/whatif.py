"""What-if analysis: weight overrides, assumed stances and scenarios, layered on a dataset.

Nothing is edited in place: `apply_whatif` returns a new Dataset (with the assumed records
marked `assumed=True`), the weights to score with, and one human-readable label per active
assumption, which every output shows.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

from venue_cli.errors import DatasetError, InvalidArgumentError, Problem, UnknownNameError
from venue_cli.model import (
    Attribution,
    Confidence,
    Criterion,
    Dataset,
    Fact,
    Source,
    Stance,
    Statement,
)
from venue_cli.scoring import Context, Weights

_CRITERIA = [c.value for c in Criterion]
_STANCES = [s.value for s in Stance]


def scenario_dir() -> Path:
    from venue_cli.load import data_dir

    return data_dir() / "scenarios"


def bundled_scenarios() -> dict[str, Path]:
    return {p.stem: p for p in sorted(scenario_dir().glob("*.yaml"))}


def parse_number(text: str, what: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise InvalidArgumentError(f"{what}: '{text}' is not a number") from None
    if not math.isfinite(value):
        raise InvalidArgumentError(f"{what}: {text} is not a finite number")
    if value < 0:
        raise InvalidArgumentError(f"{what}: a weight cannot be negative ({text})")
    if value > 1000:
        raise InvalidArgumentError(f"{what}: {text} is too large (at most 1000)")
    return value


def _criterion(name: str) -> Criterion:
    key = name.strip().lower().replace("-", "_")
    if key in _CRITERIA:
        return Criterion(key)
    from venue_cli.names import suggest

    raise UnknownNameError("criterion", name, suggest(key, _CRITERIA))


def apply_weight(
    ds: Dataset, spec: str, crit: dict[str, dict[Criterion, float]], joint: dict[str, float]
) -> str:
    """Apply one `--weight` spec in place on the weight tables; return its label."""
    from venue_cli.names import resolve_party

    if "=" not in spec:
        raise InvalidArgumentError(
            f"--weight '{spec}': expected CRITERION=VALUE, PARTY.CRITERION=VALUE or PARTY=VALUE"
        )
    target, _, raw = spec.partition("=")
    target = target.strip()
    value = parse_number(raw.strip(), f"--weight {target}")
    if "." in target:
        party_name, _, crit_name = target.partition(".")
        party = resolve_party(ds, party_name)
        crit[party][_criterion(crit_name)] = value
        return f"weight {party}.{_criterion(crit_name).value} = {value:g}"
    if target.lower().replace("-", "_") in _CRITERIA:
        c = _criterion(target)
        for party in crit:
            if joint.get(party, 0) > 0 or crit[party]:
                crit[party][c] = value
        return f"weight {c.value} = {value:g} for every party"
    try:
        party = resolve_party(ds, target)
    except UnknownNameError:
        from venue_cli.names import suggest

        raise UnknownNameError(
            "criterion or party", target, suggest(target, _CRITERIA + list(ds.parties))
        ) from None
    joint[party] = value
    if sum(joint.values()) <= 0:
        raise InvalidArgumentError("--weight: at least one party needs a joint weight above 0")
    return f"joint weight {party} = {value:g}"


def parse_assumption(ds: Dataset, spec: str) -> tuple[str, Stance, tuple[str, ...]]:
    """'PARTY STANCE VENUE' -> (party id, stance, venue ids). The venue may be several words."""
    from venue_cli.names import resolve_party, resolve_venues, suggest

    words = spec.split()
    if len(words) < 3:
        raise InvalidArgumentError(
            f'--assume \'{spec}\': expected "PARTY STANCE VENUE", e.g. "russia accepts geneva"'
        )
    # the party may be several words too: find the stance word
    idx = next((i for i, w in enumerate(words) if w.lower() in _STANCES), None)
    if idx is None or idx == 0 or idx == len(words) - 1:
        bad = words[1] if len(words) > 1 else spec
        raise UnknownNameError("stance", bad, suggest(bad.lower(), _STANCES))
    party = resolve_party(ds, " ".join(words[:idx]))
    stance = Stance(words[idx].lower())
    venues = resolve_venues(ds, " ".join(words[idx + 1 :]))
    return party, stance, venues


def _assumed_statement(
    ds: Dataset,
    n: int,
    party: str,
    stance: Stance,
    venues: tuple[str, ...],
    day: dt.date,
    label: str,
    source: str,
) -> Statement:
    return Statement(
        id=f"assumption-{n}",
        date=day,
        party=party,
        speaker="(assumption)",
        venues=venues,
        stance=stance,
        meeting=ds.case.meeting,
        quote=f"assumed: {label}",
        attribution=Attribution.FIRST_HAND,
        confidence=Confidence.HIGH,
        sources=(source,),
        assumed=True,
    )


def apply_whatif(
    ds: Dataset,
    as_of: dt.date,
    *,
    weights: list[str] | tuple[str, ...] = (),
    assumptions: list[str] | tuple[str, ...] = (),
    scenarios: list[str] | tuple[str, ...] = (),
) -> tuple[Dataset, Weights, tuple[str, ...]]:
    """Layer scenarios, then assumptions, then weight overrides on top of `ds`."""
    base = Weights.from_dataset(ds)
    crit = {p: dict(w) for p, w in base.criteria.items()}
    joint = dict(base.joint)
    labels: list[str] = []
    statements = list(ds.statements)
    facts = list(ds.facts)
    sources = dict(ds.sources)
    counter = 0

    for name in scenarios:
        sc = load_scenario(ds, name, as_of)
        sid = f"scenario-{sc['id']}"
        sources[sid] = Source(id=sid, outlet=f"scenario: {sc['title']}", date=None)
        labels.append(f"scenario {sc['id']}: {sc['title']}")
        facts += sc["facts"]
        for spec in sc["weights"]:
            apply_weight(ds, spec, crit, joint)
        for party, stance, venues, at_least in sc["assume"]:
            current = ds._replace(statements=tuple(statements))
            ctx = Context.build(current, as_of)
            targets = tuple(
                v
                for v in venues
                if not at_least or ctx.stance(party, v).score < ctx.params.stance_scores[stance]
            )
            if targets:
                counter += 1
                statements.append(
                    _assumed_statement(ds, counter, party, stance, targets, as_of, sc["title"], sid)
                )

    if assumptions:
        sources["assumption"] = Source(id="assumption", outlet="command-line assumption", date=None)
    for spec in assumptions:
        party, stance, venues = parse_assumption(ds, spec)
        counter += 1
        label = f"{party} {stance.value} {', '.join(venues)}"
        statements.append(
            _assumed_statement(ds, counter, party, stance, venues, as_of, label, "assumption")
        )
        labels.append(label)

    for spec in weights:
        labels.append(apply_weight(ds, spec, crit, joint))

    if not labels:
        return ds, base, ()
    new = ds._replace(statements=tuple(statements), facts=tuple(facts), sources=sources)
    return new, Weights(criteria=crit, joint=joint), tuple(labels)


# --------------------------------------------------------------------------- scenario files


_SCENARIO_KEYS = {"schema_version", "scenario", "assume", "facts", "weights"}


def load_scenario(ds: Dataset, name: str, as_of: dt.date) -> dict[str, Any]:
    """Read a bundled scenario by name, or a scenario file; validate it against `ds`."""
    from venue_cli.load import read_text
    from venue_cli.names import resolve_party, resolve_venues, suggest
    from venue_cli.validate import Validator, build_fact
    from venue_cli.yamlsafe import YamlProblem, YList, loads

    bundled = bundled_scenarios()
    if name in bundled:
        path = bundled[name]
    elif Path(name).suffix in (".yaml", ".yml") or Path(name).exists():
        path = Path(name)
    else:
        raise UnknownNameError("scenario", name, suggest(name, bundled))
    shown = str(path)
    text, shown = read_text(path)
    try:
        raw = loads(text)
    except YamlProblem as exc:
        raise DatasetError([Problem(shown, exc.line, exc.column, exc.message)]) from None

    def fail(message: str, mark: tuple[int, int] | None = None) -> DatasetError:
        line, col = mark if mark else (None, None)
        return DatasetError([Problem(shown, line, col, message)])

    if not isinstance(raw, dict):
        raise fail("a scenario file must be a mapping with a 'scenario' key")
    for key in raw:
        if key not in _SCENARIO_KEYS:
            raise fail(
                f"unknown key '{key}' (allowed: {', '.join(sorted(_SCENARIO_KEYS))})",
                getattr(raw, "key_marks", {}).get(key),
            )
    if raw.get("schema_version") != 1:
        raise fail("missing 'schema_version: 1'")
    meta = raw.get("scenario")
    if not isinstance(meta, dict) or not all(isinstance(meta.get(k), str) for k in ("id", "title")):
        raise fail("'scenario' needs an 'id' and a 'title' (and a 'description')")

    v = Validator(shown)
    fact_records: list[Fact] = []
    raw_facts = raw.get("facts") or []
    if not isinstance(raw_facts, list):
        raise fail("'facts' must be a list")
    # the facts to validate, each with the location of the record it came from
    expanded = YList(getattr(raw_facts, "mark", (1, 1)))
    countries = sorted({venue.country for venue in ds.venues.values()})
    for i, item in enumerate(raw_facts):
        where = raw_facts.item_marks[i] if isinstance(raw_facts, YList) else (1, 1)
        if not isinstance(item, dict):
            raise fail("each fact must be a mapping")
        item.setdefault("date", as_of.isoformat())
        item.setdefault("confidence", "high")
        item.setdefault("sources", [f"scenario-{meta['id']}"])
        if item.get("country") == "*":
            for code in countries:
                copy = type(item)(item.mark) if hasattr(item, "mark") else {}
                copy.update(item)
                copy["country"] = code
                copy["id"] = f"{item.get('id', 'fact')}-{code.lower()}"
                expanded.append(copy)
                expanded.item_marks.append(where)
        else:
            expanded.append(item)
            expanded.item_marks.append(where)
    for rec in v._records(expanded, "facts", "fact"):
        fact_records.append(build_fact(rec.values, rec.line, assumed=True))
    if v.problems:
        raise DatasetError(v.problems)
    for fact in fact_records:
        for ref in (fact.party, fact.against, *fact.parties):
            if ref and ref not in ds.parties:
                raise fail(f"facts ({fact.id}): unknown party '{ref}'", (fact.line, 1))
        if fact.venue and fact.venue not in ds.venues:
            raise fail(f"facts ({fact.id}): unknown venue '{fact.venue}'", (fact.line, 1))

    assume: list[tuple[str, Stance, tuple[str, ...], bool]] = []
    raw_assume = raw.get("assume") or []
    if not isinstance(raw_assume, list):
        raise fail("'assume' must be a list")
    for item in raw_assume:
        mark = getattr(item, "mark", None)
        if not isinstance(item, dict) or set(item) - {
            "party",
            "stance",
            "venues",
            "except_unfriendly",
            "at_least",
        }:
            raise fail(
                "each assumption is {party, stance, venues, except_unfriendly?, at_least?}", mark
            )
        party = resolve_party(ds, str(item.get("party")))
        stance_name = str(item.get("stance"))
        if stance_name not in _STANCES:
            raise fail(f"unknown stance '{stance_name}' (one of {', '.join(_STANCES)})", mark)
        names = item.get("venues", "*")
        if names == "*":
            venues = tuple(ds.venues)
        elif isinstance(names, list):
            venues = tuple(x for n in names for x in resolve_venues(ds, str(n)))
        else:
            raise fail("'venues' is a list of venues or \"*\" for all", mark)
        if item.get("except_unfriendly"):
            listed = {
                c
                for f in ds.facts
                if f.kind.value == "unfriendly_list" and f.party == party and f.applies_on(as_of)
                for c in f.countries
            }
            venues = tuple(x for x in venues if not (ds.venues[x].places & listed))
        assume.append((party, Stance(stance_name), venues, bool(item.get("at_least"))))

    raw_weights = raw.get("weights") or {}
    if not isinstance(raw_weights, dict):
        raise fail("'weights' must be a mapping of CRITERION or PARTY.CRITERION to a number")
    weights = [f"{k}={w}" for k, w in raw_weights.items()]
    return {
        "id": meta["id"],
        "title": meta["title"],
        "description": meta.get("description", ""),
        "facts": fact_records,
        "assume": assume,
        "weights": weights,
    }
