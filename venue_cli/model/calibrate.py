"""`venues calibrate`: fit the model's few free constants on the bundled historical cases.

The fit maximises the log-likelihood of the venue actually chosen in each case (the
probability the model gives it, the day before the decision, public records only),
regularised toward the judged defaults: each constant is mapped to the real line (log for a
positive number, logit for a share) and pulled back to its default with a Gaussian penalty
of `STRENGTH` per squared unit. Leave-one-case-out cross-validation refits without each case
and scores the case left out: the honest figure of how the model does on a case it has not
seen. A bootstrap over cases (resampling cases with replacement, refitting) gives the
constants' uncertainty; its samples ship with the parameters so that
`venues sensitivity --parameters` can draw from them.

Everything is deterministic: a fixed start (the defaults), a deterministic optimiser
(scipy's L-BFGS-B with central-difference gradients), seeded resampling, and values rounded
to `DIGITS` significant digits in the file, so a run on one machine reproduces the file
exactly. Across processors the last digit can move (floating-point sums differ with the
vector instructions a numpy build uses, and an optimiser on a flat ridge amplifies that), so
`differences` compares a run with the shipped file to a relative `CHECK_TOLERANCE`.
scipy and numpy are imported only here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from venue_cli.model.kernel import tie_credit
from venue_cli.model.params import FREE, Method, Params

STRENGTH = 0.5  # the Gaussian penalty per squared unit of the transformed constant
STEP = 1e-5  # central-difference step on the transformed scale
DIGITS = 6  # significant digits kept in parameters.json
BOOTSTRAP = 100  # resamples shipped for `sensitivity --parameters`
MAX_ITER = 200
#: `calibrate --check`: the relative difference a number may have from the shipped file
#: (a hundred times the rounding of `DIGITS` digits; a real change of the data or the model
#: moves the fit far more).
CHECK_TOLERANCE = 1e-4


@dataclass(frozen=True)
class Case:
    name: str
    features: Any  # venue_cli.model.features.Features
    chosen: int  # index of the venue chosen in features.venues


def _forward(name: str, x: float) -> float:
    kind = next(f.transform for f in FREE if f.name == name)
    return math.log(x) if kind == "log" else math.log(x / (1.0 - x))


def _backward(name: str, z: Any) -> Any:
    import numpy as np

    kind = next(f.transform for f in FREE if f.name == name)
    return np.exp(z) if kind == "log" else 1.0 / (1.0 + np.exp(-z))


def prepare(datasets: Sequence[Any], method: Method = Method.NASH) -> list[Case]:
    """Each historical case as arrays (scored with the judged defaults: the arrays do not
    depend on the free constants)."""
    from venue_cli.model import features
    from venue_cli.model.backtest import day_before
    from venue_cli.model.ranking import rank_venues

    out = []
    for ds in datasets:
        ranking = rank_venues(ds, day_before(ds), method=method, params=Params(), public_only=True)
        f = features.extract(ranking)
        if len(f.venues) < 2:
            continue  # a single venue says nothing
        out.append(Case(ds.case.id, f, f.venues.index(ds.outcome.venue)))
    return out


def _theta(z: Any) -> dict[str, Any]:
    return {f.name: _backward(f.name, z[..., i]) for i, f in enumerate(FREE)}


def log_likelihoods(cases: Sequence[Case], z: Any) -> Any:
    """Σ log P(chosen) over the cases, for each row of z (S, free constants)."""
    import numpy as np

    from venue_cli.model.features import evaluate

    theta = _theta(np.atleast_2d(z))
    total = np.zeros(np.atleast_2d(z).shape[0])
    for c in cases:
        _joint, probs = evaluate(c.features, theta)
        total += np.log(np.maximum(probs[:, c.chosen], 1e-300))
    return total


def _objective(cases: Sequence[Case], z0: Any) -> Callable[[Any], tuple[float, Any]]:
    import numpy as np

    k = len(z0)
    shifts = np.vstack([np.zeros(k), np.eye(k) * STEP, -np.eye(k) * STEP])

    def f(z: Any) -> tuple[float, Any]:
        batch = z[None, :] + shifts
        ll = log_likelihoods(cases, batch)
        pen = STRENGTH * ((batch - z0) ** 2).sum(axis=1)
        values = -ll + pen
        grad = (values[1 : k + 1] - values[k + 1 :]) / (2 * STEP)
        return float(values[0]), grad

    return f


def fit(cases: Sequence[Case], defaults: Params | None = None) -> dict[str, float]:
    """The fitted constants (maximum penalised likelihood), from the defaults as the start."""
    import numpy as np

    try:
        from scipy.optimize import minimize  # type: ignore[import-untyped]  # no stubs
    except ImportError:
        from venue_cli.errors import VenueError

        raise VenueError(
            "venues calibrate needs scipy: python3 -m pip install 'venues[calibrate]'"
        ) from None

    base = defaults or Params()
    z0 = np.array([_forward(f.name, getattr(base, f.name)) for f in FREE])
    if not cases:
        return {f.name: float(getattr(base, f.name)) for f in FREE}
    res = minimize(
        _objective(cases, z0), z0.copy(), jac=True, method="L-BFGS-B",
        options={"maxiter": MAX_ITER, "gtol": 1e-6},
    )  # fmt: skip
    return {f.name: float(_backward(f.name, res.x[i])) for i, f in enumerate(FREE)}


def _round(x: float) -> float:
    return float(f"{x:.{DIGITS}g}")


def rounded(values: dict[str, float]) -> dict[str, float]:
    """Constants as the parameters file holds them."""
    return {k: _round(v) for k, v in values.items()}


def held_out(cases: Sequence[Case], i: int) -> CaseScore:
    """Case i scored with the constants fitted on every other case."""
    return score_cases([cases[i]], fit([c for j, c in enumerate(cases) if j != i]))[0]


def resamples(cases: Sequence[Case], bootstrap: int, seed: int) -> Iterator[list[Case]]:
    """The bootstrap's case lists, in order: cases drawn with replacement, seeded."""
    import numpy as np

    rng = np.random.default_rng(seed)
    for _ in range(bootstrap):
        picks = rng.integers(0, len(cases), size=len(cases))
        yield [cases[k] for k in picks]


@dataclass(frozen=True)
class CaseScore:
    """How one case came out: venues ranked above the chosen one, venues tied with it
    (itself included), and the probability given to it."""

    case: str
    venues: int
    better: int
    tied: int
    probability: float
    probabilities: tuple[float, ...] = ()
    chosen: int = 0

    @property
    def top1(self) -> float:
        return tie_credit(self.better + 1, self.tied)[0]

    @property
    def top3(self) -> float:
        return tie_credit(self.better + 1, self.tied)[1]

    @property
    def rr(self) -> float:
        return tie_credit(self.better + 1, self.tied)[2]

    def entry(self) -> dict[str, Any]:
        """The case as the parameters file's `held_out` list holds it."""
        return {
            "case": self.case,
            "venues": self.venues,
            "better": self.better,
            "tied": self.tied,
            "chosen": self.chosen,
            "probabilities": [_round(x) for x in self.probabilities],
        }


def score_cases(cases: Sequence[Case], values: dict[str, float]) -> list[CaseScore]:
    import numpy as np

    from venue_cli.model.features import evaluate
    from venue_cli.model.kernel import TIE_DIGITS

    out = []
    for c in cases:
        joint, probs = evaluate(c.features, values)
        key = np.where(c.features.vetoed, 0.0, 2.0) + np.round(joint[0], TIE_DIGITS)
        mine = key[c.chosen]
        out.append(
            CaseScore(
                c.name,
                len(c.features.venues),
                int((key > mine).sum()),
                int((key == mine).sum()),
                float(probs[0, c.chosen]),
                tuple(float(x) for x in probs[0]),
                c.chosen,
            )
        )
    return out


def metrics(scored: Sequence[CaseScore]) -> dict[str, float]:
    n = len(scored)
    if n == 0:
        return {"cases": 0}
    return {
        "cases": n,
        "top1": sum(s.top1 for s in scored) / n,
        "top3": sum(s.top3 for s in scored) / n,
        "mrr": sum(s.rr for s in scored) / n,
        "log_loss": sum(-math.log(max(s.probability, 1e-300)) for s in scored) / n,
        "uniform_log_loss": sum(math.log(s.venues) for s in scored) / n,
        "uniform_top1": sum(1 / s.venues for s in scored) / n,
    }


@dataclass(frozen=True)
class Calibration:
    fitted: dict[str, float]
    defaults: dict[str, float]
    cases: tuple[str, ...]
    in_sample: list[CaseScore]
    held_out: list[CaseScore]
    uncalibrated: list[CaseScore]
    bootstrap: list[dict[str, float]]
    seed: int

    def document(self) -> dict[str, Any]:
        """The parameters file: fitted values, defaults, the evidence, the bootstrap."""
        return {
            "schema_version": 1,
            "what": "constants of the venues model fitted by `venues calibrate`",
            "cases": list(self.cases),
            "strength": STRENGTH,
            "seed": self.seed,
            "fitted": rounded(self.fitted),
            "defaults": rounded(self.defaults),
            "held_out": [s.entry() for s in self.held_out],
            "bootstrap": [rounded(b) for b in self.bootstrap],
        }


def calibrate(
    datasets: Sequence[Any],
    *,
    method: Method = Method.NASH,
    bootstrap: int = BOOTSTRAP,
    seed: int = 0,
    progress: Callable[[int, int], None] | None = None,
) -> Calibration:
    """Fit, cross-validate (leave one case out) and bootstrap over cases."""
    cases = prepare(datasets, method)
    total = 1 + len(cases) + bootstrap
    done = 0

    def tick() -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, total)

    defaults = {f.name: float(getattr(Params(), f.name)) for f in FREE}
    fitted = fit(cases)
    tick()
    scores: list[CaseScore] = []
    for i in range(len(cases)):
        scores.append(held_out(cases, i))
        tick()
    samples = []
    for sample in resamples(cases, bootstrap, seed):
        samples.append(fit(sample))
        tick()
    return Calibration(
        fitted,
        defaults,
        tuple(c.name for c in cases),
        score_cases(cases, fitted),
        scores,
        score_cases(cases, defaults),
        samples,
        seed,
    )


def differences(shipped: Any, computed: Any, where: str = "") -> list[str]:
    """Where two parameter documents differ: structure and every non-number exactly, numbers
    to a relative `CHECK_TOLERANCE`. Empty when they agree."""
    at = where or "the document"
    if isinstance(shipped, bool) or isinstance(computed, bool):
        return [] if shipped is computed else [f"{at}: {shipped!r} != {computed!r}"]
    if isinstance(shipped, int | float) and isinstance(computed, int | float):
        if math.isclose(shipped, computed, rel_tol=CHECK_TOLERANCE, abs_tol=1e-12):
            return []
        return [f"{at}: {shipped!r} != {computed!r}"]
    if isinstance(shipped, dict) and isinstance(computed, dict):
        if list(shipped) != list(computed):
            return [f"{at}: keys {list(shipped)} != {list(computed)}"]
        return [d for k in shipped for d in differences(shipped[k], computed[k], f"{where}.{k}")]
    if isinstance(shipped, list) and isinstance(computed, list):
        if len(shipped) != len(computed):
            return [f"{at}: {len(shipped)} items != {len(computed)}"]
        pairs = zip(shipped, computed, strict=True)
        return [d for i, (a, b) in enumerate(pairs) for d in differences(a, b, f"{where}[{i}]")]
    return [] if shipped == computed else [f"{at}: {shipped!r} != {computed!r}"]


def write_text(cal: Calibration) -> str:
    return json.dumps(cal.document(), indent=2, sort_keys=False) + "\n"
