"""Test set-up: a pinned terminal, a private cache folder, and a loud CLI helper."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

# Pin the terminal for the whole suite before Typer or Rich read the environment: no colour,
# a fixed width, and no forced terminal. _TYPER_FORCE_DISABLE_TERMINAL is private to Typer
# (it is what Typer's own test script sets) and stops it forcing a terminal under CI.
for _var in ("FORCE_COLOR", "PY_COLORS", "CLICOLOR_FORCE", "GITHUB_ACTIONS", "VENUES_DATA"):
    os.environ.pop(_var, None)
# Bytecode is cached even where the environment says not to (PYTHONDONTWRITEBYTECODE=1 on
# the reference machine): otherwise every worker and every `python -m venue_cli` child
# compiles the package and the rewritten tests again. __pycache__ is git-ignored.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False
os.environ["TTY_COMPATIBLE"] = "0"
os.environ["COLUMNS"] = "100"
os.environ["NO_COLOR"] = "1"
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"
# "Today" is pinned: no test depends on the system clock (the suite passes with the clock set
# years ahead). Tests that need another day pass --as-of or set VENUES_TODAY themselves.
TODAY = "2026-12-02"
os.environ["VENUES_TODAY"] = TODAY

import typer.main  # noqa: E402  (after the environment is pinned)
import typer.testing  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from venue_cli.cli import app  # noqa: E402
from venue_cli.errors import ExitCode  # noqa: E402

#: The thorough profile (`HYPOTHESIS_PROFILE=thorough python -m pytest`) also runs the tests
#: marked `thorough`: the full calibration, 20,000 fuzz examples, every width and date.
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"

# Typer's CliRunner builds the Click command from the application on every invoke (about
# 12 ms, most of an in-process run); the application does not change, so build it once.
# _get_command is Typer's own name for typer.main.get_command inside typer.testing.
_COMMAND = typer.main.get_command(app)


def _get_command(typer_instance: typer.Typer) -> Any:
    return _COMMAND if typer_instance is app else typer.main.get_command(typer_instance)


typer.testing._get_command = _get_command  # type: ignore[attr-defined]  # private, see above


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if THOROUGH:
        return
    skip = pytest.mark.skip(reason="thorough profile only: HYPOTHESIS_PROFILE=thorough")
    for item in items:
        if "thorough" in item.keywords:
            item.add_marker(skip)


ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
TINY = FIXTURES / "tiny.yaml"


@pytest.fixture(autouse=True)
def _private_cache(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each test session gets its own dataset cache; no test touches ~/.cache."""
    monkeypatch.setenv("VENUES_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("VENUES_DATA", raising=False)


@dataclass
class Result:
    exit_code: int
    stdout: str
    stderr: str


def run(*args: str, expect: int | None = ExitCode.OK, env: dict[str, str] | None = None) -> Result:
    """Invoke `venues ARGS` in-process; fail loudly on an unexpected exit code (any code is
    fine with expect=None) and on any exception that is not an exit."""
    runner = CliRunner()
    result = runner.invoke(app, list(args), env=env, catch_exceptions=True)
    wrong = expect is not None and result.exit_code != expect
    wrong = wrong or "Error: internal error" in result.stderr  # a bug, caught for the user
    if wrong or (result.exception and not isinstance(result.exception, SystemExit)):
        import traceback

        tb = "".join(traceback.format_exception(result.exception)) if result.exception else ""
        pytest.fail(
            f"venues {' '.join(args)} exited {result.exit_code}, expected {expect}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}\n{tb}"
        )
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def tiny() -> Path:
    return TINY


def dataset_text(**sections: str) -> str:
    """A small schema_version 2 dataset: two principals (a, b, countries AA and BB), a
    mediator m (MM), three venues (x in XX, y in YY, z in a's country AA), one source; each
    keyword replaces or adds a top-level section (YAML text, indented as under its key)."""
    base = {
        "case": """
  id: toy
  title: Toy
  summary: A toy case.
  meeting: leaders
  meeting_kinds:
    leaders: the leaders' meeting
    talks: {description: talks of officials, relatedness: 0.5, level: delegations}
  principals: [a, b]""",
        "sources": """
  - {id: s1, outlet: Test Wire, date: 2020-01-01}""",
        "parties": """
  - {id: a, name: Aland, role: principal, country: "AA", joint_weight: 1, joint_weight_rationale: p}
  - {id: b, name: Bland, role: principal, country: "BB", joint_weight: 1, joint_weight_rationale: p}
  - {id: m, name: Mland, role: mediator, country: "MM", joint_weight: 0,
     joint_weight_rationale: m}""",
        "venues": """
  - {id: x, name: X City, city: X City, country: "XX", country_name: Xland}
  - {id: y, name: Y City, city: Y City, country: "YY", country_name: Yland}
  - {id: z, name: Z City, city: Z City, country: "AA", country_name: Aland}""",
    }
    base.update(sections)
    return "schema_version: 2\n" + "".join(f"{k}:{v}\n" for k, v in base.items())


def statement(sid: str, party: str, stance: str, day: str = "2020-01-02", **extra: str) -> str:
    """One statement record as a YAML flow mapping (named venues via venues='[x]')."""
    fields = {
        "id": sid,
        "date": day,
        "party": party,
        "speaker": "S",
        "stance": stance,
        "meeting": "leaders",
        "quote": "q",
        "attribution": "first_hand",
        "confidence": "high",
        "sources": "[s1]",
        **extra,
    }
    return "\n  - {" + ", ".join(f"{k}: {v}" for k, v in fields.items()) + "}"


def synthetic_generator() -> ModuleType:
    """benchmarks/make_synthetic.py as a module (benchmarks/ is not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_synthetic", ROOT / "benchmarks" / "make_synthetic.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def without_clock_shim(env: dict[str, str]) -> dict[str, str]:
    """`env` without libfaketime's preload. The suite is run with the clock years ahead under
    faketime, whose library opens its shared-memory file (/dev/shm/faketime_shm_*) in every
    child: in a child that closes or wires up low file descriptors (fd 1 closed, Chromium's
    pipe on fds 3 and 4) that file takes a descriptor. Only tests that do so, and read no
    clock, drop it."""
    return {k: v for k, v in env.items() if k != "LD_PRELOAD" and not k.startswith("FAKETIME")}


@pytest.fixture
def python() -> str:
    return sys.executable
