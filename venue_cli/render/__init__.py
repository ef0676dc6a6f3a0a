"""Renderers: turn the plain-data views of `venue_cli.views` into text.

Plain text, CSV and Markdown return `str`. The `table` format returns Rich renderables
(Rich is imported only there). Nothing here prints; the CLI writes what these return.
"""
