"""Random but valid datasets (schema_version 2) for property tests: a seed gives a case."""

from __future__ import annotations

import random

STANCES = ("proposes", "accepts", "open", "reluctant", "rejects")
COUNTRIES = ("XA", "XB", "XC", "XD", "XE", "XF", "XG", "XH")


def random_case(seed: int, *, venues: int | None = None, mediator: bool | None = None) -> str:
    rng = random.Random(seed)
    n_v = venues or rng.randint(2, 7)
    with_mediator = rng.random() < 0.5 if mediator is None else mediator
    parties = ["a", "b"] + (["m"] if with_mediator else []) + ["h"]
    lines = [
        "schema_version: 2",
        "case:",
        "  id: random",
        "  title: Random case",
        "  summary: Generated.",
        "  meeting: leaders",
        "  meeting_kinds:",
        "    leaders: the meeting",
        "    talks: {description: talks, relatedness: 0.6, level: delegations}",
        "    other: another meeting",
        "  principals: [a, b]",
        "  groups: {west: some venues}",
        "sources:",
        "  - {id: s1, outlet: Wire, date: 2020-01-01}",
        "  - {id: s2, outlet: Mirror, date: 2020-01-01, reliability: weak}",
        "parties:",
        '  - {id: a, name: Aland, role: principal, country: "AA", joint_weight: 1, '
        "joint_weight_rationale: p}",
        '  - {id: b, name: Bland, role: principal, country: "BB", joint_weight: '
        f"{rng.choice([1, 1, 2])}, joint_weight_rationale: p}}",
    ]
    if with_mediator:
        lines.append(
            '  - {id: m, name: Mland, role: mediator, country: "XA", joint_weight: 0.5, '
            "joint_weight_rationale: m}"
        )
    lines.append(
        '  - {id: h, name: Hosts, role: stakeholder, country: "XB", joint_weight: 0, '
        "joint_weight_rationale: h}"
    )
    lines.append("venues:")
    ids = [f"v{i}" for i in range(n_v)]
    for i, v in enumerate(ids):
        country = rng.choice((*COUNTRIES, "AA", "BB"))
        groups = ", groups: [west]" if rng.random() < 0.5 else ""
        host = ", host: h" if rng.random() < 0.5 else ""
        name = f"Venue {rng.choice('ABCD')}" if rng.random() < 0.3 else f"Venue {i}"
        name = name if name not in {f"Venue {j}" for j in range(i)} else f"Venue {i}b"
        lines.append(
            f'  - {{id: {v}, name: "{name} {v}", city: C{i}, country: "{country}", '
            f"country_name: Land {country}{groups}{host}}}"
        )
    lines.append("statements:")
    for k in range(rng.randint(0, 4 * n_v)):
        party = rng.choice(parties)
        day = f"2020-0{rng.randint(1, 3)}-{rng.randint(10, 28)}"
        scope = rng.random()
        if scope < 0.6:
            where = f"venues: [{', '.join(rng.sample(ids, rng.randint(1, min(2, n_v))))}]"
        elif scope < 0.8:
            where = "covers: all" + (f", except: [{rng.choice(ids)}]" if rng.random() < 0.5 else "")
        elif scope < 0.9:
            where = "covers: west"
        else:
            where = f"venues: [{rng.choice(ids)}], others: {rng.choice(STANCES)}"
        lines.append(
            f"  - {{id: st{k}, date: {day}, party: {party}, speaker: S, {where}, "
            f"stance: {rng.choice(STANCES)}, meeting: {rng.choice(['leaders', 'talks', 'other'])}, "
            f"quote: q, attribution: {rng.choice(['first_hand', 'reported', 'paraphrase'])}, "
            f"confidence: {rng.choice(['high', 'medium', 'low'])}, sources: "
            f"[{rng.choice(['s1', 's2'])}]}}"
        )
    lines.append("events:")
    for k in range(rng.randint(0, n_v)):
        v = rng.choice(ids)
        kind = rng.choice(["talks", "talks", "summit", "cancelled"])
        lines.append(
            f"  - {{id: e{k}, date: 2019-{rng.randint(1, 12):02d}-15, venue: {v}, country: "
            f'"XA", place: P, kind: {kind}, meeting: {rng.choice(["talks", "leaders"])}, '
            f"parties: [{', '.join(rng.sample(['a', 'b'], rng.randint(1, 2)))}], "
            "summary: s, sources: [s1], confidence: high}"
        )
    lines.append("facts:")
    for k, c in enumerate(COUNTRIES):
        if rng.random() < 0.3:
            lines.append(
                f'  - {{id: al{k}, kind: alignment, country: "{c}", '
                f"party: {rng.choice(['a', 'b'])}, "
                "relation: ally, date: 2019-01-01, summary: s, confidence: high, sources: [s1]}"
            )
        if rng.random() < 0.2:
            lines.append(
                f'  - {{id: ne{k}, kind: neutrality_status, country: "{c}", status: permanent, '
                "date: 2019-01-01, summary: s, confidence: high, sources: [s1]}"
            )
    if rng.random() < 0.5:
        lines.append(
            "  - {id: w, kind: arrest_warrant, party: a, issuer: ICC, date: 2019-01-01, "
            "summary: s, confidence: high, sources: [s1]}"
        )
        lines.append(
            '  - {id: icc, kind: icc_member, country: "XC", date: 2002-07-01, summary: s, '
            "confidence: high, sources: [s1]}"
        )
    lines.append("assessments:")
    for k in range(rng.randint(0, 2)):
        lines.append(
            f"  - {{id: as{k}, criterion: security, venue: {rng.choice(ids)}, value: "
            f"{rng.choice([0.1, 0.5, 0.9])}, date: 2020-01-0{5 + k}, rationale: r, "
            "confidence: high}"
        )
    return "\n".join(lines) + "\n"
