"""The built wheel ships the bundled datasets and documents, and the installed package works
from any working directory."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    wheels = list(out.glob("venues-*.whl"))
    assert len(wheels) == 1
    return wheels[0]


def test_wheel_contains_the_datasets(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "venue_cli/data/putin-zelensky.yaml" in names
    for case in (ROOT / "data" / "cases").glob("*.yaml"):
        assert f"venue_cli/data/cases/{case.name}" in names
    for scenario in (ROOT / "data" / "scenarios").glob("*.yaml"):
        assert f"venue_cli/data/scenarios/{scenario.name}" in names
    assert "venue_cli/py.typed" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "venues = venue_cli.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()


@pytest.fixture(scope="module")
def installed(wheel: Path) -> Path:
    """The wheel installed into a folder of its own (put on PYTHONPATH to use it)."""
    target = wheel.parent / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    return target


def test_installed_wheel_runs_from_another_directory(installed: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(installed), "VENUES_NO_CACHE": "1"}
    env.pop("VENUES_DATA", None)
    code = (
        "import venue_cli, sys; print(venue_cli.__file__); sys.argv=['venues','rank']; "
        "from venue_cli.cli import main; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    first, rest = proc.stdout.split("\n", 1)
    assert first.startswith(str(installed))  # the installed copy, not the source tree
    assert "Moscow" in rest
    assert "vetoed by Ukraine" in rest


@pytest.mark.parametrize(
    ("topic", "name"), [("format", "dataset-format.md"), ("model", "model.md")]
)
def test_docs_work_from_an_installed_wheel(
    wheel: Path, installed: Path, tmp_path: Path, topic: str, name: str
) -> None:
    """The wheel carries the documents as venue_cli/docs/, and `venues docs` prints them."""
    assert f"venue_cli/docs/{name}" in zipfile.ZipFile(wheel).namelist()
    env = {**os.environ, "PYTHONPATH": str(installed), "VENUES_NO_CACHE": "1"}
    code = (
        "import sys, venue_cli; assert venue_cli.__file__.startswith(sys.argv[1]); "
        f"sys.argv = ['venues', 'docs', '{topic}']; from venue_cli.cli import main; main()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(installed)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert proc.stdout == (ROOT / "docs" / name).read_text(encoding="utf-8")
