"""Writing files safely: a temporary file in the same folder, then an atomic rename.

What `write_atomic` guarantees, whatever happens (a full disk, SIGKILL, SIGTERM, SIGHUP,
Ctrl-C): an existing file is either left as it was or replaced whole, and no temporary file
is left behind (SIGKILL aside, which nothing can catch). It never writes through a symbolic
link and never replaces anything that is not a regular file (a FIFO, a device such as
/dev/null, a socket, a folder, a link), even with `force`. A written file gets ordinary
permissions: those of the file it replaces, or 0666 less the umask, and never the
setuid, setgid or sticky bits.
"""

from __future__ import annotations

import os
import signal
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from types import FrameType

from venue_cli.errors import OutputError
from venue_cli.safety import clean

_CAUGHT = tuple(
    s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None
)


class _Interrupted(BaseException):
    """A termination signal arrived while a file was being written."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def check_target(target: Path, *, force: bool) -> None:
    """Refuse a target that exists (a dangling link counts) unless `force`, and anything
    that is not a regular file even with `force`. Raises OutputError."""
    shown = clean(str(target))
    try:
        st = os.lstat(target)
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    mode = st.st_mode
    if stat.S_ISDIR(mode):
        raise OutputError(f"cannot write {shown}: it is a directory")
    if stat.S_ISLNK(mode):
        raise OutputError(
            f"cannot write {shown}: it is a symbolic link; write to the file it points to, "
            "or remove the link first"
        )
    if not stat.S_ISREG(mode):
        raise OutputError(
            f"cannot write {shown}: it is not a regular file (a pipe, device or socket); "
            "venues only writes regular files"
        )
    if not force:
        raise OutputError(f"{shown} already exists; use --force to overwrite it")


def write_atomic(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write `content` to `path` atomically. Refuse to overwrite unless `force`.

    Raises OutputError with a readable message on any failure; never leaves a partial file.
    """
    target = Path(path)
    shown = clean(str(target))
    check_target(target, force=force)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"cannot write {shown}: the folder {clean(str(folder))} does not exist")
    data = content.encode("utf-8") if isinstance(content, str) else content
    tmp: str | None = None
    try:
        with _signals_raise():
            # the temporary name holds at most 64 characters of the target's: a name near
            # the file system's limit (255 bytes) must not make the temporary one too long
            fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name[:64]}.", suffix=".tmp")
            try:
                # mkstemp creates the file private (0600): give it the mode an ordinary new
                # file would get, or the mode of the file it replaces, less special bits.
                os.fchmod(fd, _mode_for(target))
                with os.fdopen(fd, "wb") as fh:
                    fd = -1
                    fh.write(data)
                    fh.flush()
                    os.fsync(fh.fileno())
            finally:
                if fd >= 0:
                    os.close(fd)
            check_target(target, force=force)  # nothing special appeared meanwhile
            if force or not _publish_new(tmp, target, shown):
                os.replace(tmp, target)
                tmp = None
            # else the file has both names: `finally` removes the temporary one
    except _Interrupted as sig:
        _remove(tmp)
        tmp = None
        signal.signal(sig.signum, signal.SIG_DFL)
        os.kill(os.getpid(), sig.signum)  # die of the signal, as the sender meant
        raise SystemExit(128 + sig.signum) from None  # pragma: no cover - not reached
    except PermissionError:
        raise OutputError(f"cannot write {shown}: permission denied") from None
    except OSError as exc:
        raise OutputError(f"cannot write {shown}: {exc.strerror or exc}") from None
    finally:
        _remove(tmp)


def _publish_new(tmp: str, target: Path, shown: str) -> bool:
    """Give the file `tmp` the name `target` too, only if no file has that name, atomically:
    a hard link fails if the name exists, so a file that appeared since the check is never
    replaced. False where the file system has no hard links (the caller then renames, after
    its check)."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        raise OutputError(
            f"{shown} already exists (it appeared while writing); use --force to overwrite it"
        ) from None
    except OSError:  # no hard links here (EPERM, ENOTSUP, EXDEV): rename after the check
        return False
    return True


def _remove(tmp: str | None) -> None:
    if tmp is not None:
        with suppress(OSError):
            os.unlink(tmp)


@contextmanager
def _signals_raise() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception while a file is written, so the temporary
    file is removed before the process ends (only possible in the main thread)."""

    def handler(signum: int, _frame: FrameType | None) -> None:
        raise _Interrupted(signum)

    previous = {}
    try:
        for s in _CAUGHT:
            previous[s] = signal.signal(s, handler)
    except ValueError:  # not the main thread: signals stay as they are
        pass
    try:
        yield
    finally:
        for s, old in previous.items():
            signal.signal(s, old)


def _mode_for(target: Path) -> int:
    try:
        return os.lstat(target).st_mode & 0o777
    except OSError:
        mask = os.umask(0)
        os.umask(mask)
        return 0o666 & ~mask
