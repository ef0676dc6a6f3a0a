"""Read a dataset file into a validated `Dataset`, or report every problem with its location.

This module is the only one that sees raw YAML. It never prints: it returns data or raises
`DatasetError` carrying a list of `Problem`s (file, line, column, message).
"""

from __future__ import annotations

import os
from pathlib import Path

from venue_cli import __version__
from venue_cli.errors import DatasetError, Problem
from venue_cli.limits import MAX_FILE_BYTES
from venue_cli.model import Dataset

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


def _read_bytes(path: Path, shown: str) -> bytes:
    def fail(message: str) -> DatasetError:
        return DatasetError([Problem(shown, None, None, message)])

    try:
        if path.is_dir():
            raise fail("is a directory, not a dataset file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise fail(
                f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} "
                "(split the case into smaller files)"
            )
        with path.open("rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise fail("no such file; check the path (or unset VENUES_DATA)") from None
    except PermissionError:
        raise fail("cannot read the file: permission denied") from None
    except OSError as exc:
        raise fail(f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise fail(f"file is larger than the limit of {MAX_FILE_BYTES:,} bytes")
    return data


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
        line = text[: text.index("\x00")].count("\n") + 1
        raise DatasetError([Problem(shown, line, 1, "the file contains a NUL byte")])
    return text


def _cache_dir() -> Path | None:
    if os.environ.get("VENUES_NO_CACHE"):
        return None
    explicit = os.environ.get("VENUES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "venues"


def _cache_key(data: bytes, shown: str) -> str:
    try:  # blake2b is built in; hashlib would load OpenSSL (~4 ms) on every start
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import blake2b
    h = blake2b(digest_size=16)
    # The record classes' file stamp: a cache written by another layout is never read back.
    from venue_cli import model

    stamp = os.stat(model.__file__)
    h.update(f"{__version__}\0{stamp.st_mtime_ns}\0{stamp.st_size}\0{shown}\0".encode())
    h.update(data)
    return h.hexdigest()


def _cache_get(key: str) -> Dataset | None:
    folder = _cache_dir()
    if folder is None:
        return None
    try:  # the C unpickler alone: the pure-Python `pickle` module costs ~2 ms to import
        from _pickle import load
    except ImportError:  # pragma: no cover - Pythons without the accelerator
        from pickle import load
    try:
        with (folder / f"{key}.pickle").open("rb") as fh:
            # The cache holds only what this program wrote into the user's own cache folder.
            obj = load(fh)
    except Exception:  # any unreadable or stale cache entry is simply rebuilt
        return None
    return obj if isinstance(obj, Dataset) else None


def _cache_put(key: str, dataset: Dataset) -> None:
    folder = _cache_dir()
    if folder is None:
        return
    import tempfile

    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        import pickle

        with os.fdopen(fd, "wb") as fh:
            pickle.dump(dataset, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key}.pickle")
        _prune(folder)
    except OSError:  # a read-only or full cache folder only costs speed
        return


CACHE_ENTRIES = 64


def _prune(folder: Path) -> None:
    """Keep the cache small: drop the least recently written entries beyond CACHE_ENTRIES."""
    entries = sorted(folder.glob("*.pickle"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in entries[CACHE_ENTRIES:]:
        old.unlink(missing_ok=True)


def load_dataset(path: str | os.PathLike[str]) -> Dataset:
    """Read and validate a dataset file; raise DatasetError listing every problem."""
    p = Path(path)
    shown = str(path)
    data = _read_bytes(p, shown)
    key = _cache_key(data, shown)
    cached = _cache_get(key)
    if cached is not None:
        return cached
    dataset = parse_dataset(_decode(data, shown), shown)
    _cache_put(key, dataset)
    return dataset


def check_file(path: str | os.PathLike[str]) -> tuple[Dataset | None, list[Problem]]:
    """Validate a file and return (dataset or None, every problem found). Never raises."""
    try:
        shown = str(path)
        data = _read_bytes(Path(path), shown)
        return parse_dataset(_decode(data, shown), shown), []
    except DatasetError as exc:
        return None, exc.problems


def parse_dataset(text: str, shown: str = "<string>") -> Dataset:
    """Validate YAML text as a dataset; raise DatasetError listing every problem."""
    from venue_cli.yamlsafe import YamlProblem, loads

    try:
        raw = loads(text)
    except YamlProblem as exc:
        raise DatasetError([Problem(shown, exc.line, exc.column, exc.message)]) from None
    from venue_cli.validate import Validator

    return Validator(shown).run(raw)
