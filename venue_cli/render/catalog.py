"""`venues cases` and `venues scenarios` in every format."""

from __future__ import annotations

from typing import Any, ClassVar

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
    def _rows(view: dict[str, Any]) -> list[list[str]]:
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
    def plain(view: dict[str, Any]) -> str:
        return columns([Cases.HEAD, *Cases._rows(view)])

    @staticmethod
    def csv(view: dict[str, Any]) -> str:
        return csv_text(Cases.HEAD, Cases._rows(view))

    @staticmethod
    def markdown(view: dict[str, Any]) -> str:
        return md_table(Cases.HEAD, Cases._rows(view))

    @staticmethod
    def table(view: dict[str, Any], ascii_bars: bool = False) -> Any:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        t = Table(
            title=Text("Bundled cases", style="bold"), box=box.SIMPLE_HEAVY, header_style="bold"
        )
        for h, justify in (
            ("name", "left"),
            ("title", "left"),
            ("venues", "right"),
            ("decided", "left"),
            ("chosen", "left"),
        ):
            t.add_column(h, justify=justify, overflow="fold")  # type: ignore[arg-type]
        for r in view["cases"]:
            t.add_row(
                Text(r["name"]),
                Text(r["title"]),
                Text(str(r["venues"])),
                Text(r["decision_date"] or "open"),
                Text(r["outcome"] or "—"),
            )
        return t


class Scenarios:
    """Renderer of `views.catalog.scenarios_view`."""

    HEAD: ClassVar[list[str]] = ["name", "title", "description"]

    @staticmethod
    def _rows(view: dict[str, Any]) -> list[list[str]]:
        return [[r["name"], r["title"], r["description"]] for r in view["scenarios"]]

    @staticmethod
    def plain(view: dict[str, Any]) -> str:
        return "".join(f"{n}\n    {t}\n    {d}\n" for n, t, d in Scenarios._rows(view))

    @staticmethod
    def csv(view: dict[str, Any]) -> str:
        return csv_text(Scenarios.HEAD, Scenarios._rows(view))

    @staticmethod
    def markdown(view: dict[str, Any]) -> str:
        return md_table(Scenarios.HEAD, Scenarios._rows(view))

    @staticmethod
    def table(view: dict[str, Any], ascii_bars: bool = False) -> Any:
        from rich import box
        from rich.table import Table
        from rich.text import Text

        t = Table(
            title=Text("Bundled scenarios", style="bold"), box=box.SIMPLE_HEAVY, header_style="bold"
        )
        t.add_column("name", overflow="fold")
        t.add_column("what it assumes", overflow="fold")
        for n, title, d in Scenarios._rows(view):
            body = Text(title, style="bold")
            body.append(f"\n{d}")
            t.add_row(Text(n), body)
        return t
