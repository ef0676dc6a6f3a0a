"""Stances from all the evidence: what a party said (and did) about a venue, pooled.

A party's stance score on a venue is a weighted mean of every piece of evidence in force on
the day, pulled toward the neutral score by a prior (docs/model.md, section 2):

    σ = (w₀·0.5 + Σ wᵢ·xᵢ) / (w₀ + Σ wᵢ)

* each **statement** by the party about the venue gives its stance score xᵢ with weight
  wᵢ = quality × relatedness × specificity × 0.5^(age / half-life): quality from its
  confidence, attribution and sources; relatedness of the meeting it was about; specificity
  1 for a statement naming the venue, the blanket weight for a remark covering it (`covers`,
  `others`) — one rule, the same for every party;
* each **talk the party attended** at the venue is evidence that it accepts the venue
  ('accepts'), with the revealed-preference weight;
* a statement **lapses** on its `valid_until`, when the event it is tied to is cancelled or
  postponed, or — for files that cannot tie them — when a cancelled or postponed event of
  the same meeting at the same venue ends after it was made.

The weights and the formula are the kernel's (`kernel.evidence_weight`, `kernel.pooled`),
so sensitivity samples exactly the same quantity.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from venue_cli.model import kernel
from venue_cli.records import STANCE_LEVELS, Attribution, Event, Stance, Statement

if TYPE_CHECKING:
    from venue_cli.model.index import DayIndex

#: The weight below which a party's weightiest evidence is shown as faded: still named (it is
#: what the party last said) but marked, since it barely moves σ and is not an obstacle.
SHOWN = 0.01

_ATTRIBUTION_RANK = {Attribution.PARAPHRASE: 0, Attribution.REPORTED: 1, Attribution.FIRST_HAND: 2}
_LEVEL = {stance: i for i, stance in enumerate(STANCE_LEVELS)}


def same_day_rank(st: Statement) -> tuple[int, int, int, str]:
    """How statements of one day are ordered, last counting as the latest: a what-if
    assumption over the record, first-hand over reported over paraphrase, then the more
    positive stance (one day's mixed signals are no explicit refusal), then the id. Never
    the order of the file: the same records in another order mean the same."""
    return (st.assumed, _ATTRIBUTION_RANK[st.attribution], _LEVEL[st.stance], st.id)


class Evidence(NamedTuple):
    """One piece of evidence for a stance, with every factor of its weight."""

    kind: str  # "statement" or "event" (talks attended)
    id: str
    stance: Stance
    score: float
    date: dt.date
    meeting: str
    quality: float
    relatedness: float
    specificity: float  # 1 = names the venue; the blanket weight otherwise
    decay: float
    weight: float
    share: float  # weight / (prior + all weights): its part of the stance score
    blanket: bool
    statement: Statement | None = None
    event: Event | None = None


class StanceView(NamedTuple):
    """A party's stance on a venue as of the date, and the evidence behind it."""

    party: str
    stance: Stance | None  # the weightiest evidence's stance (None: no evidence)
    score: float  # σ, the pooled stance score
    statement: Statement | None  # the weightiest statement (shown by rank and explain)
    discounted: bool  # every piece of evidence is about another kind of meeting
    evidence: tuple[Evidence, ...] = ()
    prior_share: float = 1.0  # w₀ / (w₀ + Σ w): the neutral score's part of σ
    lapsed: tuple[str, ...] = ()  # statements that would count but have lapsed
    faded: bool = False  # the weightiest evidence weighs less than SHOWN: it barely counts


class Item(NamedTuple):
    """A statement's bearing on one venue (before weighting)."""

    statement: Statement
    stance: Stance
    specificity_named: bool


def quality(ix: DayIndex, st: Statement) -> float:
    p = ix.params
    q = p.confidence_weights[st.confidence] * p.attribution_weights[st.attribution]
    sources = [ix.dataset.sources[s] for s in st.sources if s in ix.dataset.sources]
    if sources and all(s.reliability == "weak" for s in sources):
        q *= p.weak_source_factor
    return q


def relatedness(ix: DayIndex, meeting: str) -> float:
    """How closely statements about `meeting` bear on the meeting being placed."""
    if meeting == ix.dataset.case.meeting:
        return 1.0
    kind = ix.dataset.case.meeting_kinds.get(meeting)
    if kind is not None and kind.relatedness is not None:
        return kind.relatedness
    return ix.params.other_meeting_relatedness


def age_days(ix: DayIndex, day: dt.date) -> float:
    return float(max(0, (ix.as_of - day).days))


def stance_view(ix: DayIndex, party: str, venue: str) -> StanceView:
    """The party's pooled stance on the venue (see the module docstring)."""
    return pooled_view(
        ix, party, venue, ix.items_at(party, venue), ix.attended.get((party, venue), ())
    )


def pooled_view(
    ix: DayIndex, party: str, venue: str, items: Sequence[Item], attended: Sequence[Event]
) -> StanceView:
    """The stance pooled from these statements' bearings on the venue and these talks
    attended there (`stance_view`)."""
    p = ix.params
    gone = [ix.lapsed(it.statement, venue) for it in items]
    lapsed = tuple(it.statement.id for it, out in zip(items, gone, strict=True) if out)
    live = [it for it, out in zip(items, gone, strict=True) if not out]
    raw: list[tuple[str, str, Stance, dt.date, str, float, float, float, float, bool,
                    Statement | None, Event | None]] = []  # fmt: skip
    weighed = ix.weighed
    for it in live:
        st = it.statement
        # a statement's quality, relatedness and decay are the same at every venue it
        # bears on: computed once (by id(): the statement is alive in the dataset)
        terms = weighed.get(id(st))
        if terms is None:
            terms = weighed[id(st)] = (
                quality(ix, st),
                relatedness(ix, st.meeting),
                kernel.decay(ix.math, age_days(ix, st.date), p.half_life_days),
            )
        q, rel, decay = terms
        spec = 1.0 if it.specificity_named else p.blanket_weight
        raw.append(("statement", st.id, it.stance, st.date, st.meeting, q, rel, spec, decay,
                    not it.specificity_named, st, None))  # fmt: skip
    if p.revealed_weight > 0:
        for e in attended:
            q = p.confidence_weights[e.confidence] * p.revealed_weight
            rel = relatedness(ix, e.meeting)
            decay = kernel.decay(ix.math, age_days(ix, e.end_date or e.date), p.half_life_days)
            raw.append(("event", e.id, Stance.ACCEPTS, e.end_date or e.date, e.meeting, q, rel,
                        1.0, decay, False, None, e))  # fmt: skip
    if not raw:
        return StanceView(party, None, p.unknown_stance, None, False, (), 1.0, lapsed)
    weights = [
        kernel.evidence_weight(q, rel, spec, decay) for *_x, q, rel, spec, decay, _b, _s, _e in raw
    ]
    scores = [p.stance_scores[r[2]] for r in raw]
    total = kernel.pooled_total(ix.math, p.prior_weight, weights)
    sigma = kernel.pooled(ix.math, p.prior_weight, p.unknown_stance, weights, scores)
    evidence = tuple(
        Evidence(
            kind, rid, stance, sc, day, meeting, q, rel, spec, decay, w, w / total, blanket, st, ev
        )
        for (kind, rid, stance, day, meeting, q, rel, spec, decay, blanket, st, ev), w, sc in zip(
            raw, weights, scores, strict=True
        )
    )
    shown = max(
        (e for e in evidence if e.statement is not None),
        key=lambda e: (round(e.weight, 12), e.date, same_day_rank(e.statement)
                       if e.statement else (False, 0, 0, "")),
        default=None,
    )  # fmt: skip
    top = shown or max(evidence, key=lambda e: (round(e.weight, 12), e.date))
    faded = top.weight < SHOWN
    discounted = all(e.meeting != ix.dataset.case.meeting for e in evidence)
    return StanceView(
        party,
        top.stance,
        sigma,
        shown.statement if shown else None,
        discounted,
        evidence,
        p.prior_weight / total,
        lapsed,
        faded,
    )


def latest_named(ix: DayIndex, party: str, venue: str) -> Statement | None:
    """The party's latest statement naming the venue for the meeting being placed (in
    force, not lapsed): what decides a veto."""
    if (party, venue) not in ix.statements:
        return None  # no statement of the party names the venue
    meeting = ix.dataset.case.meeting
    pool = [
        it.statement
        for it in ix.items_at(party, venue)
        if it.specificity_named
        and it.statement.meeting == meeting
        and not ix.lapsed(it.statement, venue)
        and ix.names(it.statement, venue)
    ]
    if not pool:
        return None
    return max(pool, key=lambda s: (s.date, *same_day_rank(s)))


#: A later acceptance for a meeting at least this related to the one being placed (or talks
#: of such a meeting attended there) overtakes a rejection: it is no longer a veto.
OVERTAKES = 0.5


def veto(ix: DayIndex, party: str, venue: str) -> Statement | None:
    """The rejection that vetoes the venue for this principal, if any: its latest statement
    naming the venue for the meeting being placed is 'rejects', and nothing later overtakes
    it (an acceptance or proposal naming the venue for a meeting of relatedness ≥ OVERTAKES,
    or such talks attended there)."""
    st = latest_named(ix, party, venue)
    if st is None or st.stance is not Stance.REJECTS:
        return None
    positive = (Stance.ACCEPTS, Stance.PROPOSES)
    for it in ix.items_at(party, venue):
        later = it.statement
        if (
            it.specificity_named
            and later.date > st.date
            and it.stance in positive
            and relatedness(ix, later.meeting) >= OVERTAKES
            and not ix.lapsed(later, venue)
        ):
            return None
    for e in ix.attended.get((party, venue), ()):
        if e.date > st.date and relatedness(ix, e.meeting) >= OVERTAKES:
            return None
    return st


def momentum(ix: DayIndex, venue: str) -> tuple[float, Statement | None]:
    """The newest positive news about the venue: 0.5^(age / half-life) of the newest
    statement by any party that names it with a stance of 'open' or better (0 if none)."""
    p = ix.params
    best: Statement | None = None
    for st in ix.named.get(venue, ()):
        if p.stance_scores[st.stance] < p.stance_scores[Stance.OPEN] or ix.lapsed(st, venue):
            continue
        if best is None or (st.date, st.id) > (best.date, best.id):
            best = st
    if best is None:
        return 0.0, None
    return kernel.decay(ix.math, age_days(ix, best.date), p.momentum_half_life_days), best
