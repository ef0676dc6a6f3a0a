"""How sure are we: Monte Carlo rank acceptability (SMAA-2 style) and weight stability intervals.

Both start from a deterministic `Ranking`, so they use exactly the criteria values and
stances that `rank` and `explain` show, and the same kernel (`venue_cli.model.kernel`) on
arrays of samples. Per sample the Monte Carlo draws:

* each weighted party's criteria weights from a Dirichlet centred on its configured weights
  (concentration κ: the Dirichlet parameters are κ·w; criteria a party gives zero weight
  stay at zero; κ = inf keeps the configured weights exactly);
* the parties' joint weights from a Dirichlet centred on their configured joint weights;
* each uncertain stance (reported or paraphrased, low confidence, or 'open') one step down or
  up the ordinal scale with probability 1/4 each (it stays with probability 1/2; a step off the
  end of the scale stays). A sampled 'rejects' by a principal about the meeting being placed
  is a veto in that sample.

Memory is bounded: samples are drawn in chunks sized so that one chunk's arrays stay under
`CHUNK_BYTES` (the chunk size depends only on the numbers of venues, parties and criteria,
so a seed always gives the same output), and with more than `MAX_RANKS` venues only the
acceptability of the first `MAX_RANKS` ranks is kept (the output says so). numpy is imported
inside the functions: `rank` and `explain` never load it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from venue_cli.errors import InvalidArgumentError, VenueError
from venue_cli.model import kernel
from venue_cli.model.params import Method
from venue_cli.model.ranking import Ranking
from venue_cli.records import STANCE_LEVELS

DEFAULT_SAMPLES = 20_000
MAX_SAMPLES = 5_000_000
DEFAULT_CONCENTRATION = 50.0
MIN_CONCENTRATION = 0.01
MAX_CONCENTRATION = 1e6
MAX_CHUNK = 25_000  # samples per vectorised step at most
CHUNK_BYTES = 64 * 1024 * 1024  # the arrays of one chunk stay below this
MAX_RANKS = 20  # with more venues, only the first MAX_RANKS ranks' acceptability is kept
#: One sample's arrays must fit the chunk budget: past this, refuse rather than thrash.
FLOATS_PER_CELL = 8  # arrays of (parties x venues) per sample, besides one per criterion
#: The work one run may do: samples x (ITEM_WORK x pieces of evidence + party x venue x
#: (criteria + FLOATS_PER_CELL) cells). On the benchmark machine the synthetic 10,000
#: venues (2 parties) come to 85% of it and take about a minute; 1,000 blanket remarks over
#: 1,000 venues (a million pieces of evidence) fit 1,994 samples, about two minutes. The
#: evidence grows like remarks x venues, so a short file can ask for hours: past the
#: budget, refuse and say how many samples fit.
MAX_WORK = 20_000_000_000
ITEM_WORK = 10  # a piece of evidence costs up to ten cells (measured on blanket remarks)


@dataclass(frozen=True, slots=True)
class Acceptability:
    """Rank acceptability of one venue: shares[k] = share of samples where it ranks k+1."""

    venue: str
    name: str
    shares: tuple[float, ...]
    feasible_share: float
    expected_rank: float
    deterministic_rank: int


@dataclass(frozen=True, slots=True)
class SensitivityResult:
    samples: int
    seed: int
    concentration: float
    uncertain_stances: int
    venues: tuple[Acceptability, ...]  # in deterministic rank order
    ranks_shown: int = 0  # how many ranks' acceptability `shares` holds

    def headline(self) -> str:
        """One plain-language line about the venue most often first."""
        if not self.venues:
            return "no venues to rank"
        best = max(self.venues, key=lambda a: (a.shares[0], -a.deterministic_rank))
        pct = best.shares[0] * 100
        return f"{best.name} ranks first in {pct:.0f}% of {self.samples:,} samples"


def check_arguments(samples: int, concentration: float, seed: int = 0) -> None:
    """Refuse a sample count, concentration or seed the Monte Carlo cannot use."""
    if not 1 <= samples <= MAX_SAMPLES:
        raise InvalidArgumentError(
            f"--samples must be between 1 and {MAX_SAMPLES:,} (got {samples:,})"
        )
    if math.isnan(concentration) or not (
        MIN_CONCENTRATION <= concentration <= MAX_CONCENTRATION or concentration == math.inf
    ):
        raise InvalidArgumentError(
            f"--concentration must be between {MIN_CONCENTRATION:g} and {MAX_CONCENTRATION:g}, "
            f"or inf for the configured weights exactly (got {concentration})"
        )
    if seed < 0 or seed >= 2**63:
        raise InvalidArgumentError(f"--seed must be between 0 and 2^63 - 1 (got {seed})")


def chunk_size(parties: int, venues: int, criteria: int, items: int = 0) -> int:
    """Samples per chunk so that one chunk's arrays stay below CHUNK_BYTES."""
    per_sample = 8 * (parties * venues * (criteria + FLOATS_PER_CELL) + 6 * venues + 4 * items)
    if per_sample > CHUNK_BYTES:
        raise VenueError(
            f"sensitivity needs about {per_sample / 2**20:,.0f} MiB per sample for "
            f"{venues:,} venues and {parties} parties (the budget is "
            f"{CHUNK_BYTES / 2**20:,.0f} MiB): rank fewer venues (--data with a smaller case) "
            "or fewer weighted parties (--party P)"
        )
    return max(1, min(MAX_CHUNK, CHUNK_BYTES // per_sample))


def check_work(samples: int, items: int, cells: int, venues: int) -> None:
    """Refuse a run whose work (see MAX_WORK) is above the budget, saying how many samples
    fit."""
    per = ITEM_WORK * items + cells
    if samples * per > MAX_WORK:
        fit = max(1, MAX_WORK // per)
        raise VenueError(
            f"sensitivity would take many minutes: {samples:,} samples of {items:,} pieces "
            f"of evidence over {venues:,} venues is above the work budget "
            f"({MAX_WORK:,} units, {per:,} per sample); lower --samples to at most {fit:,}"
        )


def _numpy() -> Any:
    try:
        import numpy as np
    except ImportError:  # numpy is a dependency, but a broken environment should still read well
        raise VenueError(
            "venues sensitivity needs numpy; install it with: python3 -m pip install numpy"
        ) from None
    return np


def parameter_samples() -> list[dict[str, float]]:
    """The bootstrap samples of the fitted constants shipped with the package."""
    import json

    from venue_cli.model.params import FREE, PARAMETERS_FILE

    try:
        doc = json.loads(PARAMETERS_FILE.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    names = {f.name for f in FREE}
    return [
        {k: float(v) for k, v in b.items() if k in names}
        for b in doc.get("bootstrap", [])
        if names <= set(b)
    ]


def run_sensitivity(
    ranking: Ranking,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    concentration: float = DEFAULT_CONCENTRATION,
    vary_stances: bool = True,
    vary_parameters: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> SensitivityResult:
    """Monte Carlo over weights, uncertain stances and (optionally) the fitted constants;
    see the module docstring."""
    np = _numpy()
    check_arguments(samples, concentration, seed)
    from venue_cli.model.features import evaluate, extract
    from venue_cli.model.params import FREE

    p = ranking.params
    scores = ranking.scores  # deterministic rank order
    n_v = len(scores)
    if n_v == 0:
        return SensitivityResult(samples, seed, concentration, 0, ())
    f = extract(ranking)
    # features are in venue-id order; results are reported in rank order
    order_of = {vid: k for k, vid in enumerate(f.venues)}
    rank_order = np.array([order_of[s.venue.id] for s in scores])
    n_p = f.n_parties
    n_c = f.weights.shape[1] if n_p else 0
    m_chunk = chunk_size(max(n_p, 1), n_v, n_c, len(f.pair))
    check_work(samples, len(f.pair), max(n_p, 1) * n_v * (n_c + FLOATS_PER_CELL), n_v)
    k_ranks = min(n_v, MAX_RANKS)
    base = {fr.name: float(getattr(p, fr.name)) for fr in FREE}
    draws = parameter_samples() if vary_parameters else []
    if vary_parameters and not draws:
        raise VenueError("no parameter samples ship with this install (run `venues calibrate`)")
    level_scores = np.array([p.stance_scores[s] for s in STANCE_LEVELS])
    unsure = (f.uncertain if vary_stances else np.zeros_like(f.uncertain)).astype(bool)
    # each item's statement (talks attended: a last, never-uncertain slot)
    gidx = np.where(f.group >= 0, f.group, len(unsure))
    item_unsure = np.append(unsure, False)[gidx]
    tie_in_features = np.array(kernel.tie_break([(ranking.get(v).venue.name, v) for v in f.venues]))
    exact = concentration == math.inf
    xp = kernel.numpy_math()
    # Draws are made in id order (parties, statements), never in the file's order, so that
    # reordering the records of a file leaves every sample as it was.
    party_order = sorted(range(n_p), key=lambda i: f.parties[i])
    joint_order = [i for i in party_order if f.lam[i] > 0]
    n_g = len(unsure)
    group_rank = np.empty(n_g + 1, dtype=np.int64)  # column of each group in the draws
    group_rank[sorted(range(n_g), key=lambda g: f.statements[g])] = np.arange(n_g)
    group_rank[n_g] = n_g
    rng = np.random.default_rng(seed)
    counts = np.zeros((n_v, k_ranks), dtype=np.int64)  # [feature venue, rank]
    rank_sum = np.zeros(n_v)
    feasible_count = np.zeros(n_v, dtype=np.int64)
    done = 0
    with np.errstate(divide="ignore", invalid="ignore"):
        while done < samples:
            m = min(m_chunk, samples - done)
            w = np.broadcast_to(f.weights, (m, *f.weights.shape)).copy()
            lam = np.broadcast_to(f.lam, (m, n_p)).copy()
            if not exact:
                for i in party_order:
                    pos = f.weights[i] > 0
                    if pos.any():
                        w[:, i] = 0.0
                        w[:, i, pos] = rng.dirichlet(concentration * f.weights[i, pos], size=m)
                if n_p > 1:
                    lam[:] = 0.0
                    lam[:, joint_order] = rng.dirichlet(concentration * f.lam[joint_order], size=m)
            # 0 down, 1 up, 2-3 stay
            step = rng.integers(0, 4, size=(m, n_g + 1))[:, group_rank]
            delta = np.where(step == 0, -1, np.where(step == 1, 1, 0))[:, gidx]
            levels = np.clip(f.level + delta * item_unsure, 0, len(STANCE_LEVELS) - 1)
            item_scores = level_scores[levels]
            veto = np.broadcast_to(f.fixed_veto, (m, n_v)).copy()
            for col in range(f.veto_item.shape[1]):
                idx = f.veto_item[:, col]
                has = idx >= 0
                veto[:, has] |= levels[:, idx[has]] == 0
            if draws:
                picks = rng.integers(0, len(draws), size=m)
                theta = {k: np.array([draws[i][k] for i in picks]) for k in base}
            else:
                theta = base
            joint, _ = evaluate(f, theta, weights=w, lam=lam, scores=item_scores, vetoed=veto,
                                probabilities=False)  # fmt: skip
            key = kernel.order_key(xp, ~veto, joint)
            ranked = tie_in_features[_rank_order(np, key[:, tie_in_features])]
            flat = ranked[:, :k_ranks] * k_ranks + np.arange(k_ranks)
            counts += np.bincount(flat.ravel(), minlength=n_v * k_ranks).reshape(n_v, k_ranks)
            position = np.empty_like(ranked)
            np.put_along_axis(position, ranked, np.arange(1, n_v + 1)[None, :], axis=1)
            rank_sum += position.sum(axis=0)
            feasible_count += (~veto).sum(axis=0)
            done += m
            if progress is not None:
                progress(done, samples)
    shares = counts / samples
    venues = tuple(
        Acceptability(
            s.venue.id,
            s.venue.name,
            tuple(float(v) for v in shares[rank_order[j]]),
            float(feasible_count[rank_order[j]] / samples),
            float(rank_sum[rank_order[j]] / samples),
            s.rank,
        )
        for j, s in enumerate(scores)
    )
    return SensitivityResult(samples, seed, concentration, int(unsure.sum()), venues, k_ranks)


#: `order_key` values are below 3 with TIE_DIGITS decimals: as whole numbers below 3·10^12,
#: times the venues, they stay exact in an int64 up to this many venues.
_EXACT_VENUES = (2**62) // (3 * 10**kernel.TIE_DIGITS)


def _rank_order(np: Any, keys: Any) -> Any:
    """Per row, the column indices of `keys` (S, V) from the highest key to the lowest,
    equal keys in column order: what a stable argsort of -keys gives. The keys are rounded
    to TIE_DIGITS decimals (`kernel.order_key`), so as whole numbers, each times V plus its
    column, they are distinct integers, which numpy's default sort orders about twice as
    fast as a stable sort of floats."""
    n_v = keys.shape[1]
    if n_v > _EXACT_VENUES or not np.isfinite(keys).all():
        return np.argsort(-keys, axis=1, kind="stable")
    whole = np.rint(keys * 10.0**kernel.TIE_DIGITS).astype(np.int64)
    return np.argsort(np.arange(n_v, dtype=np.int64) - whole * n_v, axis=1)


# --------------------------------------------------------------------------- stability


@dataclass(frozen=True, slots=True)
class StabilityInterval:
    """Over [low, high] of one party's weight for one criterion (others rescaled in
    proportion), the current first venue stays first; `below`/`above` take over past the ends
    (None: it stays first to the end of the range)."""

    party: str
    criterion: str
    weight: float
    low: float
    high: float
    below: str | None
    above: str | None


#: A venue is left out of first(t) when its best joint score over t in [0, 1] falls short of
#: another venue's worst by more than this (relative to 1 or to that score): far above
#: rounding (about 1e-16) and the tie precision (`kernel.TIE_DIGITS`), so it is never first.
PRUNE_MARGIN = 1e-9


def _first_fn(
    ranking: Ranking, party_idx: int, c_idx: int, joints: list[_Joint], prune: bool = True
) -> Callable[[float], str]:
    """first(t): the first venue when the party's weight on criterion c is t, the party's
    other weights rescaled in proportion. The party's utility is linear in t,
    U(t) = s·σ + (1 − s)·(R/r + t·(x_c − R/r)) with R = Σ_{k≠c} w_k·x_k and r = 1 − w_c,
    so each venue is reduced to a line once, and the other parties' part of its joint score
    is `joints` (summed once per venue): first(t) costs the same however many parties there
    are. A joint score does not fall as one party's utility rises, so over t in [0, 1] a
    venue's score lies between its scores at 0 and at 1: with `prune`, the venues that cannot
    be first anywhere in [0, 1] (another feasible venue, or any feasible venue for an
    infeasible one, always scores more by PRUNE_MARGIN) are dropped once, and first(t)
    scans only the venues that can — the same answer, in time that grows with those few."""
    share = ranking.params.stance_share
    lines: list[tuple[tuple[bool, str, str], float, float, _Joint, float]] = []
    for s, joint in zip(ranking.scores, joints, strict=True):
        ps = s.parties[party_idx]
        w = ps.weights
        xs = [cv.value for cv in ps.criteria]
        rest = 1.0 - w[c_idx]
        if rest > 1e-12:
            base = math.fsum(w[k] * xs[k] for k in range(len(w)) if k != c_idx) / rest
        else:  # the criterion had all the weight: the others share what is left equally
            base = math.fsum(xs[k] for k in range(len(w)) if k != c_idx) / (len(w) - 1)
        a = share * ps.stance.score + (1.0 - share) * base
        b = (1.0 - share) * (xs[c_idx] - base)
        lines.append(
            ((not s.feasible, s.venue.name.casefold(), s.venue.id), a, b, joint, ps.joint_weight)
        )
    if prune and lines:
        lines = _contenders(lines, party_idx)

    def first(t: float) -> str:
        best_key: tuple[bool, float, str, str] | None = None
        for (infeasible, name, vid), a, b, joint, jw in lines:
            score = joint.replacing(party_idx, jw, a + b * t)
            key = (infeasible, -round(score, kernel.TIE_DIGITS), name, vid)
            if best_key is None or key < best_key:
                best_key = key
        assert best_key is not None
        return best_key[3]

    return first


_Line = tuple[tuple[bool, str, str], float, float, "_Joint", float]


def _contenders(lines: list[_Line], party_idx: int) -> list[_Line]:
    """The venues of `lines` that may be first for some t in [0, 1] (see `_first_fn`)."""
    ends = []
    for _key, a, b, joint, jw in lines:
        at0, at1 = joint.replacing(party_idx, jw, a), joint.replacing(party_idx, jw, a + b)
        ends.append((min(at0, at1), max(at0, at1)))
    group = min(key[0] for key, *_rest in lines)  # False when some venue is feasible
    floor = max(lo for (key, *_rest), (lo, _hi) in zip(lines, ends, strict=True) if key[0] == group)
    bar = floor - PRUNE_MARGIN * max(1.0, abs(floor))  # -inf when floor is -inf
    return [
        line
        for line, (_lo, hi) in zip(lines, ends, strict=True)
        if line[0][0] == group and hi >= bar
    ]


#: Every finite double is a whole multiple of 2^-1074, so a sum of doubles scaled by 2^1074
#: is an exact integer.
_SCALE = 1074


def _exact(x: float) -> int:
    num, den = x.as_integer_ratio()  # den is a power of two, at most 2^1074
    return num << (_SCALE - (den.bit_length() - 1))


class _Joint:
    """One venue's joint score with one party's (λ, utility) replaced, in constant time: the
    parties' terms are summed once, exactly, and the replaced party's term is taken out and
    the new one put in, so the result is what `kernel.joint` gives over all the parties, bit
    for bit (`math.fsum` is correctly rounded, and so is the integer division here)."""

    __slots__ = ("exact", "method", "n_lost", "n_weighted", "total", "weighted", "worst")

    def __init__(self, method: Method, parties: list[tuple[float, float]]) -> None:
        self.method = method
        self.weighted = [lam > 0 for lam, _ in parties]
        self.n_weighted = sum(self.weighted)
        self.exact: list[int | None] = []  # None: a term of -inf (a utility of 0 under nash)
        for lam, u in parties:
            term = kernel.joint_term(kernel.SCALAR, method, lam, u)
            self.exact.append(None if term == -math.inf else _exact(term))
        self.n_lost = self.exact.count(None)
        self.total = sum(x for x in self.exact if x is not None)
        # the two smallest weighted utilities, with their party, for maximin
        self.worst = sorted((u, i) for i, (lam, u) in enumerate(parties) if lam > 0)[:2]

    def replacing(self, i: int, lam: float, u: float) -> float:
        """The joint score with party i's joint weight and utility set to lam and u."""
        if not (self.n_weighted - self.weighted[i] or lam > 0):
            return 0.0
        if self.method is Method.MAXIMIN:  # someone is weighted: the first check says so
            utilities = [v for v, k in self.worst if k != i][:1] + ([u] if lam > 0 else [])
            return min(utilities)
        old = self.exact[i]
        term = kernel.joint_term(kernel.SCALAR, self.method, lam, u)
        if self.n_lost - (old is None) > 0 or term == -math.inf:
            total = -math.inf
        else:
            total = (self.total - (old or 0) + _exact(term)) / (1 << _SCALE)
        return math.exp(total) if self.method is Method.NASH else total


#: Stability intervals evaluate the joint score of every venue that may be first about 220
#: times per scored party and criterion, each evaluation in constant time (`_Joint`): in the
#: worst case (every venue a contender) their cost grows as parties × venues. Above this they
#: are not computed (`stability_skipped` says so): 2,000 venues with two parties, 200 with
#: 20, 16 with 250 (at the cap, about 10 s in the worst case on a 2-core machine).
MAX_STABILITY_COST = 4_000


def stability_cost(ranking: Ranking) -> int:
    """Scored parties × venues: what `stability_intervals` costs, as MAX_STABILITY_COST
    bounds it."""
    parties = len(ranking.scores[0].parties) if ranking.scores else 0
    return parties * len(ranking.scores)


def stability_skipped(ranking: Ranking) -> str | None:
    """A one-line note when `stability_intervals` is left out for its cost, else None."""
    cost = stability_cost(ranking)
    if cost <= MAX_STABILITY_COST:
        return None
    parties = len(ranking.scores[0].parties)
    return (
        f"weight stability intervals left out: {parties:,} scored parties over "
        f"{len(ranking.scores):,} venues cost parties × venues = {cost:,}, "
        f"above {MAX_STABILITY_COST:,} (the rank acceptability is complete)"
    )


def stability_intervals(ranking: Ranking, tol: float = 1e-6) -> list[StabilityInterval]:
    """For each weighted party and each criterion it weighs, the weight range over which the
    current first venue stays first (a grid of 100 steps, then bisection to `tol`). Skipped
    (empty) when scored parties × venues exceeds MAX_STABILITY_COST."""
    if not ranking.scores or stability_cost(ranking) > MAX_STABILITY_COST:
        return []
    top = ranking.scores[0].venue.id
    joints = [
        _Joint(ranking.method, [(q.joint_weight, q.utility) for q in s.parties])
        for s in ranking.scores
    ]
    out: list[StabilityInterval] = []
    for pi, ps in enumerate(ranking.scores[0].parties):
        for ci, c in enumerate(ranking.criteria):
            w0 = ps.weights[ci]
            first = _first_fn(ranking, pi, ci, joints)
            low, below = _edge(first, top, w0, 0.0, tol)
            high, above = _edge(first, top, w0, 1.0, tol)
            out.append(StabilityInterval(ps.party, c, w0, low, high, below, above))
    return out


def _edge(
    first: Callable[[float], str], top: str, start: float, end: float, tol: float
) -> tuple[float, str | None]:
    """Walk from `start` toward `end`; return the last t where `top` is first, and who
    takes over beyond it (None if nobody does before `end`)."""
    steps = 100
    prev = start
    for k in range(1, steps + 1):
        t = start + (end - start) * k / steps
        who = first(t)
        if who != top:
            inside, outside = prev, t
            while abs(outside - inside) > tol:
                mid = (inside + outside) / 2
                if first(mid) == top:
                    inside = mid
                else:
                    outside = mid
            return inside, first(outside)
        prev = t
    return end, None
