"""The order of records in a file decides nothing: the bundled case, written with every list
reversed, ranks, explains, lists changes and samples exactly as it is written (only the
order in which records are listed may differ)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import ROOT, run

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
