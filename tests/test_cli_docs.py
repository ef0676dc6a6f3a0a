"""`venues docs format|model` prints the documents that ship with the package (from an
installed wheel too: tests/test_packaging.py)."""

from __future__ import annotations

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
