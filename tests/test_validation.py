"""The strict loader: one tiny bad file per rule (tests/fixtures/bad/), each asserting the
message and the line; plus the file-system failures and the YAML 1.1 traps."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, ROOT, TINY, run
from venue_cli.errors import DatasetError
from venue_cli.load import load_dataset, parse_dataset

BAD = FIXTURES / "bad"

# (file, line, text the first problem must contain)
CASES = [
    ("group-called-all", 9, "group 'all': `covers: all` means every venue, so a group called all"),
    ("group-is-a-venue-id", 15, "group 'v': it is also a venue's id, so 'v' would mean both"),
    ("duplicate-key", 5, "duplicate key 'title' (first defined on line 4)"),
    ("unknown-key", 15, "unknown key 'contry'; did you mean 'country'?"),
    ("wrong-type", 12, "joint_weight: expected a number, got 'high'"),
    ("missing-field", 17, "missing required key 'quote'"),
    # one mistake, one problem: the misspelt key is not also reported missing
    ("misspelt-required-key", 17, "unknown key 'qoute'; did you mean 'quote'? (a required key)"),
    ("unknown-venue", 17, "unknown venue 'w'"),
    ("unknown-party", 17, "unknown party 'c'"),
    ("unknown-source", 17, "unknown source 't'"),
    ("unknown-meeting", 17, "unknown meeting kind 'summit'"),
    ("invalid-date", 17, "'2020-02-30' is not a real calendar date"),
    ("date-format", 17, "expected a date written YYYY-MM-DD, got '02/01/2020'"),
    ("out-of-range", 12, "-1 is below the minimum 0"),
    ("nan", 12, "expected a finite number (NaN and infinity are not allowed), got nan"),
    ("infinity", 12, "expected a finite number (NaN and infinity are not allowed), got inf"),
    ("boolean-country", 15, "expected a two-letter country code in quotes"),
    (
        "yes-as-stance",
        17,
        "stance: expected one of proposes, accepts, open, reluctant, rejects, got 'yes'",
    ),
    ("misspelt-stance", 17, "got 'acepts'; did you mean 'accepts'?"),
    ("misspelt-criterion", 13, "unknown criterion 'securty'; did you mean 'security'?"),
    ("control-character", 15, "the control character U+001B (ESC)"),
    ("bidi-override", 17, "the control character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("nul-escape", 17, "the control character U+0000 (NUL)"),
    ("line-break-in-name", 15, "name: a one-line text holds U+000A (newline)"),
    ("huge-integer", 12, "a number of 400 characters is too long (at most 40)"),
    ("ancient-date", 17, "'0001-01-01' is outside the years 1000–9999"),
    ("partial-date-in-v1", 17, "expected a date written YYYY-MM-DD, got '2020-01'"),
    ("unknown-group", 17, "'westerly' is neither 'all' nor a venue group"),
    ("except-without-covers", 17, "only a blanket remark ('covers') has exceptions"),
    ("others-without-venues", 17, "name the 'venues' the others are set against"),
    ("statement-without-party", 17, "say who made it: 'party' (or 'parties'"),
    ("bad-id", 15, "expected an id (lowercase letters, digits and '-'), got 'Bad Venue'"),
    ("duplicate-id", 18, "duplicate id 'st' (first used on line 17)"),
    ("anchor-alias", 10, "anchors and aliases (&src) are not allowed"),
    ("alias-bomb", 2, "anchors and aliases (&l0) are not allowed"),
    ("merge-key", 10, "merge keys (<<) are not allowed"),
    (
        "python-tag",
        5,
        "tags such as 'tag:yaml.org,2002:python/object/apply:os.getpid' are not allowed",
    ),
    ("two-documents", 18, "only one YAML document is allowed"),
    ("empty", None, "the file is empty"),
    ("top-level-list", 1, "the top level must be a mapping"),
    ("missing-schema-version", 1, "missing 'schema_version: 2' at the top"),
    ("future-schema-version", 1, "schema_version 3 is not supported"),
    ("unknown-fact-kind", 19, "got 'icc_membr'; did you mean 'icc_member'?"),
    ("validity-reversed", 19, "valid_until: 2001-01-01 is not after valid_from 2002-07-01"),
    (
        "stance-lapses-before-it-counts",
        57,
        "statements (st1).valid_until: 2024-01-01 is not after the day it counts from "
        "(2025-03-01); a stance that lapses before it counts would count nowhere",
    ),
    (
        "reported-before-said",
        57,
        "statements (st1).reported: 2025-01-01 is before the day it was said (2025-03-01)",
    ),
    ("not-a-principal", 8, "party 'b' has role 'mediator', not principal"),
    ("alias-collision", 16, "name 'V' is already used by venue 'v'"),
    ("syntax-error", 9, "invalid YAML: while parsing a flow sequence"),
    ("tab-indent", 3, "YAML is indented with spaces, not tabs"),
    ("deep-nesting", 5, "nesting deeper than 64 levels"),
    ("no-positive-weight", 12, "needs 'criteria' with at least one positive weight"),
    ("empty-quote", 17, "quote: expected a non-empty string"),
    ("unknown-top-level", 18, "unknown top-level key 'venue'; did you mean 'venues'?"),
    ("not-utf8", 5, "the file is not valid UTF-8"),
    ("nul-byte", 4, "the file contains a NUL byte"),
    ("no-venues", 14, "venues: list at least one record"),
    (
        "same-day-assessments",
        20,
        "assessments (y): judges security at v for a on 2020-01-02 as assessment x (line 19) "
        "does, with another value (0.8, not 0.2)",
    ),
    # a key inside a value that can take two forms (text or mapping): found by the fuzz
    (
        "meeting-kind-unknown-key",
        7,
        "case.meeting_kinds.leaders: unknown key 'descripton'; did you mean 'description'?",
    ),
]


def test_every_bad_file_is_listed() -> None:
    assert {p.stem for p in BAD.glob("*.yaml")} == {name for name, _, _ in CASES}


def test_an_event_dated_by_its_year_may_end_within_that_year() -> None:
    """`date: "2025"` counts from 31 December for the model, but the event may have begun on
    any day of 2025: an end date in June is not 'before its date'."""
    ds = load_dataset(FIXTURES / "event-year-with-end-date.yaml")
    assert [str(e.end_date) for e in ds.events] == ["2025-06-01"]


def test_minimal_file_is_valid() -> None:
    ds = load_dataset(FIXTURES / "minimal.yaml")
    assert list(ds.venues) == ["v"]


@pytest.mark.parametrize(("name", "line", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_file(name: str, line: int | None, message: str) -> None:
    path = BAD / f"{name}.yaml"
    with pytest.raises(DatasetError) as info:
        load_dataset(path)
    first = info.value.problems[0]
    assert first.path == str(path)
    assert first.line == line
    assert message in first.message


def test_a_misspelt_required_key_is_one_problem() -> None:
    """'qoute' for 'quote' is one mistake: reported where it is, not again as a missing key."""
    with pytest.raises(DatasetError) as info:
        load_dataset(BAD / "misspelt-required-key.yaml")
    assert [(p.line, p.message) for p in info.value.problems] == [
        (17, "statements[0] (st): unknown key 'qoute'; did you mean 'quote'? (a required key)")
    ]


def test_a_misspelt_key_next_to_the_right_one_is_not_called_required(tmp_path: Path) -> None:
    """With 'quote' present, a stray 'qoute' is only unknown: nothing is missing."""
    text = (BAD / "misspelt-required-key.yaml").read_text(encoding="utf-8")
    path = tmp_path / "both.yaml"
    path.write_text(text.replace('qoute: "We accept."', 'quote: "We accept.", qoute: x'), "utf-8")
    with pytest.raises(DatasetError) as info:
        load_dataset(path)
    assert [p.message for p in info.value.problems] == [
        "statements[0] (st): unknown key 'qoute'; did you mean 'quote'?"
    ]


@pytest.mark.parametrize("name", ["unknown-venue", "nan", "python-tag", "not-utf8"])
def test_validate_command_lists_problems(name: str) -> None:
    path = BAD / f"{name}.yaml"
    result = run("validate", str(path), expect=1)
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{path}:")
    assert "problem" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_lists_every_problem(tmp_path: Path) -> None:
    text = (FIXTURES / "minimal.yaml").read_text()
    text = text.replace("stance: accepts", "stance: acepts").replace('"CH"', '"Swiss"')
    path = tmp_path / "two.yaml"
    path.write_text(text)
    result = run("validate", str(path), expect=1)
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert ":15:" in lines[0]
    assert "country code" in lines[0]
    assert ":17:" in lines[1]
    assert "did you mean 'accepts'" in lines[1]


def test_a_typo_in_the_case_is_reported_once_not_at_every_statement(tmp_path: Path) -> None:
    """A broken meeting kind fails the whole case record; the statements that use the kinds
    it names are not reported again (the live case gave 169 problems for one typo)."""
    text = (ROOT / "data" / "putin-zelensky.yaml").read_text(encoding="utf-8")
    typo = '      description: "A Putin–Zelensky leaders'
    assert text.count(typo) == 1
    path = tmp_path / "typo.yaml"
    path.write_text(text.replace(typo, typo.replace("description", "descripton")), "utf-8")
    result = run("validate", str(path), expect=1)
    assert [line.split(": ", 1)[1] for line in result.stdout.splitlines()] == [
        "case.meeting_kinds.leaders: unknown key 'descripton'; did you mean 'description'? "
        "(a required key)",
    ]
    assert result.stderr == f"1 problem found in {path}\n"


@pytest.mark.parametrize(
    ("old", "new", "first"),
    [
        ("  meeting_kinds:\n", "  meeting_kinds_:\n", "unknown key 'meeting_kinds_'"),
        ("case:\n", "kase:\n", "unknown top-level key 'kase'; did you mean 'case'?"),
    ],
    ids=["meeting-kinds-misspelt", "case-misspelt"],
)
def test_a_case_without_its_meeting_kinds_is_reported_once(
    tmp_path: Path, old: str, new: str, first: str
) -> None:
    """With no mapping of meeting kinds there is nothing to check the statements' kinds
    against: the case's own problems, not one more per statement and event."""
    text = (ROOT / "data" / "putin-zelensky.yaml").read_text(encoding="utf-8")
    assert text.count(old) == 1
    path = tmp_path / "case.yaml"
    path.write_text(text.replace(old, new), "utf-8")
    result = run("validate", str(path), expect=1)
    lines = result.stdout.splitlines()
    assert first in lines[0]
    assert len(lines) <= 3, lines
    assert not [line for line in lines if "unknown meeting kind" in line]


@pytest.mark.parametrize("section", ["sources", "parties", "venues", "events"])
def test_a_misspelt_section_is_reported_once_not_at_every_reference(
    tmp_path: Path, section: str
) -> None:
    """The records under 'sourcesx:' are not checked, but their ids stay known: the live
    case gave 536 problems for 'sourcesx', 313 for 'partiesx', 242 for 'venuesx'."""
    text = (ROOT / "data" / "putin-zelensky.yaml").read_text(encoding="utf-8")
    assert text.count(f"\n{section}:\n") == 1
    path = tmp_path / "misspelt.yaml"
    path.write_text(text.replace(f"\n{section}:\n", f"\n{section}x:\n"), "utf-8")
    result = run("validate", str(path), expect=1)
    messages = [line.split(": ", 1)[1] for line in result.stdout.splitlines()]
    expected = [f"unknown top-level key '{section}x'; did you mean '{section}'?"]
    if section != "events":  # the others are required
        expected.append(f"missing required section '{section}'")
    assert messages == expected


@pytest.mark.parametrize(
    ("record", "key"),
    [("russia", "ide"), ("istanbul", "ID"), ("inewshour-2022-02-27-toi", "i_d")],
)
def test_a_misspelt_id_is_reported_once_not_at_every_reference(
    tmp_path: Path, record: str, key: str
) -> None:
    """A record whose 'id' key is misspelt fails, but its id stays known to references (the
    live case gave 90 problems for 'ide: russia')."""
    text = (ROOT / "data" / "putin-zelensky.yaml").read_text(encoding="utf-8")
    old = f"\n  - id: {record}\n"
    assert text.count(old) == 1
    path = tmp_path / "misspelt.yaml"
    path.write_text(text.replace(old, f"\n  - {key}: {record}\n"), "utf-8")
    result = run("validate", str(path), expect=1)
    messages = [line.split(": ", 2)[2] for line in result.stdout.splitlines()]
    assert messages == [f"unknown key '{key}'; did you mean 'id'? (a required key)"]


def test_rank_reports_a_bad_file_without_traceback() -> None:
    result = run("rank", "--data", str(BAD / "duplicate-key.yaml"), expect=1)
    assert result.stdout == ""
    assert result.stderr.startswith(f"Error: {BAD / 'duplicate-key.yaml'}:5:3: duplicate key")


def test_missing_file_directory_and_permission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    r = run("rank", "--data", str(tmp_path / "nope.yaml"), expect=1)
    assert "no such file" in r.stderr
    r = run("rank", "--data", str(tmp_path), expect=1)
    assert "is a directory" in r.stderr
    locked = tmp_path / "locked.yaml"
    locked.write_text("schema_version: 1\n")

    real_open = os.open

    def deny(path: object, *a: object, **k: object) -> int:
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(path, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", deny)
    r = run("validate", str(locked), expect=1)
    assert "permission denied" in r.stdout


def test_oversized_file_is_refused_before_parsing(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"# " + b"x" * (5 * 1024 * 1024) + b"\n")
    with pytest.raises(DatasetError, match="the limit is 5,242,880"):
        load_dataset(big)


def test_alias_bomb_is_rejected_fast() -> None:
    start = time.perf_counter()
    with pytest.raises(DatasetError):
        load_dataset(BAD / "alias-bomb.yaml")
    # generous bound: the check is on the first anchor, long before any expansion
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(
    ("yaml_value", "expected"),
    [
        ("NO", "NO"),
        ("no", "no"),
        ("on", "on"),
        ("Yes", "Yes"),
        ("12:30", "12:30"),
        ("0777", "0777"),
        ("2025-09-05", "2025-09-05"),
        ("1.10", 1.1),
        ("7", 7),
        ("true", True),
    ],
)
def test_yaml_11_surprises_are_off(yaml_value: str, expected: object) -> None:
    from venue_cli.format.yamlsafe import loads

    assert loads(f"key: {yaml_value}\n") == {"key": expected}


def test_norway_code_unquoted_is_still_a_string() -> None:
    text = (FIXTURES / "minimal.yaml").read_text().replace('"CH"', "NO")
    ds = parse_dataset(text)
    assert ds.venues["v"].country == "NO"


def test_deep_nesting_at_parser_limit_is_an_error_not_a_crash() -> None:
    with pytest.raises(DatasetError, match=r"nesting|depth"):
        parse_dataset("schema_version: 1\nx: " + "[" * 30000 + "]" * 30000 + "\n")


def test_dataset_cache_is_used_and_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import venue_cli.load as load

    cache = tmp_path / "cache"
    monkeypatch.setenv("VENUES_CACHE_DIR", str(cache))
    import venue_cli.cache as cache_module

    monkeypatch.setattr(cache_module, "MAX_ENTRIES", 3)
    monkeypatch.setattr(cache_module.prune, "__defaults__", (3,))
    text = (FIXTURES / "minimal.yaml").read_text()
    paths = []
    for i in range(5):
        p = tmp_path / f"case{i}.yaml"
        p.write_text(text)
        paths.append(p)
        load.load_dataset(p)
    assert len(list(cache.glob("venues-*.json"))) == 3
    # a cached load returns the same dataset without parsing again
    monkeypatch.setattr(load, "parse_dataset", lambda *_a: pytest.fail("parsed again"))
    assert load.load_dataset(paths[-1]).venues["v"].country == "CH"
    # an edited file is a new key: parsed again, never the stale cache
    paths[-1].write_text(text.replace('"CH"', '"AT"'))
    monkeypatch.undo()
    monkeypatch.setenv("VENUES_CACHE_DIR", str(cache))
    assert load.load_dataset(paths[-1]).venues["v"].country == "AT"


def test_blanket_remarks_may_cover_only_so_many_venues_in_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remarks × the venues each covers is capped (the cost of expanding them grows with
    the square of the file). With the cap lowered to 14, the fifth remark covering the
    three venues crosses it."""
    from tests.conftest import dataset_text, statement
    from venue_cli import limits

    monkeypatch.setattr(limits, "MAX_BLANKET_COVERAGE", 14)
    remarks = "".join(statement(f"s{i}", "a", "open", covers="all") for i in range(6))
    path = tmp_path / "many.yaml"
    path.write_text(dataset_text(statements=remarks), encoding="utf-8")
    result = run("validate", str(path), expect=1)
    (line,) = result.stdout.splitlines()
    assert line.endswith(
        ": statements (s4): the blanket remarks so far cover more than 14 venues in all (each "
        "remark counts every venue it covers); name the venues instead, or split the case "
        "into several files"
    )
    monkeypatch.setattr(limits, "MAX_BLANKET_COVERAGE", 18)
    run("validate", str(path))  # 6 remarks × 3 venues = 18: at the cap, allowed


def test_a_blanket_remark_that_covers_no_venue_is_warned_of(tmp_path: Path) -> None:
    """'covers: all' less every venue, and 'others' beside a list of every venue, count
    nowhere: valid, but `validate` says so rather than let the remark vanish unseen. A
    remark that covers one venue is not warned of."""
    from tests.conftest import dataset_text, statement

    remarks = (
        statement("s-none", "a", "open", covers="all", **{"except": "[x, y]"}, venues="[z]")
        + statement("s-others", "b", "proposes", venues="[x, y, z]", others="rejects")
        + statement("s-one", "a", "open", covers="all", **{"except": "[x, y]"})
    )
    path = tmp_path / "empty-blankets.yaml"
    path.write_text(dataset_text(statements=remarks), encoding="utf-8")
    result = run("validate", str(path))
    assert result.stderr.splitlines() == [
        f"warning: {path}:23:5: statements (s-none): this blanket remark covers no venue "
        "('covers: all' less the venues it names or excepts leaves none), so it counts "
        "nowhere; check 'covers' and 'except'",
        f"warning: {path}:24:5: statements (s-others): 'others' covers no venue, for the "
        "statement names every venue; it counts only for the venues it names (drop 'others', "
        "or check 'venues')",
    ]
    assert result.stdout == (
        f"{path}: valid (schema_version 2) — 3 venues, 3 parties, 3 statements, 0 facts, "
        "0 events, 0 assessments, 1 sources; 2 warnings\n"
    )


def test_an_id_listed_twice_counts_once_with_a_warning(tmp_path: Path) -> None:
    """A venue named twice in one statement is one piece of evidence: before, each repeat
    counted again and moved the score, with no word from `validate`."""
    text = (FIXTURES / "tiny.yaml").read_text()
    repeated = text.replace(
        "    venues: [neutral-city]\n    stance: accepts",
        "    venues: [neutral-city, neutral-city, neutral-city]\n    stance: accepts",
    ).replace('    aliases: ["Hôstland"]\n', '    aliases: ["Hôstland"]\n    blocs: [EU, EU]\n')
    assert repeated.count("neutral-city, neutral-city") == 1
    assert "[EU, EU]" in repeated
    path = tmp_path / "repeats.yaml"
    path.write_text(repeated)
    once = tmp_path / "once.yaml"
    once.write_text(
        repeated.replace("[neutral-city, neutral-city, neutral-city]", "[neutral-city]").replace(
            "[EU, EU]", "[EU]"
        )
    )
    rank = ("rank", "--as-of", "2020-02-01", "--format", "json", "--data")
    assert run(*rank, str(path)).stdout == run(*rank, str(once)).stdout.replace(
        "once.yaml", "repeats.yaml"
    )
    result = run("validate", str(path))
    assert result.stderr.splitlines()[:3] == [
        f"warning: {path}:60:17: venues[2] (neutral-city).blocs: 'EU' is listed again "
        "(item 2, first item 1); it counts once, so remove the repeat",
        f"warning: {path}:89:28: statements[2] (s-accepts-neutral).venues: 'neutral-city' is "
        "listed again (item 2, first item 1); it counts once, so remove the repeat",
        f"warning: {path}:89:42: statements[2] (s-accepts-neutral).venues: 'neutral-city' is "
        "listed again (item 3, first item 1); it counts once, so remove the repeat",
    ]


def test_a_party_name_two_parties_share_is_warned_of_and_resolves_by_rule() -> None:
    """b (first in the file) has the alias 'Alpha', a the name 'Alpha'; both the alias
    'Gamma'. The first in the file used to win both; now a name beats an alias, and of
    equals the first id in sort order wins."""
    from venue_cli.names import resolve_party

    path = FIXTURES / "party-name-clash.yaml"
    r = run("validate", str(path))
    assert r.stderr.splitlines()[-2:] == [
        f"warning: {path}:26:9: parties (a): the name 'Alpha' is also a name of party 'b'; "
        "give each party names of its own",
        f"warning: {path}:31:5: parties (a): the name 'Gamma' is also a name of party 'b'; "
        "give each party names of its own",
    ]
    ds = load_dataset(path)
    assert list(ds.parties) == ["b", "a"]
    assert resolve_party(ds, "alpha") == "a"  # a's name beats b's alias
    assert resolve_party(ds, "gamma") == "a"  # both aliases: the first id in sort order
    assert resolve_party(ds, "beta") == "b"


def test_a_quoted_schema_version_says_to_write_a_number(tmp_path: Path) -> None:
    """`schema_version: "1"` was told that version '1' is not supported, beside a list
    of the supported versions that begins with 1."""
    bad = tmp_path / "quoted.yaml"
    bad.write_text('schema_version: "1"\ncase: {id: x}\n')
    r = run("validate", str(bad), expect=1)
    assert r.stdout.splitlines()[0] == (
        f"{bad}:1:17: schema_version is the text '1', not a number: write it without quotes "
        "(schema_version: 1)"
    )


def test_upgrade_keeps_a_byte_order_mark(tmp_path: Path) -> None:
    """A file saved by an editor that writes a UTF-8 byte-order mark lost the mark when
    upgraded in place; now its bytes change in the version line only."""
    raw = TINY.read_bytes()
    assert b"schema_version: 1\n" in raw
    assert not raw.startswith(b"\xef\xbb\xbf")
    case = tmp_path / "bom.yaml"
    case.write_bytes(b"\xef\xbb\xbf" + raw)
    run("upgrade", str(case), "--force")
    assert case.read_bytes() == b"\xef\xbb\xbf" + raw.replace(
        b"schema_version: 1\n", b"schema_version: 2\n"
    )
    plain = tmp_path / "plain.yaml"
    plain.write_bytes(raw)
    run("upgrade", str(plain), "--force")
    assert plain.read_bytes() == raw.replace(b"schema_version: 1\n", b"schema_version: 2\n")


def test_upgrade_keeps_windows_line_ends() -> None:
    """A version 1 file with CRLF line ends (saved on Windows) was refused by upgrade; it is
    upgraded with its CR bytes where they were and only the version changed."""
    from venue_cli.format.upgrade import upgrade_text

    crlf = TINY.read_text(encoding="utf-8").replace("\n", "\r\n")
    assert crlf.count("schema_version: 1\r\n") == 1
    out = upgrade_text(crlf)
    assert out == crlf.replace("schema_version: 1\r\n", "schema_version: 2\r\n")
    commented = crlf.replace("schema_version: 1\r\n", "schema_version: 1  # old\r\n")
    assert upgrade_text(commented) == crlf.replace(
        "schema_version: 1\r\n", "schema_version: 2  # old\r\n"
    )


@pytest.mark.parametrize(
    ("written", "day"),
    [("9999-12", "9999-12-31"), ("2020-12", "2020-12-31"), ("2020-02", "2020-02-29"),
     ("2021-02", "2021-02-28")],
)  # fmt: skip
def test_a_month_counts_from_its_last_day_even_at_the_end_of_time(written: str, day: str) -> None:
    """`date: 9999-12` stopped the validator with an internal error (it looked for the day
    before 1 January 10000)."""
    from tests.conftest import dataset_text, statement

    ds = parse_dataset(
        dataset_text(statements=statement("st", "a", "accepts", day=written, venues="[x]"))
    )
    assert [s.date.isoformat() for s in ds.statements] == [day]


@pytest.mark.parametrize(
    ("raw", "line", "column", "char"),
    [
        (b"# a comment \xc3\xa9 and \x1b\n", 2, 19, "U+001B (ESC)"),
        (b'case: {id: "\xc2\x9b"}\n', 2, 13, "U+009B"),
        (b"x: \x7f\n", 2, 4, "U+007F"),
        (b"x: \xef\xbf\xbe\n", 2, 4, "U+FFFE"),
    ],
)
def test_a_character_yaml_forbids_is_one_line_at_its_place(
    tmp_path: Path, raw: bytes, line: int, column: int, char: str
) -> None:
    """A raw ESC, DEL, C1 control or non-character anywhere in the file, even in a comment,
    was reported on two lines as a position in the stream (libyaml's reader error, which
    counts UTF-8 bytes), not as FILE:LINE:COL."""
    bad = tmp_path / "raw.yaml"
    bad.write_bytes(b"schema_version: 1\n" + raw)
    r = run("validate", str(bad), expect=1)
    assert r.stdout == (
        f"{bad}:{line}:{column}: the file contains {char}, which YAML does not allow anywhere "
        "(not even in a comment): control characters, NUL and non-characters must be removed\n"
    )


def test_a_schema_version_with_a_decimal_point_is_refused(tmp_path: Path) -> None:
    """`schema_version: 2.0` was read as version 2 (2.0 == 2)."""
    bad = tmp_path / "float.yaml"
    bad.write_text("schema_version: 2.0\ncase: {id: x}\n")
    r = run("validate", str(bad), expect=1)
    assert r.stdout == (
        f"{bad}:1:17: schema_version 2.0 is not a whole number: write it without the decimal "
        "point (schema_version: 2)\n"
    )


def test_upgrade_never_reports_success_for_a_line_inside_a_text(tmp_path: Path) -> None:
    """With the real key written `"schema_version": 1` and a title running over several
    lines, one of which reads `schema_version: 1`, upgrade changed that line of the title,
    wrote the file and said schema_version 2, while the file stayed version 1."""
    original = (FIXTURES / "minimal.yaml").read_text(encoding="utf-8")
    tricky = original.replace("schema_version: 1\n", '"schema_version": 1\n', 1).replace(
        "  title: Minimal\n", '  title: "Minimal\nschema_version: 1\n    end"\n', 1
    )
    path = tmp_path / "trick.yaml"
    path.write_text(tricky, encoding="utf-8")
    assert load_dataset(path).schema_version == 1
    r = run("upgrade", str(path), "--force", expect=1)
    assert r.stderr == (
        f"Error: {path}: write 'schema_version: 1' on a line of its own, then upgrade\n"
    )
    assert path.read_text(encoding="utf-8") == tricky


def test_statements_may_reach_only_so_many_party_venue_pairs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A joint statement of many parties naming many venues costs parties × venues pieces of
    evidence (200 × 2,000 from a 14 KB record; thirty of them took 30 s and 2 GB), and no
    cap counted it. With the cap lowered to 7: s1 reaches 2 parties × 2 venues, s2 one
    party × 3 venues (all), s3 crosses it."""
    from tests.conftest import dataset_text, statement
    from venue_cli import limits

    monkeypatch.setattr(limits, "MAX_STATEMENT_REACH", 7)
    records = (
        statement("s1", "a", "open", venues="[x, y]", parties="[a, b]")
        + statement("s2", "b", "open", covers="all")
        + statement("s3", "a", "open", venues="[z]")
    )
    path = tmp_path / "joint.yaml"
    path.write_text(dataset_text(statements=records.replace("party: a, ", "", 1)))
    result = run("validate", str(path), expect=1)
    (line,) = result.stdout.splitlines()
    assert line.endswith(
        ": statements (s3): the statements so far reach more than 7 party–venue pairs in all "
        "(each counts every venue it names or covers, once for each party it speaks for); "
        "name fewer venues or parties, or split the case into several files"
    )
    monkeypatch.setattr(limits, "MAX_STATEMENT_REACH", 8)
    run("validate", str(path))  # 4 + 3 + 1 = 8: at the cap, allowed


def test_scored_parties_times_venues_is_capped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Parties with a joint weight times venues is what a ranking computes and prints (1,000
    of each in 166 KB took 53 s and 3 GB). With the cap lowered to 8, the toy case's 2
    principals at 3 venues pass, and giving the mediator a joint weight (in the file, or on
    the command line) crosses it."""
    from tests.conftest import dataset_text
    from venue_cli import limits

    monkeypatch.setattr(limits, "MAX_SCORED_PAIRS", 8)
    ok = tmp_path / "ok.yaml"
    ok.write_text(dataset_text())
    run("validate", str(ok))
    text = dataset_text().replace("joint_weight: 0,", "joint_weight: 1,")
    too_many = tmp_path / "many.yaml"
    too_many.write_text(text)
    message = (
        "3 parties with joint_weight > 0 at 3 venues are more than 8 party–venue pairs to "
        "score; give fewer parties a joint weight (a party with joint_weight 0 is still read, "
        "and its statements count), or split the venues into several files"
    )
    result = run("validate", str(too_many), expect=1)
    assert result.stdout.splitlines()[0] == f"{too_many}:16:5: {message}"
    result = run("rank", "--data", str(ok), "--as-of", "2020-01-05", "-w", "m=1", expect=1)
    assert result.stderr == f"Error: {message}\n"
