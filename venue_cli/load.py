"""Read a dataset file into a validated `Dataset`, or report every problem with its location.

This module is the only one that sees raw YAML. It never prints: it returns data or raises
`DatasetError` carrying a list of `Problem`s (file, line, column, message).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

from venue_cli.errors import DatasetError, Problem
from venue_cli.limits import MAX_FILE_BYTES
from venue_cli.records import Dataset
from venue_cli.safety import shown_name

BUNDLED_CASE = "putin-zelensky"


def data_dir() -> Path:
    """Where the bundled datasets are: inside the installed package, else the source tree."""
    packaged = Path(__file__).parent / "data"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "data"


def bundled_cases() -> dict[str, Path]:
    """Bundled case name -> file: the default case, then data/cases/*.yaml by name."""
    root = data_dir()
    cases = {BUNDLED_CASE: root / f"{BUNDLED_CASE}.yaml"}
    for path in sorted((root / "cases").glob("*.yaml")):
        cases[path.stem] = path
    return cases


# --------------------------------------------------------------------------- reading

STDIN = "-"
#: How messages name standard input (`<stdin>:3:1: ...`), whichever step finds the problem.
STDIN_SHOWN = "<stdin>"


def shown_path(path: str | os.PathLike[str]) -> str:
    """A dataset or scenario path as messages show it: `<stdin>` for `-`."""
    return STDIN_SHOWN if str(path) == STDIN else shown_name(path)


def _read_bytes(path: Path, shown: str) -> bytes:
    """The file's bytes, at most MAX_FILE_BYTES. Anything but a regular file (a FIFO, a
    device, a socket) is refused at once: it could block forever or never end. `-` is
    standard input."""

    def fail(message: str) -> DatasetError:
        return DatasetError([Problem(shown, None, None, message)])

    if str(path) == STDIN:
        import sys

        stdin = getattr(sys.stdin, "buffer", None)
        if stdin is None:  # standard input closed (`<&-`)
            raise fail("standard input is closed: give a file, or pipe the dataset in")
        data: bytes = stdin.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise fail(f"standard input is larger than the limit of {MAX_FILE_BYTES:,} bytes")
        return data
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        hint = " (VENUES_DATA names it)" if os.environ.get("VENUES_DATA") == str(path) else ""
        raise fail(f"no such file{hint}; check the path") from None
    except IsADirectoryError:
        raise fail("is a directory, not a dataset file") from None
    except PermissionError:
        raise fail("cannot read the file: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise fail("is a directory, not a dataset file")
        if not stat.S_ISREG(st.st_mode):
            raise fail(f"is not a regular file ({_file_kind(st.st_mode)}); give a dataset file")
        if st.st_size > MAX_FILE_BYTES:
            raise fail(
                f"file is {st.st_size:,} bytes; the limit is {MAX_FILE_BYTES:,} "
                "(split the case into smaller files)"
            )
        chunks = []
        size = 0
        while size <= MAX_FILE_BYTES:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_FILE_BYTES:
        raise fail(f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes")
    return data


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a plain file"


def read_text(path: str | os.PathLike[str], *, keep_bom: bool = False) -> tuple[str, str]:
    """(text, shown name) of a dataset or scenario file, checked and decoded. `keep_bom`
    keeps a UTF-8 byte-order mark the file starts with, for a command that writes the file
    back (`upgrade`)."""
    shown = shown_path(path)
    data = _read_bytes(Path(path), shown)
    bom = "\ufeff" if keep_bom and data.startswith(b"\xef\xbb\xbf") else ""
    return bom + _decode(data, shown), shown


def _decode(data: bytes, shown: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise DatasetError(
            [Problem(shown, line, column, "the file is not valid UTF-8; save it as UTF-8")]
        ) from None
    text = text.removeprefix("\ufeff")
    if "\x00" in text:
        before_nul = text[: text.index("\x00")]
        line = before_nul.count("\n") + 1
        column = len(before_nul) - (before_nul.rfind("\n") + 1) + 1
        raise DatasetError([Problem(shown, line, column, "the file contains a NUL byte")])
    return text


def load_dataset(
    path: str | os.PathLike[str], *, notice: Callable[[str], None] | None = None
) -> Dataset:
    """Read and validate a dataset file; raise DatasetError listing every problem.

    A validated dataset is cached as JSON (see `venue_cli.cache`); `notice` receives a
    one-line message when the cache folder cannot be trusted and is left alone."""
    from venue_cli import cache

    p = Path(path)
    shown = shown_path(path)
    data = _read_bytes(p, shown)
    if str(path) == STDIN:
        return parse_dataset(_decode(data, shown), shown)
    key = cache.cache_key(data, shown)
    cached = cache.get(key, Dataset, notice)
    if cached is not None:
        return cached  # type: ignore[no-any-return]
    dataset = parse_dataset(_decode(data, shown), shown)
    cache.put(key, dataset, notice)
    return dataset


def check_file(
    path: str | os.PathLike[str],
) -> tuple[Dataset | None, list[Problem], list[str]]:
    """Validate a file: (dataset or None, every problem found, warnings). Never raises."""
    from venue_cli.format.warnings import dataset_warnings

    try:
        text, shown = read_text(path)
        ds = parse_dataset(text, shown)
    except DatasetError as exc:
        return None, exc.problems, []
    return ds, [], dataset_warnings(ds)


def doc_path(topic: str) -> Path | None:
    """A document that ships with the package: 'format' or 'model'."""
    name = {"format": "dataset-format.md", "model": "model.md"}.get(topic)
    if name is None:
        return None
    packaged = Path(__file__).parent / "docs" / name
    if packaged.is_file():
        return packaged
    source = Path(__file__).resolve().parent.parent / "docs" / name
    return source if source.is_file() else None


def parse_dataset(text: str, shown: str = "<string>") -> Dataset:
    """Validate YAML text as a dataset; raise DatasetError listing every problem."""
    from venue_cli.format.validate import Validator
    from venue_cli.format.yamlsafe import YamlProblem, loads

    try:
        raw = loads(text)
    except YamlProblem as exc:
        raise DatasetError([Problem(shown, exc.line, exc.column, exc.message)]) from None
    return Validator(shown).run(raw)
