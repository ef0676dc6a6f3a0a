"""Limits on input files (kept apart so the fast start-up path need not import the schema)."""

MAX_FILE_BYTES = 5 * 1024 * 1024
#: Blanket remarks times the venues each covers, in all: a file of a few thousand remarks
#: covering a few thousand venues would cost time and memory with the square of its size.
MAX_BLANKET_COVERAGE = 20_000_000
