"""The tables of docs/dataset-format.md, generated from the format table.

The document keeps its prose; each table sits between `<!-- generated: NAME -->` and
`<!-- end: NAME -->` and is rewritten by `python -m venue_cli.docsgen`. A test fails when
the document is stale.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from venue_cli.format.spec import (
    FACT_COMMON,
    FACT_KIND_DOCS,
    FACT_KINDS,
    NESTED,
    SECTIONS,
    Field,
    RecordSpec,
)

_BLOCK = re.compile(r"(<!-- generated: ([a-z0-9_-]+) -->\n)(.*?)(<!-- end: \2 -->)", re.S)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _versions(fl: Field) -> str:
    if fl.until is not None:
        return str(fl.since) if fl.until == fl.since else f"{fl.since}–{fl.until}"
    return f"{fl.since}+" if fl.since > 1 else "all"


def field_table(fields: tuple[Field, ...]) -> str:
    rows = ["| key | type | required | versions | meaning |", "|---|---|---|---|---|"]
    for fl in fields:
        rows.append(
            f"| `{fl.name}` | {_cell(fl.type.doc())} | {'yes' if fl.required else 'no'} | "
            f"{_versions(fl)} | {_cell(fl.description)} |"
        )
    return "\n".join(rows) + "\n"


def record_table(spec: RecordSpec) -> str:
    return field_table(spec.fields)


def fact_kinds_table() -> str:
    rows = ["| `kind` | keys | meaning |", "|---|---|---|"]
    for kind, fields in FACT_KINDS.items():
        keys = ", ".join(f"`{f.name}`" + ("" if f.required else " (optional)") for f in fields)
        rows.append(f"| `{kind}` | {keys} | {_cell(FACT_KIND_DOCS[kind])} |")
    return "\n".join(rows) + "\n"


def criteria_list() -> str:
    from venue_cli.model.criteria import REGISTRY

    return ", ".join(f"`{c.id}`" for c in REGISTRY) + "\n"


def sections() -> dict[str, str]:
    out = {f"record-{spec.name}": record_table(spec) for _k, spec, _l, _r in SECTIONS}
    out.pop("record-fact", None)
    out["fact-common"] = field_table(FACT_COMMON)
    out["fact-kinds"] = fact_kinds_table()
    out.update({f"record-{spec.name}": record_table(spec) for spec in NESTED})
    out["criteria"] = criteria_list()
    return out


def fill(text: str, tables: Mapping[str, str]) -> str:
    """`text` with each generated block replaced by its table (unknown names stay)."""

    def repl(m: re.Match[str]) -> str:
        name = m.group(2)
        body = tables.get(name, m.group(3))
        return f"{m.group(1)}{body}{m.group(4)}"

    return _BLOCK.sub(repl, text)


def blocks(text: str) -> list[str]:
    return [m.group(2) for m in _BLOCK.finditer(text)]
