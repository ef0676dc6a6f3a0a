"""`venues --install-completion`: install the shell completion script without risk to the
user's own files.

Typer's installer rewrites the whole start-up file (`~/.bashrc`, `~/.zshrc`) with
`Path.write_text`: a full disk or a kill between the truncation and the write leaves it
empty, a FIFO in its place hangs the command, and a file that is not UTF-8 is a traceback.
For PowerShell it also changes the user's execution policy. Here:

- a start-up file is only ever **appended to** (the lines it lacks, once; never rewritten,
  truncated or reordered), through a link to a regular file as a shell would read it, and
  refused when it is anything but a regular file (a FIFO, a device, a folder, a dangling
  link); it is read as bytes, so any encoding is kept as it was;
- the completion script, our own file, is replaced atomically (`write_atomic`), which never
  writes through a link nor replaces anything that is not a regular file;
- PowerShell is not installed automatically: `--show-completion` prints its script.

The same script text as Typer's (`get_completion_script`), and the same places.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path

from venue_cli.errors import OutputError
from venue_cli.safety import clean
from venue_cli.writefile import write_atomic

#: Start-up files larger than this are not read to look for our lines (a `.bashrc` of
#: 16 MiB is not a start-up file): the install is refused with a message.
MAX_RC_BYTES = 16 * 1024 * 1024


@dataclass(frozen=True)
class Installed:
    """What an install did: the script written and the start-up file lines added."""

    shell: str
    script: Path
    rc: Path | None  # the start-up file, if the shell needs one
    added: tuple[str, ...]  # the lines appended to it (none if it had them all)


def detect_shell() -> str | None:
    """The shell this command runs under, as Typer finds it (shellingham); None if unknown."""
    from typer._completion_shared import _get_shell_name

    return _get_shell_name()


def install(shell: str | None, prog_name: str, complete_var: str) -> Installed:
    """Install completion for `shell` (detected when None). Raises OutputError."""
    from typer._completion_shared import get_completion_script

    name = shell or detect_shell()
    try:
        home = Path.home()
    except RuntimeError:
        raise OutputError(
            "cannot install completion: the home folder is unknown (set HOME)"
        ) from None
    if name not in ("bash", "zsh", "fish"):
        shown = clean(name) if name else "the shell could not be detected"
        hint = (
            "print the script with 'venues --show-completion SHELL' and add it to the shell's "
            "profile yourself"
        )
        if name in ("powershell", "pwsh"):
            raise OutputError(
                f"{shown} completion is not installed automatically (Typer's installer changes "
                "the execution policy); " + hint
            )
        raise OutputError(f"cannot install completion for {shown}: bash, zsh and fish only; {hint}")
    script_text = get_completion_script(prog_name=prog_name, complete_var=complete_var, shell=name)
    if name == "bash":
        script = home / ".bash_completions" / f"{prog_name}.sh"
        rc: Path | None = home / ".bashrc"
        lines: tuple[str, ...] = (f"source {_single_quoted(str(script))}",)
    elif name == "zsh":
        script = home / ".zfunc" / f"_{prog_name}"
        rc = home / ".zshrc"
        lines = ("fpath+=~/.zfunc; autoload -Uz compinit; compinit",)
    else:
        script = home / ".config" / "fish" / "completions" / f"{prog_name}.fish"
        rc = None
        lines = ()
        script_text += "\n"
    if rc is not None:
        check_rc(rc)  # before anything is written
    _make_folder(script.parent)
    write_atomic(script, script_text, force=True)
    added = append_missing(rc, lines) if rc is not None else ()
    return Installed(name, script, rc, added)


def _single_quoted(text: str) -> str:
    """`text` as one shell word in single quotes, a quote in it closed, escaped and reopened
    ('it'\''s'): a home folder whose name holds a quote cannot end the word and run what
    follows every time the shell starts. (Always quoted, unlike `shlex.quote`, so that the
    line stays the one an earlier install wrote and is not appended a second time.)"""
    return "'" + text.replace("'", "'\\''") + "'"


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create {clean(str(folder))}: {exc.strerror or exc}") from None


def check_rc(rc: Path) -> None:
    """Refuse a start-up file that exists as anything but a regular file (after links), or a
    dangling link, before anything is written."""
    shown = clean(str(rc))
    try:
        st = os.stat(rc)
    except FileNotFoundError:
        if os.path.islink(rc):
            raise OutputError(
                f"cannot add to {shown}: it is a link to a file that does not exist; "
                "create that file or remove the link"
            ) from None
        return
    except OSError as exc:
        raise OutputError(f"cannot read {shown}: {exc.strerror or exc}") from None
    _refuse_unless_usable(shown, st)


def _refuse_unless_usable(shown: str, st: os.stat_result) -> None:
    """Refuse a start-up file that is not a regular file, or is too large to read."""
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(
            f"cannot add to {shown}: it is not a regular file (a folder, pipe, device or "
            "socket); nothing was changed"
        )
    if st.st_size > MAX_RC_BYTES:
        raise OutputError(f"cannot add to {shown}: it is larger than 16 MiB; nothing was changed")


def append_missing(rc: Path, lines: tuple[str, ...]) -> tuple[str, ...]:
    """Append to `rc` each of `lines` it does not already hold (as a line), creating it if
    missing. The file is opened without blocking and checked to be a regular file before a
    byte is read or written; it is never truncated. Returns the lines appended."""
    shown = clean(str(rc))
    flags = os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(rc, flags, 0o644)
    except OSError as exc:
        raise OutputError(f"cannot add to {shown}: {exc.strerror or exc}") from None
    try:
        _refuse_unless_usable(shown, os.fstat(fd))  # again: it may have changed since check_rc
        content = _read_all(fd)
        held = set(content.splitlines())
        missing = tuple(line for line in lines if line.encode() not in held)
        if missing:
            lead = b"\n" if content and not content.endswith(b"\n") else b""
            data = lead + b"".join(line.encode() + b"\n" for line in missing)
            while data:
                data = data[os.write(fd, data) :]
        return missing
    except OSError as exc:
        raise OutputError(f"cannot add to {shown}: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def _read_all(fd: int) -> bytes:
    os.lseek(fd, 0, os.SEEK_SET)
    chunks = []
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks)
