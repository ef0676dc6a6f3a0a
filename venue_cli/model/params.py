"""The model's parameters: every constant the scorer uses.

Two kinds, and docs/model.md lists both:

* **judgements**: documented values, the same for every case (the stance scale, the
  criteria steps, the evidence-quality weights);
* **fitted**: a few global constants that `venues calibrate` estimates on the bundled
  historical cases (maximum likelihood of the venue chosen, regularised toward the judged
  default, with leave-one-case-out cross-validation). The fitted values ship in
  `parameters.json` beside this file; `DEFAULT_PARAMS` is the judged defaults with those
  values applied (`parameters.json` is read on first use, not at import). `Params()` alone
  is the uncalibrated defaults.

No case is tuned: `--weight` and scenarios change weights, never these constants.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, NamedTuple

from venue_cli.records import Attribution, Confidence, Stance


class Method(StrEnum):
    """How per-party utilities are combined into the joint score."""

    NASH = "nash"  # weighted geometric mean (Nash bargaining)
    UTILITARIAN = "utilitarian"  # weighted arithmetic mean
    MAXIMIN = "maximin"  # the worst-off party's utility (egalitarian)


STANCE_SCORES: Mapping[Stance, float] = MappingProxyType(
    {
        Stance.PROPOSES: 1.0,
        Stance.ACCEPTS: 0.8,
        Stance.OPEN: 0.6,
        Stance.RELUCTANT: 0.3,
        Stance.REJECTS: 0.0,
    }
)
CONFIDENCE_WEIGHTS: Mapping[Confidence, float] = MappingProxyType(
    {Confidence.HIGH: 1.0, Confidence.MEDIUM: 0.75, Confidence.LOW: 0.5}
)
ATTRIBUTION_WEIGHTS: Mapping[Attribution, float] = MappingProxyType(
    {Attribution.FIRST_HAND: 1.0, Attribution.REPORTED: 0.8, Attribution.PARAPHRASE: 0.6}
)


class Params(NamedTuple):
    # -- stances: judgements ---------------------------------------------------------------
    stance_scores: Mapping[Stance, float] = STANCE_SCORES
    unknown_stance: float = 0.5  # the neutral score: no evidence at all
    confidence_weights: Mapping[Confidence, float] = CONFIDENCE_WEIGHTS
    attribution_weights: Mapping[Attribution, float] = ATTRIBUTION_WEIGHTS
    weak_source_factor: float = 0.75  # every source of the statement is marked weak
    # -- stances: fitted (the values here are the judged defaults) -------------------------
    half_life_days: float = 60.0  # a statement's weight halves every this many days
    prior_weight: float = 0.25  # weight of the neutral score against the evidence
    blanket_weight: float = 0.5  # a blanket remark against one naming the venue
    other_meeting_relatedness: float = 0.5  # another kind of meeting, unless the case says
    revealed_weight: float = 0.3  # talks a party attended at the venue, as evidence
    # -- utility ----------------------------------------------------------------------------
    stance_share: float = 0.5  # utility = share * stance + (1 - share) * the rest
    momentum_share: float = 0.1  # of the rest: the newest positive news about the venue
    momentum_half_life_days: float = 14.0
    # -- probabilities ----------------------------------------------------------------------
    temperature: float = 0.1  # P(V) ∝ exp(J(V) / T)
    veto_penalty: float = 0.5  # a vetoed venue's joint score is lowered by this for P(V)
    # -- criteria (judgements) ---------------------------------------------------------------
    # legal: a leader under a warrant the host must enforce
    legal_clear: float = 1.0
    legal_firm_pledge: float = 0.6
    legal_conditional_pledge: float = 0.4
    legal_exposed: float = 0.0
    # access: airspace a state flight of the party must use
    access_open: float = 1.0
    access_waiver_precedent: float = 0.8
    access_diplomatic_exemption: float = 0.7
    access_derogation_possible: float = 0.4
    access_closed: float = 0.1
    # neutrality
    neutrality_base: float = 0.7
    neutrality_permanent_bonus: float = 0.3
    neutrality_declared_bonus: float = 0.15
    neutrality_unfriendly_penalty: float = 0.4
    neutrality_opponent_ally_penalty: float = 0.5
    # mediation record
    mediation_both_principals: float = 1.0
    mediation_one_principal: float = 0.5
    mediation_saturation: float = 2.0  # this many points of record give the full 1.0
    mediation_old_years: int = 10
    mediation_old_factor: float = 0.5
    # security (when no assessment exists)
    security_default: float = 0.8
    security_opponent_territory: float = 0.2
    # home turf
    home_own: float = 1.0
    home_opponent: float = 0.0
    home_ally: float = 0.75
    home_opponent_ally: float = 0.25
    home_neutral: float = 0.5
    # -- legacy ------------------------------------------------------------------------------
    # the model v1 discount of a statement about another kind of meeting (kept for
    # `Params.v1()`, which reproduces the first model for comparison)
    other_meeting_factor: float = 0.5
    v1: bool = False  # True: the first model's stance rule (latest statement only)

    def as_v1(self) -> Params:
        """The first model (v1): latest statement only, no momentum, as first released."""
        return self._replace(v1=True, momentum_share=0.0)


class Free(NamedTuple):
    """A fitted constant: its judged default, how `calibrate` maps it to the real line,
    how strongly the fit is pulled back to the default, and why it is free."""

    name: str
    transform: str  # "log" (a positive number) or "logit" (a share in (0, 1))
    reason: str


#: The constants `venues calibrate` fits (every other one is a documented judgement).
FREE: tuple[Free, ...] = (
    Free(
        "half_life_days", "log", "how fast old remarks yield to new ones is an empirical question"
    ),
    Free("prior_weight", "log", "how much evidence it takes to move a stance off neutral"),
    Free("blanket_weight", "logit", "how much less a blanket remark says than a named one"),
    Free(
        "other_meeting_relatedness",
        "logit",
        "how much remarks about other meetings tell about this one",
    ),
    Free("revealed_weight", "log", "whether attending talks at a venue shows acceptance"),
    Free("stance_share", "logit", "stances against criteria: the model's main trade-off"),
    Free("momentum_share", "logit", "how much the newest news about a venue tells"),
    Free("momentum_half_life_days", "log", "how fast news goes stale"),
    Free("temperature", "log", "turns joint scores into probabilities; only data can set it"),
    Free("veto_penalty", "log", "how rarely a vetoed venue is chosen all the same"),
)

PARAMETERS_FILE = Path(__file__).with_name("parameters.json")


def _finite(name: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ValueError(f"parameters.json: {name} is not a finite number")
    return float(value)


def fitted_values(path: Path = PARAMETERS_FILE) -> dict[str, float]:
    """The fitted values shipped with the package ({} if there are none)."""
    import json

    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    names = {f.name for f in FREE}
    values = doc.get("fitted", {})
    return {k: _finite(k, v) for k, v in values.items() if k in names}


def with_fitted(base: Params | None = None, path: Path = PARAMETERS_FILE) -> Params:
    values: dict[str, Any] = dict(fitted_values(path))
    return (base or Params())._replace(**values)


@functools.cache
def default_params() -> Params:
    """The judged defaults with the shipped fitted values applied: `DEFAULT_PARAMS`."""
    return with_fitted()


if TYPE_CHECKING:
    DEFAULT_PARAMS: Params


def __getattr__(name: str) -> Any:
    # DEFAULT_PARAMS is made on first use: reading parameters.json (and importing json)
    # costs start-up time.
    if name == "DEFAULT_PARAMS":
        return default_params()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
