"""Rewrite the generated tables of docs/model.md and docs/dataset-format.md from the code.

    python -m venue_cli.docsgen          # rewrite both documents
    python -m venue_cli.docsgen --check  # exit 1 if either is stale

A developer tool: the CLI never imports it.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def documents() -> dict[Path, dict[str, str]]:
    from venue_cli.format import docs as format_docs
    from venue_cli.model import docs as model_docs

    return {
        ROOT / "docs" / "dataset-format.md": format_docs.sections(),
        ROOT / "docs" / "model.md": model_docs.sections(),
    }


def render(path: Path, tables: dict[str, str]) -> tuple[str, str]:
    from venue_cli.format.docs import fill

    old = path.read_text(encoding="utf-8")
    return old, fill(old, tables)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for path, tables in documents().items():
        old, new = render(path, tables)
        if old != new:
            stale.append(path)
            if not check:
                path.write_text(new, encoding="utf-8")
    for path in stale:
        print(f"{'stale' if check else 'rewrote'}: {path}")
    return 1 if check and stale else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
