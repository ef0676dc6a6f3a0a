"""One criterion is one object: a registered toy criterion shows everywhere, a missing rule is
an error at import, and the rules' scopes decide what they may read."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, dataset_text, run
from venue_cli.model.criteria import (
    REGISTRY,
    Criterion,
    CriterionValue,
    RegistryError,
    Scope,
)
from venue_cli.records import Place, Role


def _toy_rule(_ix: object, _party: object, place: Place) -> CriterionValue:
    return CriterionValue(
        "toy", 0.25 if place.country == "XX" else 1.0, f"toy rule at {place.country}"
    )


TOY = Criterion(
    "toy",
    "Toy criterion",
    Scope.PLACE,
    _toy_rule,
    lambda c: f"a toy remedy at {c.venue.city}",
    "A toy rule: **0.25** in Xland, else **1**.",
    {Role.PRINCIPAL: 0.5},
)


def test_a_registered_criterion_shows_in_every_output(tmp_path: Path) -> None:
    data = tmp_path / "toy.yaml"
    data.write_text(dataset_text(), encoding="utf-8")
    with REGISTRY.temporarily(TOY):
        rank = json.loads(
            run("rank", "--data", str(data), "--as-of", "2020-01-02", "-f", "json").stdout
        )
        explain = json.loads(
            run("explain", "x", "--data", str(data), "--as-of", "2020-01-02", "-f", "json").stdout
        )
        sens = json.loads(
            run("sensitivity", "--data", str(data), "--as-of", "2020-01-02", "-n", "200", "-f",
                "json").stdout
        )  # fmt: skip
        schema = json.loads(run("schema").stdout)
        from venue_cli.format.docs import sections

        docs = sections()
    assert "toy" in explain["criteria_order"]
    rows = {c["criterion"]: c for c in explain["parties"][0]["criteria"]}
    assert rows["toy"]["value"] == 0.25
    assert rows["toy"]["rule"] == "toy rule at XX"
    assert rows["toy"]["weight"] > 0  # the role's default weight, normalised
    # the toy criterion costs x its place: y (value 1) now beats x (value 0.25)
    order = [v["id"] for v in rank["venues"]]
    assert order.index("y") < order.index("x")
    assert any(s["criterion"] == "toy" for s in sens["stability"])
    names = schema["$defs"]["party"]["properties"]["criteria"]["propertyNames"]["enum"]
    assert "toy" in names
    assert "`toy`" in docs["criteria"]
    assert "toy" not in REGISTRY  # unregistered again


def test_removing_a_rule_fails_at_import() -> None:
    source = (ROOT / "venue_cli" / "model" / "criteria.py").read_text(encoding="utf-8")
    start = source.index('REGISTRY.register(\n    Criterion(\n        "mediation"')
    end = source.index("\n)\n", start) + 3  # the end of that register(...) call
    broken = source[:start] + source[end:]
    assert '"mediation",\n        "Mediation record"' not in broken
    code = (
        "import sys, types\n"
        "src = sys.stdin.read()\n"
        "m = types.ModuleType('venue_cli.model.criteria_broken')\n"
        "sys.modules[m.__name__] = m  # dataclasses look their module up\n"
        "try:\n"
        "    exec(compile(src, 'criteria.py', 'exec'), m.__dict__)\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, e)\n"
        "    raise SystemExit(3)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], input=broken, capture_output=True,
                          text=True, cwd=ROOT, check=False)  # fmt: skip
    assert proc.returncode == 3, proc.stderr
    assert "RegistryError" in proc.stdout
    assert "mediation" in proc.stdout


def test_registry_refuses_duplicates_and_incomplete_criteria() -> None:
    with pytest.raises(RegistryError, match="twice"):
        REGISTRY.register(REGISTRY["legal"])
    with pytest.raises(RegistryError, match="no doc"):
        REGISTRY.register(Criterion("bare", "Bare", Scope.PLACE, _toy_rule, lambda c: "", ""))


def test_default_weights_by_role_add_up_and_are_documented() -> None:
    for role in (Role.PRINCIPAL, Role.MEDIATOR):
        assert sum(REGISTRY.default_weights(role).values()) == pytest.approx(1.0)
    assert REGISTRY.default_weights(Role.STAKEHOLDER) == {}
    doc = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    for c in REGISTRY:
        row = re.search(rf"\| `{c.id}` \|[^\n]*", doc)
        assert row is not None, c.id
        assert f"{c.defaults.get(Role.PRINCIPAL, 0):g}" in row.group(0)
