"""Test set-up: a pinned terminal, a private cache folder, and a loud CLI helper."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

# Pin the terminal for the whole suite before Typer or Rich read the environment: no colour,
# a fixed width, and no forced terminal. _TYPER_FORCE_DISABLE_TERMINAL is private to Typer
# (it is what Typer's own test script sets) and stops it forcing a terminal under CI.
for _var in ("FORCE_COLOR", "PY_COLORS", "CLICOLOR_FORCE", "GITHUB_ACTIONS", "VENUES_DATA"):
    os.environ.pop(_var, None)
os.environ["TTY_COMPATIBLE"] = "0"
os.environ["COLUMNS"] = "100"
os.environ["NO_COLOR"] = "1"
os.environ["_TYPER_FORCE_DISABLE_TERMINAL"] = "1"

from typer.testing import CliRunner  # noqa: E402  (after the environment is pinned)

from venue_cli.cli import app  # noqa: E402
from venue_cli.errors import ExitCode  # noqa: E402

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


def run(*args: str, expect: int = ExitCode.OK, env: dict[str, str] | None = None) -> Result:
    """Invoke `venues ARGS` in-process; fail loudly on an unexpected exit code."""
    runner = CliRunner()
    result = runner.invoke(app, list(args), env=env, catch_exceptions=True)
    if result.exit_code != expect or (
        result.exception and not isinstance(result.exception, SystemExit)
    ):
        import traceback

        tb = "".join(traceback.format_exception(result.exception)) if result.exception else ""
        pytest.fail(
            f"venues {' '.join(args)} exited {result.exit_code}, expected {int(expect)}\n"
            f"--- stdout\n{result.stdout}\n--- stderr\n{result.stderr}\n{tb}"
        )
    return Result(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def tiny() -> Path:
    return TINY


@pytest.fixture
def python() -> Iterator[str]:
    return sys.executable
