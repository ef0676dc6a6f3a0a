"""The order of records in a file decides nothing: the bundled case, written with every list
reversed, ranks, explains, lists changes and samples exactly as it is written (only the
order in which records are listed may differ)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, run
from venue_cli.load import bundled_cases, load_dataset
from venue_cli.model.backtest import day_before
from venue_cli.model.ranking import rank_venues
from venue_cli.views.core import rank_view

LIVE = ROOT / "data" / "putin-zelensky.yaml"
SECTIONS = ("sources", "parties", "venues", "statements", "facts", "events", "assessments")


def _reversed_copy(tmp_path: Path) -> Path:
    raw = yaml.safe_load(LIVE.read_text(encoding="utf-8"))
    for key in SECTIONS:
        raw[key] = raw[key][::-1]
    out = tmp_path / "putin-zelensky.yaml"  # the same name, so the `data` field agrees
    out.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return out


def _unordered(value: Any) -> Any:
    """Lists of records and of ids compared as multisets (they are listed in the file's
    order); lists of numbers (shares by rank) keep their order."""
    if isinstance(value, dict):
        return {k: _unordered(v) for k, v in value.items() if k != "data"}
    if isinstance(value, list):
        items = [_unordered(v) for v in value]
        if all(isinstance(v, (dict, str)) for v in items):
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        return items
    return value


def test_reversing_every_list_changes_no_result(tmp_path: Path) -> None:
    reversed_file = _reversed_copy(tmp_path)
    commands = [
        ("rank", "--as-of", "2026-06-04"),
        ("rank", "--as-of", "2025-09-05"),
        ("explain", "budapest", "--as-of", "2026-06-04"),
        ("changes", "--since", "2025-08-01", "--until", "2026-06-04"),
        # the samples are drawn in id order, so even the Monte Carlo figures are equal
        ("sensitivity", "--as-of", "2025-09-05", "--samples", "300"),
    ]
    for args in commands:
        written = run(*args, "--data", str(LIVE), "--format", "json").stdout
        turned = run(*args, "--data", str(reversed_file), "--format", "json").stdout
        assert _unordered(json.loads(turned)) == _unordered(json.loads(written)), args


MIXED_DAY = """schema_version: 1
case:
  id: mixed
  title: Mixed signals
  summary: One party accepts and rejects the same venue on the same day.
  meeting: leaders
  meeting_kinds: {leaders: "a leaders' meeting"}
  principals: [a, b]
sources:
  - {id: s, outlet: Gazette, date: 2020-01-01}
parties:
  - {id: a, name: A, role: principal, joint_weight: 1, joint_weight_rationale: x}
  - {id: b, name: B, role: principal, joint_weight: 1, joint_weight_rationale: x}
venues:
  - {id: v, name: V, city: V, country: "CH", country_name: Switzerland}
  - {id: w, name: W, city: W, country: "AT", country_name: Austria}
statements:
"""
ACCEPTS = (
    "  - {id: yes, date: 2020-01-02, party: a, speaker: S, venues: [v], stance: accepts,"
    " meeting: leaders, quote: q, attribution: first_hand, confidence: high, sources: [s]}\n"
)
REJECTS = ACCEPTS.replace("id: yes", "id: no").replace("accepts", "rejects")


def test_one_days_mixed_signals_are_no_veto_in_either_order(tmp_path: Path) -> None:
    """A rejection and an acceptance of V by A on the same day, first-hand both: neither is
    later, so the more positive counts as A's latest (no explicit refusal stands) whichever
    the file lists first. The order of the file used to decide the veto."""
    outs = []
    for name, body in (("ab.yaml", ACCEPTS + REJECTS), ("ba.yaml", REJECTS + ACCEPTS)):
        path = tmp_path / name
        path.write_text(MIXED_DAY + body, encoding="utf-8")
        doc = json.loads(run("rank", "--data", str(path), "--as-of", "2020-02-01",
                             "--format", "json").stdout)  # fmt: skip
        v = next(x for x in doc["venues"] if x["id"] == "v")
        a = next(p for p in v["parties"] if p["id"] == "a")
        outs.append((v["feasible"], v["vetoed_by"], a["stance"], a["stance_statement"]))
    assert outs == [(True, [], "accepts", "yes")] * 2


def test_a_first_hand_rejection_outranks_a_reported_acceptance_of_the_same_day(
    tmp_path: Path,
) -> None:
    path = tmp_path / "mixed.yaml"
    reported = ACCEPTS.replace("first_hand", "reported")
    path.write_text(MIXED_DAY + reported + REJECTS, encoding="utf-8")
    doc = json.loads(run("rank", "--data", str(path), "--as-of", "2020-02-01",
                         "--format", "json").stdout)  # fmt: skip
    v = next(x for x in doc["venues"] if x["id"] == "v")
    assert (v["feasible"], v["vetoed_by"]) == (False, ["a"])


HISTORY = sorted(n for n in bundled_cases() if n != "putin-zelensky")


@pytest.mark.parametrize("name", HISTORY)
def test_every_historical_case_ranks_the_same_with_its_lists_reversed(
    tmp_path: Path, name: str
) -> None:
    """The backtest's ranking (the day before the decision, public records only) of every
    bundled case, written with each list reversed: the same scores, vetoes and stances."""
    path = bundled_cases()[name]
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key in SECTIONS:
        if isinstance(raw.get(key), list):
            raw[key] = raw[key][::-1]
    turned = tmp_path / path.name
    turned.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), "utf-8")
    views = []
    for file in (path, turned):
        ds = load_dataset(file)
        views.append(_unordered(rank_view(rank_venues(ds, day_before(ds), public_only=True))))
    assert views[1] == views[0]
