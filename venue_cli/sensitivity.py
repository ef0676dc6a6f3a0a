"""How sure are we: Monte Carlo rank acceptability (SMAA-2 style) and weight stability intervals.

Both start from a deterministic `Ranking`, so they use exactly the criteria values and
stances that `rank` and `explain` show. The Monte Carlo draws, per sample:

* each weighted party's criteria weights from a Dirichlet centred on its configured weights
  (concentration κ: the Dirichlet parameters are κ·w; criteria a party gives zero weight
  stay at zero);
* the parties' joint weights from a Dirichlet centred on their configured joint weights;
* each uncertain stance (reported or paraphrased, low confidence, or 'open') one step down or
  up the ordinal scale with probability 1/4 each (it stays with probability 1/2; a step off the
  end of the scale stays). A sampled 'rejects' by a principal about the meeting being placed
  is a veto in that sample.

numpy is imported inside the functions: `rank` and `explain` never load it.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from venue_cli.errors import InvalidArgumentError, VenueError
from venue_cli.model import Attribution, Confidence, Criterion, Stance
from venue_cli.params import Method
from venue_cli.scoring import CRITERIA, Ranking, aggregate

LEVELS: tuple[Stance, ...] = (
    Stance.REJECTS,
    Stance.RELUCTANT,
    Stance.OPEN,
    Stance.ACCEPTS,
    Stance.PROPOSES,
)
DEFAULT_SAMPLES = 20_000
MAX_SAMPLES = 5_000_000
DEFAULT_CONCENTRATION = 50.0
CHUNK = 25_000  # samples per vectorised step; fixed so that a seed always gives the same draws


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

    def headline(self) -> str:
        """One plain-language line about the venue most often first."""
        if not self.venues:
            return "no venues to rank"
        best = max(self.venues, key=lambda a: (a.shares[0], -a.deterministic_rank))
        pct = best.shares[0] * 100
        return f"{best.name} ranks first in {pct:.0f}% of {self.samples:,} samples"


def check_arguments(samples: int, concentration: float) -> None:
    """Refuse a sample count or concentration the Monte Carlo cannot use."""
    if not 1 <= samples <= MAX_SAMPLES:
        raise InvalidArgumentError(
            f"--samples must be between 1 and {MAX_SAMPLES:,} (got {samples:,})"
        )
    if not math.isfinite(concentration) or concentration <= 0:
        raise InvalidArgumentError(
            f"--concentration must be a positive number (got {concentration})"
        )


def _uncertain(statement: object) -> bool:
    from venue_cli.model import Statement

    assert isinstance(statement, Statement)
    return (
        statement.attribution is not Attribution.FIRST_HAND
        or statement.confidence is Confidence.LOW
        or statement.stance is Stance.OPEN
    ) and not statement.assumed


def run_sensitivity(
    ranking: Ranking,
    *,
    samples: int = DEFAULT_SAMPLES,
    seed: int = 0,
    concentration: float = DEFAULT_CONCENTRATION,
    vary_stances: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> SensitivityResult:
    """Monte Carlo over weights and uncertain stances; see the module docstring."""
    try:
        import numpy as np
    except ImportError:  # numpy is a dependency, but a broken environment should still read well
        raise VenueError(
            "venues sensitivity needs numpy; install it with: python3 -m pip install numpy"
        ) from None

    check_arguments(samples, concentration)
    p = ranking.params
    ds = ranking.dataset
    scores = ranking.scores  # deterministic rank order
    n_v = len(scores)
    if n_v == 0:
        return SensitivityResult(samples, seed, concentration, 0, ())
    parties = [ps.party for ps in scores[0].parties] if scores else []
    n_p = len(parties)
    n_c = len(CRITERIA)
    # fixed inputs, from the deterministic breakdown
    x = np.zeros((n_p, n_v, n_c))
    base_w = np.zeros((n_p, n_c))
    joint_w = np.zeros(n_p)
    level = np.full((n_p, n_v), -1, dtype=np.int64)  # -1: no statement (fixed unknown score)
    uncertain = np.zeros((n_p, n_v), dtype=bool)
    discounted = np.zeros((n_p, n_v), dtype=bool)
    can_veto = np.zeros((n_p, n_v), dtype=bool)
    principals = set(ds.case.principals)
    for j, s in enumerate(scores):
        for i, ps in enumerate(s.parties):
            x[i, j] = [cv.value for cv in ps.criteria]
            base_w[i] = ps.weights
            joint_w[i] = ps.joint_weight
            st = ps.stance
            if st.stance is not None and st.statement is not None:
                level[i, j] = LEVELS.index(st.stance)
                uncertain[i, j] = vary_stances and _uncertain(st.statement)
                discounted[i, j] = st.discounted
                can_veto[i, j] = ps.party in principals and not st.discounted
    # other principals (not in the scored parties, e.g. with --party) can still veto
    fixed_veto = np.array([any(v.party not in parties for v in s.vetoes) for s in scores])
    level_scores = np.array([p.stance_scores[s] for s in LEVELS])
    # deterministic tie-break order: by name, then id (as in rank_venues)
    order = sorted(range(n_v), key=lambda j: (scores[j].venue.name.casefold(), scores[j].venue.id))
    order_arr = np.array(order)

    rng = np.random.default_rng(seed)
    counts = np.zeros((n_v, n_v), dtype=np.int64)  # [venue, rank]
    feasible_count = np.zeros(n_v, dtype=np.int64)
    done = 0
    while done < samples:
        m = min(CHUNK, samples - done)
        w = np.zeros((m, n_p, n_c))
        for i in range(n_p):
            pos = base_w[i] > 0
            if pos.any():
                w[:, i, pos] = rng.dirichlet(concentration * base_w[i, pos], size=m)
        if n_p > 1:
            jpos = joint_w > 0
            lam = np.zeros((m, n_p))
            lam[:, jpos] = rng.dirichlet(concentration * joint_w[jpos], size=m)
        else:
            lam = np.ones((m, n_p))
        step = rng.integers(0, 4, size=(m, n_p, n_v))  # 0: down, 1: up, 2-3: stay
        delta = np.where(step == 0, -1, np.where(step == 1, 1, 0)) * uncertain
        lv = np.clip(level + delta, 0, len(LEVELS) - 1)
        sigma = np.where(level >= 0, level_scores[lv], p.unknown_stance)
        sigma = np.where(
            discounted,
            p.unknown_stance + p.other_meeting_factor * (sigma - p.unknown_stance),
            sigma,
        )
        crit = np.einsum("mpc,pvc->mpv", w, x)
        util = p.stance_share * sigma + (1.0 - p.stance_share) * crit
        veto = ((lv == 0) & (level >= 0) & can_veto).any(axis=1) | fixed_veto
        joint = _aggregate_np(np, ranking.method, lam, util)
        key = np.where(veto, 0.0, 2.0) + joint  # feasible first, then by joint score
        ranked = np.argsort(-key[:, order_arr], axis=1, kind="stable")
        venue_at_rank = order_arr[ranked]  # (m, rank) -> venue index
        flat = venue_at_rank * n_v + np.arange(n_v)
        counts += np.bincount(flat.ravel(), minlength=n_v * n_v).reshape(n_v, n_v)
        feasible_count += (~veto).sum(axis=0)
        done += m
        if progress is not None:
            progress(done, samples)

    shares = counts / samples
    ranks = np.arange(1, n_v + 1)
    venues = tuple(
        Acceptability(
            s.venue.id,
            s.venue.name,
            tuple(float(v) for v in shares[j]),
            float(feasible_count[j] / samples),
            float((shares[j] * ranks).sum()),
            s.rank,
        )
        for j, s in enumerate(scores)
    )
    return SensitivityResult(samples, seed, concentration, int(uncertain.sum()), venues)


def _aggregate_np(np: object, method: Method, lam: object, util: object) -> object:
    """Joint scores (m, v) from joint weights (m, p) and utilities (m, p, v)."""
    import numpy

    assert isinstance(lam, numpy.ndarray)
    assert isinstance(util, numpy.ndarray)
    if method is Method.NASH:
        with numpy.errstate(divide="ignore"):
            logs = numpy.log(util)
        weighted = numpy.where(lam[:, :, None] > 0, lam[:, :, None] * logs, 0.0)
        return numpy.exp(weighted.sum(axis=1))
    if method is Method.UTILITARIAN:
        return (lam[:, :, None] * util).sum(axis=1)
    masked = numpy.where(lam[:, :, None] > 0, util, numpy.inf)
    return masked.min(axis=1)


# --------------------------------------------------------------------------- stability


@dataclass(frozen=True, slots=True)
class StabilityInterval:
    """Over [low, high] of one party's weight for one criterion (others rescaled in
    proportion), the current first venue stays first; `below`/`above` take over past the ends
    (None: it stays first to the end of the range)."""

    party: str
    criterion: Criterion
    weight: float
    low: float
    high: float
    below: str | None
    above: str | None


def _first_fn(ranking: Ranking, party_idx: int, c_idx: int) -> Callable[[float], str]:
    """first(t): the first venue when the party's weight on criterion c is t, the party's
    other weights rescaled in proportion. The party's utility is linear in t,
    U(t) = s·σ + (1 − s)·(R/r + t·(x_c − R/r)) with R = Σ_{k≠c} w_k·x_k and r = 1 − w_c,
    so each venue is reduced to a line once, and first(t) only evaluates lines."""
    share = ranking.params.stance_share
    method = ranking.method
    lines: list[tuple[tuple[bool, str, str], float, float, list[tuple[float, float]], float]] = []
    for s in ranking.scores:
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
        others = [(q.joint_weight, q.utility) for k, q in enumerate(s.parties) if k != party_idx]
        lines.append(
            ((not s.feasible, s.venue.name.casefold(), s.venue.id), a, b, others, ps.joint_weight)
        )

    def first(t: float) -> str:
        best_key: tuple[bool, float, str, str] | None = None
        for (infeasible, name, vid), a, b, others, jw in lines:
            joint = aggregate(method, [*others, (jw, a + b * t)])
            key = (infeasible, -joint, name, vid)
            if best_key is None or key < best_key:
                best_key = key
        assert best_key is not None
        return best_key[3]

    return first


def stability_intervals(ranking: Ranking, tol: float = 1e-6) -> list[StabilityInterval]:
    """For each weighted party and each criterion it weighs, the weight range over which the
    current first venue stays first (a grid of 100 steps, then bisection to `tol`)."""
    if not ranking.scores:
        return []
    top = ranking.scores[0].venue.id
    out: list[StabilityInterval] = []
    for pi, ps in enumerate(ranking.scores[0].parties):
        for ci, c in enumerate(CRITERIA):
            w0 = ps.weights[ci]

            first = _first_fn(ranking, pi, ci)
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
