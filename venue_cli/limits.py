"""Limits on input files (kept apart so the fast start-up path need not import the schema)."""

MAX_FILE_BYTES = 5 * 1024 * 1024
#: Blanket remarks times the venues each covers, in all: a file of a few thousand remarks
#: covering a few thousand venues would cost time and memory with the square of its size.
#: At this cap, remarks whose `except` lists give every venue its own set of covering
#: remarks (the worst case) cost about 8 s and 350 MB to rank (at 20,000,000, the cap
#: before, such a 1 MB file would have needed 7 GB); the synthetic benchmark's 10,000 venues
#: with a few blanket remarks per party come to 131,000.
MAX_BLANKET_COVERAGE = 1_000_000
#: Party–venue pairs the statements reach in all: each statement counts every venue it names
#: or covers, once for each party it speaks for. A joint statement of 200 parties naming
#: 2,000 venues is 400,000 pieces of evidence to pool from a 14 KB record, so a 5 MiB file
#: of them would have needed about 20 GB; two such statements (800,000 pairs) take 2.2 s and
#: 360 MB to rank.
MAX_STATEMENT_REACH = 1_000_000
#: Scored parties (joint weight above 0) times venues: the cells a ranking computes and
#: prints. It grows with the square of a file that lists many parties and many venues (1,000
#: of each, 166 KB, took 53 s, 3 GB and 378 MB of JSON). At the cap, 443 parties at 443
#: venues take 9.4 s and 820 MB to rank as JSON; the benchmark's largest case, 10,000 venues
#: × 20 parties, is just within it.
MAX_SCORED_PAIRS = 200_000


def scored_pairs_message(parties: int, venues: int) -> str:
    """Why a ranking of `parties` scored parties at `venues` venues is refused."""
    return (
        f"{parties:,} parties with joint_weight > 0 at {venues:,} venues are more than "
        f"{MAX_SCORED_PAIRS:,} party–venue pairs to score; give fewer parties a joint weight "
        "(a party with joint_weight 0 is still read, and its statements count), or split the "
        "venues into several files"
    )


#: A scenario's assumed stances (party × venue, over every assumption) and the facts its
#: `country: "*"` facts expand to: each costs a pooled piece of evidence or a fact on every
#: day scored, so a short scenario of "*" assumptions over many venues would cost with the
#: square of its size (3,000 × 3,000 took 175 s and 3.9 GB).
MAX_ASSUMED_STANCES = 1_000_000
MAX_SCENARIO_FACTS = 100_000
