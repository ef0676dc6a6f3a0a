"""Documents of the scoring commands: rank, explain and sensitivity.

Pure functions: a Ranking (and friends) in, the TypedDicts of `views.types` out.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any, cast

from venue_cli.model.criteria import REGISTRY
from venue_cli.model.obstacles import main_obstacle, obstacles
from venue_cli.model.ranking import Momentum, PartyScore, Ranking
from venue_cli.records import Dataset, Statement
from venue_cli.views import CONDITIONAL, VIEW_SCHEMA_VERSION

if TYPE_CHECKING:
    from venue_cli.model.sensitivity import SensitivityResult, StabilityInterval
    from venue_cli.views.types import (
        CriterionRow,
        EventView,
        EvidenceView,
        ExplainDocument,
        FactView,
        Header,
        MomentumView,
        PartyBrief,
        PartyDetail,
        PreconditionView,
        RankDocument,
        RankVenue,
        SensitivityDocument,
        StatementView,
        VenueExplanation,
    )
else:
    ExplainDocument = dict  # `cast` below names it at run time


def _d(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def header(ranking: Ranking, command: str, warnings: list[str] | None = None) -> Header:
    ds = ranking.dataset
    return {
        "schema_version": VIEW_SCHEMA_VERSION,
        "command": command,
        "case": ds.case.id,
        "case_title": ds.case.title,
        "meeting": ds.case.meeting,
        "as_of": ranking.as_of.isoformat(),
        "method": ranking.method.value,
        "perspective": ranking.perspective,
        "assumptions": list(ranking.assumptions),
        "data": ds.path,
        "warnings": list(warnings or []),
    }


def cites(ds: Dataset, ids: tuple[str, ...]) -> list[str]:
    return [ds.sources[x].cite() for x in ids if x in ds.sources]


def statement_view(ds: Dataset, s: Statement) -> StatementView:
    return {
        "id": s.id,
        "date": s.date.isoformat(),
        "party": s.party,
        "party_name": ds.parties[s.party].name,
        "speaker": s.speaker,
        "venues": list(s.venues),
        "stance": s.stance.value,
        "meeting": s.meeting,
        "quote": s.quote,
        "attribution": s.attribution.value,
        "confidence": s.confidence.value,
        "context": s.context,
        "note": s.note,
        "assumed": s.assumed,
        "sources": cites(ds, s.sources),
    }


def party_brief(ds: Dataset, ps: PartyScore) -> PartyBrief:
    st = ps.stance
    shown = st.statement
    # without a statement shown, the weightiest evidence (talks attended) dates the stance
    top = (
        None
        if shown
        else max(st.evidence, key=lambda e: (round(e.weight, 12), e.date), default=None)
    )
    day = shown.date if shown else (top.date if top else None)
    return {
        "id": ps.party,
        "name": ds.parties[ps.party].name,
        "role": ds.parties[ps.party].role.value,
        "weight": ps.joint_weight,
        "utility": ps.utility,
        "stance": st.stance.value if st.stance else None,
        "stance_date": _d(day),
        "stance_statement": shown.id if shown else (top.id if top else None),
        "stance_discounted": st.discounted,
        "stance_faded": st.faded,
        "stance_score": st.score,
    }


def rank_view(ranking: Ranking, warnings: list[str] | None = None) -> RankDocument:
    ds = ranking.dataset
    venues: list[RankVenue] = []
    # venues share party scores (`rank_venues`): each one's brief is written once and the
    # same dict shown at every venue that shares the score (a document is read, never
    # changed, and `clean_view` cleans a shared dict once), its worst obstacle term found once
    # A brief reads the party, its joint weight, its utility and its stance only: party
    # scores that differ in their criteria's texts alone share one (the stance object is
    # alive in the ranking, so its id is unique)
    briefs: dict[tuple[str, float, float, int], PartyBrief] = {}
    worst: dict[tuple[Any, ...], tuple[float, str, str] | None] = {}

    def brief(ps: PartyScore) -> PartyBrief:
        key = (ps.party, ps.joint_weight, ps.utility, id(ps.stance))
        hit = briefs.get(key)
        if hit is None:
            hit = briefs[key] = party_brief(ds, ps)
        return hit

    for s in ranking.scores:
        venues.append(
            {
                "rank": s.rank,
                "id": s.venue.id,
                "name": s.venue.name,
                "city": s.venue.city,
                "country": s.venue.country,
                "country_name": s.venue.country_name,
                "joint_score": s.joint,
                "feasible": s.feasible,
                "vetoed_by": [v.party for v in s.vetoes],
                "main_obstacle": main_obstacle(ranking, s, worst),
                "parties": [brief(ps) for ps in s.parties],
                "probability": s.probability,
                "momentum": s.momentum.value,
            }
        )
    return {**header(ranking, "rank", warnings), "conditional": CONDITIONAL, "venues": venues}


def _criterion_rows(ranking: Ranking, ps: PartyScore) -> list[CriterionRow]:
    p = ranking.params
    scale = (1.0 - p.stance_share) * (1.0 - p.momentum_share)
    return [
        {
            "criterion": cv.criterion,
            "label": REGISTRY[cv.criterion].label,
            "value": cv.value,
            "weight": w,
            "effective_weight": scale * w,
            "contribution": contrib,
            "rule": cv.rule,
            "judged": cv.judged,
            "evidence": list(cv.evidence),
        }
        for cv, w, contrib in zip(ps.criteria, ps.weights, ps.contributions, strict=True)
    ]


def _evidence_rows(ranking: Ranking, ps: PartyScore) -> list[EvidenceView]:
    share = ranking.params.stance_share
    rows: list[EvidenceView] = []
    for e in ps.stance.evidence:
        st = e.statement
        rows.append(
            {
                "kind": e.kind,
                "id": e.id,
                "date": e.date.isoformat(),
                "stance": e.stance.value,
                "score": e.score,
                "meeting": e.meeting,
                "named": not e.blanket,
                "quality": e.quality,
                "relatedness": e.relatedness,
                "specificity": e.specificity,
                "decay": e.decay,
                "weight": e.weight,
                "share": e.share,
                "contribution": share * e.share * e.score,
                "quote": st.quote if st else (e.event.summary if e.event else None),
                "speaker": st.speaker if st else None,
                "conditions": [f"{c.kind}: {c.text}" for c in st.conditions] if st else [],
            }
        )
    return rows


def party_detail(ranking: Ranking, ps: PartyScore, momentum: MomentumView) -> PartyDetail:
    ds = ranking.dataset
    st = ps.stance
    p = ranking.params
    return {
        **party_brief(ds, ps),
        "stance_share": p.stance_share,
        "stance_contribution": ps.stance_contribution,
        "stance_prior_share": st.prior_share,
        "stance_prior_contribution": p.stance_share * st.prior_share * p.unknown_stance,
        "evidence": _evidence_rows(ranking, ps),
        "lapsed": list(st.lapsed),
        "statement": statement_view(ds, st.statement) if st.statement else None,
        "criteria": _criterion_rows(ranking, ps),
        "momentum_weight": (1.0 - p.stance_share) * p.momentum_share,
        "momentum_value": momentum["value"],
        "momentum_rule": momentum["rule"],
        "momentum_contribution": ps.momentum_contribution,
    }


if TYPE_CHECKING:  # for the annotations of ExplainIndex
    from venue_cli.records import Event, Fact, Venue


class ExplainIndex:
    """The records an explanation lists, indexed once per ranking (`venue_explanation`),
    so that explaining every venue costs in proportion to the dataset: statements naming
    each venue in date order, the facts in force by id, venue and country (notes), and
    the events by country."""

    def __init__(self, ranking: Ranking) -> None:
        ds, day = ranking.dataset, ranking.as_of
        self.history: dict[str, list[Statement]] = {}
        for st in sorted(ds.statements, key=lambda x: (x.date, x.line)):
            if st.date <= day:
                for v in dict.fromkeys(st.venues):
                    self.history.setdefault(v, []).append(st)
        self.facts = [f for f in ds.facts if f.applies_on(day)]  # in the dataset's order
        self.fact_by_id: dict[str, list[int]] = {}
        self.fact_by_venue: dict[str, list[int]] = {}
        self.notes_by_country: dict[str, list[int]] = {}
        for i, f in enumerate(self.facts):
            self.fact_by_id.setdefault(f.id, []).append(i)
            if f.venue is not None:
                self.fact_by_venue.setdefault(f.venue, []).append(i)
            if f.kind.value == "note" and f.country is not None:
                self.notes_by_country.setdefault(f.country, []).append(i)
        self.events: dict[str, list[Event]] = {}
        for e in ds.events:
            if e.date <= day:
                self.events.setdefault(e.country, []).append(e)

    def facts_at(self, venue: Venue, evidence_ids: set[str]) -> list[Fact]:
        """The facts in force that the model used there, that are about the venue, or that
        are notes on its country, in the dataset's order."""
        found = set(self.fact_by_venue.get(venue.id, ()))
        found.update(self.notes_by_country.get(venue.country, ()))
        for e in evidence_ids:
            found.update(self.fact_by_id.get(e, ()))
        return [self.facts[i] for i in sorted(found)]


#: the latest index, with the records and the day it was built for
_LAST_INDEX: list[
    tuple[tuple[Statement, ...], tuple[Fact, ...], tuple[Event, ...], dt.date, ExplainIndex]
] = []


def explain_index(ranking: Ranking) -> ExplainIndex:
    """The `ExplainIndex` of the ranking's records as of its day: built once, and kept for
    the next explanation of the same records (the latest one only), so that explaining
    every venue one call at a time (`venues report`) indexes the dataset once. The records
    are tuples of immutable records: the same tuple objects always hold the same records."""
    ds, day = ranking.dataset, ranking.as_of
    for statements, facts, events, as_of, index in _LAST_INDEX:
        if (
            statements is ds.statements
            and facts is ds.facts
            and events is ds.events
            and as_of == day
        ):
            return index
    index = ExplainIndex(ranking)
    _LAST_INDEX[:] = [(ds.statements, ds.facts, ds.events, day, index)]
    return index


def venue_explanation(ranking: Ranking, venue_id: str) -> VenueExplanation:
    ds = ranking.dataset
    ix = explain_index(ranking)
    s = ranking.get(venue_id)
    v = s.venue
    history = [statement_view(ds, st) for st in ix.history.get(v.id, ())]
    evidence_ids = {e for ps in s.parties for cv in ps.criteria for e in cv.evidence}
    facts: list[FactView] = [
        {
            "id": f.id,
            "kind": f.kind.value,
            "date": f.date.isoformat(),
            "valid_from": f.valid_from.isoformat(),
            "valid_until": _d(f.valid_until),
            "summary": f.summary,
            "quote": f.quote,
            "confidence": f.confidence.value,
            "sources": cites(ds, f.sources),
            "used_by_model": f.id in evidence_ids,
        }
        for f in ix.facts_at(v, evidence_ids)
    ]
    events: list[EventView] = [
        {
            "id": e.id,
            "date": e.date.isoformat(),
            "end_date": _d(e.end_date),
            "place": e.place,
            "kind": e.kind.value,
            "meeting": e.meeting,
            "parties": list(e.parties),
            "summary": e.summary,
            "sources": cites(ds, e.sources),
        }
        for e in ix.events.get(v.country, ())
    ]
    moment = _momentum_view(ranking, s.momentum)
    return {
        "venue": {
            "id": v.id,
            "name": v.name,
            "city": v.city,
            "country": v.country,
            "country_name": v.country_name,
            "aliases": list(v.aliases),
            "note": v.note,
        },
        "rank": s.rank,
        "of": len(ranking.scores),
        "joint_score": s.joint,
        "probability": s.probability,
        "momentum": moment,
        "feasible": s.feasible,
        "vetoes": [
            {"party": x.party, "statement": statement_view(ds, x.statement)} for x in s.vetoes
        ],
        "parties": [party_detail(ranking, ps, moment) for ps in s.parties],
        "obstacles": [
            {
                "party": o.party,
                "what": o.what,
                "description": o.description,
                "remedy": o.remedy,
                "loss": o.loss,
                "evidence": list(o.evidence),
            }
            for o in obstacles(ranking, v.id)
        ],
        "history": history,
        "facts": facts,
        "events": events,
        "criteria_order": list(ranking.criteria),
    }


def _momentum_view(ranking: Ranking, m: Momentum) -> MomentumView:
    st = m.statement
    h = ranking.params.momentum_half_life_days
    if st is None:
        rule = "no party has said anything positive about it"
    else:
        age = (ranking.as_of - st.date).days
        who = ranking.dataset.parties[st.party].name
        rule = (
            f"newest positive news: {who} {st.stance.value}, {st.date.isoformat()} ({age} days "
            f"before; half-life {h:g} days)"
        )
    return {
        "value": m.value,
        "statement": st.id if st else None,
        "date": st.date.isoformat() if st else None,
        "rule": rule,
    }


def preconditions(ds: Dataset, as_of: dt.date | None = None) -> list[PreconditionView]:
    """The case's preconditions stated by `as_of` (all of them without a date)."""
    return [
        {
            "id": p.id,
            "party": p.party,
            "date": p.date.isoformat(),
            "text": p.text,
            "sources": cites(ds, p.sources),
        }
        for p in ds.case.preconditions
        if as_of is None or p.date <= as_of
    ]


def explain_view(
    ranking: Ranking, venue_ids: list[str] | str, warnings: list[str] | None = None
) -> ExplainDocument:
    """One venue's explanation (its fields at the top level and as `venues[0]`), or several
    (`venues` only)."""
    ids = [venue_ids] if isinstance(venue_ids, str) else list(venue_ids)
    items = [venue_explanation(ranking, i) for i in ids]
    doc: dict[str, object] = {
        **header(ranking, "explain", warnings),
        "conditional": CONDITIONAL,
        "preconditions": preconditions(ranking.dataset, ranking.as_of),
    }
    if len(items) == 1:
        doc.update(items[0])
    doc["venues"] = items
    return cast(ExplainDocument, doc)


def sensitivity_view(
    ranking: Ranking,
    result: SensitivityResult,
    stability: list[StabilityInterval],
    warnings: list[str] | None = None,
) -> SensitivityDocument:
    ds = ranking.dataset
    return {
        **header(ranking, "sensitivity", warnings),
        "samples": result.samples,
        "seed": result.seed,
        "concentration": result.concentration,
        "uncertain_stances": result.uncertain_stances,
        "headline": result.headline(),
        "ranks_shown": result.ranks_shown,
        "venues": [
            {
                "id": a.venue,
                "name": a.name,
                "deterministic_rank": a.deterministic_rank,
                "expected_rank": a.expected_rank,
                "feasible_share": a.feasible_share,
                "acceptability": list(a.shares),
            }
            for a in result.venues
        ],
        "stability": [
            {
                "party": s.party,
                "party_name": ds.parties[s.party].name,
                "criterion": s.criterion,
                "weight": s.weight,
                "low": s.low,
                "high": s.high,
                "below": s.below,
                "above": s.above,
            }
            for s in stability
        ],
    }
