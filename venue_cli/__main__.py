"""`python -m venue_cli` runs the `venues` command."""

from venue_cli.cli import main

main()
