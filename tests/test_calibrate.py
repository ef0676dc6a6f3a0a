"""`venues calibrate`: deterministic, regularised, cross-validated; and it reproduces the
parameters that ship with the package."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from tests.conftest import run
from venue_cli.load import bundled_cases, load_dataset
from venue_cli.model import calibrate as cal
from venue_cli.model.params import FREE, PARAMETERS_FILE, Params, fitted_values

SUBSET = ["geneva-1985", "reykjavik-1986", "helsinki-2018", "singapore-2018"]


def test_a_subset_fit_is_deterministic_and_sane(tmp_path: Path) -> None:
    out1, out2 = tmp_path / "a.json", tmp_path / "b.json"
    run("calibrate", *SUBSET, "--bootstrap", "3", "-o", str(out1))
    run("calibrate", *SUBSET, "--bootstrap", "3", "-o", str(out2))
    assert out1.read_bytes() == out2.read_bytes()
    doc = json.loads(out1.read_text(encoding="utf-8"))
    assert doc["cases"] == SUBSET
    assert set(doc["fitted"]) == {f.name for f in FREE}
    for f in FREE:
        value = doc["fitted"][f.name]
        assert math.isfinite(value), f.name
        assert value > 0, f.name
        if f.transform == "logit":
            assert value < 1, f.name
    assert len(doc["held_out"]) == len(SUBSET)
    assert len(doc["bootstrap"]) == 3


def test_the_penalty_pulls_toward_the_defaults() -> None:
    cases = cal.prepare([load_dataset(bundled_cases()[n]) for n in SUBSET[:1]])
    fitted = cal.fit(cases)
    defaults = Params()
    # one case cannot move a constant far from its judged default
    for f in FREE:
        ratio = fitted[f.name] / getattr(defaults, f.name)
        assert 0.2 < ratio < 5, f.name


def test_no_cases_gives_the_defaults() -> None:
    assert cal.fit([]) == {f.name: float(getattr(Params(), f.name)) for f in FREE}


def test_the_fit_improves_the_likelihood_it_maximises() -> None:
    import numpy as np

    cases = cal.prepare([load_dataset(bundled_cases()[n]) for n in SUBSET])
    fitted = cal.fit(cases)
    z_fit = np.array([cal._forward(f.name, fitted[f.name]) for f in FREE])
    z_def = np.array([cal._forward(f.name, getattr(Params(), f.name)) for f in FREE])
    assert cal.log_likelihoods(cases, z_fit)[0] >= cal.log_likelihoods(cases, z_def)[0] - 1e-9


def test_the_shipped_fit_and_a_sample_of_its_evidence_are_what_calibrate_gives() -> None:
    """The fit on every case, the first and last held-out case and the first and last
    bootstrap sample, each recomputed (5 of the 184 fits of the full check below)."""
    shipped = json.loads(PARAMETERS_FILE.read_text(encoding="utf-8"))
    assert fitted_values(), f"{PARAMETERS_FILE} holds no fitted values"
    names = [n for n in bundled_cases() if n != "putin-zelensky"]
    cases = cal.prepare([load_dataset(bundled_cases()[n]) for n in names])
    assert [c.name for c in cases] == shipped["cases"]
    assert cal.differences(shipped["fitted"], cal.rounded(cal.fit(cases))) == []
    last = len(cases) - 1
    for i in (0, last):
        assert cal.differences(shipped["held_out"][i], cal.held_out(cases, i).entry()) == []
    samples = list(cal.resamples(cases, cal.BOOTSTRAP, shipped["seed"]))
    assert len(samples) == len(shipped["bootstrap"])
    for k in (0, len(samples) - 1):
        assert cal.differences(shipped["bootstrap"][k], cal.rounded(cal.fit(samples[k]))) == []


@pytest.mark.thorough
def test_the_shipped_parameters_are_what_calibrate_gives() -> None:
    """The full calibration (131 fits, about half a minute): `venues calibrate --check`."""
    r = run("calibrate", "--check")
    assert "is up to date" in r.stderr


def test_the_check_forgives_the_last_digits_a_processor_moves_and_nothing_else() -> None:
    shipped = {"fitted": {"a": 4.20003, "b": 0.5}, "cases": ["x", "y"], "ok": True}
    assert (
        cal.differences(
            shipped, {"fitted": {"a": 4.20004, "b": 0.5}, "cases": ["x", "y"], "ok": True}
        )
        == []
    )
    assert cal.differences(
        shipped, {"fitted": {"a": 4.2021, "b": 0.5}, "cases": ["x", "y"], "ok": True}
    ) == [".fitted.a: 4.20003 != 4.2021"]
    assert cal.differences(
        shipped, {"fitted": {"a": 4.20003, "b": 0.5}, "cases": ["x"], "ok": True}
    ) == [".cases: 2 items != 1"]
    assert cal.differences(
        shipped, {"fitted": {"b": 0.5, "a": 4.20003}, "cases": ["x", "y"], "ok": True}
    ) == [".fitted: keys ['a', 'b'] != ['b', 'a']"]
    assert cal.differences(
        shipped, {"fitted": {"a": 4.20003, "b": 0.5}, "cases": ["x", "z"], "ok": 1}
    ) == [
        ".cases[1]: 'y' != 'z'",
        ".ok: True != 1",
    ]


def test_without_scipy_the_command_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_scipy(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("scipy"):
            raise ImportError("No module named 'scipy'")
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_scipy)
    r = run("calibrate", SUBSET[0], "--bootstrap", "0", "-o", "-", expect=1)
    assert "pip install 'venues[calibrate]'" in r.stderr
