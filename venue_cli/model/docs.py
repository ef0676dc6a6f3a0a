"""The tables of docs/model.md, generated from the code's own tables: the criterion
registry, the parameters (judged and fitted) and the shipped calibration.

Like `venue_cli.format.docs`, each table sits between `<!-- generated: NAME -->` and
`<!-- end: NAME -->`; `python -m venue_cli.docsgen` rewrites them and a test fails when the
document is stale.
"""

from __future__ import annotations

import json
import math
from typing import Any

from venue_cli.model.criteria import REGISTRY
from venue_cli.model.params import FREE, PARAMETERS_FILE, Params
from venue_cli.records import Role, Stance


def _n(x: float) -> str:
    return f"{x:.4g}"


def criteria_table(params: Params | None = None) -> str:
    p = params or Params()
    values = p._asdict()
    rows = [
        "| criterion | label | scope | rule (for party P at venue V, as of D) "
        "| principal | mediator |",
        "|---|---|---|---|---|---|",
    ]
    for c in REGISTRY:
        rule = c.doc.format(**values).replace("|", "\\|")
        rows.append(
            f"| `{c.id}` | {c.label} | {c.scope.value} | {rule} | "
            f"{c.defaults.get(Role.PRINCIPAL, 0):g} | {c.defaults.get(Role.MEDIATOR, 0):g} |"
        )
    return "\n".join(rows) + "\n"


def stance_table() -> str:
    p = Params()
    rows = ["| stance | score |", "|---|---|"]
    rows += [f"| {s.value} | {p.stance_scores[s]:g} |" for s in Stance]
    rows.append(f"| *no evidence* | {p.unknown_stance:g} |")
    return "\n".join(rows) + "\n"


def quality_table() -> str:
    p = Params()
    rows = ["| factor | values |", "|---|---|"]
    rows.append(
        "| confidence | "
        + ", ".join(f"{k.value} {v:g}" for k, v in p.confidence_weights.items())
        + " |"
    )
    rows.append(
        "| attribution | "
        + ", ".join(f"{k.value} {v:g}" for k, v in p.attribution_weights.items())
        + " |"
    )
    rows.append(f"| every source weak | × {p.weak_source_factor:g} |")
    return "\n".join(rows) + "\n"


_JUDGED = (
    "legal_clear", "legal_firm_pledge", "legal_conditional_pledge", "legal_exposed",
    "access_open", "access_waiver_precedent", "access_diplomatic_exemption",
    "access_derogation_possible", "access_closed", "neutrality_base",
    "neutrality_permanent_bonus", "neutrality_declared_bonus", "neutrality_unfriendly_penalty",
    "neutrality_opponent_ally_penalty", "mediation_both_principals", "mediation_one_principal",
    "mediation_saturation", "mediation_old_years", "mediation_old_factor", "security_default",
    "security_opponent_territory", "home_own", "home_opponent", "home_ally",
    "home_opponent_ally", "home_neutral", "unknown_stance", "weak_source_factor",
)  # fmt: skip


def judged_table() -> str:
    p = Params()
    rows = ["| constant | value |", "|---|---|"]
    rows += [f"| `{name}` | {getattr(p, name):g} |" for name in _JUDGED]
    return "\n".join(rows) + "\n"


def _shipped() -> dict[str, Any]:
    try:
        doc: dict[str, Any] = json.loads(PARAMETERS_FILE.read_text(encoding="utf-8"))
        return doc
    except FileNotFoundError:
        return {}


def _interval(samples: list[float]) -> str:
    if not samples:
        return "—"
    s = sorted(samples)
    lo = s[max(0, math.floor(0.05 * (len(s) - 1)))]
    hi = s[min(len(s) - 1, math.ceil(0.95 * (len(s) - 1)))]
    return f"{_n(lo)} – {_n(hi)}"


def fitted_table() -> str:
    doc = _shipped()
    fitted = doc.get("fitted", {})
    boot = doc.get("bootstrap", [])
    rows = [
        "| constant | judged default | fitted | bootstrap 90% interval | why it is free |",
        "|---|---|---|---|---|",
    ]
    for f in FREE:
        default = getattr(Params(), f.name)
        got = fitted.get(f.name)
        samples = [b[f.name] for b in boot if f.name in b]
        rows.append(
            f"| `{f.name}` | {_n(default)} | {_n(got) if got is not None else '—'} | "
            f"{_interval(samples)} | {f.reason} |"
        )
    n = len(doc.get("cases", []))
    rows.append("")
    rows.append(
        f"Fitted on {n} bundled cases; {len(boot)} bootstrap resamples over cases (seed "
        f"{doc.get('seed', 0)}); penalty strength {doc.get('strength', '—')} per squared unit."
    )
    return "\n".join(rows) + "\n"


def sections() -> dict[str, str]:
    return {
        "model-criteria": criteria_table(),
        "model-stances": stance_table(),
        "model-quality": quality_table(),
        "model-judged": judged_table(),
        "model-fitted": fitted_table(),
    }
