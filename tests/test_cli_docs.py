"""`venues docs format|model` prints the documents that ship with the package, from the source
tree and from an installed wheel (which carries them as venue_cli/docs/)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, run


@pytest.mark.parametrize(
    ("topic", "name"), [("format", "dataset-format.md"), ("model", "model.md")]
)
def test_docs_prints_the_document(topic: str, name: str) -> None:
    assert run("docs", topic).stdout == (ROOT / "docs" / name).read_text(encoding="utf-8")


def test_an_unknown_topic_names_the_valid_ones() -> None:
    r = run("docs", "nothing", expect=2)
    assert r.stderr == "Error: unknown topic 'nothing'; choose format or model\n"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
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
    )
    (wheel,) = out.glob("venues-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"venue_cli/docs/dataset-format.md", "venue_cli/docs/model.md"} <= names
    target = out / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return target


@pytest.mark.parametrize(
    ("topic", "name"), [("format", "dataset-format.md"), ("model", "model.md")]
)
def test_docs_work_from_an_installed_wheel(
    installed: Path, tmp_path: Path, topic: str, name: str
) -> None:
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
