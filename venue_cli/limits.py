"""Limits on input files (kept apart so the fast start-up path need not import the schema)."""

MAX_FILE_BYTES = 5 * 1024 * 1024
#: Blanket remarks times the venues each covers, in all: a file of a few thousand remarks
#: covering a few thousand venues would cost time and memory with the square of its size.
#: At this cap, remarks whose `except` lists give every venue its own set of covering
#: remarks (the worst case) cost about 8 s and 350 MB to rank (at 20,000,000, the cap
#: before, such a 1 MB file would have needed 7 GB); the synthetic benchmark's 10,000 venues
#: with a few blanket remarks per party come to 131,000.
MAX_BLANKET_COVERAGE = 1_000_000
#: A scenario's assumed stances (party × venue, over every assumption) and the facts its
#: `country: "*"` facts expand to: each costs a pooled piece of evidence or a fact on every
#: day scored, so a short scenario of "*" assumptions over many venues would cost with the
#: square of its size (3,000 × 3,000 took 175 s and 3.9 GB).
MAX_ASSUMED_STANCES = 1_000_000
MAX_SCENARIO_FACTS = 100_000
