"""`venues cases` and `venues scenarios` in every format."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from venue_cli.render import layout
from venue_cli.textfmt import columns, csv_text, md_table


class Cases:
    """Renderer of `views.catalog.cases_view`."""

    HEAD: ClassVar[list[str]] = [
        "name",
        "title",
        "venues",
        "statements",
        "decision_date",
        "outcome",
    ]

    @staticmethod
    def _rows(view: Mapping[str, Any]) -> list[list[str]]:
        return [
            [
                r["name"],
                r["title"],
                str(r["venues"]),
                str(r["statements"]),
                r["decision_date"] or "open",
                r["outcome"] or "—",
            ]
            for r in view["cases"]
        ]

    @staticmethod
    def plain(view: Mapping[str, Any]) -> str:
        return columns([Cases.HEAD, *Cases._rows(view)])

    @staticmethod
    def csv(view: Mapping[str, Any]) -> str:
        """One row per case; the header uses the JSON field names (empty for none)."""
        return csv_text(
            Cases.HEAD,
            [["" if r[k] is None else r[k] for k in Cases.HEAD] for r in view["cases"]],
        )

    @staticmethod
    def markdown(view: Mapping[str, Any]) -> str:
        return md_table(Cases.HEAD, Cases._rows(view))

    @staticmethod
    def table(view: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None) -> Any:
        """The name and decision date on the left, the title and the venue chosen on the
        right (which takes the room left)."""
        from rich.text import Text

        w = width or layout.WIDE
        rows = view["cases"]
        left_w = max(13, layout.longest([r["name"] for r in rows]))
        t = layout.new_table(f"Bundled cases ({len(rows)}): use one with --case NAME")
        t.add_column("Case, decided", width=left_w, no_wrap=True)
        t.add_column("Venues", justify="right", width=6, no_wrap=True)
        t.add_column("Title, venue chosen", width=max(20, w - layout.span([left_w, 6, 0])))
        for r in rows:
            left = Text(r["name"], style="bold")
            left.append(f"\n{r['decision_date'] or 'open'}", style="dim")
            right = Text(r["title"])
            right.append(f"\nchosen: {r['outcome']}" if r["outcome"] else "\nno outcome yet")
            right.stylize("dim", len(r["title"]))
            t.add_row(left, Text(str(r["venues"])), right)
        return t


class Scenarios:
    """Renderer of `views.catalog.scenarios_view`."""

    HEAD: ClassVar[list[str]] = ["name", "title", "description"]

    @staticmethod
    def _rows(view: Mapping[str, Any]) -> list[list[str]]:
        return [[r["name"], r["title"], r["description"]] for r in view["scenarios"]]

    @staticmethod
    def plain(view: Mapping[str, Any]) -> str:
        return "".join(f"{n}\n    {t}\n    {d}\n" for n, t, d in Scenarios._rows(view))

    @staticmethod
    def csv(view: Mapping[str, Any]) -> str:
        return csv_text(Scenarios.HEAD, Scenarios._rows(view))

    @staticmethod
    def markdown(view: Mapping[str, Any]) -> str:
        return md_table(Scenarios.HEAD, Scenarios._rows(view))

    @staticmethod
    def table(view: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None) -> Any:
        from rich.text import Text

        w = width or layout.WIDE
        rows = Scenarios._rows(view)
        left_w = max(4, layout.longest([n for n, _t, _d in rows]))
        t = layout.new_table("Bundled scenarios: use one with --scenario NAME")
        t.leading = 1
        t.add_column("Name", width=left_w, no_wrap=True)
        t.add_column("What it assumes", width=max(20, w - left_w - layout.GAP))
        for n, title, d in rows:
            body = Text(title, style="bold")
            body.append(f"\n{d}")
            t.add_row(Text(n), body)
        return t
