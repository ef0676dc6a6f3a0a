"""Generate a valid synthetic `venues` dataset (schema_version 2): N venues, P scored parties.

It stands for a user's list of every city in the world, with statements and facts spread
over the venues, so that a benchmark on it keeps every rule of the model busy. The output is
deterministic: the same (venues, parties, seed) always give the same bytes. It is written
compactly (one flow-style mapping per record, short ids), so that 10,000 venues with 20
parties fit under the loader's 5 MiB cap.

    python benchmarks/make_synthetic.py --venues 1000 --parties 5 -o /tmp/synthetic.yaml
    venues validate /tmp/synthetic.yaml && venues rank --data /tmp/synthetic.yaml --as-of 2025-07-01

What it holds, for N venues and P parties (principals p0 and p1, mediators p2 … p(P-1), all
with a joint weight > 0, and one stakeholder `sh` with weight 0 that hosts some venues):

* **case**: four meeting kinds — the placed `leaders` meeting (leaders level), `talks`
  (declared relatedness 0.6, delegations), `summit` (no relatedness: the model's default)
  and `humanitarian` (declared 0.3) —, venue groups g0 … and two preconditions;
* **countries**: about N / 10 two-letter codes (at least 4, at most 250: there are about
  250 in the world), a third in the `EU` bloc, a fifth in `NATO`; every party has a home
  country and every principal's home country has a venue;
* **venues**: a host party for about a third (every party, and the stakeholder), an
  `arrival_country` for 1 %, airspace `jurisdictions` through the EU or NATO for every
  bloc member and through a neighbour for 5 % of the others, groups, aliases;
* **statements** (about 0.6 N, at least 2 P, at most 20,000), each kind of evidence the stance rule
  pools: statements naming 1–3 venues, about every meeting kind, with every stance,
  attribution and confidence; hosts' offers to host (`proposes` by the venue's host); a
  bounded number of blanket remarks (each principal one `covers: all` with `except` and one
  `others`, each mediator one `covers: all` or `covers: GROUP`) — a real list has a few per
  party, not one per venue; joint statements (`parties`), partial dates (`2019-05`, `2019`),
  statements reported later, confidential ones (`public: false`), conditions; lapsed
  statements: a `valid_until` that has passed, a statement tied to a cancelled or postponed
  event (`event`), and statements overtaken by a cancelled plan of the same meeting at the
  same venue; a few dated after `AS_OF`;
* **facts**: ICC membership for about 60 % of the countries, with withdrawals (a
  `valid_until` in the past, before and after the warrant) and a future exit; an ICC
  warrant against p0, a national one against p1 issued by p0's country, a lapsed ICC
  warrant against p1; firm and conditional immunity pledges; airspace closures against p0
  (EU: derogation per state; NATO: diplomatic exemption; some countries: none) and against
  p1, waivers (one lapsed); travel constraints (for everyone or for some parties); two
  unfriendly lists (with the EU bloc) and a lapsed one; permanent and declared neutrality;
  alliances with either side or both, and adversaries; notes on venues and countries;
* **events** (about N / 10, at most 20,000): talks, summits, exchanges and conferences at the
  venues with 1–2 principals and mediators (`mediators`), some without a venue, some more
  than ten years old, some confidential; cancelled and postponed plans;
* **assessments** (about N / 5): judged values of every criterion, for one party or all,
  some overridden by a later one, a few after `AS_OF`.

Scoring as of `AS_OF` (2025-07-01) sees all but the records dated after it on purpose.
Sources are dated before every record, so `venues validate` prints no warning either. The
densities (`STATEMENTS_PER_VENUE` …) keep 10,000 venues under the loader's cap on scalars.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

AS_OF = dt.date(2025, 7, 1)
SCHEMA_VERSION = 2
CRITERIA = ("legal", "access", "security", "neutrality", "mediation", "readiness", "home_turf")
STANCES = ("proposes", "accepts", "open", "reluctant", "rejects")
ATTRIBUTIONS = ("first_hand", "first_hand", "reported", "paraphrase")
CONFIDENCES = ("high", "high", "medium", "low")
HELD_KINDS = ("talks", "talks", "summit", "exchange", "conference")
# the placed meeting most often; the others have declared or default relatedness
MEETINGS = ("leaders", "leaders", "leaders", "talks", "summit", "humanitarian")
MAX_RECORDS = 20_000  # per list, as in the loader
MAX_COUNTRIES = 250  # about as many as the world has
FIRST_DAY = dt.date(2012, 1, 1)  # records run from here to AS_OF
SOURCE_DAY = dt.date(2011, 12, 1)  # sources predate every record: no hindsight warnings
STAKEHOLDER = "sh"
# Records per venue. A venue costs about 14 scalars, a statement 23, an event 24, an
# assessment 17: at these densities 10,000 venues make about 360,000 scalars, under the
# loader's cap of 1,000,000 (`venue_cli.format.yamlsafe.MAX_SCALARS`).
STATEMENTS_PER_VENUE = 0.6
EVENTS_PER_VENUE = 0.1
ASSESSMENTS_PER_VENUE = 0.2


def country_codes(n: int) -> list[str]:
    """n two-letter codes (EU is a bloc here, never a country)."""
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    codes = [a + b for a in letters for b in letters if a + b != "EU"]
    return codes[:n]


def generate(venues: int, parties: int, seed: int = 0) -> str:
    """YAML text of a valid dataset with `venues` venues and `parties` scored parties."""
    if venues < 1:
        raise ValueError("need at least one venue")
    if parties < 2:
        raise ValueError("need at least two parties (the two principals)")
    rng = random.Random(f"venues-synthetic-v2:{venues}:{parties}:{seed}")
    span = (AS_OF - FIRST_DAY).days - 1

    def day(lo: int = 0, hi: int = span) -> str:
        return (FIRST_DAY + dt.timedelta(days=rng.randint(lo, hi))).isoformat()

    def after(iso: str, lo: int, hi: int) -> str:
        return (dt.date.fromisoformat(iso) + dt.timedelta(days=rng.randint(lo, hi))).isoformat()

    def later_than_as_of() -> str:
        return (AS_OF + dt.timedelta(days=rng.randint(1, 300))).isoformat()

    countries = country_codes(max(4, min(MAX_COUNTRIES, venues // 10 + 2)))
    n_c = len(countries)
    eu = set(countries[3::3])
    nato = set(countries[4::5])
    party_ids = [f"p{i}" for i in range(parties)]
    principals = party_ids[:2]
    mediators = party_ids[2:]
    home = {p: countries[i % n_c] for i, p in enumerate(party_ids)}
    home[STAKEHOLDER] = countries[-1]
    hosts = [*party_ids, STAKEHOLDER]
    venue_ids = [f"v{i}" for i in range(venues)]
    venue_country = [countries[rng.randrange(n_c)] for _ in venue_ids]
    for i, p in enumerate(principals):  # every principal's home country has a venue
        if i < venues:
            venue_country[i] = home[p]
    by_country: dict[str, list[int]] = {}
    for i, c in enumerate(venue_country):
        by_country.setdefault(c, []).append(i)
    n_groups = max(1, min(20, venues // 50))
    groups = [f"g{i}" for i in range(n_groups)]
    host_of: list[str | None] = [None] * venues
    src_normal = [f"s{i}" for i in range(8)]
    src_weak = [f"w{i}" for i in range(3)]

    def some_venues(k_max: int = 3) -> list[str]:
        k = 1 if rng.random() < 0.7 else rng.randint(2, k_max)
        return sorted({venue_ids[rng.randrange(venues)] for _ in range(k)}, key=_vkey)

    def sources_for() -> str:
        if rng.random() < 0.1:  # every source weak: the weak-source factor applies
            return f"[{rng.choice(src_weak)}]"
        picked = {rng.choice(src_normal)}
        if rng.random() < 0.2:
            picked.add(rng.choice(src_weak))
        return "[" + ", ".join(sorted(picked)) + "]"

    out: list[str] = []
    add = out.append
    add(f"schema_version: {SCHEMA_VERSION}")
    kinds = (
        "meeting_kinds: {leaders: {description: a leaders' meeting, level: leaders}, "
        "talks: {description: delegation talks, relatedness: 0.6, level: delegations}, "
        "summit: a summit of other leaders, "
        "humanitarian: {description: a prisoner exchange, relatedness: 0.3}}"
    )
    group_map = ", ".join(f"{g}: group {g}" for g in groups)
    add(
        "case: {id: synthetic, title: Synthetic benchmark case, "
        f"summary: 'Synthetic case: {venues} venues, {parties} scored parties (seed {seed}).', "
        f"meeting: leaders, {kinds}, principals: [{', '.join(principals)}], "
        f"groups: {{{group_map}}}, notes: [generated by benchmarks/make_synthetic.py], "
        f"preconditions: [{{id: pre0, party: p0, date: '{day()[:7]}', text: a ceasefire first, "
        "sources: [s0]}, "
        f"{{id: pre1, party: p1, date: {day()}, text: prisoners first, sources: [s1]}}]}}"
    )
    add("sources:")
    for i, s in enumerate(src_normal):
        extra = ", url: 'https://example.org/" + s + "'" if i % 2 else ""
        extra += ", via: Wire" if i % 3 == 0 else ""
        add(f"- {{id: {s}, outlet: Gazette {i}, date: {SOURCE_DAY.isoformat()}{extra}}}")
    for s in src_weak:
        add(f"- {{id: {s}, outlet: State TV, date: '2011-11', reliability: weak}}")
    add("- {id: nd, outlet: Undated page, date: null}")

    add("parties:")
    for i, p in enumerate(party_ids):
        role = "principal" if i < 2 else "mediator"
        weight = 1 if i < 2 else 0.5
        criteria = ""
        if not (i == parties - 1 and i >= 2):  # the last mediator takes its role's defaults
            chosen = rng.sample(CRITERIA, rng.randint(3, len(CRITERIA)))
            crit = ", ".join(f"{c}: {{weight: {rng.randint(1, 5)}, rationale: r}}" for c in chosen)
            criteria = f", criteria: {{{crit}}}"
        leader = f", leader: Leader {i}" if i < 2 else ""
        add(
            f"- {{id: {p}, name: Party {i}, role: {role}, country: '{home[p]}'{leader}, "
            f"joint_weight: {weight}, joint_weight_rationale: r{criteria}}}"
        )
    add(
        f"- {{id: {STAKEHOLDER}, name: Stakeholder, role: stakeholder, "
        f"country: '{home[STAKEHOLDER]}', joint_weight: 0, joint_weight_rationale: r}}"
    )

    add("venues:")
    for i, v in enumerate(venue_ids):
        c = venue_country[i]
        extra = ""
        blocs = [b for b, members in (("EU", eu), ("NATO", nato)) if c in members]
        if blocs:
            extra += f", blocs: [{', '.join(blocs)}], jurisdictions: ['{c}', {', '.join(blocs)}]"
        elif rng.random() < 0.05:
            other = countries[rng.randrange(n_c)]  # drawn even when it is c: same sequence
            extra += f", jurisdictions: ['{c}'" + ("" if other == c else f", '{other}'") + "]"
        if rng.random() < 0.01:
            extra += f", arrival_country: '{countries[(countries.index(c) + 1) % n_c]}'"
        if rng.random() < 0.2:
            extra += f", groups: [{groups[rng.randrange(n_groups)]}]"
        if rng.random() < 0.1:
            extra += f", aliases: [A{i}]"
        if i < 2 or rng.random() < 0.33:
            # the venue's own country's party if it has one, else any party or the stakeholder
            own = [p for p in hosts if home[p] == c]
            host_of[i] = own[0] if own else hosts[rng.randrange(len(hosts))]
            extra += f", host: {host_of[i]}"
        add(f"- {{id: {v}, name: V{i}, city: C{i}, country: '{c}', country_name: N{c}{extra}}}")

    # events first (statements refer to the cancelled plans)
    events: list[str] = []
    cancelled: list[tuple[str, int]] = []  # (event id, venue index)
    for i in range(min(MAX_RECORDS, max(2, round(venues * EVENTS_PER_VENUE)))):
        j = rng.randrange(venues)
        kind = "cancelled" if i % 25 == 1 else "postponed" if i % 25 == 2 else None
        attended = [principals[0]] if rng.random() < 0.4 else list(principals)
        if mediators and rng.random() < 0.5:
            attended.append(mediators[rng.randrange(len(mediators))])
        extra = ""
        if mediators and rng.random() < 0.4:
            extra += f", mediators: [{mediators[rng.randrange(len(mediators))]}]"
        when = day()
        if rng.random() < 0.1:
            extra += f", end_date: {after(when, 1, 3)}"
        if rng.random() < 0.02:
            extra += ", public: false"
        if kind is not None:
            cancelled.append((f"e{i}", j))
            meeting = "leaders"
            where = f"venue: {venue_ids[j]}, "
        else:
            kind = rng.choice(HELD_KINDS)
            meeting = rng.choice(MEETINGS)
            # some talks name only the country (resolved when it has a single venue)
            where = "" if rng.random() < 0.1 else f"venue: {venue_ids[j]}, "
        events.append(
            f"- {{id: e{i}, date: {when}, {where}country: '{venue_country[j]}', place: P, "
            f"kind: {kind}, meeting: {meeting}, parties: [{', '.join(attended)}], summary: e, "
            f"sources: [s1], confidence: {rng.choice(CONFIDENCES)}{extra}}}"
        )

    add("statements:")
    statements: list[str] = []

    def statement(
        party: str | list[str], stance: str, meeting: str, when: str, *, about: str, extra: str = ""
    ) -> None:
        who = f"parties: [{', '.join(party)}]" if isinstance(party, list) else f"party: {party}"
        statements.append(
            f"- {{id: st{len(statements)}, date: {when}, {who}, speaker: S, {about}, "
            f"stance: {stance}, meeting: {meeting}, quote: q, "
            f"attribution: {rng.choice(ATTRIBUTIONS)}, confidence: {rng.choice(CONFIDENCES)}, "
            f"sources: {sources_for()}{extra}}}"
        )

    def named(names: list[str]) -> str:
        return f"venues: [{', '.join(names)}]"

    # blanket remarks: a few per party, however many venues there are
    for i, p in enumerate(party_ids):
        excluded = sorted({venue_ids[rng.randrange(venues)] for _ in range(3)}, key=_vkey)
        excluded = excluded[: venues - 1]  # a remark that covers no venue would count nowhere
        if i < 2 or i % 2 == 0:
            about = "covers: all" + (f", except: [{', '.join(excluded)}]" if excluded else "")
        else:
            about = f"covers: {groups[i % n_groups]}"
        statement(p, rng.choice(("open", "accepts", "reluctant")), "leaders", day(), about=about)
        if i < 2 and venues > 1:  # "only in my capital": proposes the home venue, rejects
            # every other (with one venue there is no other)
            statement(
                p,
                "proposes",
                "leaders",
                day(),
                about=named([venue_ids[min(i, venues - 1)]]),
                extra=", others: rejects",
            )
    # hosts' offers: the host proposes the venue (host readiness)
    for j, h in enumerate(host_of):
        if h is not None and rng.random() < 0.5:
            statement(h, "proposes", rng.choice(MEETINGS), day(), about=named([venue_ids[j]]))
    # statements tied to a cancelled or postponed plan (they lapse), and earlier statements
    # about the same meeting at the venue (overtaken by the cancellation)
    for eid, j in cancelled:
        statement(
            principals[rng.randrange(2)],
            "accepts",
            "leaders",
            day(),
            about=named([venue_ids[j]]),
            extra=f", event: {eid}",
        )
        statement(
            party_ids[rng.randrange(parties)], "open", "leaders", day(), about=named([venue_ids[j]])
        )
    # the bulk: statements naming venues, every party, stance, meeting kind and flag
    n_named = min(MAX_RECORDS, max(2 * parties, round(venues * STATEMENTS_PER_VENUE)))
    n_named -= len(statements)
    for k in range(max(0, n_named)):
        party: str | list[str] = party_ids[k] if k < parties else party_ids[rng.randrange(parties)]
        r = rng.random()
        when = day()
        extra = ""
        if r < 0.02 and parties > 1:
            party = sorted(rng.sample(party_ids, 2), key=_vkey)  # a joint statement
        elif r < 0.05:
            when = f"'{when[:7]}'"  # known to the month
        elif r < 0.06:
            when = f"'{when[:4]}'"  # known to the year
        elif r < 0.10:
            extra += f", reported: {after(when, 1, 60)}"
        elif r < 0.15:
            extra += f", valid_until: {after(when, 30, 400)}"  # many have lapsed by AS_OF
        elif r < 0.17:
            extra += ", public: false"
        elif r < 0.19:
            extra += ", conditions: [{kind: timing, text: after a ceasefire}]"
        elif r < 0.20:
            when = later_than_as_of()  # not yet said as of AS_OF
        if rng.random() < 0.05:
            extra += ", context: forum, note: n"
        statement(
            party,
            rng.choice(STANCES),
            rng.choice(MEETINGS),
            when,
            about=named(some_venues()),
            extra=extra,
        )
    out += statements[:MAX_RECORDS]
    add("events:")
    out += events

    facts: list[str] = []
    members = [c for c in countries if rng.random() < 0.6]
    for c in members:
        facts.append(f"kind: icc_member, country: '{c}', date: {day(0, 400)}")
    outside = [c for c in countries if c not in set(members)]
    warrant_day = "2023-03-17"
    for k, c in enumerate(outside[:3]):
        # withdrawals: left before the warrant (not bound), after it (still bound), or later
        until = ("2020-01-01", "2024-06-01", "2027-01-01")[k]
        facts.append(f"kind: icc_member, country: '{c}', date: {day(0, 300)}, valid_until: {until}")
    facts.append(f"kind: arrest_warrant, party: p0, issuer: ICC, date: {warrant_day}")
    facts.append(f"kind: arrest_warrant, party: p1, issuer: '{home['p0']}', date: {day()}")
    facts.append(
        f"kind: arrest_warrant, party: p1, issuer: ICC, date: {day(0, 1000)}, "
        "valid_until: 2016-01-01"
    )
    for k, c in enumerate(members):
        if k < 2 or rng.random() < 0.25:  # the first two: one of each strength
            strength = ("firm", "conditional")[k] if k < 2 else rng.choice(("firm", "conditional"))
            facts.append(
                f"kind: immunity_pledge, country: '{c}', strength: {strength}, date: {day()}"
            )
    facts.append(
        "kind: airspace_closure, jurisdiction: EU, against: p0, exemption: none, "
        f"derogation: per_state, date: {day()}"
    )
    facts.append(
        "kind: airspace_closure, jurisdiction: NATO, against: p0, exemption: diplomatic, "
        f"derogation: none, date: {day()}"
    )
    facts.append(
        f"kind: airspace_closure, jurisdiction: '{home['p1']}', against: p0, exemption: none, "
        f"derogation: none, date: {day()}"
    )
    facts.append(
        f"kind: airspace_closure, jurisdiction: '{home['p0']}', against: p1, exemption: none, "
        f"derogation: none, date: {day()}"
    )
    closed = [c for c in countries[2:] if rng.random() < 0.05]
    for c in closed:
        facts.append(
            f"kind: airspace_closure, jurisdiction: '{c}', against: {rng.choice(principals)}, "
            f"exemption: none, derogation: none, date: {day()}"
        )
    for c in closed[::2]:
        facts.append(f"kind: airspace_waiver, jurisdiction: '{c}', party: p0, date: {day()}")
        facts.append(f"kind: airspace_waiver, jurisdiction: '{c}', party: p1, date: {day()}")
    facts.append(
        f"kind: airspace_waiver, jurisdiction: EU, party: p0, date: {day(0, 1000)}, "
        "valid_until: 2016-01-01"
    )
    for _ in range(max(1, venues // 20)):
        who = ""
        if rng.random() < 0.5:
            who = f", parties: [{party_ids[rng.randrange(parties)]}]"
        facts.append(
            f"kind: travel_constraint, venue: {venue_ids[rng.randrange(venues)]}{who}, "
            f"level: {round(rng.random(), 2)}, date: {day()}"
        )
    unfriendly = sorted(rng.sample(countries, max(1, n_c // 5)))
    facts.append(
        f"kind: unfriendly_list, party: p0, countries: [EU, {', '.join(map(repr, unfriendly))}], "
        f"date: {day()}"
    )
    facts.append(f"kind: unfriendly_list, party: p1, countries: ['{home['p0']}'], date: {day()}")
    facts.append(
        f"kind: unfriendly_list, party: p1, countries: [NATO], date: {day(0, 1000)}, "
        "valid_until: 2016-01-01"
    )
    for k, c in enumerate(countries):
        # the last two countries: one of each neutrality, one allied with both sides, one an
        # adversary of p0; the others at random
        if k >= n_c - 2 or rng.random() < 0.05:
            status = "permanent" if k == n_c - 1 else "declared" if k == n_c - 2 else None
            status = status or rng.choice(("permanent", "declared"))
            facts.append(
                f"kind: neutrality_status, country: '{c}', status: {status}, date: {day()}"
            )
        r = rng.random()
        if k >= n_c - 2 or r < 0.25:
            both = k == n_c - 1 or r < 0.03
            sides = principals if both else [rng.choice(principals)]
            for side in sides:
                adversary = (k == n_c - 2 and side == "p0") or rng.random() < 0.15
                relation = "adversary" if adversary else "ally"
                facts.append(
                    f"kind: alignment, country: '{c}', party: {side}, relation: {relation}, "
                    f"date: {day()}"
                )
    for _ in range(max(1, venues // 20)):
        facts.append(f"kind: note, venue: {venue_ids[rng.randrange(venues)]}, date: {day()}")
    for c in countries[:: max(1, n_c // 10)]:
        facts.append(f"kind: note, country: '{c}', date: '{day()[:7]}'")
    add("facts:")
    common = "summary: f, sources: [s0]"
    for i, fact in enumerate(facts[:MAX_RECORDS]):
        extra = ", quote: q" if i % 17 == 0 else ""
        extra += ", public: false" if i % 53 == 5 else ""
        add(f"- {{id: f{i}, {fact}, confidence: {CONFIDENCES[i % 4]}, {common}{extra}}}")

    add("assessments:")
    judged: list[tuple[str, str, str]] = []
    for i in range(min(MAX_RECORDS, max(1, round(venues * ASSESSMENTS_PER_VENUE)))):
        if judged and i % 10 == 0:  # a later judgement of the same thing overrides it
            criterion, v, who = judged[rng.randrange(len(judged))]
        else:
            who = f", party: {party_ids[rng.randrange(parties)]}" if rng.random() < 0.5 else ""
            criterion = "security" if rng.random() < 0.5 else rng.choice(CRITERIA)
            v = venue_ids[rng.randrange(venues)]
            judged.append((criterion, v, who))
        when = later_than_as_of() if i % 97 == 3 else day()
        add(
            f"- {{id: a{i}, criterion: {criterion}, venue: {v}{who}, "
            f"value: {round(rng.random(), 2)}, date: {when}, rationale: r, "
            f"confidence: {CONFIDENCES[i % 4]}, sources: [s2]}}"
        )
    return "\n".join(out) + "\n"


def _vkey(venue_id: str) -> tuple[int, str]:
    """Sort ids numerically (v2 before v10), so lists read naturally."""
    digits = venue_id.lstrip("abcdefghijklmnopqrstuvwxyz")
    return (int(digits) if digits.isdigit() else -1, venue_id)


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
