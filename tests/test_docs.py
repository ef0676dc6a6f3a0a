"""The documents are the code's: generated tables are current, every constant is stated with
its value, the README's examples are real output and its Python example runs."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import ROOT, run
from venue_cli.cli import app
from venue_cli.docsgen import documents, render
from venue_cli.model.params import FREE, Params

README = (ROOT / "README.md").read_text(encoding="utf-8")
MODEL = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", list(documents()), ids=lambda p: p.name)
def test_generated_tables_are_current(path: object) -> None:
    tables = documents()[path]  # type: ignore[index]
    old, new = render(path, tables)  # type: ignore[arg-type]
    assert old == new, f"{path} is stale: run `python -m venue_cli.docsgen`"


def test_every_generated_block_is_filled() -> None:
    from venue_cli.format.docs import blocks

    for path, tables in documents().items():
        text = path.read_text(encoding="utf-8")
        assert sorted(blocks(text)) == sorted(tables), path


def test_model_doc_states_every_constant_with_its_value() -> None:
    p = Params()
    judged = re.findall(r"^\| `([a-z_]+)` \| ([0-9.e+-]+) \|$", MODEL, flags=re.M)
    stated = dict(judged)
    assert stated, "no judged-constant table"
    for name, value in stated.items():
        assert float(value) == pytest.approx(getattr(p, name)), name
    fitted = dict(
        re.findall(r"^\| `([a-z_]+)` \| ([0-9.e+-]+) \| [0-9.e+-]+ \|", MODEL, flags=re.M)
    )
    assert set(fitted) == {f.name for f in FREE}
    for name, value in fitted.items():
        assert float(value) == pytest.approx(getattr(p, name), rel=1e-3), name
    for stance, score in p.stance_scores.items():
        assert f"| {stance.value} | {score:g} |" in MODEL


def test_changing_a_constant_makes_the_model_doc_stale(monkeypatch: pytest.MonkeyPatch) -> None:
    from venue_cli.model import docs as model_docs

    path = ROOT / "docs" / "model.md"
    changed = Params()._replace(neutrality_base=0.65, home_ally=0.8, legal_firm_pledge=0.55)
    monkeypatch.setattr(model_docs, "Params", lambda: changed)
    old, new = render(path, model_docs.sections())
    assert old != new


def test_readme_console_examples_match_real_output() -> None:
    blocks = re.findall(r"```console\n\$ (venues [^\n]+)\n(.*?)```", README, flags=re.S)
    assert blocks
    for command, output in blocks:
        expected = [line for line in output.splitlines() if line != "…"]
        args = command.split()[1:]
        result = run(*args, expect=None)
        actual = (result.stdout + result.stderr).splitlines()
        for line in expected:  # every shown line appears, in order ('…' marks a cut)
            assert line in actual, f"{command}: {line!r} not in the real output"
        positions = [actual.index(line) for line in expected]
        assert positions == sorted(positions), command


def test_readme_lists_every_command() -> None:
    for command in app.registered_commands:
        name = command.name or (command.callback.__name__ if command.callback else "")
        assert f"`venues {name}" in README, name


def test_readme_starts_with_the_two_commands() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", README, flags=re.S)
    assert commands[0].endswith("venues rank")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci  # .ci/run runs exactly the README's test command


def test_readme_python_example_prints_what_the_readme_says() -> None:
    ((code, printed),) = re.findall(
        r"```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```", README, flags=re.S
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == printed


def test_changelog_and_license_exist() -> None:
    from venue_cli import __version__

    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert f"## {__version__}" in changelog
