"""Untrusted datasets: never execute, never inject, never destroy (one test per class of
attack, each with a small fixture), and the README's guarantees hold."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import pickle
import re
import signal
import stat
import subprocess
import sys
import textwrap
import time
import xml.dom.minidom
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES, ROOT, THOROUGH, TINY, run
from venue_cli import cache
from venue_cli.errors import DatasetError, OutputError
from venue_cli.load import load_dataset
from venue_cli.writefile import write_atomic

HOSTILE = FIXTURES / "hostile.yaml"
AS_OF = ("--as-of", "2020-01-05")
CONTROL = [chr(c) for c in (*range(0, 9), *range(11, 32), 127, *range(128, 160))]
BIDI = ["\u061c", "\u200e", "\u200f", *(chr(c) for c in range(0x202A, 0x202F)),
        *(chr(c) for c in range(0x2066, 0x206A))]  # fmt: skip


def _no_raw_controls(text: str) -> None:
    bad = [c for c in CONTROL + BIDI if c in text.replace("\n", "")]
    assert bad == [], [hex(ord(c)) for c in bad]


def _venues(*args: str, stdin: str | None = None, env: dict[str, str] | None = None,
            timeout: float = 60) -> subprocess.CompletedProcess[str]:  # fmt: skip
    """The real `venues` entry point in a child process (what a shell would run)."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-m", "venue_cli", *args], input=stdin,
                          capture_output=True, text=True, timeout=timeout, env=full_env,
                          check=False)  # fmt: skip


# --------------------------------------------------------------------------- 1. the cache


def test_the_cache_holds_json_and_never_unpickles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("VENUES_CACHE_DIR", str(folder))
    data = TINY.read_bytes()
    key = cache.cache_key(data, str(TINY))
    load_dataset(TINY)
    (entry,) = folder.glob("venues-*.json")
    assert entry.name == f"venues-{key}.json"
    json.loads(entry.read_text(encoding="utf-8"))  # data only
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    # a planted file under the entry's name, holding a pickle that would run code
    marker = tmp_path / "pwned"

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    entry.write_bytes(pickle.dumps(Evil()))
    (folder / f"{key}.pickle").write_bytes(pickle.dumps(Evil()))  # the old layout's name
    ds = load_dataset(TINY)
    assert ds.case.id == "tiny"
    assert not marker.exists()
    assert json.loads(entry.read_text(encoding="utf-8"))["format"] == cache.FORMAT  # rebuilt


def test_a_wrong_entry_is_discarded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("VENUES_CACHE_DIR", str(folder))
    load_dataset(TINY)
    (entry,) = folder.glob("venues-*.json")
    doc = json.loads(entry.read_text(encoding="utf-8"))
    doc["record"][1][0] = 42  # the case id is not a string
    entry.write_text(json.dumps(doc), encoding="utf-8")
    assert load_dataset(TINY).case.id == "tiny"


def test_a_damaged_entry_that_is_still_valid_json_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A name changed inside the record (the JSON and every type still fine): the digest in
    the entry's header no longer matches, so the entry is discarded and the file read."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("VENUES_CACHE_DIR", str(folder))
    first = load_dataset(TINY)
    (entry,) = folder.glob("venues-*.json")
    raw = entry.read_bytes()
    name = first.venues[next(iter(first.venues))].name.encode()
    assert raw.count(b'"' + name + b'"') >= 1
    entry.write_bytes(raw.replace(b'"' + name + b'"', b'"' + name + b' (changed)"', 1))
    again = load_dataset(TINY)
    assert again == first
    assert entry.read_bytes() == raw  # rebuilt from the file


def test_an_entry_with_a_number_no_dataset_holds_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An entry planted with a joint weight of NaN (which `json.loads` reads, and no
    validated dataset holds), its digest made to match, was served as it was."""
    from venue_cli.load import _read_bytes, shown_path

    folder = tmp_path / "cache"
    monkeypatch.setenv("VENUES_CACHE_DIR", str(folder))
    first = load_dataset(TINY)
    key = cache.cache_key(_read_bytes(TINY, shown_path(str(TINY))), shown_path(str(TINY)))
    party = next(iter(first.parties.values()))
    planted = first._replace(
        parties={**first.parties, party.id: party._replace(joint_weight=float("nan"))}
    )
    cache.put(key, planted)
    (entry,) = folder.glob("venues-*.json")
    assert b"NaN" in entry.read_bytes()
    again = load_dataset(TINY)
    assert again == first
    assert b"NaN" not in entry.read_bytes()  # discarded, and rebuilt from the file


def test_a_shared_or_foreign_cache_folder_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o777)
    monkeypatch.setenv("VENUES_CACHE_DIR", str(folder))
    r = run("rank", "--data", str(TINY), *AS_OF, "-f", "json")
    notice = f"not using the dataset cache {folder}: it is writable by other users"
    assert r.stderr.count(notice) == 1  # once, though the run looks twice (read and write)
    assert list(folder.iterdir()) == []
    if os.geteuid() == 0:  # root can hand the folder to another user
        folder.chmod(0o700)
        os.chown(folder, 65534, 65534)
        r = run("rank", "--data", str(TINY), *AS_OF, "-f", "json")
        assert "belongs to another user" in r.stderr


def test_pruning_deletes_only_the_tools_own_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    mine = [folder / f"venues-{i:032x}.json" for i in range(cache.MAX_ENTRIES + 5)]
    for i, p in enumerate(mine):
        p.write_text("{}", encoding="utf-8")
        os.utime(p, (i, i))
    theirs = [folder / "notes.pickle", folder / "thesis.json", folder / "venues-x.json"]
    for p in theirs:
        p.write_text("keep me", encoding="utf-8")
    cache.prune(folder)
    assert all(p.exists() for p in theirs)
    assert sorted(p.name for p in folder.glob("venues-*.json") if p not in theirs) == sorted(
        p.name for p in mine[5:]
    )


def test_no_temp_file_is_left_when_the_cache_disk_is_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv("VENUES_CACHE_DIR", str(folder))

    def full(*_a: object, **_k: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    assert load_dataset(TINY).case.id == "tiny"  # the cache only costs speed
    assert list(folder.iterdir()) == []


def test_the_key_covers_the_loader_code(monkeypatch: pytest.MonkeyPatch) -> None:
    data = TINY.read_bytes()
    before = cache.cache_key(data, "x")
    monkeypatch.setattr(cache, "_code_stamp", lambda: b"another validator")
    assert cache.cache_key(data, "x") != before


# --------------------------------------------------------------------------- 2. terminals

COMMANDS: list[tuple[str, ...]] = [
    ("rank",), ("explain", "gamma"), ("explain", "delta"), ("compare", "gamma", "delta"),
    ("timeline",), ("changes", "--since", "2020-01-01", "--until", "2020-01-05"), ("sources",),
    ("sensitivity", "-n", "300"),
]  # fmt: skip
FORMATS = ["table", "plain", "json", "csv", "markdown"]


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_hostile_strings_are_shown_as_text_in_every_command_and_format(
    command: tuple[str, ...], fmt: str
) -> None:
    extra = () if command[0] in ("timeline", "changes", "sources") else AS_OF
    r = run(*command, "--data", str(HOSTILE), *extra, "-f", fmt, expect=None)
    if r.exit_code == 2:  # a format this command does not offer: said so, cleanly
        assert "has no" in r.stderr
        return
    assert r.exit_code == 0, r.stderr
    _no_raw_controls(r.stdout + r.stderr)
    out = r.stdout
    if fmt == "json":
        json.loads(out)
    elif fmt == "csv":
        for row in csv.reader(io.StringIO(out)):
            for cell in row:
                assert not cell or cell[0] not in "=+-@\t\r" or _is_number(cell), cell
    elif fmt == "markdown":
        assert "<script>" not in out
        assert "<img" not in out
    else:
        # markup is printed as written, never interpreted (and never crashes Rich)
        if command[0] in ("rank", "compare", "explain"):
            assert "[b]" in out or "[/oops]" in out or "[bold red]" in out


def _is_number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def test_control_characters_in_arguments_and_file_names_are_escaped(tmp_path: Path) -> None:
    r = run("explain", "\x1b]52;c;cHduZWQ=\x07\x1b[2J", "--data", str(TINY), *AS_OF, expect=1)
    _no_raw_controls(r.stdout + r.stderr)
    assert "\\x1b" in r.stderr
    weird = tmp_path / "evil\x1b[31m.yaml"
    weird.write_bytes(TINY.read_bytes())
    r = run("validate", str(weird))
    _no_raw_controls(r.stdout + r.stderr)


def test_a_file_name_that_is_not_utf8_is_shown_with_its_bytes_escaped(tmp_path: Path) -> None:
    # a file saved by another system: its name's bytes are not UTF-8 (Python decodes them as
    # lone surrogates, which no encoder writes); every command shows them as \xNN escapes
    folder = os.fsencode(tmp_path)
    name = folder + b"/caf\xe9\xff.yaml"
    with open(name, "wb") as f:
        f.write(TINY.read_bytes())
    path = os.fsdecode(name)
    shown = f"{tmp_path}/caf\\xe9\\xff.yaml"
    for fmt in ("json", "plain", "csv", "markdown", "table"):
        r = _venues("rank", "--data", path, *AS_OF, "--format", fmt)
        assert r.returncode == 0, r.stderr
        assert "internal error" not in r.stderr
    r = _venues("rank", "--data", path, *AS_OF, "--format", "json")
    assert json.loads(r.stdout)["data"] == shown
    r = _venues("validate", path)
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith(f"{shown}: valid (schema_version 1)")
    r = _venues("report", "--data", path, *AS_OF, "-o", str(tmp_path / "r.md"))
    assert r.returncode == 0, r.stderr
    # the report names the file (Markdown escapes the backslashes)
    assert "caf\\\\xe9\\\\xff.yaml" in (tmp_path / "r.md").read_text(encoding="utf-8")


def _venues_in(encoding: str, *args: str, env: dict[str, str]) -> tuple[int, str, str]:
    """`_venues` with the child's output read in `encoding`: (status, stdout, stderr)."""
    r = subprocess.run([sys.executable, "-m", "venue_cli", *args], capture_output=True,
                       timeout=60, env={**os.environ, **env}, check=False)  # fmt: skip
    return r.returncode, r.stdout.decode(encoding), r.stderr.decode(encoding, "replace")


@pytest.mark.parametrize(
    ("env", "encoding"),
    [
        ({"PYTHONIOENCODING": "ascii"}, "ascii"),
        ({"PYTHONIOENCODING": "latin-1"}, "latin-1"),
        ({"PYTHONUTF8": "0", "LC_ALL": "C"}, "ascii"),  # the C locale: 'surrogateescape'
    ],
    ids=["ascii", "latin-1", "C-locale"],
)
def test_an_output_encoding_that_is_not_utf8_escapes_what_it_cannot_write(
    env: dict[str, str], encoding: str
) -> None:
    # in a container or over ssh the locale may be C: results are still written, with
    # \uXXXX for what the encoding lacks, so JSON stays valid and equal in value
    utf8 = _venues("rank", "--as-of", "2026-06-04", "--format", "json")
    code, out, err = _venues_in(encoding, "rank", "--as-of", "2026-06-04", "-f", "json", env=env)
    assert code == 0, err
    assert json.loads(out) == json.loads(utf8.stdout)
    code, out, err = _venues_in(encoding, "rank", "--as-of", "2026-06-04", "-f", "plain", env=env)
    assert code == 0, err
    dot = "\u00b7" if encoding == "latin-1" else "\\u00b7"
    assert out.splitlines()[0] == (
        f"# Putin\\u2013Zelensky leaders' meeting {dot} as of 2026-06-04 {dot} method: nash"
    )
    data = str(ROOT / "data" / "putin-zelensky.yaml")
    for args in (("explain", "istanbul", "-f", "plain"), ("sources",), ("timeline",),
                 ("validate", data), ("explain", "geneva", "-f", "markdown")):  # fmt: skip
        code, out, err = _venues_in(encoding, *args, env=env)
        assert code == 0, (args, err)
        assert "Traceback" not in err
        assert "internal error" not in err
    # a table drawn for a terminal in that encoding: Rich's ASCII box and '#' bars
    term = {**env, "TTY_COMPATIBLE": "1", "COLUMNS": "200", "VENUES_PAGER": ""}
    code, out, err = _venues_in(encoding, "rank", "--as-of", "2026-06-04", "-f", "table", env=term)
    assert code == 0, err
    out = re.sub(r"\x1b\[[0-9;]*m", "", out)
    assert re.search(r"\|#{3,}", out)  # "#" bars, not escaped blocks
    assert "\\u2588" not in out
    assert "---+---" in out


@pytest.mark.parametrize(
    ("env", "encoding"),
    [({"PYTHONIOENCODING": "ascii"}, "ascii"), ({"PYTHONIOENCODING": "latin-1"}, "latin-1")],
    ids=["ascii", "latin-1"],
)
def test_columns_stay_aligned_where_names_are_written_as_escapes(
    env: dict[str, str], encoding: str, tmp_path: Path
) -> None:
    """Padded before the stream escaped them, 'Zürich' (6 characters) became 'Z\\u00fcrich'
    (11) and pushed every later column of its row 5 places right; the escapes are now made
    before the columns are laid out, so each column starts at the same place on every row."""
    text = (ROOT / "tests" / "fixtures" / "tiny.yaml").read_text(encoding="utf-8")
    case = tmp_path / "names.yaml"
    case.write_text(
        text.replace("name: South City", 'name: "Z\u00fcrich \u65e5\u5185"'), encoding="utf-8"
    )
    args = ("rank", "--data", str(case), "--as-of", "2025-09-01", "-f", "plain")
    code, out, err = _venues_in(encoding, *args, env=env)
    assert code == 0, err
    rows = out.splitlines()[5:]
    name = "Z\u00fcrich \\u65e5\\u5185" if encoding == "latin-1" else "Z\\u00fcrich \\u65e5\\u5185"
    assert rows[1].startswith(f"1     {name}  SS  ")
    for column in ("country", "score", "North", "main obstacle"):
        at = rows[0].index(column)
        assert {r[at - 2 : at] for r in rows} == {"  "}, column
        assert all(r[at] != " " for r in rows), column


def test_the_renderers_own_dashes_are_escaped_before_the_columns_are_padded() -> None:
    """The reliability table's '0.0–0.2' and '—' (a renderer's own characters, not the
    dataset's) took 1 cell when padded and 6 when escaped by an ASCII stream."""
    from venue_cli.textfmt import columns, escaping_for

    rows = [["predicted", "venues", "share"], ["0.0\u20130.2", "0", "\u2014"], ["x", "1", "y"]]
    with escaping_for("ascii"):
        assert columns(rows) == (
            "predicted     venues  share\n0.0\\u20130.2  0       \\u2014\nx             1       y\n"
        )
    assert (
        columns(rows)
        == "predicted  venues  share\n0.0\u20130.2    0       \u2014\nx          1       y\n"
    )
    env = {"PYTHONIOENCODING": "ascii"}
    code, out, err = _venues_in("ascii", "backtest", "geneva-1985", "-f", "plain", env=env)
    assert code == 0, err
    table = out.splitlines()[-6:]
    assert table[0].startswith("predicted     venues  mean predicted  share chosen")
    for column in ("venues", "mean predicted", "share chosen"):
        at = table[0].index(column)
        assert {r[at - 2 : at] for r in table} == {"  "}, column
        assert all(r[at] != " " for r in table), column


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "ascii"}, {"PYTHONUTF8": "0", "LC_ALL": "C"}])
def test_a_file_written_to_stdout_is_utf8_whatever_the_locale(
    env: dict[str, str], tmp_path: Path
) -> None:
    """`upgrade -o - > new.yaml` must give the bytes `upgrade -o new.yaml` gives: escapes
    (`Reykjav\\u00edk`) would silently rename a venue in the file written."""
    case = ROOT / "data" / "cases" / "reykjavik-1986.yaml"
    argv = [sys.executable, "-m", "venue_cli", "upgrade", str(case), "-o", "-"]
    r = subprocess.run(
        argv, capture_output=True, timeout=60, env={**os.environ, **env}, check=False
    )
    assert r.returncode == 0, r.stderr
    run("upgrade", str(case), "-o", str(tmp_path / "new.yaml"))
    assert r.stdout == (tmp_path / "new.yaml").read_bytes()
    assert "Reykjavík".encode() in r.stdout


def test_a_line_break_in_a_file_name_cannot_forge_a_line_of_output(tmp_path: Path) -> None:
    forged = "evil.yaml:1:1: all good\nreal.yaml"
    r = run("validate", forged, expect=1)
    assert r.stdout == "evil.yaml:1:1: all good\\x0areal.yaml: no such file; check the path\n"
    assert r.stderr == "1 problem found in evil.yaml:1:1: all good\\x0areal.yaml\n"
    target = tmp_path / "a\nFAKE.yaml"
    r = run("init", str(target))
    shown = str(tmp_path) + "/a\\x0aFAKE.yaml"
    assert r.stderr == (
        f"Wrote {shown}. Next: venues validate '{shown}' && venues rank --data '{shown}'\n"
    )


@pytest.mark.parametrize("columns", ["0", "100000000", "99999999999999999999"])
def test_columns_out_of_range_are_bounded(columns: str) -> None:
    """COLUMNS=0 drew nothing (exit 0); a huge COLUMNS took gigabytes, or overflowed."""
    from venue_cli.cli.output import MAX_COLUMNS, bound_screen_size

    env = {"COLUMNS": columns, "LINES": columns}
    bound_screen_size(env)
    if columns == "0":
        assert env == {}
    else:
        assert env == {"COLUMNS": str(MAX_COLUMNS), "LINES": "10000"}
    r = subprocess.run([sys.executable, "-m", "venue_cli", "rank", "--as-of", "2026-06-04",
                        "-f", "table"], capture_output=True, timeout=60,
                       env={**os.environ, "COLUMNS": columns}, check=False)  # fmt: skip
    assert r.returncode == 0, r.stderr
    lines = r.stdout.decode().splitlines()
    assert len(lines) > 14
    assert "Istanbul" in r.stdout.decode()
    assert max(len(line) for line in lines) <= (80 if columns == "0" else MAX_COLUMNS)


def test_a_handler_the_user_chose_for_the_output_encoding_is_kept() -> None:
    env = {"PYTHONIOENCODING": "ascii:replace"}
    code, out, err = _venues_in("ascii", "rank", "--as-of", "2026-06-04", "-f", "plain", env=env)
    assert code == 0, err
    assert (
        out.splitlines()[0] == "# Putin?Zelensky leaders' meeting ? as of 2026-06-04 ? method: nash"
    )


def test_lone_surrogates_become_escapes_that_every_encoder_writes() -> None:
    from venue_cli.safety import clean, json_text, shown_name, unencodable

    name = os.fsdecode(b"/data/caf\xe9\xff\x1b.yaml")  # '\udce9\udcff' and an ESC
    assert shown_name(name) == "/data/caf\\xe9\\xff\\x1b.yaml"  # the ESC is escaped too
    assert clean(name) == "/data/caf\\xe9\\xff\\x1b.yaml"
    assert clean("a\ud800b") == "a\\ud800b"
    assert shown_name("plain.yaml") == "plain.yaml"
    assert json_text({"k": "a\udcffb"}, indent=None) == '{"k": "a\\udcffb"}'
    err = UnicodeEncodeError("ascii", "a\u2013\U0001f600b", 1, 3, "no")
    assert unencodable(err) == ("\\u2013\\ud83d\\ude00", 3)
    with pytest.raises(UnicodeDecodeError):
        unencodable(UnicodeDecodeError("ascii", b"\xff", 0, 1, "no"))


def test_line_and_paragraph_separators_cannot_forge_a_row(tmp_path: Path) -> None:
    # no terminal breaks at U+2028 / U+2029, but str.splitlines() and JavaScript do
    text = TINY.read_text(encoding="utf-8")
    bad = tmp_path / "separators.yaml"
    bad.write_text(text.replace("name: North City", 'name: "North\\u2028FAKE\\u2029 City"'))
    for fmt in ("plain", "csv", "markdown"):
        out = run("rank", "--data", str(bad), *AS_OF, "-f", fmt).stdout
        assert "\u2028" not in out
        assert "\u2029" not in out
        assert ("North FAKE City" if fmt == "markdown" else "North FAKE  City") in out
        assert len(out.splitlines()) == len(out.split("\n")) - 1
    out = run("rank", "--data", str(bad), *AS_OF, "-f", "json").stdout
    assert '"North\\u2028FAKE\\u2029 City"' in out  # escaped, the value unchanged
    assert [v["name"] for v in json.loads(out)["venues"]][2] == "North\u2028FAKE\u2029 City"


def test_the_pager_gets_the_text_in_the_output_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    from venue_cli.cli import output

    def stdout(encoding: str) -> io.TextIOWrapper:
        return io.TextIOWrapper(io.BytesIO(), encoding=encoding)

    monkeypatch.setattr(sys, "stdout", stdout("ascii"))
    assert output._encoded("T\u00fcrkiye \u2014 ok") == b"T\\u00fcrkiye \\u2014 ok"
    monkeypatch.setattr(sys, "stdout", stdout("latin-1"))
    assert output._encoded("T\u00fcrkiye \u2014") == b"T\xfcrkiye \\u2014"
    monkeypatch.setattr(sys, "stdout", io.StringIO())  # no encoding: UTF-8
    assert output._encoded("\u00fc") == "\u00fc".encode()
    monkeypatch.setattr(sys, "stdout", type("Odd", (), {"encoding": "no-such-codec"})())
    assert output._encoded("\u00fc") == "\u00fc".encode()


def test_validate_never_echoes_a_control_character(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('schema_version: 2\n"\\e[2J\\e[Hvalid": 1\n', encoding="utf-8")
    r = run("validate", str(bad), expect=1)
    _no_raw_controls(r.stdout + r.stderr)
    assert f"{bad}:2:1: the text contains the control character U+001B (ESC)" in r.stdout


def test_a_newline_cannot_forge_a_row_in_plain_output(tmp_path: Path) -> None:
    # a quote may hold a line break (multi-line text); plain output keeps one row per record
    text = HOSTILE.read_text(encoding="utf-8")
    r = run("timeline", "--data", str(HOSTILE), "-f", "plain")
    assert "| a | b | - list > quote" in r.stdout
    rows = [line for line in r.stdout.splitlines() if line.startswith("2020-")]
    assert len(rows) == 3
    assert text  # the fixture holds the break


# --------------------------------------------------------------------------- 3-4. files


def test_special_files_are_never_replaced_even_with_force(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)
    for target in (fifo, Path("/dev/null")):
        with pytest.raises(OutputError, match="not a regular file"):
            write_atomic(target, "x", force=True)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)
    r = run("init", "/dev/null", "--force", expect=1)
    assert "not a regular file" in r.stderr
    r = run("report", "-o", str(fifo), "--force", "-n", "0", "--data", str(TINY), *AS_OF, expect=1)
    assert "not a regular file" in r.stderr


def test_links_are_existing_files_and_never_written_through(tmp_path: Path) -> None:
    target = tmp_path / "precious.txt"
    target.write_text("mine", encoding="utf-8")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere")
    for path in (link, dangling):
        with pytest.raises(OutputError, match="symbolic link"):
            write_atomic(path, "x")
        with pytest.raises(OutputError, match="symbolic link"):
            write_atomic(path, "x", force=True)
    assert target.read_text(encoding="utf-8") == "mine"
    assert not (tmp_path / "nowhere").exists()


def test_a_file_that_appears_while_writing_is_never_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last check and the rename are not one step: a file created between them (another
    `venues init`, the user saving) must survive. Publishing by hard link fails if it exists."""
    from venue_cli import writefile

    target = tmp_path / "case.yaml"
    real_check = writefile.check_target
    calls = []

    def check_then_user_saves(path: Path, *, force: bool) -> None:
        real_check(path, force=force)
        calls.append(path)
        if len(calls) == 2:  # the check just before publishing
            path.write_text("the user's", encoding="utf-8")

    monkeypatch.setattr(writefile, "check_target", check_then_user_saves)
    with pytest.raises(
        OutputError, match=r"already exists \(it appeared while writing\); use --force"
    ):
        write_atomic(target, "ours")
    assert target.read_text(encoding="utf-8") == "the user's"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["case.yaml"]  # no temporary file
    monkeypatch.setattr(writefile, "check_target", real_check)
    write_atomic(tmp_path / "new.yaml", "ours")  # nothing in the way: written
    assert (tmp_path / "new.yaml").read_text(encoding="utf-8") == "ours"


def test_calibrate_never_writes_over_a_file_without_force(tmp_path: Path) -> None:
    target = tmp_path / "params.json"
    target.write_text("precious", encoding="utf-8")
    r = run("calibrate", "geneva-1985", "--bootstrap", "0", "-o", str(target), expect=1)
    assert r.stderr == f"Error: {target} already exists; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "precious"
    run("calibrate", "geneva-1985", "--bootstrap", "0", "-o", str(target), "--force")
    assert json.loads(target.read_text(encoding="utf-8"))["cases"] == ["geneva-1985"]


def test_written_files_never_carry_setuid_or_setgid(tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o6755)
    write_atomic(target, "new", force=True)
    mode = stat.S_IMODE(target.stat().st_mode)
    assert mode & (stat.S_ISUID | stat.S_ISGID | stat.S_ISVTX) == 0
    assert mode == 0o755


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP])
def test_a_signal_mid_write_leaves_the_old_file_and_no_temp(tmp_path: Path, sig: int) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import os, signal
        from pathlib import Path
        import venue_cli.writefile as w
        real = os.fsync
        def slow(fd):
            os.kill(os.getpid(), {int(sig)})
            real(fd)
        os.fsync = slow
        w.write_atomic(Path({str(target)!r}), "new report", force=True)
        """
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)  # fmt: skip
    assert proc.returncode == -sig  # it died of the signal, as the sender meant
    assert target.read_text(encoding="utf-8") == "old report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


# --------------------------------------------------------------------------- 6. tracebacks


@pytest.mark.parametrize(
    "args",
    [
        ("rank", "--as-of", "0999-01-01"),
        ("rank", "--as-of", "2025-W01-1"),
        ("rank", "--as-of", "20250101"),
        ("rank", "--as-of", "2025-13-01"),
        ("changes", "--since", "0001-01-01"),
        ("sensitivity", "--seed", "-1"),
        ("sensitivity", "--concentration", "1e-300"),
        ("rank", "--weight", "=1"),
        ("sensitivity", "-n", "1000000000"),
    ],
)
def test_bad_option_values_are_usage_errors_naming_the_option(args: tuple[str, ...]) -> None:
    r = run(*args, "--data", str(TINY), expect=2)  # in-process: fails on any exception
    assert "Traceback" not in r.stderr
    assert r.stderr.startswith("Error: ")


def test_huge_numbers_anywhere_are_located_errors(tmp_path: Path) -> None:
    for digits in (400, 5000):
        bad = tmp_path / f"n{digits}.yaml"
        bad.write_text(TINY.read_text(encoding="utf-8") + f"unknown_key: {'9' * digits}\n",
                       encoding="utf-8")  # fmt: skip
        r = _venues("validate", str(bad))
        assert r.returncode == 1
        assert f"{bad}:" in r.stdout
        assert "too long" in r.stdout
        assert "Traceback" not in r.stderr
        scenario = tmp_path / f"s{digits}.yaml"
        scenario.write_text(f"schema_version: 1\nscenario: {{id: s, title: S}}\nweights: "
                            f"{{security: {'9' * digits}}}\n", encoding="utf-8")  # fmt: skip
        r = _venues("rank", "--data", str(TINY), "--scenario", str(scenario), *AS_OF)
        assert r.returncode == 1
        assert "too long" in r.stderr


def test_a_decision_in_year_one_is_a_located_error(tmp_path: Path) -> None:
    text = (ROOT / "data" / "cases" / "geneva-1985.yaml").read_text(encoding="utf-8")
    bad = tmp_path / "year1.yaml"
    bad.write_text(text.replace("decision_date: 1985-07-01", "decision_date: 0001-01-01"),
                   encoding="utf-8")  # fmt: skip
    r = _venues("backtest", str(bad))
    assert r.returncode == 1
    assert "outside the years 1000–9999" in r.stderr


def test_output_errors_never_trace_back() -> None:
    with open("/dev/full", "w") as full:  # the special file itself
        r = subprocess.run([sys.executable, "-m", "venue_cli", "rank", "--data", str(TINY), *AS_OF],
                           stdout=full, stderr=subprocess.PIPE, text=True, timeout=60,
                           check=False)  # fmt: skip
    assert r.returncode == 1
    assert r.stderr.strip().endswith("Error: cannot write output: No space left on device")
    for fmt in FORMATS:
        shell = (f"{sys.executable} -m venue_cli rank --data {TINY} --as-of 2020-01-05 -f {fmt} "
                 "| head -c 1 > /dev/null")  # fmt: skip
        for unbuffered in ("", "1") if THOROUGH else ("",):
            env = {**os.environ, "PYTHONUNBUFFERED": unbuffered}
            proc = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True,
                                  text=True, env=env, timeout=60, check=False)  # fmt: skip
            assert proc.returncode == 0, (fmt, proc.stderr)
            assert proc.stderr == "", (fmt, proc.stderr)


# --------------------------------------------------------------------------- 7. hangs


def test_inputs_that_are_not_regular_files_are_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    for args, env in (
        (("rank", "--data", str(fifo)), {}),
        (("validate", str(fifo)), {}),
        (("rank",), {"VENUES_DATA": str(fifo)}),
        (("rank", "--data", str(TINY), "--scenario", str(fifo)), {}),
    ):
        r = _venues(*args, env=env, timeout=20)
        assert r.returncode == 1, (args, r.stderr)
        assert "is not a regular file (a named pipe)" in r.stdout + r.stderr
    r = _venues("validate", "/dev/zero", timeout=20)
    assert r.returncode == 1
    assert "a device" in r.stdout


def test_standard_input_is_read_when_asked(tmp_path: Path) -> None:
    r = _venues("validate", "-", stdin=TINY.read_text(encoding="utf-8"))
    assert r.returncode == 0
    assert r.stdout.startswith("<stdin>: valid")
    r = _venues("rank", "--data", "-", *AS_OF, "-f", "json", stdin=TINY.read_text(encoding="utf-8"))
    assert json.loads(r.stdout)["case"] == "tiny"


def _big(tmp_path: Path, venues: int, unknown_refs: int = 0, name_len: int = 12) -> Path:
    lines = [TINY.read_text(encoding="utf-8").split("venues:")[0], "venues:"]
    for i in range(venues):
        name = f"V{i}" + "x" * max(0, name_len - 4)
        lines.append(f'  - {{id: v{i}, name: "{name}", city: C, country: "HH", country_name: H}}')
    lines.append("statements:")
    for i in range(unknown_refs):
        lines.append(f"  - {{id: st{i}, date: 2020-01-02, party: north, speaker: S, venues: "
                     f"[w{i}], stance: open, meeting: leaders, quote: q, attribution: first_hand, "
                     f"confidence: high, sources: [s1]}}")  # fmt: skip
    path = tmp_path / "big.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_did_you_mean_is_bounded(tmp_path: Path) -> None:
    """Every unknown id is reported; only the first MAX_SUGGESTIONS get a suggestion (each
    costs a pass over the ids), so the cost stays linear. The thorough profile uses 8,000 of
    each, where a suggestion for every one would take minutes."""
    from venue_cli.format.validate import MAX_SUGGESTIONS

    n = 8000 if THOROUGH else 1000
    path = _big(tmp_path, n, unknown_refs=n)
    text = path.read_text(encoding="utf-8").replace("[w", "[v1x")  # close to v1…: suggestible
    path.write_text(text, encoding="utf-8")
    r = _venues("validate", str(path), env={"VENUES_NO_CACHE": "1"}, timeout=120)
    assert r.returncode == 1
    assert r.stdout.count("unknown venue") == n
    assert r.stdout.count("; did you mean") == MAX_SUGGESTIONS


def test_one_look_up_for_close_names_does_bounded_work(monkeypatch: pytest.MonkeyPatch) -> None:
    """difflib's ratio costs the product of the two lengths: 1,500 venues with
    199-character ids and 200 unknown references took 3 minutes to validate. A look-up now
    stops at MAX_MATCH_WORK, and on ordinary names it gives what difflib gives."""
    import difflib
    import random
    import string

    from venue_cli import names

    rng = random.Random(5)
    words = ["".join(rng.choices(string.ascii_lowercase, k=rng.randint(3, 12))) for _ in range(300)]
    for w in words[:100]:
        typo = w[:-1] + "x"
        assert names.suggest(typo, words, 2) == difflib.get_close_matches(typo, words, 2, 0.6)
    calls: list[int] = []
    ratio = difflib.SequenceMatcher.ratio

    def counted(self: difflib.SequenceMatcher[str]) -> float:
        calls.append(1)
        return ratio(self)

    monkeypatch.setattr(difflib.SequenceMatcher, "ratio", counted)
    ids = ["".join(rng.choices("ab", k=199)) for _ in range(1500)]  # every quick bound passes
    names.suggest(ids[0][::-1], ids)
    names.closest(ids[0][::-1], {i: i for i in ids})
    per_look_up = names.MAX_MATCH_WORK // (199 * 199 + names._RATIO_COST)
    assert 0 < len(calls) <= 2 * per_look_up


def test_a_scenario_resolves_names_at_a_cost_linear_in_its_size(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A scenario rebuilt the table of party names for every assumption (2,000 parties ×
    8,000 assumptions: 146 s) and looked for close names for every unknown venue (2,000:
    131 s). The table is built once per dataset, and close names are looked for while the
    file's budget of suggestions (MAX_SUGGESTIONS) lasts; every unknown name is reported."""
    from venue_cli import names
    from venue_cli.format.scenario import read_scenario
    from venue_cli.format.validate import MAX_SUGGESTIONS

    ds = load_dataset(TINY)
    assert names.party_names(ds) is names.party_names(ds)
    looked: list[int] = []
    closest = names.closest

    def counted(*args: Any, **kwargs: Any) -> list[str]:
        looked.append(1)
        return closest(*args, **kwargs)

    monkeypatch.setattr(names, "closest", counted)
    n = MAX_SUGGESTIONS + 50
    lines = "".join(f"  - {{party: a, stance: accepts, venues: [nowhere{i}]}}\n" for i in range(n))
    path = tmp_path / "s.yaml"
    path.write_text(
        "schema_version: 1\nscenario: {id: s, title: S, description: D}\nassume:\n" + lines,
        encoding="utf-8",
    )
    with pytest.raises(DatasetError) as info:
        read_scenario(ds, str(path), dt.date(2020, 1, 5))
    unknown = [p for p in info.value.problems if "unknown venue" in p.message]
    assert len(unknown) == n
    assert len(looked) == MAX_SUGGESTIONS


def test_very_long_strings_are_cut_in_table_and_plain_only(tmp_path: Path) -> None:
    path = _big(tmp_path, 2, name_len=1_000_000)
    plain = _venues("rank", "--data", str(path), *AS_OF, "-f", "plain", timeout=120)
    assert plain.returncode == 0, plain.stderr
    assert len(plain.stdout) < 50_000
    assert "more characters; see --format json]" in plain.stdout
    js = _venues("rank", "--data", str(path), *AS_OF, "-f", "json", timeout=120)
    assert max(len(v["name"]) for v in json.loads(js.stdout)["venues"]) == 1_000_000 - 2


def test_a_file_of_empty_mappings_stays_small(tmp_path: Path) -> None:
    path = tmp_path / "braces.yaml"
    path.write_text("x: [" + "{}," * (5 * 1024 * 1024 // 3 - 10) + "]\n", encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import resource, subprocess, sys
        subprocess.run([sys.executable, "-m", "venue_cli", "validate", {str(path)!r}],
                       capture_output=True, env={{"VENUES_NO_CACHE": "1", "PATH": ""}})
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        """
    )
    peak_kb = int(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                 cwd=ROOT, check=True, timeout=120).stdout)  # fmt: skip
    assert peak_kb < 300 * 1024


def test_a_file_of_tiny_values_is_refused_at_a_cap(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loader counts values as it goes and stops at the cap, with a location (the cap
    lowered here; the test below uses the real one, in a real process)."""
    from venue_cli.format import yamlsafe

    monkeypatch.setattr(yamlsafe, "MAX_SCALARS", 20_000)
    path = tmp_path / "values.yaml"
    path.write_text("x: [" + "a," * 50_000 + "]\n", encoding="utf-8")
    r = run("validate", str(path), expect=1)
    assert r.stdout.splitlines()[0] == (
        f"{path}:1:{2 * 20_000 + 3}: more than 20,000 values; a dataset this large is almost "
        "surely a mistake (split it into several files)"
    )


@pytest.mark.thorough
def test_a_file_of_tiny_values_is_refused_at_the_cap(tmp_path: Path) -> None:
    """Two bytes a value: 2.6 million scalars fit in 5 MiB; the loader stops at its cap,
    with a location, in bounded memory."""
    from venue_cli.format.yamlsafe import MAX_SCALARS

    path = tmp_path / "values.yaml"
    path.write_text("x: [" + "a," * (5 * 1024 * 1024 // 2 - 10) + "]\n", encoding="utf-8")
    code = textwrap.dedent(
        f"""
        import resource, subprocess, sys
        p = subprocess.run([sys.executable, "-m", "venue_cli", "validate", {str(path)!r}],
                           capture_output=True, text=True,
                           env={{"VENUES_NO_CACHE": "1", "PATH": ""}})
        print(p.returncode, p.stdout.splitlines()[0])
        print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         check=True, timeout=120).stdout.splitlines()  # fmt: skip
    assert out[0] == (
        f"1 {path}:1:{2 * MAX_SCALARS + 3}: more than {MAX_SCALARS:,} values; a dataset this "
        "large is almost surely a mistake (split it into several files)"
    )
    assert int(out[1]) < 300 * 1024


# --------------------------------------------------------------------------- 9. SVG


def test_the_svg_report_is_xml_whatever_the_names(tmp_path: Path) -> None:
    weird = tmp_path / "case\x1b[2J\x07.yaml"
    weird.write_bytes(HOSTILE.read_bytes())
    out = tmp_path / "r.svg"
    run("report", "-o", str(out), "-n", "0", "--data", str(weird), *AS_OF)
    xml.dom.minidom.parseString(out.read_text(encoding="utf-8"))  # well-formed


def test_standard_input_is_named_alike_in_every_message() -> None:
    """A file on stdin that is not UTF-8 was '-:1:6:' while its YAML errors and the count
    said '<stdin>'; every message now names it '<stdin>', in validate and in rank."""
    junk = b"schema_version: 1\n\xff\xfe\n"
    argv = [sys.executable, "-m", "venue_cli"]
    validate = subprocess.run([*argv, "validate", "-"], input=junk, capture_output=True,
                              timeout=60, check=False)  # fmt: skip
    assert validate.returncode == 1
    assert (
        validate.stdout.decode() == "<stdin>:2:1: the file is not valid UTF-8; save it as UTF-8\n"
    )
    assert validate.stderr.decode() == "1 problem found in <stdin>\n"
    rank = subprocess.run([*argv, "rank", "--data", "-"], input=junk, capture_output=True,
                          timeout=60, check=False)  # fmt: skip
    assert rank.returncode == 1
    assert rank.stderr.decode().splitlines()[0] == (
        "Error: <stdin>:2:1: the file is not valid UTF-8; save it as UTF-8"
    )


def test_closed_stdin_and_a_bad_comp_cword_are_user_errors_not_bugs() -> None:
    argv = [sys.executable, "-m", "venue_cli", "validate", "-"]
    r = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=60,
                       check=False, text=True, preexec_fn=lambda: os.close(0))  # fmt: skip
    assert r.returncode == 1
    assert r.stdout == "<stdin>: standard input is closed: give a file, or pipe the dataset in\n"
    env = {**os.environ, "_VENUES_COMPLETE": "complete_bash", "COMP_WORDS": "venues ra",
           "COMP_CWORD": "abc"}  # fmt: skip
    r = subprocess.run([sys.executable, "-m", "venue_cli"], capture_output=True, timeout=60,
                       check=False, text=True, env=env)  # fmt: skip
    assert r.returncode == 2
    assert r.stderr.startswith("Error: shell completion needs COMP_CWORD to be a word index")
    assert "internal error" not in r.stderr


def test_changes_lists_a_statement_naming_many_venues_once_with_ten_names(
    tmp_path: Path,
) -> None:
    """Every venue a statement moved lists it as a cause: with its whole scope under each,
    one statement naming 2,000 venues made `changes --format json` 83 MB (venues²); now a
    cause names at most ten venues and is one shared entry."""
    import datetime as dt

    from tests.conftest import dataset_text, statement
    from venue_cli.load import load_dataset
    from venue_cli.model.ranking import rank_venues
    from venue_cli.timeline import MAX_CAUSE_VENUES, changes

    ids = [f"v{i:02d}" for i in range(MAX_CAUSE_VENUES + 3)]
    venues = "".join(
        f'\n  - {{id: {v}, name: V{v}, city: C{v}, country: "XX", country_name: Xland}}'
        for v in ids
    )
    path = tmp_path / "many.yaml"
    path.write_text(
        dataset_text(
            venues=venues,
            statements=statement("big", "a", "rejects", "2020-06-01", venues=f"[{', '.join(ids)}]"),
        )
    )
    data = json.loads(
        run("changes", "--data", str(path), "--from", "2020-01-10", "--to", "2021-01-01",
            "--format", "json").stdout
    )  # fmt: skip
    assert len(data["changes"]) == len(ids)
    for c in data["changes"]:
        (cause,) = c["causes"]
        assert cause["venues"] == [
            *(f"V{v}" for v in ids[:MAX_CAUSE_VENUES]),
            "and 3 more (venues timeline lists them all)",
        ]
    ds = load_dataset(path)
    moved = changes(rank_venues(ds, dt.date(2020, 1, 10)), rank_venues(ds, dt.date(2021, 1, 1)))
    assert len({id(c.causes[0]) for c in moved}) == 1  # one entry, shared
    timeline = json.loads(run("timeline", "--data", str(path), "--format", "json").stdout)
    assert timeline["entries"][0]["venues"] == [f"V{v}" for v in ids]  # the timeline: all


def test_a_file_name_near_the_length_limit_is_written(tmp_path: Path) -> None:
    """The temporary name was '.NAME.XXXXXXXX.tmp': for a name of 241 to 255 bytes it was
    too long, and a valid `-o` target failed with 'File name too long'."""
    name = "r" * 250 + ".md"
    write_atomic(tmp_path / name, "report")
    assert (tmp_path / name).read_text() == "report"
    write_atomic(tmp_path / name, "again", force=True)
    assert [p.name for p in tmp_path.iterdir()] == [name]  # no temporary file left


def test_a_temporary_cache_entry_left_by_a_killed_process_is_removed(tmp_path: Path) -> None:
    """A process killed while writing an entry (SIGKILL, SIGTERM) leaves '.venues-tmp-*.json'
    behind; prune removes ours once an hour old, never a fresh one (another process may be
    writing it) nor a file of any other name."""
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    stale = folder / ".venues-tmp-abc123_x.json"
    fresh = folder / ".venues-tmp-def456_y.json"
    other = folder / ".venues-tmp-notes.txt"
    for path in (stale, fresh, other):
        path.write_text("{")
    old = time.time() - cache.STALE_TMP_SECONDS - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    cache.prune(folder)
    assert sorted(p.name for p in folder.iterdir()) == [fresh.name, other.name]
