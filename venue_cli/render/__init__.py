"""Renderers: turn the plain-data views of `venue_cli.views` into text.

Plain text, CSV and Markdown return `str`. The `table` format returns Rich renderables
(Rich is imported only there) laid out for the terminal's width (`render.layout`). Nothing
here prints; the CLI writes what these return.
"""

from collections.abc import Mapping
from typing import Any, Protocol


class ViewRenderer(Protocol):
    """What a renderer module offers for one plain-data view (rank, sensitivity, compare,
    backtest): text formats as strings, and Rich renderables for the terminal."""

    def plain(self, view: Mapping[str, Any]) -> str: ...
    def csv(self, view: Mapping[str, Any]) -> str: ...
    def markdown(self, view: Mapping[str, Any]) -> str: ...
    def table(
        self, view: Mapping[str, Any], ascii_bars: bool = False, width: int | None = None
    ) -> Any: ...
