"""The maths, once: utilities, joint scores, vetoes and the order of venues.

Every function here is written against an array namespace `xp`: `SCALAR` (plain floats, for
`rank` and `explain`, which must not import numpy) or numpy (arrays over samples, for
`sensitivity` and large rankings). The same expressions run on both, in the same order of
operations, so the deterministic ranking is exactly this kernel with one sample.

* A party's utility: U = s·σ + Σ_c (1 − s)·w_c·x_c (the parts are summed with `xp.fsum`:
  exact `math.fsum` on floats, left to right on arrays).
* The joint score J over parties with joint weight λ_P > 0: Nash Π U^λ = exp(Σ λ·log U),
  utilitarian Σ λ·U, maximin min U.
* The order: feasible venues before vetoed ones, then J (higher first) compared to
  `TIE_DIGITS` decimals — scores equal to that precision are a tie — then the venue's name
  and id.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

from venue_cli.model.params import Method

#: Joint scores equal to this many decimals are a tie (so that float rounding in the order
#: of additions never decides a rank).
TIE_DIGITS = 12
LN2 = math.log(2.0)


class ScalarMath:
    """The array namespace for plain floats (numpy's names, math's functions)."""

    inf = math.inf

    @staticmethod
    def log(x: float) -> float:
        return math.log(x) if x > 0 else -math.inf

    exp = staticmethod(math.exp)
    fsum = staticmethod(math.fsum)

    @staticmethod
    def where(cond: bool, a: float, b: float) -> float:
        return a if cond else b

    @staticmethod
    def minimum(a: float, b: float) -> float:
        return a if a <= b else b

    @staticmethod
    def maximum(a: float, b: float) -> float:
        return a if a >= b else b

    @staticmethod
    def round(x: float, digits: int) -> float:
        return round(x, digits)


SCALAR = ScalarMath()


def numpy_math() -> Any:
    """numpy, with `fsum` (left-to-right sum of a list of arrays) added: the vector path."""
    import numpy as np

    class NumpyMath:
        inf = np.inf
        exp = staticmethod(np.exp)
        where = staticmethod(np.where)
        minimum = staticmethod(np.minimum)
        maximum = staticmethod(np.maximum)

        @staticmethod
        def log(x: Any) -> Any:
            with np.errstate(divide="ignore"):
                return np.log(x)

        @staticmethod
        def fsum(parts: Sequence[Any]) -> Any:
            total = parts[0] * 1.0 if parts else 0.0
            for part in parts[1:]:
                total = total + part
            return total

        @staticmethod
        def round(x: Any, digits: int) -> Any:
            return np.round(x, digits)

    return NumpyMath()


def tie_credit(first: int, tied: int) -> tuple[float, float, float]:
    """(top-1, top-3, reciprocal rank) credited to a venue that shares `tied` rank positions
    from `first` on: each position it may take counts equally (backtest and calibrate)."""
    positions = range(first, first + tied)
    return (
        sum(1 for r in positions if r == 1) / tied,
        sum(1 for r in positions if r <= 3) / tied,
        sum(1 / r for r in positions) / tied,
    )


def decay(xp: Any, age_days: Any, half_life_days: Any) -> Any:
    """0.5^(age / half-life): the weight left to evidence of that age."""
    return xp.exp(-LN2 * age_days / half_life_days)


def evidence_weight(quality: Any, relatedness: Any, specificity: Any, decayed: Any) -> Any:
    """One piece of evidence's weight: quality × relatedness × specificity × decay."""
    return quality * relatedness * specificity * decayed


def pooled_total(xp: Any, prior: Any, weights: Sequence[Any]) -> Any:
    """w₀ + Σ w: the denominator of a pooled stance."""
    return prior + xp.fsum(weights)


def pooled(
    xp: Any, prior: Any, neutral: float, weights: Sequence[Any], scores: Sequence[Any]
) -> Any:
    """σ = (w₀·neutral + Σ w·x) / (w₀ + Σ w): evidence pooled toward the neutral score."""
    num = prior * neutral + xp.fsum([w * x for w, x in zip(weights, scores, strict=True)])
    return num / pooled_total(xp, prior, weights)


def probabilities(xp: Any, scores: Sequence[Any], vetoed: Sequence[Any], temperature: Any,
                  veto_penalty: Any) -> list[Any]:  # fmt: skip
    """P(V) ∝ exp((J(V) − Δ·vetoed(V)) / T), normalised over the venues (a softmax, shifted
    by its maximum so that it never overflows)."""
    logits = [
        (j - xp.where(v, veto_penalty, 0.0)) / temperature
        for j, v in zip(scores, vetoed, strict=True)
    ]
    if not logits:
        return []
    top = logits[0]
    for x in logits[1:]:
        top = xp.maximum(top, x)
    exps = [xp.exp(x - top) for x in logits]
    total = xp.fsum(exps)
    return [e / total for e in exps]


def discounted(score: Any, factor: Any, neutral: float) -> Any:
    """A stance score pulled toward the neutral value by `factor` (1 = not at all)."""
    return neutral + factor * (score - neutral)


def contributions(share: Any, weights: Sequence[Any], values: Sequence[Any]) -> list[Any]:
    """Each criterion's part of a utility: (1 − s)·w_c·x_c."""
    rest = 1.0 - share
    return [rest * w * x for w, x in zip(weights, values, strict=True)]


def utility(xp: Any, share: Any, sigma: Any, parts: Sequence[Any]) -> Any:
    """U = s·σ + Σ parts (see `contributions`)."""
    return share * sigma + xp.fsum(parts)


def joint_term(xp: Any, method: Method, lam: Any, u: Any) -> Any:
    """One party's term of the joint score's sum (nash: λ·log u, 0 when λ = 0;
    utilitarian: λ·u); maximin has no sum."""
    if method is Method.NASH:
        return xp.where(lam > 0, lam * xp.log(u), 0.0)
    return lam * u


def joint(xp: Any, method: Method, lams: Sequence[Any], utils: Sequence[Any]) -> Any:
    """The joint score from each party's joint weight λ (normalised) and utility; parties
    with λ = 0 take no part."""
    if not lams:
        return 0.0
    if method is not Method.MAXIMIN:
        terms = [joint_term(xp, method, lam, u) for lam, u in zip(lams, utils, strict=True)]
        return xp.exp(xp.fsum(terms)) if method is Method.NASH else xp.fsum(terms)
    worst: Any = xp.inf
    for lam, u in zip(lams, utils, strict=True):
        worst = xp.where(lam > 0, xp.minimum(worst, u), worst)
    return xp.where(worst == xp.inf, 0.0, worst)


def order_key(xp: Any, feasible: Any, score: Any) -> Any:
    """A number that sorts venues best first when sorted high to low: every feasible venue
    above every vetoed one (scores lie in [0, 1]), then by the rounded joint score."""
    return xp.where(feasible, 2.0, 0.0) + xp.round(score, TIE_DIGITS)


def tie_break(names: Sequence[tuple[str, str]]) -> list[int]:
    """Indices of venues in tie-break order: by name (case-folded), then id."""
    return sorted(range(len(names)), key=lambda i: (names[i][0].casefold(), names[i][1]))


def ranks(keys: Sequence[float], tie_order: Sequence[int]) -> list[int]:
    """Venue indices best first: by key (high to low), ties in `tie_order`."""
    position = {v: i for i, v in enumerate(tie_order)}
    return sorted(range(len(keys)), key=lambda v: (-keys[v], position[v]))


def shared_ranks(sorted_keys: Sequence[float]) -> list[int]:
    """Competition ranks ("1, 2, 2, 4") for keys already sorted best first: exact ties
    share the better rank."""
    out: list[int] = []
    for i, k in enumerate(sorted_keys):
        out.append(out[-1] if i and k == sorted_keys[i - 1] else i + 1)
    return out


Normaliser = Callable[[Sequence[float]], list[float]]


def normalised(values: Sequence[float]) -> list[float]:
    """Scale non-negative weights to sum 1 (all-zero stays all-zero)."""
    total = sum(values)
    return [v / total for v in values] if total > 0 else [0.0 for _ in values]
