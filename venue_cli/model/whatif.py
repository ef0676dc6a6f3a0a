"""What-if analysis: weight overrides, assumed stances and scenarios, layered on a dataset.

Nothing is edited in place: `apply_whatif` returns a new Dataset (with the assumed records
marked `assumed=True`), the weights to score with, and one human-readable label per active
assumption, which every output shows.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from typing import NamedTuple

from venue_cli.errors import ExitCode, InvalidArgumentError, UnknownNameError
from venue_cli.model.criteria import REGISTRY
from venue_cli.model.index import DayIndex
from venue_cli.model.ranking import Weights
from venue_cli.records import (
    Attribution,
    Confidence,
    Dataset,
    Source,
    Stance,
    Statement,
)
from venue_cli.regex import lazy

_STANCES = [s.value for s in Stance]
MAX_WEIGHT = 1000.0


class WhatIf(NamedTuple):
    """A dataset with what-if layers applied, the weights to score with, and the labels."""

    dataset: Dataset
    weights: Weights
    labels: tuple[str, ...]


#: A number as a person types it: ASCII digits, a point, an exponent (or inf or nan, which
#: are then refused by name). Python's float() also takes '1_0' (10) and other scripts'
#: digits, which on a command line are more likely a typo than a number.
_DECIMAL = lazy(
    r"\s*[-+]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|inf|infinity|nan)\s*",
    re.IGNORECASE,
)


def decimal(text: str) -> float | None:
    """`text` as a float if it is written as a plain decimal number, else None."""
    return float(text) if _DECIMAL.fullmatch(text) else None


def parse_number(text: str, what: str) -> float:
    value = decimal(text)
    if value is None:
        raise InvalidArgumentError(f"{what}: '{text}' is not a number")
    if not math.isfinite(value):
        raise InvalidArgumentError(f"{what}: {text} is not a finite number")
    if value < 0:
        raise InvalidArgumentError(f"{what}: a weight cannot be negative ({text})")
    if value > MAX_WEIGHT:
        raise InvalidArgumentError(f"{what}: {text} is too large (at most {MAX_WEIGHT:g})")
    return value


def criterion_id(name: str) -> str:
    key = name.strip().lower().replace("-", "_")
    if key in REGISTRY:
        return key
    from venue_cli.names import suggest

    raise UnknownNameError(
        "criterion",
        name,
        suggest(key, REGISTRY.ids()),
        known=list(REGISTRY.ids()),
        exit_code=ExitCode.USAGE,
    )


def weight_tables(ds: Dataset) -> tuple[Weights, dict[str, dict[str, float]], dict[str, float]]:
    """The dataset's weights, and copies of its criteria and joint tables for `apply_weight`
    to change in place."""
    base = Weights.from_dataset(ds)
    return base, {p: dict(w) for p, w in base.criteria.items()}, dict(base.joint)


def apply_weight(
    ds: Dataset, spec: str, crit: dict[str, dict[str, float]], joint: dict[str, float]
) -> str:
    """Apply one `--weight` spec in place on the weight tables; return its label."""
    from venue_cli.names import resolve_party

    target, eq, raw = spec.partition("=")
    target = target.strip()
    if not eq or not target or not raw.strip():
        raise InvalidArgumentError(
            f"--weight '{spec}': expected CRITERION=VALUE, PARTY.CRITERION=VALUE or PARTY=VALUE"
        )
    value = parse_number(raw.strip(), f"--weight {target}")
    if "." in target:
        party_name, _, crit_name = target.partition(".")
        party = resolve_party(ds, party_name)
        c = criterion_id(crit_name)
        crit[party][c] = value
        return f"weight {party}.{c} = {value:g}"
    if target.lower().replace("-", "_") in REGISTRY:
        c = criterion_id(target)
        for party in crit:
            if joint.get(party, 0) > 0 or crit[party]:
                crit[party][c] = value
        return f"weight {c} = {value:g} for every party"
    try:
        party = resolve_party(ds, target)
    except UnknownNameError:
        from venue_cli.names import suggest

        raise UnknownNameError(
            "criterion or party",
            target,
            suggest(target, [*REGISTRY.ids(), *ds.parties]),
            exit_code=ExitCode.USAGE,
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
    idx = next((i for i, w in enumerate(words) if w.lower() in _STANCES), None)
    if idx is None or idx == 0 or idx == len(words) - 1:
        bad = words[1] if len(words) > 1 else spec
        raise UnknownNameError(
            "stance", bad, suggest(bad.lower(), _STANCES), known=_STANCES, exit_code=ExitCode.USAGE
        )
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


def _latest_assumptions(assumed: list[Statement]) -> tuple[Statement, ...]:
    """The assumed statements, in order, each keeping only the venues that no later one
    names for the same party: a later assumption replaces an earlier one there (a scenario's
    "russia accepts *" then "russia rejects minsk" means every venue but Minsk is accepted;
    a command-line assumption comes after every scenario's). One that keeps no venue is
    dropped."""
    claimed: set[tuple[str, str]] = set()
    kept: list[Statement] = []
    for st in reversed(assumed):
        own = tuple(v for v in st.venues if (st.party, v) not in claimed)
        claimed.update((st.party, v) for v in st.venues)
        if own:
            kept.append(st if own == st.venues else st._replace(venues=own))
    return tuple(reversed(kept))


def apply_whatif(
    ds: Dataset,
    as_of: dt.date,
    *,
    weights: list[str] | tuple[str, ...] = (),
    assumptions: list[str] | tuple[str, ...] = (),
    scenarios: list[str] | tuple[str, ...] = (),
) -> WhatIf:
    """Layer scenarios, then assumptions, then weight overrides on top of `ds`."""
    from venue_cli.format.scenario import read_scenario

    base, crit, joint = weight_tables(ds)
    labels: list[str] = []
    statements = list(ds.statements)
    facts = list(ds.facts)
    sources = dict(ds.sources)
    counter = 0

    for name in scenarios:
        sc = read_scenario(ds, name, as_of)
        sid = f"scenario-{sc.id}"
        sources[sid] = Source(id=sid, outlet=f"scenario: {sc.title}", date=None)
        labels.append(f"scenario {sc.id}: {sc.title}")
        facts += sc.facts
        for spec in sc.weights:
            apply_weight(ds, spec, crit, joint)
        for a in sc.assume:
            targets = a.venues
            if a.at_least:
                ix = DayIndex.build(ds._replace(statements=tuple(statements)), as_of)
                wanted = ix.params.stance_scores[a.stance]
                targets = tuple(v for v in a.venues if ix.stance(a.party, v).score < wanted)
            if targets:
                counter += 1
                statements.append(
                    _assumed_statement(
                        ds, counter, a.party, a.stance, targets, as_of, sc.title, sid
                    )
                )

    if assumptions:
        sources["assumption"] = Source(id="assumption", outlet="command-line assumption", date=None)
    said: dict[tuple[str, str], tuple[Stance, str]] = {}
    for spec in assumptions:
        party, stance, venues = parse_assumption(ds, spec)
        for venue in venues:  # two stances for one party and venue: which holds is unclear
            before = said.setdefault((party, venue), (stance, spec))
            if before[0] is not stance:
                raise InvalidArgumentError(
                    f"--assume '{before[1]}' and '{spec}' give {ds.parties[party].name} two "
                    f"stances on {ds.venues[venue].name}; keep one"
                )
        counter += 1
        label = f"{party} {stance.value} {', '.join(venues)}"
        statements.append(
            _assumed_statement(ds, counter, party, stance, venues, as_of, label, "assumption")
        )
        labels.append(label)

    for spec in weights:
        labels.append(apply_weight(ds, spec, crit, joint))

    if not labels:
        return WhatIf(ds, base, ())
    final = ds.statements + _latest_assumptions(statements[len(ds.statements) :])
    new = ds._replace(statements=final, facts=tuple(facts), sources=sources)
    return WhatIf(new, Weights(criteria=crit, joint=joint), tuple(labels))
