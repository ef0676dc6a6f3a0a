"""The model's parameters: every constant the scorer uses, with its default.

docs/model.md states each rule in words; the numbers live here, in one place, and are the
same for every case (no per-case tuning). `venues rank --weight` and scenarios change
weights, never these constants.
"""

from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import NamedTuple

from venue_cli.records import Stance


class Method(StrEnum):
    """How per-party utilities are combined into the joint score."""

    NASH = "nash"  # weighted geometric mean (Nash bargaining)
    UTILITARIAN = "utilitarian"  # weighted arithmetic mean
    MAXIMIN = "maximin"  # the worst-off party's utility (egalitarian)


STANCE_SCORES: dict[Stance, float] = {
    Stance.PROPOSES: 1.0,
    Stance.ACCEPTS: 0.8,
    Stance.OPEN: 0.6,
    Stance.RELUCTANT: 0.3,
    Stance.REJECTS: 0.0,
}


class Params(NamedTuple):
    stance_scores: Mapping[Stance, float] = MappingProxyType(STANCE_SCORES)
    unknown_stance: float = 0.5  # no statement by the party on the venue
    other_meeting_factor: float = 0.5  # a statement about another kind of meeting counts half
    stance_share: float = 0.5  # utility = share * stance + (1 - share) * criteria
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


DEFAULT_PARAMS = Params()
