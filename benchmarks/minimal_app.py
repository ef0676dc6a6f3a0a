"""The framework's floor: a minimal Typer + Rich app that prints a 13-row table.

`benchmarks/run.py` times it as a new process on a pseudo-terminal, next to `venues rank
--format table` and `venues explain istanbul --format table`, which draw the same kind of
table (13 rows, a title and a caption, styled `Text` cells, bars). Whatever `venues` costs
above this app is its own: its imports, its dataset, its scoring and its rendering.

    python benchmarks/minimal_app.py
"""

import typer
from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

app = typer.Typer()

NAMES = (
    "Istanbul",
    "Geneva",
    "Vienna",
    "Riyadh",
    "Abu Dhabi",
    "Doha",
    "Vatican City",
    "Budapest",
    "Oslo",
    "Helsinki",
    "Minsk",
    "Kyiv",
    "Moscow",
)


def bar(value: float, width: int) -> str:
    full = round(value * width)
    return "█" * full + "░" * (width - full)


@app.command()
def show(rows: int = 13) -> None:
    """Print a table of `rows` rows."""
    table = Table(
        title=Text("A minimal table · as of 2025-09-05", style="bold"),
        caption=Text("stance = latest statement as of the date", style="dim"),
        box=box.SIMPLE_HEAVY,
        header_style="bold",
    )
    for name in ("#", "Venue", "Score", "", "Alpha", "Beta", "Gamma", "Main obstacle"):
        table.add_column(name)
    for i in range(rows):
        score = 0.7 - i * 0.03
        cells = [
            Text(str(i + 1)),
            Text(f"{NAMES[i % len(NAMES)]} (XX)", style="bold"),
            Text(f"{score:.3f}", style="green"),
            Text(bar(score, 10), style="green"),
        ]
        for k in range(3):
            cell = Text("accepts", style="green")
            cell.append(f" 2025-09-0{k + 1}", style="dim")
            cell.append("\n")
            cell.append(bar(score, 6), style="cyan")
            cell.append(f" {score:.2f}", style="dim")
            cells.append(cell)
        cells.append(Text("Alpha reluctant"))
        table.add_row(*cells)
    Console(highlight=False, soft_wrap=False).print(table)


if __name__ == "__main__":
    app()
