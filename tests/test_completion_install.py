"""`venues --install-completion` never harms the user's start-up files: it only appends the
lines they lack, refuses anything that is not a regular file, keeps bytes in any encoding,
and never writes through a link planted where its own script goes (Typer's installer
rewrote ~/.bashrc whole: a kill mid-write emptied it; a FIFO there hung it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer._completion_shared import get_completion_script
from typer.testing import CliRunner

from venue_cli.cli import app, shell_install


def install(home: Path, monkeypatch: pytest.MonkeyPatch, shell: str = "bash") -> tuple[int, str]:
    monkeypatch.setattr(shell_install, "detect_shell", lambda: shell)
    result = CliRunner().invoke(
        app, ["--install-completion"], prog_name="venues", env={"HOME": str(home)}
    )
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert result.stdout == ""  # messages only, on stderr
    return result.exit_code, result.stderr


def bash_script() -> str:
    return get_completion_script(prog_name="venues", complete_var="_VENUES_COMPLETE", shell="bash")


def test_bash_appends_one_line_and_keeps_every_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rc = tmp_path / ".bashrc"
    original = b"alias ll='ls -l'\n# caf\xe9 in Latin-1, not UTF-8\nexport X=1"  # no final newline
    rc.write_bytes(original)
    code, stderr = install(tmp_path, monkeypatch)
    script = tmp_path / ".bash_completions" / "venues.sh"
    line = f"source '{script}'"
    assert code == 0
    assert stderr == (
        f"bash completion installed in {script}\n"
        f"added to {rc}: {line}\n"
        "it takes effect in a new shell\n"
    )
    assert rc.read_bytes() == original + b"\n" + line.encode() + b"\n"
    assert script.read_text() == bash_script()
    # a second install adds nothing
    code, stderr = install(tmp_path, monkeypatch)
    assert code == 0
    assert stderr.splitlines()[1] == f"{rc} already loads it"
    assert rc.read_bytes() == original + b"\n" + line.encode() + b"\n"


def test_a_missing_bashrc_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _ = install(tmp_path, monkeypatch)
    assert code == 0
    script = tmp_path / ".bash_completions" / "venues.sh"
    assert (tmp_path / ".bashrc").read_text() == f"source '{script}'\n"


def test_a_linked_bashrc_is_appended_to_through_the_link(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Dotfile managers link ~/.bashrc to a file they keep: the shell reads that file."""
    kept = tmp_path / "dotfiles" / "bashrc"
    kept.parent.mkdir()
    kept.write_text("export A=1\n")
    (tmp_path / ".bashrc").symlink_to(kept)
    code, _ = install(tmp_path, monkeypatch)
    assert code == 0
    assert (tmp_path / ".bashrc").is_symlink()
    script = tmp_path / ".bash_completions" / "venues.sh"
    assert kept.read_text() == f"export A=1\nsource '{script}'\n"


@pytest.mark.parametrize("kind", ["fifo", "folder", "dangling link"])
def test_a_bashrc_that_is_not_a_regular_file_is_refused_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str
) -> None:
    rc = tmp_path / ".bashrc"
    if kind == "fifo":
        os.mkfifo(rc)
        why = "it is not a regular file (a folder, pipe, device or socket); nothing was changed"
    elif kind == "folder":
        rc.mkdir()
        why = "it is not a regular file (a folder, pipe, device or socket); nothing was changed"
    else:
        rc.symlink_to(tmp_path / "nowhere")
        why = "it is a link to a file that does not exist; create that file or remove the link"
    code, stderr = install(tmp_path, monkeypatch)
    assert code == 1
    assert stderr == f"Error: cannot add to {rc}: {why}\n"
    assert not (tmp_path / ".bash_completions").exists()  # refused before anything is written
    assert not (tmp_path / "nowhere").exists()


def test_a_link_planted_where_the_script_goes_is_not_written_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    victim = tmp_path / "precious.txt"
    victim.write_text("keep me\n")
    (tmp_path / ".bash_completions").mkdir()
    script = tmp_path / ".bash_completions" / "venues.sh"
    script.symlink_to(victim)
    code, stderr = install(tmp_path, monkeypatch)
    assert code == 1
    assert stderr.startswith(f"Error: cannot write {script}: it is a symbolic link")
    assert victim.read_text() == "keep me\n"


def test_zsh_appends_its_line_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Typer also strips the file's trailing blank lines and adds a menu style; neither here."""
    rc = tmp_path / ".zshrc"
    rc.write_text("setopt autocd\n\n\n")
    code, _ = install(tmp_path, monkeypatch, "zsh")
    assert code == 0
    assert rc.read_text() == "setopt autocd\n\n\nfpath+=~/.zfunc; autoload -Uz compinit; compinit\n"
    assert (tmp_path / ".zfunc" / "_venues").read_text() == get_completion_script(
        prog_name="venues", complete_var="_VENUES_COMPLETE", shell="zsh"
    )


def test_fish_needs_no_start_up_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, stderr = install(tmp_path, monkeypatch, "fish")
    script = tmp_path / ".config" / "fish" / "completions" / "venues.fish"
    assert code == 0
    assert stderr == f"fish completion installed in {script}\nit takes effect in a new shell\n"
    assert script.read_text().endswith("\n")


@pytest.mark.parametrize(
    ("shell", "message"),
    [
        (
            "pwsh",
            "Error: pwsh completion is not installed automatically (Typer's installer changes "
            "the execution policy); print the script with 'venues --show-completion SHELL' "
            "and add it to the shell's profile yourself\n",
        ),
        (
            "tcsh",
            "Error: cannot install completion for tcsh: bash, zsh and fish only; print the "
            "script with 'venues --show-completion SHELL' and add it to the shell's profile "
            "yourself\n",
        ),
    ],
)
def test_other_shells_are_refused_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shell: str, message: str
) -> None:
    code, stderr = install(tmp_path, monkeypatch, shell)
    assert (code, stderr) == (1, message)
    assert list(tmp_path.iterdir()) == []


def test_the_console_script_does_not_hang_on_a_fifo(tmp_path: Path) -> None:
    """The real entry point, shell detected as it would be: a FIFO as ~/.bashrc is refused
    at once (Typer's installer blocked for ever writing to it)."""
    os.mkfifo(tmp_path / ".bashrc")
    os.mkfifo(tmp_path / ".zshrc")
    env = {k: v for k, v in os.environ.items() if k != "HOME"} | {"HOME": str(tmp_path)}
    code = (
        "from venue_cli.cli.shell_install import detect_shell; import venue_cli.cli as c; "
        "import sys; sys.argv = ['venues', '--install-completion']; c.main()"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 1
    assert "it is not a regular file" in proc.stderr or "bash, zsh and fish only" in proc.stderr


def test_a_quote_in_the_home_folder_cannot_run_code_at_every_shell_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The line was written as source '{script}', so a home folder named
    h'; echo INJECTED; ' ended the quotes and ran the rest whenever bash started."""
    home = tmp_path / "h'; echo INJECTED; '"
    home.mkdir()
    code, _ = install(home, monkeypatch)
    assert code == 0
    script = home / ".bash_completions" / "venues.sh"
    quoted = "'" + str(script).replace("'", "'\\''") + "'"
    assert (home / ".bashrc").read_text() == f"source {quoted}\n"
    shell = subprocess.run(
        ["bash", "--norc", "--noprofile", "-c", 'source "$1" && type -t _venues_completion',
         "bash", str(home / ".bashrc")],
        capture_output=True, text=True, check=False, env={"PATH": os.environ["PATH"]},
    )  # fmt: skip
    assert "INJECTED" not in shell.stdout + shell.stderr
    assert shell.stdout == "function\n"  # the script itself was sourced
