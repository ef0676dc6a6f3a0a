"""Generate a valid synthetic `venues` dataset with N venues and P scored parties.

The output is deterministic for a given (venues, parties, seed): the same arguments always
give the same bytes. It is written compactly (one flow-style mapping per record, short ids)
so that 10,000 venues fit under the loader's 5 MiB file-size cap.

    python benchmarks/make_synthetic.py --venues 1000 --parties 5 -o /tmp/synthetic.yaml

What it holds, for N venues and P parties (2 principals, P - 2 mediators, all with a joint
weight > 0 and random criteria weights):

* countries: about N / 10 two-letter codes (at least 4, at most 600); a third are in the `EU`
  bloc; the principals and the first mediators each have a home country among them;
* statements: about N, each by a random party about 1-3 random venues, with every stance,
  meeting kind, attribution and confidence;
* facts: ICC membership for about half the countries (some with an end date), an ICC warrant
  against the first principal and a national one against the second, immunity pledges,
  an EU airspace closure and a waiver, two unfriendly lists, neutrality, alignments,
  travel constraints and notes;
* events: about N / 5 earlier talks at random venues, some more than ten years old;
* assessments: about N / 2 judged values, half of them for one party.

Scoring as of `AS_OF` (2025-07-01) sees every record: all dates are earlier.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

AS_OF = dt.date(2025, 7, 1)
CRITERIA = ("legal", "access", "security", "neutrality", "mediation", "readiness", "home_turf")
STANCES = ("proposes", "accepts", "open", "reluctant", "rejects")
ATTRIBUTIONS = ("first_hand", "first_hand", "reported", "paraphrase")
CONFIDENCES = ("high", "high", "medium", "low")
EVENT_KINDS = ("talks", "summit", "exchange", "conference", "cancelled")
MEETINGS = ("leaders", "leaders", "talks")  # the placed meeting twice as often
MAX_RECORDS = 20_000  # per list, as in the loader
FIRST_DAY = dt.date(2012, 1, 1)


def _country_codes(n: int) -> list[str]:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes = [a + b for a in letters for b in letters]
    return codes[:n]


def generate(venues: int, parties: int, seed: int = 0) -> str:
    """YAML text of a valid dataset with `venues` venues and `parties` scored parties."""
    if venues < 1:
        raise ValueError("need at least one venue")
    if parties < 2:
        raise ValueError("need at least two parties (the two principals)")
    rng = random.Random(f"venues-synthetic:{venues}:{parties}:{seed}")
    span = (AS_OF - FIRST_DAY).days - 1

    def day(lo: int = 0) -> str:
        return (FIRST_DAY + dt.timedelta(days=rng.randint(lo, span))).isoformat()

    countries = _country_codes(max(4, min(600, venues // 10 + 2)))
    eu = set(countries[2::3])
    party_ids = [f"p{i}" for i in range(parties)]
    principals = party_ids[:2]
    home = {p: countries[i % len(countries)] for i, p in enumerate(party_ids)}
    venue_ids = [f"v{i}" for i in range(venues)]
    venue_country = [countries[rng.randrange(len(countries))] for _ in venue_ids]
    # every principal's home country has at least one venue (home turf, veto-prone venues)
    for i, p in enumerate(principals):
        if i < venues:
            venue_country[i] = home[p]
    sources = [f"s{i}" for i in range(5)]

    out: list[str] = []
    add = out.append
    add("schema_version: 1")
    add(
        "case: {id: synthetic, title: Synthetic benchmark case, "
        f"summary: 'Synthetic case: {venues} venues, {parties} scored parties (seed {seed}).', "
        "meeting: leaders, meeting_kinds: {leaders: a leaders' meeting, talks: delegation talks}, "
        f"principals: [{', '.join(principals)}]}}"
    )
    add("sources:")
    for s in sources:
        add(f"- {{id: {s}, outlet: Gazette, date: {day()}}}")
    add("parties:")
    for i, p in enumerate(party_ids):
        chosen = rng.sample(CRITERIA, rng.randint(3, len(CRITERIA)))
        crit = ", ".join(f"{c}: {{weight: {rng.randint(1, 5)}, rationale: r}}" for c in chosen)
        role = "principal" if i < 2 else "mediator"
        weight = 1 if i < 2 else 0.5
        add(
            f"- {{id: {p}, name: Party {i}, role: {role}, country: '{home[p]}', "
            f"joint_weight: {weight}, joint_weight_rationale: r, criteria: {{{crit}}}}}"
        )
    add("venues:")
    for i, v in enumerate(venue_ids):
        c = venue_country[i]
        extra = ""
        if c in eu:
            extra += ", blocs: [EU]"
        if rng.random() < 0.3:
            extra += f", host: {party_ids[rng.randrange(parties)]}"
        add(f"- {{id: {v}, name: V{i}, city: C{i}, country: '{c}', country_name: N{c}{extra}}}")

    add("statements:")
    n_statements = min(MAX_RECORDS, max(2 * parties, venues))
    for i in range(n_statements):
        # the first statements give every party a word on some venue
        party = party_ids[i] if i < parties else party_ids[rng.randrange(parties)]
        about = ", ".join(sorted({venue_ids[rng.randrange(venues)] for _ in range(3)}))
        add(
            f"- {{id: s{i}, date: {day()}, party: {party}, speaker: S, venues: [{about}], "
            f"stance: {rng.choice(STANCES)}, meeting: {rng.choice(MEETINGS)}, quote: q, "
            f"attribution: {rng.choice(ATTRIBUTIONS)}, confidence: {rng.choice(CONFIDENCES)}, "
            f"sources: [{rng.choice(sources)}]}}"
        )

    facts: list[str] = []
    common = "confidence: high, summary: f, sources: [s0]"
    for c in countries:
        r = rng.random()
        if r < 0.5:
            until = ", valid_until: 2030-01-01" if rng.random() < 0.1 else ""
            facts.append(f"kind: icc_member, country: '{c}', date: {day()}{until}")
            if rng.random() < 0.2:
                strength = rng.choice(("firm", "conditional"))
                facts.append(
                    f"kind: immunity_pledge, country: '{c}', strength: {strength}, date: {day()}"
                )
        if rng.random() < 0.05:
            status = rng.choice(("permanent", "declared"))
            facts.append(
                f"kind: neutrality_status, country: '{c}', status: {status}, date: {day()}"
            )
        if rng.random() < 0.2:
            facts.append(
                f"kind: alignment, country: '{c}', party: {rng.choice(principals)}, "
                f"relation: {rng.choice(('ally', 'ally', 'adversary'))}, date: {day()}"
            )
    facts.append(f"kind: arrest_warrant, party: {principals[0]}, issuer: ICC, date: {day()}")
    facts.append(
        f"kind: arrest_warrant, party: {principals[1]}, issuer: {home[principals[0]]}, "
        f"date: {day()}"
    )
    facts.append(
        f"kind: airspace_closure, jurisdiction: EU, against: {principals[0]}, "
        f"exemption: none, derogation: per_state, date: {day()}"
    )
    facts.append(
        f"kind: airspace_closure, jurisdiction: '{home[principals[1]]}', "
        f"against: {principals[0]}, exemption: diplomatic, derogation: none, date: {day()}"
    )
    waived = rng.choice(sorted(eu)) if eu else countries[0]
    facts.append(
        f"kind: airspace_waiver, jurisdiction: '{waived}', party: {principals[0]}, date: {day()}"
    )
    unfriendly = sorted(rng.sample(countries, max(1, len(countries) // 5)))
    facts.append(
        f"kind: unfriendly_list, party: {principals[0]}, "
        f"countries: [EU, {', '.join(repr(c) for c in unfriendly)}], date: {day()}"
    )
    facts.append(
        f"kind: unfriendly_list, party: {principals[1]}, "
        f"countries: ['{home[principals[0]]}'], date: {day()}"
    )
    for _ in range(max(1, venues // 20)):
        v = venue_ids[rng.randrange(venues)]
        who = ""
        if rng.random() < 0.5:
            who = f", parties: [{party_ids[rng.randrange(parties)]}]"
        level = round(rng.random(), 2)
        facts.append(f"kind: travel_constraint, venue: {v}{who}, level: {level}, date: {day()}")
    for _ in range(max(1, venues // 20)):
        facts.append(f"kind: note, venue: {venue_ids[rng.randrange(venues)]}, date: {day()}")
    add("facts:")
    for i, fact in enumerate(facts[:MAX_RECORDS]):
        add(f"- {{id: f{i}, {fact}, {common}}}")

    add("events:")
    for i in range(min(MAX_RECORDS, max(1, venues // 5))):
        j = rng.randrange(venues)
        who = [principals[0]] if rng.random() < 0.4 else list(principals)
        if parties > 2 and rng.random() < 0.5:
            who.append(party_ids[rng.randrange(2, parties)])
        add(
            f"- {{id: e{i}, date: {day()}, venue: {venue_ids[j]}, country: '{venue_country[j]}', "
            f"place: P, kind: {rng.choice(EVENT_KINDS)}, meeting: {rng.choice(MEETINGS)}, "
            f"parties: [{', '.join(who)}], summary: e, sources: [s1], confidence: high}}"
        )

    add("assessments:")
    for i in range(min(MAX_RECORDS, max(1, venues // 2))):
        who = f", party: {party_ids[rng.randrange(parties)]}" if rng.random() < 0.5 else ""
        add(
            f"- {{id: a{i}, criterion: {rng.choice(CRITERIA)}, "
            f"venue: {venue_ids[rng.randrange(venues)]}{who}, value: {round(rng.random(), 2)}, "
            f"date: {day()}, rationale: r, confidence: medium}}"
        )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--venues", "-n", type=int, default=100, help="number of venues (N)")
    ap.add_argument("--parties", "-p", type=int, default=3, help="number of scored parties (P)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--output", type=Path, help="file to write (default: stdout)")
    args = ap.parse_args(argv)
    text = generate(args.venues, args.parties, args.seed)
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
