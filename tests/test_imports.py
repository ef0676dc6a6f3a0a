"""Start-up hygiene: rank and explain never import numpy; the C YAML parser is used."""

from __future__ import annotations

import subprocess

import pytest


@pytest.mark.parametrize(
    "args",
    [["rank"], ["explain", "geneva"], ["rank", "--format", "json"], ["rank", "--format", "plain"]],
)
def test_rank_and_explain_do_not_import_numpy(python: str, args: list[str]) -> None:
    code = (
        "import sys, io, contextlib\n"
        "from venue_cli.cli import app\n"
        "buf = io.StringIO()\n"
        "with contextlib.redirect_stdout(buf):\n"
        f"    try:\n        app({args!r})\n"
        "    except SystemExit as e:\n        assert e.code in (0, None), e.code\n"
        "print('numpy' in sys.modules, 'contextvars' in sys.modules)\n"
    )
    out = subprocess.run(
        [python, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"VENUES_NO_CACHE": "1", "PATH": ""},
    ).stdout
    # nor contextvars (a fraction of a millisecond on every start-up)
    assert out.strip().splitlines()[-1] == "False False"


def test_the_c_yaml_parser_is_available() -> None:
    import yaml

    assert hasattr(yaml, "CSafeLoader"), "PyYAML was built without libyaml"


def test_sensitivity_imports_numpy_only_when_run(python: str) -> None:
    code = "import sys, venue_cli.model.sensitivity, venue_cli.cli; print('numpy' in sys.modules)"
    out = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
