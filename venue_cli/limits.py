"""Limits on input files (kept apart so the fast start-up path need not import the schema)."""

MAX_FILE_BYTES = 5 * 1024 * 1024
