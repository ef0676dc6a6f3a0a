"""The README's examples are real output, and every command is documented."""

from __future__ import annotations

import re

from tests.conftest import ROOT, run
from venue_cli.cli import app

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _console_blocks() -> list[tuple[str, list[str]]]:
    blocks = re.findall(r"```console\n\$ (venues [^\n]+)\n(.*?)```", README, flags=re.S)
    return [(cmd, [line for line in out.splitlines() if line != "…"]) for cmd, out in blocks]


def test_readme_console_examples_match_real_output() -> None:
    blocks = _console_blocks()
    assert blocks
    for command, expected in blocks:
        args = command.split()[1:]
        result = run(*args, expect=1 if "turky" in command else 0)
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
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()[-1]
    assert commands[1] == ci  # .ci/run runs exactly the README's test command


def test_dataset_format_doc_covers_every_field_and_fact_kind() -> None:
    from venue_cli.schema import FACT_COMMON, FACT_KINDS, RECORDS

    doc = (ROOT / "docs" / "dataset-format.md").read_text(encoding="utf-8")
    fields = [f for fs in RECORDS.values() for f in fs] + list(FACT_COMMON)
    fields += [f for fs in FACT_KINDS.values() for f in fs]
    assert [f.name for f in fields if f"`{f.name}`" not in doc] == []
    assert [k for k in FACT_KINDS if f"`{k}`" not in doc] == []


def test_model_doc_states_every_constant() -> None:
    """Each number in venue_cli.params appears in docs/model.md."""
    from venue_cli.model.params import DEFAULT_PARAMS, STANCE_SCORES

    doc = (ROOT / "docs" / "model.md").read_text(encoding="utf-8")
    numbers = [v for v in DEFAULT_PARAMS if isinstance(v, (int, float))]
    numbers += list(STANCE_SCORES.values())
    for value in numbers:
        text = f"{value:g}"
        assert text in doc or f"{value}" in doc, value
