"""A ranking reduced to arrays, so that its scores can be recomputed for other values of the
fitted constants (`params.FREE`) without scoring the dataset again.

Everything the fitted constants do not touch is fixed here (criteria values but host
readiness, weights, vetoes); every piece of stance evidence keeps the factors of its weight.
`evaluate` then runs the kernel (`venue_cli.model.kernel`) on numpy arrays: the same
formulas as `rank`, for one set of constants or many. `venues calibrate` fits the constants
with it, and `venues sensitivity --parameters` samples them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from venue_cli.model import kernel
from venue_cli.model.params import Method, Params
from venue_cli.model.ranking import Ranking
from venue_cli.model.stances import Evidence
from venue_cli.model.stances import veto as veto_of
from venue_cli.records import STANCE_LEVELS, Attribution, Confidence, Stance, Statement

# how an evidence item's relatedness is set: 0 the placed meeting (1), 1 a kind whose
# relatedness the case declares (fixed), 2 another kind (the fitted default)
PLACED, DECLARED, DEFAULT = 0, 1, 2


@dataclass(frozen=True)
class Features:
    """One case's ranking as arrays (parties P, venues V, criteria C, evidence items N)."""

    venues: tuple[str, ...]
    method: Method
    lam: Any  # (P,) normalised joint weights
    weights: Any  # (P, C) normalised criteria weights
    values: Any  # (P, V, C) criteria values (readiness column recomputed)
    readiness: int | None  # the readiness column, or None
    readiness_fixed: Any  # (V,) bool: readiness not from the host's stance (judged, no host)
    vetoed: Any  # (V,) bool
    momentum_age: Any  # (V,) days since the newest positive news (inf: none)
    # evidence items: each belongs to a pair (stance of party p at venue v: p * V + v) or to
    # a host (readiness at venue v: P * V + v)
    pair: Any  # (N,) int
    score: Any  # (N,) stance score
    quality: Any  # (N,) confidence x attribution x sources (revealed: confidence only)
    rel_kind: Any  # (N,) PLACED / DECLARED / DEFAULT
    rel_value: Any  # (N,) the declared relatedness (1 for PLACED)
    named: Any  # (N,) bool: names the venue (else a blanket remark)
    revealed: Any  # (N,) bool: talks attended
    age: Any  # (N,) days
    neutral: float
    level: Any = None  # (N,) the stance's position on the scale (0 rejects … 4 proposes)
    group: Any = None  # (N,) which statement (index into `uncertain`); -1 for talks attended
    uncertain: Any = None  # (G,) bool: the statement's stance is uncertain (sensitivity)
    veto_item: Any = None  # (V, principals scored) the item deciding a veto, or -1
    fixed_veto: Any = None  # (V,) bool: vetoed by a principal that is not scored
    parties: tuple[str, ...] = ()  # (P,) the parties' ids
    statements: tuple[str, ...] = ()  # (G,) each statement group's statement id

    @property
    def n_parties(self) -> int:
        return int(self.lam.shape[0])


def _evidence_rows(ix_params: Params, ev: tuple[Evidence, ...], case_meeting: str,
                   declared: dict[str, float | None], as_of: dt.date,
                   groups: dict[str, int]) -> list[tuple[float, ...]]:  # fmt: skip
    rows: list[tuple[float, ...]] = []
    for e in ev:
        if e.meeting == case_meeting:
            kind, rel = PLACED, 1.0
        elif declared.get(e.meeting) is not None:
            kind, rel = DECLARED, float(declared[e.meeting] or 0.0)
        else:
            kind, rel = DEFAULT, 0.0
        q = e.quality / ix_params.revealed_weight if e.kind == "event" else e.quality
        age = float(max(0, (as_of - e.date).days))
        group = -1
        if e.statement is not None:
            group = groups.setdefault(e.statement.id, len(groups))
        rows.append((e.score, q, kind, rel, 0.0 if e.blanket else 1.0,
                     1.0 if e.kind == "event" else 0.0, age,
                     float(STANCE_LEVELS.index(e.stance)), float(group)))  # fmt: skip
    return rows


def uncertain(statement: Statement) -> bool:
    """A stance sensitivity varies: not first-hand, low confidence, or only 'open'."""
    return (
        statement.attribution is not Attribution.FIRST_HAND
        or statement.confidence is Confidence.LOW
        or statement.stance is Stance.OPEN
    ) and not statement.assumed


def extract(ranking: Ranking) -> Features:
    """The arrays of a ranking (computed with any parameters; revealed_weight must be > 0
    so that talks attended are in its evidence)."""
    import numpy as np

    from venue_cli.model.index import DayIndex

    ds = ranking.dataset
    p = ranking.params
    if p.revealed_weight <= 0 or p.momentum_share <= 0:
        raise ValueError(
            "extract features from a ranking with revealed_weight and momentum_share > 0"
        )
    scores = sorted(ranking.scores, key=lambda s: s.venue.id)  # a fixed order
    venues = tuple(s.venue.id for s in scores)
    n_v = len(venues)
    parties = [ps.party for ps in scores[0].parties] if scores else []
    n_p = len(parties)
    crit = ranking.criteria
    n_c = len(crit)
    r_col = crit.index("readiness") if "readiness" in crit else None
    lam = np.array([ps.joint_weight for ps in scores[0].parties]) if scores else np.zeros(0)
    weights = np.array([ps.weights for ps in scores[0].parties]) if scores else np.zeros((0, n_c))
    values = np.zeros((n_p, n_v, n_c))
    fixed = np.ones(n_v, dtype=bool)
    vetoed = np.array([not s.feasible for s in scores])
    m_age = np.full(n_v, np.inf)
    declared = {k: mk.relatedness for k, mk in ds.case.meeting_kinds.items()}
    rows: list[tuple[float, ...]] = []
    pair: list[int] = []
    groups: dict[str, int] = {}
    statements: dict[str, Statement] = {}
    principals = [i for i, party in enumerate(parties) if party in ds.case.principals]
    veto_item = np.full((n_v, len(principals)), -1, dtype=np.int64)
    fixed_veto = np.zeros(n_v, dtype=bool)
    ix = DayIndex.build(ds, ranking.as_of, p)
    for j, s in enumerate(scores):
        for i, ps in enumerate(s.parties):
            values[i, j] = [cv.value for cv in ps.criteria]
            start = len(rows)
            got = _evidence_rows(p, ps.stance.evidence, ds.case.meeting, declared, ranking.as_of,
                                 groups)  # fmt: skip
            for e in ps.stance.evidence:
                if e.statement is not None:
                    statements[e.statement.id] = e.statement
            rows += got
            pair += [i * n_v + j] * len(got)
            if i in principals:
                decider = veto_of(ix, ps.party, s.venue.id)
                for k, e in enumerate(ps.stance.evidence):
                    if decider is not None and e.statement is decider and not e.blanket:
                        veto_item[j, principals.index(i)] = start + k
        fixed_veto[j] = any(v.party not in parties for v in s.vetoes)
        if s.momentum.statement is not None:
            m_age[j] = float(max(0, (ranking.as_of - s.momentum.statement.date).days))
        host = s.venue.host
        if r_col is not None and host is not None and host in ds.parties:
            judged = any(ps.criteria[r_col].judged for ps in s.parties)
            if not judged:
                fixed[j] = False
                got = _evidence_rows(p, ix.stance(host, s.venue.id).evidence, ds.case.meeting,
                                     declared, ranking.as_of, groups)  # fmt: skip
                rows += got
                pair += [n_p * n_v + j] * len(got)
    arr = np.array(rows, dtype=float).reshape(-1, 9)
    unsure = np.zeros(len(groups), dtype=bool)
    for sid, g in groups.items():
        st = statements.get(sid)
        unsure[g] = st is not None and uncertain(st)
    return Features(
        venues,
        ranking.method,
        lam,
        weights,
        values,
        r_col,
        fixed,
        vetoed,
        m_age,
        np.array(pair, dtype=np.int64),
        arr[:, 0],
        arr[:, 1],
        arr[:, 2].astype(np.int64),
        arr[:, 3],
        arr[:, 4] > 0,
        arr[:, 5] > 0,
        arr[:, 6],
        p.unknown_stance,
        arr[:, 7].astype(np.int64),
        arr[:, 8].astype(np.int64),
        unsure,
        veto_item,
        fixed_veto,
        tuple(parties),
        tuple(groups),
    )


def evaluate(
    f: Features,
    theta: dict[str, Any],
    *,
    weights: Any = None,
    lam: Any = None,
    scores: Any = None,
    vetoed: Any = None,
    probabilities: bool = True,
) -> tuple[Any, Any]:
    """Joint scores and probabilities, each (S, V), for S samples of the fitted constants
    `theta` (names as in `Params`; each a number or an array of S). Optional per-sample
    overrides, for sensitivity: criteria `weights` (S, P, C), joint weights `lam` (S, P),
    evidence `scores` (S, N) and `vetoed` (S, V). With `probabilities=False` the second
    array is None (sensitivity only ranks).

    A constant given as one number is the same in every sample: what depends only on such
    constants (the evidence weights, their sum per stance, the momentum) is computed once,
    as one row, and broadcast — the same numbers, elementwise, as one row per sample."""
    import numpy as np

    xp = kernel.numpy_math()
    n_v, n_p = len(f.venues), f.n_parties
    sizes = [np.atleast_1d(np.asarray(v)).shape[0] for v in theta.values()]
    for extra in (weights, lam, scores, vetoed):
        if extra is not None:
            sizes.append(np.asarray(extra).shape[0])
    n_s = max(sizes)
    col = {}  # each constant as a column: one row when it is one number, else S rows
    for k, v in theta.items():
        arr = np.atleast_1d(np.asarray(v, dtype=float))
        col[k] = (arr if arr.shape[0] == 1 else np.broadcast_to(arr, (n_s,)))[:, None]
    rel = np.where(
        f.rel_kind == PLACED, 1.0,
        np.where(f.rel_kind == DECLARED, f.rel_value, col["other_meeting_relatedness"]),
    )  # fmt: skip
    spec = np.where(f.named, 1.0, col["blanket_weight"])
    qual = np.where(f.revealed, f.quality * col["revealed_weight"], f.quality)
    # (1 or S, N): the constants are columns
    w = kernel.evidence_weight(qual, rel, spec, kernel.decay(xp, f.age, col["half_life_days"]))
    x = f.score if scores is None else np.asarray(scores, dtype=float)
    n_pairs = (n_p + 1) * n_v

    def per_pair(values: Any) -> Any:
        """Σ over each pair's items, in item order, per row: (rows, N) -> (rows, pairs)."""
        rows = values.shape[0]
        if rows == 1:
            return np.bincount(f.pair, weights=values[0], minlength=n_pairs)[None, :]
        flat = (np.arange(rows)[:, None] * n_pairs + f.pair[None, :]).ravel()
        summed = np.bincount(flat, weights=values.ravel(), minlength=rows * n_pairs)
        return summed.reshape(rows, n_pairs)

    sum_w = per_pair(w)
    sum_wx = per_pair(w * x)
    prior = col["prior_weight"]
    sigma = (prior * f.neutral + sum_wx) / (prior + sum_w)  # the kernel's `pooled`, per pair
    sigma = np.broadcast_to(sigma, (n_s, n_pairs))
    stance = sigma[:, : n_p * n_v].reshape(n_s, n_p, n_v)
    values = np.broadcast_to(f.values, (n_s, *f.values.shape))
    if f.readiness is not None:
        values = values.copy()
        host = sigma[:, n_p * n_v :]
        values[:, :, :, f.readiness] = np.where(
            f.readiness_fixed[None, None, :], values[:, :, :, f.readiness], host[:, None, :]
        )
    share = col["stance_share"][:, :, None]
    m = col["momentum_share"][:, :, None]
    none = np.isinf(f.momentum_age)
    mom = np.where(none, 0.0, kernel.decay(xp, np.where(none, 0.0, f.momentum_age),
                                           col["momentum_half_life_days"]))  # fmt: skip
    cw = f.weights[None] if weights is None else np.asarray(weights)
    n_c = f.weights.shape[1]
    parts = kernel.contributions(
        share,
        [cw[:, :, c, None] * (1.0 - m) for c in range(n_c)],
        [values[:, :, :, c] for c in range(n_c)],
    )
    parts += kernel.contributions(share, [m], [mom[:, None, :]])
    util = kernel.utility(xp, share, stance, parts)  # (S, P, V)
    lams = f.lam[None] if lam is None else np.asarray(lam)
    with np.errstate(divide="ignore", invalid="ignore"):
        joint = kernel.joint(
            xp, f.method, [lams[:, i, None] for i in range(n_p)], [util[:, i] for i in range(n_p)]
        )
    joint = np.broadcast_to(joint, (n_s, n_v))
    if not probabilities:
        return joint, None
    veto = np.broadcast_to(f.vetoed if vetoed is None else np.asarray(vetoed), (n_s, n_v))
    probs = kernel.probabilities(
        xp,
        [joint[:, j] for j in range(n_v)],
        [veto[:, j] for j in range(n_v)],
        col["temperature"][:, 0],
        col["veto_penalty"][:, 0],
    )
    return joint, np.stack(probs, axis=1)
