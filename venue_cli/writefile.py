"""Writing files safely: a temporary file in the same folder, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from venue_cli.errors import OutputError


def write_atomic(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write `content` to `path` atomically. Refuse to overwrite unless `force`.

    Raises OutputError with a readable message on any failure; never leaves a partial file.
    """
    target = Path(path)
    if target.is_dir():
        raise OutputError(f"cannot write {target}: it is a directory")
    if target.exists() and not force:
        raise OutputError(f"{target} already exists; use --force to overwrite it")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {target}: the folder {folder} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
        # mkstemp creates the file private (0600): give it the mode an ordinary new file
        # would get (0666 less the umask), or keep the mode of the file it replaces.
        os.chmod(tmp, _mode_for(target))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        tmp = None
    except PermissionError:
        raise OutputError(f"cannot write {target}: permission denied") from None
    except OSError as exc:
        raise OutputError(f"cannot write {target}: {exc.strerror or exc}") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def _mode_for(target: Path) -> int:
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
