"""The dataset cache: validated datasets kept as plain JSON, so a warm start skips YAML.

Threat model: the cache folder may be shared or planted with files by someone else. So:

* an entry is **data only** (JSON), never code: reading one can at worst give a wrong
  dataset, and every entry is checked on read — its header must name this format, this
  code and this key, the record's bytes must have the digest the header gives (a damaged
  entry that is still valid JSON, a changed name say, is not used), and every value must
  have the type its record field declares, every number finite — and discarded (deleted)
  when it does not match. Whoever can write in the (private) folder can still plant an
  entry whose records refer to ids that do not exist: it is served as a wrong dataset, and
  a command that meets the missing id ends with a one-line internal error;
* the key is a hash of the file's bytes, the path shown, this package's version and the
  **source of every module that turns YAML into records** (so a changed validator never
  serves an entry written by the old one);
* the folder is created private (0700) and not used at all, with a notice, when it is not
  a folder owned by this user, or is writable by the group or others;
* only files named like the tool's own entries (`venues-<32 hex>.json`) are ever pruned,
  and a temporary file is removed on every error, including a full disk or a signal.

Nothing here prints: `notice` callbacks carry the one-line messages to the CLI.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
import typing
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Any

from venue_cli import __version__

if typing.TYPE_CHECKING:
    import hashlib

FORMAT = 3  # the cache entry layout; 1 was a pickle (never read back), 2 had no digest
MAX_ENTRIES = 64
MAX_ENTRY_BYTES = 64 * 1024 * 1024
_ENTRY = re.compile(r"venues-[0-9a-f]{32}\.json")
_TMP_PREFIX = ".venues-tmp-"
#: A temporary entry of ours (mkstemp's name) left by a process killed while writing it
#: (SIGKILL, SIGTERM, a power cut): `prune` removes it once it is this old, so a write in
#: progress in another process is never touched.
_TMP_ENTRY = re.compile(re.escape(_TMP_PREFIX) + r"[A-Za-z0-9_]+\.json")
STALE_TMP_SECONDS = 3600
#: The modules whose code turns the bytes of a file into records.
_CODE = (
    "format/yamlsafe.py",
    "format/fields.py",
    "format/spec.py",
    "format/validate.py",
    "format/checks.py",
    "format/build.py",
    "records.py",
    "safety.py",
    "limits.py",
    "names.py",
    "model/criteria.py",  # the criterion names a file may use
    "cache.py",
)

Notice = Callable[[str], None]


def cache_dir() -> Path | None:
    """The folder in use: VENUES_CACHE_DIR, else $XDG_CACHE_HOME/venues, else
    ~/.cache/venues; None when VENUES_NO_CACHE is set."""
    if os.environ.get("VENUES_NO_CACHE"):
        return None
    explicit = os.environ.get("VENUES_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "venues"


def _code_stamp() -> bytes:
    here = Path(__file__).parent
    parts = []
    for name in _CODE:
        try:
            parts.append((here / name).read_bytes())
        except OSError:  # pragma: no cover - a broken install: never reuse an entry
            parts.append(os.urandom(16))
    return b"\0".join(parts)


#: What comes between an entry's header and its record's bytes (the record is last).
_RECORD = b',"record":'


def _blake2b() -> type[hashlib.blake2b]:
    try:  # blake2b is built in; hashlib would load OpenSSL (~4 ms) on every start
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - other Pythons
        from hashlib import blake2b
    return blake2b


def _digest(data: bytes) -> str:
    """The hex digest an entry's header gives for its record's bytes."""
    return _blake2b()(data, digest_size=16).hexdigest()


def cache_key(data: bytes, shown: str) -> str:
    """The entry name's hash: file bytes, path shown, version, format and code."""
    blake2b = _blake2b()
    h = blake2b(digest_size=16)
    h.update(f"{FORMAT}\0{__version__}\0{shown}\0".encode())
    h.update(blake2b(_code_stamp(), digest_size=16).digest())
    h.update(data)
    return h.hexdigest()


def _usable(folder: Path, notice: Notice | None, create: bool) -> bool:
    """True if `folder` is a private folder of this user (creating it 0700 if asked)."""
    try:
        if create and not os.path.lexists(folder):
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(folder)
    except OSError:
        return False
    problem = None
    if not stat.S_ISDIR(st.st_mode):
        problem = "is not a folder"
    elif hasattr(os, "geteuid") and st.st_uid != os.geteuid():
        problem = "belongs to another user"
    elif st.st_mode & 0o022:
        problem = "is writable by other users"
    if problem is None:
        return True
    if notice is not None and (str(folder), problem) not in _NOTICED:  # once, not per look
        _NOTICED.add((str(folder), problem))
        notice(f"not using the dataset cache {folder}: it {problem} (set VENUES_CACHE_DIR)")
    return False


#: The (folder, problem) pairs this process has already given a notice about.
_NOTICED: set[tuple[str, str]] = set()


# --------------------------------------------------------------------------- codec


def _decoder(tp: Any) -> Callable[[Any], Any]:
    """A function that turns a JSON value into a value of type `tp`, or raises."""
    origin = typing.get_origin(tp)
    if tp is str:
        return lambda v: v if type(v) is str else _bad(v, "str")
    if tp is bool:
        return lambda v: v if type(v) is bool else _bad(v, "bool")
    if tp is int:
        return lambda v: v if type(v) is int else _bad(v, "int")
    if tp is float:
        return lambda v: float(v) if type(v) in (int, float) else _bad(v, "float")
    if tp is dt.date:
        return lambda v: dt.date.fromisoformat(v) if type(v) is str else _bad(v, "date")
    if isinstance(tp, type) and issubclass(tp, Enum):
        members = tp._value2member_map_
        return lambda v: members[v]  # a KeyError (or TypeError) rejects the entry
    if isinstance(tp, type) and issubclass(tp, tuple) and hasattr(tp, "_fields"):
        return _record_decoder(tp)
    args = typing.get_args(tp)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        inner = [a for a in args if a is not type(None)]
        one = _decoder(inner[0])
        return lambda v: None if v is None else one(v)
    if origin is tuple:
        if args[0] is str:  # the common case, checked in C: every item a str
            return lambda v: (
                tuple(v) if type(v) is list and all(map(_is_str, v)) else _bad(v, "list")
            )
        item = _decoder(args[0])
        return lambda v: tuple(item(x) for x in v) if type(v) is list else _bad(v, "list")
    if origin is dict:
        key, val = _decoder(args[0]), _decoder(args[1])
        return lambda v: (
            {key(k): val(x) for k, x in v.items()} if type(v) is dict else _bad(v, "map")
        )
    if origin is typing.Union:  # pragma: no cover
        raise TypeError(tp)
    if tp is object or tp is Any:  # pragma: no cover - no record uses these
        raise TypeError(tp)
    # collections.abc.Mapping and the like are not used by records
    raise TypeError(f"cannot cache a field of type {tp!r}")  # pragma: no cover


def _is_str(value: Any) -> bool:
    return type(value) is str


def _bad(value: Any, expected: str) -> Any:
    raise ValueError(f"expected {expected}, got {type(value).__name__}")


_DECODERS: dict[type, Callable[[Any], Any]] = {}


def _record_decoder(cls: type) -> Callable[[Any], Any]:
    """Records travel as lists in field order; each value is checked against its type.

    Plain string fields (most of them) are checked in one pass; only the others are
    converted one by one (dates, enums, numbers, nested records)."""
    if cls in _DECODERS:
        return _DECODERS[cls]
    hints = cls.__annotations__
    fields = cls._fields  # type: ignore[attr-defined]
    n = len(fields)
    plain = tuple(i for i, f in enumerate(fields) if hints[f] is str)
    optional = tuple(i for i, f in enumerate(fields) if hints[f] == (str | None))
    converted = tuple(
        (i, _decoder(hints[f]))
        for i, f in enumerate(fields)
        if i not in plain and i not in optional
    )
    make = cls._make  # type: ignore[attr-defined]

    def decode(v: Any) -> Any:
        if type(v) is not list or len(v) != n:
            raise ValueError(f"bad {cls.__name__} record")
        for i in plain:
            if type(v[i]) is not str:
                raise ValueError(f"bad {cls.__name__}.{fields[i]}")
        for i in optional:
            if v[i] is not None and type(v[i]) is not str:
                raise ValueError(f"bad {cls.__name__}.{fields[i]}")
        for i, conv in converted:
            v[i] = conv(v[i])
        return make(v)

    _DECODERS[cls] = decode
    return decode


def _encode(value: Any) -> Any:
    if isinstance(value, tuple) and hasattr(value, "_fields"):
        return [_encode(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {(k.value if isinstance(k, Enum) else k): _encode(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- get / put


def get(key: str, record_type: type, notice: Notice | None = None) -> Any | None:
    """The cached record stored under `key`, or None (a bad entry is deleted)."""
    folder = cache_dir()
    if folder is None or not _usable(folder, notice, create=False):
        return None
    path = folder / f"venues-{key}.json"
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode) or st.st_size > MAX_ENTRY_BYTES:
            return None
        if hasattr(os, "geteuid") and st.st_uid != os.geteuid():
            return None
        with os.fdopen(fd, "rb") as fh:
            fd = -1
            raw = fh.read(MAX_ENTRY_BYTES + 1)
    except OSError:
        return None
    finally:
        if fd >= 0:
            os.close(fd)
    try:
        import json

        at = raw.find(_RECORD)  # the header before it holds no such bytes
        if at < 0 or not raw.endswith(b"}"):
            raise ValueError("not an entry of this version")
        body = raw[at + len(_RECORD) : -1]
        doc = json.loads(raw, parse_constant=_no_constant)
        if (
            type(doc) is not dict
            or doc.get("format") != FORMAT
            or doc.get("key") != key
            or doc.get("type") != record_type.__name__
            or doc.get("digest") != _digest(body)
        ):
            raise ValueError("not an entry of this version, or damaged")
        return _record_decoder(record_type)(doc["record"])
    except Exception:
        with contextlib.suppress(OSError):
            path.unlink()
        return None


def _no_constant(name: str) -> Any:
    """`json.loads` reads NaN and Infinity, which no validated dataset holds (numbers are
    finite): an entry with one was not written by `put`."""
    raise ValueError(f"{name} in a cache entry")


def put(key: str, record: Any, notice: Notice | None = None) -> None:
    """Store `record` under `key`; any failure only costs speed (and leaves no file)."""
    folder = cache_dir()
    if folder is None or not _usable(folder, notice, create=True):
        return
    import json
    import tempfile

    tmp: str | None = None
    try:
        data = json.dumps(_encode(record), ensure_ascii=False, separators=(",", ":")).encode()
        header = {"format": FORMAT, "key": key, "type": type(record).__name__}
        header["digest"] = _digest(data)
        head = json.dumps(header, separators=(",", ":")).encode()  # {"format":3,…}
        body = head[:-1] + _RECORD + data + b"}"
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=_TMP_PREFIX, suffix=".json")
        with os.fdopen(fd, "wb") as fh:
            fh.write(body)
        os.replace(tmp, folder / f"venues-{key}.json")
        tmp = None
        prune(folder)
    except (OSError, ValueError, TypeError):
        return
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def prune(folder: Path, keep: int = MAX_ENTRIES) -> None:
    """Keep the `keep` most recently written entries and remove temporary entries older than
    STALE_TMP_SECONDS; touch no file the tool did not name."""
    import time

    entries = []
    stale_before = time.time() - STALE_TMP_SECONDS
    with os.scandir(folder) as it:
        for e in it:
            if _TMP_ENTRY.fullmatch(e.name) and e.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    if e.stat(follow_symlinks=False).st_mtime < stale_before:
                        os.unlink(e.path)
                continue
            if _ENTRY.fullmatch(e.name) and e.is_file(follow_symlinks=False):
                try:
                    entries.append((e.stat(follow_symlinks=False).st_mtime_ns, e.path))
                except OSError:
                    continue
    entries.sort(reverse=True)
    for _mtime, path in entries[keep:]:
        with contextlib.suppress(OSError):
            os.unlink(path)
