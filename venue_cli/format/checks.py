"""Rules across records: references, principals, weights, names, and the field pairs a type
alone cannot check (a validity period that ends before it starts, a note with no place)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from venue_cli.format.validate import Record, mark_of
from venue_cli.records import Precision, Role

if TYPE_CHECKING:
    from collections.abc import Iterator

    from venue_cli.format.fields import Mark
    from venue_cli.format.validate import Validator

_REF_NAMES = {
    "party": "party",
    "venue": "venue",
    "source": "source",
    "meeting": "meeting kind",
    "group": "venue group",
    "event": "event",
}


def cross_check(
    v: Validator, singles: dict[str, Record | None], sections: dict[str, list[Record]]
) -> None:
    ids = {
        name: [r.values["id"] for r in recs if "id" in r.values]
        + sorted(v.broken_ids.get(name, ()))
        for name, recs in sections.items()
    }
    case = singles.get("case")
    meetings = frozenset(case.values.get("meeting_kinds", {}) if case else ()) | frozenset(
        v.broken_ids.get("case.meeting_kinds", ())
    )
    groups = {g for r in sections["venues"] for g in r.values.get("groups", ())}
    groups |= v.broken_ids.get("case.groups", set())
    if case is not None:
        groups |= set(case.values.get("groups", {}))
    refs = {
        "party": frozenset(ids["parties"]),
        "venue": frozenset(ids["venues"]),
        "source": frozenset(ids["sources"]),
        "meeting": meetings,
        "group": frozenset(groups),
        "event": frozenset(ids["events"]),
    }

    # A case that failed its own checks with no mapping of meeting kinds (none given, or not
    # a mapping) leaves nothing to check meeting kinds against: its problem is reported
    # once, not again as "unknown meeting kind" at every statement and event.
    unchecked = {"meeting"} if case is None and "case.meeting_kinds" not in v.broken_ids else set()

    def check_refs(rec: Record, where: str) -> None:
        for fl in rec.fields:
            if fl.ref and fl.ref not in unchecked:
                v.ref(rec, fl.name, refs[fl.ref], _REF_NAMES[fl.ref], where)

    if case is not None:
        check_refs(case, "case")
        for pre in case.values.get("preconditions", ()):
            for key, known in (("party", refs["party"]), ("sources", refs["source"])):
                got = pre.get(key)
                for item in got if isinstance(got, tuple) else (got,):
                    if item not in known:
                        v.add(
                            mark_of(case.raw, "preconditions"),
                            f"case.preconditions: unknown {key.rstrip('s')} '{item}'",
                        )
        principals = case.values.get("principals", ())
        if len(set(principals)) < 2:
            v.add(
                mark_of(case.raw, "principals"),
                "case.principals: name at least two different parties",
            )
        by_id = {r.values["id"]: r for r in sections["parties"]}
        for p in principals:
            if p in by_id and by_id[p].values["role"] != Role.PRINCIPAL.value:
                v.add(
                    mark_of(case.raw, "principals"),
                    f"case.principals: party '{p}' has role '{by_id[p].values['role']}', "
                    "not principal",
                )
    outcome = singles.get("outcome")
    if outcome is not None:
        check_refs(outcome, "outcome")

    for section in ("parties", "venues", "statements", "facts", "events", "assessments"):
        for rec in sections[section]:
            check_refs(rec, f"{section} ({rec.values['id']})")

    for rec in sections["facts"]:
        where = f"facts ({rec.values['id']})"
        start = rec.values.get("valid_from", _day(rec.values["date"]))
        until = rec.values.get("valid_until")
        if until is not None and until <= start:
            v.add(
                mark_of(rec.raw, "valid_until"),
                f"{where}.valid_until: {until} is not after valid_from {start}",
            )
        if rec.values["kind"] == "note" and not (
            rec.values.get("venue") or rec.values.get("country")
        ):
            v.add(getattr(rec.raw, "mark", None), f"{where}: a note needs a 'venue' or a 'country'")
    for rec in sections["events"]:
        end = rec.values.get("end_date")
        if end is not None and end < _first_day(rec.values["date"]):
            v.add(
                mark_of(rec.raw, "end_date"),
                f"events ({rec.values['id']}).end_date: before its date",
            )
    for rec in sections["statements"]:
        _statement_rules(v, rec, refs["group"])
    _same_day_judgements(v, sections["assessments"])
    _blanket_coverage(v, sections["statements"], sections["venues"])
    _party_rules(v, sections["parties"])
    _scored_pairs(v, sections["parties"], sections["venues"])
    _check_names(v, sections["venues"])
    _check_party_names(v, sections["parties"])
    _group_ids(v, case, sections["venues"])


def _group_ids(v: Validator, case: Record | None, venues: list[Record]) -> None:
    """A group may not be called `all` (`covers: all` means every venue, so such a group
    would be silently ignored there) nor share a venue's id (`explain ID`, `covers`, and
    `--venue` could not tell which is meant). Each such group is reported once, where it is
    first named."""
    venue_ids = {r.values["id"] for r in venues if "id" in r.values}
    places: list[tuple[str, Any]] = []
    if case is not None and isinstance(case.values.get("groups"), dict):
        node = case.raw.get("groups") if isinstance(case.raw, dict) else None
        places += [(g, mark_of(node, g, value=False) if node is not None else None)
                   for g in case.values["groups"]]  # fmt: skip
    for r in venues:
        places += [(g, mark_of(r.raw, "groups")) for g in r.values.get("groups", ())]
    told: set[str] = set()
    for group, mark in places:
        if group in told:
            continue
        if group == "all":
            why = "`covers: all` means every venue, so a group called all would be ignored"
        elif group in venue_ids:
            why = f"it is also a venue's id, so '{group}' would mean both"
        else:
            continue
        told.add(group)
        v.add(mark, f"group '{group}': {why}; give the group another id")


def _blanket_coverage(v: Validator, statements: list[Record], venues: list[Record]) -> None:
    """Refuse a file whose blanket remarks cover more than MAX_BLANKET_COVERAGE venues in
    all (counted with `records.blanket_cover`, the rule the stances read; each remark costs
    the size of the pool it reads, and the count stops at the remark that crosses the cap),
    at the remark that crosses it; warn of a remark that covers no venue at all (it would
    count nowhere, without a word)."""
    from venue_cli.limits import MAX_BLANKET_COVERAGE, MAX_STATEMENT_REACH
    from venue_cli.records import blanket_cover, venue_groups

    ids = [(r.values["id"], r.values.get("groups", ())) for r in venues if "id" in r.values]
    every = list(dict.fromkeys(i for i, _g in ids))
    groups = venue_groups(ids)
    total = reach = 0
    for rec in statements:
        s = rec.values
        covers = s.get("covers")
        blanket = covers is not None or "others" in s
        covered = (
            len(
                blanket_cover(
                    covers, "others" in s, s.get("venues", ()), s.get("except", ()), every, groups
                )
            )
            if blanket
            else 0
        )
        reach += max(1, len(s.get("parties", ()))) * (len(s.get("venues", ())) + covered)
        if reach > MAX_STATEMENT_REACH:
            v.add(
                getattr(rec.raw, "mark", None),
                f"statements ({s.get('id')}): the statements so far reach more than "
                f"{MAX_STATEMENT_REACH:,} party–venue pairs in all (each counts every venue "
                "it names or covers, once for each party it speaks for); name fewer venues or "
                "parties, or split the case into several files",
            )
            return
        if not blanket:
            continue
        if covered == 0 and (covers is None or covers == "all" or covers in groups):
            v.notice(getattr(rec.raw, "mark", None), _covers_nothing(s))
        total += covered
        if total > MAX_BLANKET_COVERAGE:
            v.add(
                getattr(rec.raw, "mark", None),
                f"statements ({s.get('id')}): the blanket remarks so far cover more than "
                f"{MAX_BLANKET_COVERAGE:,} venues in all (each remark counts every venue it "
                "covers); name the venues instead, or split the case into several files",
            )
            return


def _covers_nothing(s: dict[str, object]) -> str:
    where = f"statements ({s.get('id')})"
    if s.get("covers") is None:
        return (
            f"{where}: 'others' covers no venue, for the statement names every venue; it "
            "counts only for the venues it names (drop 'others', or check 'venues')"
        )
    return (
        f"{where}: this blanket remark covers no venue ('covers: {s.get('covers')}' less the "
        "venues it names or excepts leaves none), so it counts nowhere; check 'covers' and "
        "'except'"
    )


def _same_day_judgements(v: Validator, assessments: list[Record]) -> None:
    """Refuse two assessments of one criterion at one venue (for one party, or for all) on
    one day with different values: which of them holds would be only the file's order."""
    first: dict[tuple[object, ...], Record] = {}
    for rec in assessments:
        a = rec.values
        key = (a["criterion"], a["venue"], a.get("party"), _day(a["date"]))
        other = first.setdefault(key, rec)
        if other is not rec and other.values["value"] != a["value"]:
            whom = f"for {a['party']}" if a.get("party") else "for every party"
            v.add(
                mark_of(rec.raw, "value"),
                f"assessments ({a['id']}): judges {a['criterion']} at {a['venue']} {whom} on "
                f"{_day(a['date'])} as assessment {other.values['id']} (line {other.line}) does, "
                f"with another value ({a['value']:g}, not {other.values['value']:g}); keep one, "
                "or date the newer judgement on the day it was made",
            )


def _day(value: object) -> object:
    """A date field's day (a partial date is (last day, precision))."""
    return value[0] if isinstance(value, tuple) else value


def _first_day(value: object) -> object:
    """A date field's first possible day (`2025` may be 1 January; a full date is itself)."""
    if not isinstance(value, tuple):
        return value
    day, precision = value
    if precision == Precision.YEAR:
        return day.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return day.replace(day=1)
    return day


def _statement_rules(v: Validator, rec: Record, groups: frozenset[str]) -> None:
    s = rec.values
    where = f"statements ({s['id']})"
    mark = getattr(rec.raw, "mark", None)
    said = _day(s["date"])  # a partial date counts from the last day of its period
    until = s.get("valid_until")
    if isinstance(said, dt.date) and isinstance(until, dt.date) and until <= said:
        v.add(
            mark_of(rec.raw, "valid_until"),
            f"{where}.valid_until: {until} is not after the day it counts from ({said}); "
            "a stance that lapses before it counts would count nowhere",
        )
    reported = _day(s.get("reported"))
    if isinstance(said, dt.date) and isinstance(reported, dt.date) and reported < said:
        v.add(
            mark_of(rec.raw, "reported"),
            f"{where}.reported: {reported} is before the day it was said ({said}); "
            "'reported' is the later day it became public",
        )
    if "party" not in s and "parties" not in s:
        v.add(mark, f"{where}: say who made it: 'party' (or 'parties' for a joint statement)")
    if "venues" not in s and "covers" not in s:
        v.add(mark, f"{where}: name the 'venues' it is about, or what it 'covers' (all, a group)")
    covers = s.get("covers")
    if covers is not None and covers != "all" and covers not in groups:
        v.add(
            mark_of(rec.raw, "covers"),
            f"{where}.covers: '{covers}' is neither 'all' nor a venue group"
            + v.suggest(covers, groups),
        )
    if "except" in s and covers is None:
        v.add(
            mark_of(rec.raw, "except"),
            f"{where}.except: only a blanket remark ('covers') has exceptions",
        )
    if "others" in s and "venues" not in s:
        v.add(
            mark_of(rec.raw, "others"),
            f"{where}.others: name the 'venues' the others are set against",
        )
    if "others" in s and covers is not None:
        v.add(mark_of(rec.raw, "others"), f"{where}: give 'covers' or 'others', not both")


def _party_rules(v: Validator, parties: list[Record]) -> None:
    from venue_cli.model.criteria import REGISTRY

    for rec in parties:
        p = rec.values
        weights = p.get("criteria")
        if p["joint_weight"] <= 0:
            continue
        if weights is None:
            if not REGISTRY.has_defaults(Role(p["role"])):
                v.add(
                    getattr(rec.raw, "mark", None),
                    f"parties ({p['id']}): a {p['role']} with joint_weight > 0 needs "
                    "'criteria' (the role has no default weights)",
                )
        elif not any(w["weight"] > 0 for w in weights.values()):
            v.add(
                getattr(rec.raw, "mark", None),
                f"parties ({p['id']}): joint_weight > 0 needs 'criteria' with at least one "
                "positive weight (or omit 'criteria' to take the role's defaults)",
            )
    if parties and not any(r.values["joint_weight"] > 0 for r in parties):
        v.add(None, "parties: at least one party needs joint_weight > 0")


def _scored_pairs(v: Validator, parties: list[Record], venues: list[Record]) -> None:
    """Refuse a file whose scored parties times venues is above MAX_SCORED_PAIRS, at the
    scored party that crosses it."""
    from venue_cli.limits import MAX_SCORED_PAIRS, scored_pairs_message

    n = len(venues)
    scored = 0
    for rec in parties:
        if rec.values.get("joint_weight", 0) > 0:
            scored += 1
            if scored * n > MAX_SCORED_PAIRS:
                v.add(getattr(rec.raw, "mark", None), scored_pairs_message(scored, n))
                return


def _shared_names(records: list[Record]) -> Iterator[tuple[Mark, str, str, str]]:
    """(mark, record id, name, other record's id) for each id, name or alias of a record
    that an earlier record already uses (normalised): one rule for venues and parties."""
    from venue_cli.names import normalise

    owner: dict[str, str] = {}
    for rec in records:
        values = rec.values
        for i, name in enumerate((values["id"], values["name"], *values.get("aliases", ()))):
            key = normalise(name)
            if key in owner and owner[key] != values["id"]:
                mark = (
                    mark_of(rec.raw.get("aliases"), i - 2)
                    if i >= 2
                    else mark_of(rec.raw, "id" if i == 0 else "name")
                )
                yield mark, values["id"], name, owner[key]
            else:
                owner[key] = values["id"]


def _check_party_names(v: Validator, parties: list[Record]) -> None:
    """Warn of a party name or alias that another party also uses: `--perspective NAME`
    then means the party `names.party_names` prefers (an id, then a name, then an alias;
    of equals, the first id in sort order), not the one the writer may have meant. A
    warning, not an error, so that files written for earlier versions still load."""
    for mark, pid, name, other in _shared_names(parties):
        v.notice(
            mark,
            f"parties ({pid}): the name '{name}' is also a name of party '{other}'; "
            "give each party names of its own",
        )


def _check_names(v: Validator, venues: list[Record]) -> None:
    """Every venue id, name and alias must point to one venue only."""
    for mark, vid, name, other in _shared_names(venues):
        v.add(mark, f"venues ({vid}): name '{name}' is already used by venue '{other}'")
