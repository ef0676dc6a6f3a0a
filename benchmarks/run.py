"""Benchmark `venues` against the targets of issue 17, with baselines measured in the same run.

    python benchmarks/run.py            # the full run (about a quarter of an hour on 2 cores)
    python benchmarks/run.py --quick    # tiny sizes, for the test suite (under a minute)

Every command is timed as a new process (CPU time of the child, from `os.wait4`, and wall
time), in interleaved rounds, so that load noise hits every command alike. Tables are drawn
on a pseudo-terminal, as a terminal user sees them. The figures are ratios to baselines run
in the same rounds: `python -c pass`, a minimal Typer + Rich app (`minimal_app.py`) and the
bundled `venues rank`. The script also profiles where the time goes (`-X importtime`,
cProfile) and which steps grow faster than the data. See benchmarks/README.md.

Results go to benchmarks/results/latest.json and latest.md (or to --out DIR), and a full run
refreshes the figures in benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import fcntl
import importlib.metadata
import json
import math
import os
import platform
import pstats
import resource
import select
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
PY = sys.executable
sys.path.insert(0, str(HERE))

from make_synthetic import AS_OF as SYNTHETIC_AS_OF  # noqa: E402
from make_synthetic import generate  # noqa: E402

try:
    import venue_cli
except ImportError:  # not installed: run from the source tree
    sys.path.insert(0, str(ROOT))
    import venue_cli

    SOURCE_TREE = True
else:
    SOURCE_TREE = False

SCHEMA_VERSION = 2
GIB = 1024**3
TTY_SIZE = (50, 160)  # rows, columns of the pseudo-terminal
SENSITIVITY_MEMORY_LIMIT = 4 * GIB  # address-space cap of the sensitivity child (as in the issue)
SUPERLINEAR = 1.25  # a growth exponent above this is flagged (1 = linear, 2 = quadratic)

#: The targets of issue 17: (key, what, comparison, bound).
TARGETS: dict[str, tuple[str, float]] = {
    "growth": ("rank, {small:,} → {large:,} venues, 2 parties: time ratio", 12.0),
    "many_parties": ("rank, {large:,} venues × {many} parties ÷ the bundled rank", 8.0),
    "sensitivity": ("sensitivity, {large:,} venues: peak memory", 1.0),
    "plain": ("cold rank --format plain ÷ python -c pass", 7.0),
    "table": ("cold rank --format table ÷ minimal Typer + Rich app", 1.0),
    "explain": ("cold explain istanbul --format table ÷ minimal Typer + Rich app", 1.2),
}


@dataclass(frozen=True)
class Sizes:
    """What a run measures: the full sizes, or tiny ones for the test suite."""

    small: int = 1_000  # venues, 2 parties: the start of the growth ratio
    large: int = 10_000  # venues, 2 parties: its end
    many_parties: int = 20  # parties at `large` venues
    party_venues: int = 20  # venues of the parties' growth ratio (not a target: a check that
    few_parties: int = 500  # the cost grows linearly in the parties too, blanket remarks
    more_parties: int = 2_000  # by every party included)
    reps: int = 40  # cold-start rounds
    warmups: int = 3
    scaling_reps: int = 5
    phase_reps: int = 3
    sensitivity_samples: int | None = None  # None: the command's default
    profile_samples: int = 300  # sensitivity under cProfile
    hostile_bytes: int = 5 * 1024 * 1024
    profile_runs: int = 5  # -X importtime runs per command
    timeout: float = 1800.0  # seconds for any one child


FULL = Sizes()
QUICK = Sizes(  # every section once, as cheaply as it runs: the test suite's smoke run
    small=20,
    large=200,
    many_parties=5,
    party_venues=5,
    few_parties=10,
    more_parties=40,
    reps=1,
    warmups=0,
    scaling_reps=1,
    phase_reps=1,
    sensitivity_samples=200,
    profile_samples=50,
    hostile_bytes=256 * 1024,
    profile_runs=1,
    timeout=300.0,
)


# --------------------------------------------------------------------------- processes


@dataclass(frozen=True)
class Proc:
    """One finished child: its exit status, CPU and wall time, peak memory and output."""

    rc: int
    cpu: float  # user + system seconds of the child
    wall: float
    maxrss: int  # bytes
    out: bytes = b""
    err: bytes = b""
    timed_out: bool = False


@dataclass(frozen=True)
class Cmd:
    argv: tuple[str, ...]
    tty: bool = False  # stdout (and stderr) on a pseudo-terminal
    env: tuple[tuple[str, str], ...] = ()  # extra environment variables


def _limit_memory(limit: int | None) -> Callable[[], None] | None:
    if limit is None:
        return None

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return apply


def run(
    cmd: Cmd,
    env: dict[str, str],
    *,
    keep: bool = False,
    timeout: float = 1800.0,
    memory_limit: int | None = None,
) -> Proc:
    """Run `cmd` to the end; `keep` keeps its output. stdout is a pipe (or /dev/null), or a
    pseudo-terminal of TTY_SIZE for a `tty` command (stderr then goes to it too)."""
    full_env = {**env, **dict(cmd.env)}
    master = slave = -1
    if cmd.tty:
        master, slave = os.openpty()
        rows, cols = TTY_SIZE
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        stdout: Any = slave
        stderr: Any = slave if not keep else subprocess.PIPE
    else:
        stdout = subprocess.PIPE if keep else subprocess.DEVNULL
        stderr = subprocess.PIPE if keep else subprocess.DEVNULL
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd.argv,
        env=full_env,
        stdin=subprocess.DEVNULL,
        stdout=stdout,
        stderr=stderr,
        preexec_fn=_limit_memory(memory_limit),
    )
    if cmd.tty:
        os.close(slave)
    readers: dict[int, list[bytes]] = {}
    if cmd.tty:
        readers[master] = []
    elif proc.stdout is not None:
        readers[proc.stdout.fileno()] = []
    if proc.stderr is not None:
        readers[proc.stderr.fileno()] = []
    out_fd = master if cmd.tty else (proc.stdout.fileno() if proc.stdout else -1)
    err_fd = proc.stderr.fileno() if proc.stderr else -1
    expired: list[bool] = []

    def kill() -> None:
        expired.append(True)
        with contextlib.suppress(ProcessLookupError):
            os.kill(proc.pid, signal.SIGKILL)

    timer = threading.Timer(timeout, kill)
    timer.start()
    open_fds = set(readers)
    exited = False
    while open_fds:
        ready, _, _ = select.select(list(open_fds), [], [], 0 if exited else 0.2)
        if not ready:
            if exited:  # the child is gone and nothing is left to read
                break
            # has it exited? (WNOWAIT: leave it to wait4 below, which takes its rusage)
            exited = os.waitid(os.P_PID, proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
            continue
        for fd in ready:
            try:
                data = os.read(fd, 1 << 16)
            except OSError:  # EIO: the pseudo-terminal's last writer closed it
                data = b""
            if data:
                if keep or fd != master:
                    readers[fd].append(data)
            else:
                open_fds.discard(fd)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    for f in (proc.stdout, proc.stderr):
        if f is not None:
            f.close()
    if cmd.tty:
        os.close(master)
    return Proc(
        rc=proc.returncode,
        cpu=usage.ru_utime + usage.ru_stime,
        wall=wall,
        maxrss=usage.ru_maxrss * 1024,  # KiB on Linux
        out=b"".join(readers.get(out_fd, [])),
        err=b"".join(readers.get(err_fd, [])),
        timed_out=bool(expired),
    )


def run_ok(cmd: Cmd, env: dict[str, str], timeout: float = 1800.0) -> Proc:
    """Run with output kept; stop the benchmark with the child's message if it fails."""
    got = run(cmd, env, keep=True, timeout=timeout)
    if got.rc != 0 or got.timed_out:
        raise SystemExit(
            f"benchmark command failed ({got.rc}{', timed out' if got.timed_out else ''}): "
            f"{' '.join(cmd.argv)}\n{got.err.decode(errors='replace')[-2000:]}"
        )
    return got


def venues_argv(*flags: str) -> list[str]:
    """The `venues` console script next to this interpreter (run by it, with `flags`), else
    `python -m venue_cli`."""
    exe = Path(PY).with_name("venues")
    if exe.is_file() and not SOURCE_TREE:
        return [PY, *flags, str(exe)] if flags else [str(exe)]
    return [PY, *flags, "-m", "venue_cli"]


def child_env(cache_dir: Path) -> dict[str, str]:
    """The environment of every child: the dataset cache on, in a private folder; bytecode
    written and reused as in a normal install (PYTHONDONTWRITEBYTECODE, which a shell may
    set, would make every start recompile every changed module); no forced colours; no
    pager (a pager waits for a key press, and the baseline app has none)."""
    env = dict(os.environ)
    for var in (
        "VENUES_NO_CACHE",
        "VENUES_DATA",
        "FORCE_COLOR",
        "CLICOLOR_FORCE",
        "NO_COLOR",
        "PYTHONDONTWRITEBYTECODE",
        "PYTHONPROFILEIMPORTTIME",
        "COLUMNS",
        "LINES",
    ):
        env.pop(var, None)
    env["VENUES_CACHE_DIR"] = str(cache_dir)
    env["VENUES_PAGER"] = ""  # long output straight to the terminal, as the minimal app's
    env["TERM"] = "xterm-256color"
    if SOURCE_TREE:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def stats_of(values: Sequence[float]) -> dict[str, float]:
    return {
        "min_ms": round(min(values) * 1000, 2),
        "median_ms": round(statistics.median(values) * 1000, 2),
    }


def interleaved(
    commands: dict[str, Cmd], env: dict[str, str], reps: int, warmups: int, timeout: float
) -> dict[str, dict[str, Any]]:
    """Round-robin timing: every round runs every command once. The warm-up rounds check
    that each command succeeds."""
    for name, cmd in commands.items():
        got = run(cmd, env, keep=True, timeout=timeout)
        if got.rc != 0:
            raise SystemExit(f"{name} failed ({got.rc}):\n{got.err.decode(errors='replace')}")
    cpu: dict[str, list[float]] = {n: [] for n in commands}
    wall: dict[str, list[float]] = {n: [] for n in commands}
    rss: dict[str, int] = dict.fromkeys(commands, 0)
    for i in range(warmups + reps):
        for name, cmd in commands.items():
            got = run(cmd, env, timeout=timeout)
            if got.rc != 0:
                raise SystemExit(f"{name} failed in round {i} ({got.rc})")
            if i >= warmups:
                cpu[name].append(got.cpu)
                wall[name].append(got.wall)
                rss[name] = max(rss[name], got.maxrss)
    return {
        name: {
            "argv": list(cmd.argv),
            "tty": cmd.tty,
            "cpu": stats_of(cpu[name]),
            "wall": stats_of(wall[name]),
            "peak_rss_mib": round(rss[name] / 2**20, 1),
            "cpu_s": [round(x, 5) for x in cpu[name]],
        }
        for name, cmd in commands.items()
    }


def ratio(rows: dict[str, dict[str, Any]], num: str, den: str) -> dict[str, float]:
    """CPU-time ratio of two rows, of the minima and of the medians."""
    a, b = rows[num]["cpu"], rows[den]["cpu"]
    return {
        "min": round(a["min_ms"] / b["min_ms"], 3),
        "median": round(a["median_ms"] / b["median_ms"], 3),
    }


def cache_entries(cache_dir: Path) -> int:
    return len(list(cache_dir.glob("venues-*.json"))) if cache_dir.is_dir() else 0


# --------------------------------------------------------------------------- datasets


@dataclass
class Datasets:
    """The synthetic files of the run, by name ("1000x2", …)."""

    folder: Path
    files: dict[str, Path] = field(default_factory=dict)
    info: dict[str, dict[str, Any]] = field(default_factory=dict)


def count_nodes(text: str) -> tuple[int, int]:
    """(scalars, mappings and lists) of a YAML text, as the loader counts them."""
    import yaml

    scalars = containers = 0
    for event in yaml.parse(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
        if isinstance(event, yaml.ScalarEvent):
            scalars += 1
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            containers += 1
    return scalars, containers


def make_datasets(sizes: Sizes, folder: Path, env: dict[str, str]) -> Datasets:
    """Write the synthetic files and check each with `venues validate`."""
    ds = Datasets(folder)
    for venues, parties in (
        (sizes.small, 2),
        (sizes.large, 2),
        (sizes.large, sizes.many_parties),
        (sizes.party_venues, sizes.few_parties),
        (sizes.party_venues, sizes.more_parties),
    ):
        name = f"{venues}x{parties}"
        if name in ds.files:
            continue
        text = generate(venues, parties, seed=0)
        path = folder / f"synthetic-{name}.yaml"
        path.write_text(text, encoding="utf-8")
        scalars, containers = count_nodes(text)
        check = run(
            Cmd((*venues_argv(), "validate", str(path)), env=(("VENUES_NO_CACHE", "1"),)),
            env,
            keep=True,
            timeout=sizes.timeout,
        )
        said = (check.out + check.err).decode(errors="replace").replace(str(path), path.name)
        summary = (said.strip().splitlines() or [""])[-1]
        ds.files[name] = path
        ds.info[name] = {
            "venues": venues,
            "parties": parties,
            "file_bytes": path.stat().st_size,
            "scalars": scalars,
            "containers": containers,
            "valid": check.rc == 0,
            "validate": summary if check.rc == 0 else said.strip()[-400:],
            "validate_cpu_s": round(check.cpu, 2),
            "validate_peak_rss_mib": round(check.maxrss / 2**20, 1),
        }
        if check.rc != 0:
            raise SystemExit(f"the synthetic dataset {name} is not valid:\n{ds.info[name]}")
    return ds


# --------------------------------------------------------------------------- 1. cold start


def cold_start(sizes: Sizes, env: dict[str, str], cache_dir: Path) -> dict[str, Any]:
    v = venues_argv()
    commands = {
        "python -c pass": Cmd((PY, "-c", "pass")),
        "python -c 'import typer, rich'": Cmd((PY, "-c", "import typer, rich")),
        "minimal Typer + Rich app (13-row table)": Cmd(
            (PY, str(HERE / "minimal_app.py")), tty=True
        ),
        "venues --version": Cmd((*v, "--version")),
        "venues rank --format plain": Cmd((*v, "rank", "--format", "plain")),
        "venues rank --format table": Cmd((*v, "rank", "--format", "table"), tty=True),
        "venues explain istanbul --format table": Cmd(
            (*v, "explain", "istanbul", "--format", "table"), tty=True
        ),
        "venues explain istanbul --format plain": Cmd(
            (*v, "explain", "istanbul", "--format", "plain")
        ),
    }
    before = cache_entries(cache_dir)
    rows = interleaved(commands, env, sizes.reps, sizes.warmups, sizes.timeout)
    table_out = run(commands["venues rank --format table"], env, keep=True)
    minimal_out = run(commands["minimal Typer + Rich app (13-row table)"], env, keep=True)
    return {
        "reps": sizes.reps,
        "warmups": sizes.warmups,
        "order": "round-robin: every round runs every command once",
        "clock": "CPU time (user + system) of the child, from os.wait4; wall time too",
        "tty": f"pseudo-terminal of {TTY_SIZE[1]} × {TTY_SIZE[0]}, TERM=xterm-256color",
        "cache": "dataset cache warm (VENUES_CACHE_DIR in a temporary folder)",
        "cache_entries_written_while_timing": cache_entries(cache_dir) - before,
        "commands": rows,
        "ratios": {
            "rank_plain_vs_python": ratio(rows, "venues rank --format plain", "python -c pass"),
            "rank_table_vs_minimal_app": ratio(
                rows, "venues rank --format table", "minimal Typer + Rich app (13-row table)"
            ),
            "explain_table_vs_minimal_app": ratio(
                rows,
                "venues explain istanbul --format table",
                "minimal Typer + Rich app (13-row table)",
            ),
            "explain_table_vs_python": ratio(
                rows, "venues explain istanbul --format table", "python -c pass"
            ),
            "minimal_app_vs_python": ratio(
                rows, "minimal Typer + Rich app (13-row table)", "python -c pass"
            ),
            "version_vs_python": ratio(rows, "venues --version", "python -c pass"),
        },
        "table_output_bytes": len(table_out.out),
        "table_output_is_a_rich_table": "━" in table_out.out.decode(errors="replace"),
        "minimal_app_output_bytes": len(minimal_out.out),
    }


def _parse_importtime(line: str) -> tuple[int, float, str]:
    """(depth, self µs, module) from 'import time:  self [us] | cumulative | name'."""
    self_us, _cum, name = line[len("import time:") :].split("|", 2)
    indent = len(name) - len(name.lstrip(" "))
    return (indent - 1) // 2, float(self_us), name.strip()


def import_profile(cmd: Cmd, env: dict[str, str], runs: int) -> dict[str, Any]:
    """`python -X importtime` of a command (min over runs per entry). by_owner charges each
    module's self time to its nearest importer outside the standard library (so the stdlib
    modules typer pulls in count for typer); "python" is the interpreter's own start-up."""
    stdlib = set(sys.stdlib_module_names) | {"encodings", "sitecustomize", "usercustomize", "org"}

    def is_std(name: str) -> bool:
        root = name.split(".")[0]
        return root in stdlib or root.startswith("_")

    best_owner: dict[str, float] = {}
    best_pkg: dict[str, float] = {}
    best_mod: dict[str, float] = {}
    for _ in range(runs):
        got = run(
            Cmd(cmd.argv, cmd.tty, (*cmd.env, ("PYTHONPROFILEIMPORTTIME", "1"))),
            env,
            keep=True,
        )
        entries = [
            _parse_importtime(line)
            for line in got.err.decode(errors="replace").splitlines()
            if line.startswith("import time:") and "self [us]" not in line
        ]
        owner: dict[str, float] = {}
        pkg: dict[str, float] = {}
        mods: dict[str, float] = {}
        stack: list[str] = []
        for depth, self_us, name in reversed(entries):  # parents first
            del stack[depth:]
            stack.append(name)
            who = next((n for n in reversed(stack) if not is_std(n)), None)
            key = "python" if who is None else who.split(".")[0]
            owner[key] = owner.get(key, 0.0) + self_us
            root = "stdlib" if is_std(name) else name.split(".")[0]
            pkg[root] = pkg.get(root, 0.0) + self_us
            mods[name] = self_us
        for mine, best in ((owner, best_owner), (pkg, best_pkg), (mods, best_mod)):
            for k, val in mine.items():
                best[k] = min(best.get(k, math.inf), val)

    def ms(d: dict[str, float], limit: int | None = None) -> dict[str, float]:
        ranked = sorted(d.items(), key=lambda kv: -kv[1])[:limit]
        return {k: round(val / 1000, 2) for k, val in ranked}

    ours = {k: val for k, val in best_mod.items() if k.split(".")[0] == "venue_cli"}
    return {
        "runs": runs,
        "total_ms": round(sum(best_pkg.values()) / 1000, 1),
        "modules": len(best_mod),
        "by_owner_ms": ms(best_owner),
        "by_package_ms": ms(best_pkg),
        "top_modules_ms": ms(best_mod, 15),
        "venue_cli_modules_ms": ms(ours),
        "rich_modules": sorted(k for k in best_mod if k.split(".")[0] == "rich"),
        "yaml_imported": "yaml" in best_mod,
        "numpy_imported": "numpy" in best_mod,
    }


#: Functions whose cumulative time says where a cold start goes: (label, file suffix, name).
LANDMARKS = (
    ("imports (all)", "<frozen importlib._bootstrap>", "_find_and_load"),
    ("typer: build the click command (every command's parameters)", "typer/main.py", "get_command"),
    ("typer: parameters from function signatures", "typer/main.py", "get_params_from_function"),
    ("click: parse the arguments", "core.py", "make_context"),
    ("venues: load the dataset (cache)", "venue_cli/load.py", "load_dataset"),
    ("venues: rank_venues", "venue_cli/model/ranking.py", "rank_venues"),
    ("venues: rank_view", "venue_cli/views/core.py", "rank_view"),
    ("venues: explain_view", "venue_cli/views/core.py", "explain_view"),
    ("venues: clean_view", "venue_cli/safety.py", "clean_view"),
    ("venues: build the Rich table (rank)", "venue_cli/render/rank.py", "table"),
    ("venues: build the Rich renderables (explain)", "venue_cli/render/explain.py", "table"),
    ("venues: plain text (rank)", "venue_cli/render/rank.py", "plain"),
    ("rich: Console()", "rich/console.py", "__init__"),
    ("rich: Console.print (layout and render)", "rich/console.py", "print"),
    ("minimal app: show()", "benchmarks/minimal_app.py", "show"),
)


def _short(key: tuple[str, int, str]) -> str:
    path, line, func = key
    for marker in ("site-packages/", "/work/main/", str(ROOT) + "/"):
        if marker in path:
            path = path.split(marker, 1)[1]
    return f"{path}:{line}:{func}" if line else func


def profile_summary(prof: Path, top: int = 20) -> dict[str, Any]:
    """Landmarks (cumulative time of named functions) and the top functions of a profile."""
    st = pstats.Stats(str(prof))
    raw: dict[tuple[str, int, str], tuple[int, int, float, float, Any]] = st.stats  # type: ignore[attr-defined]
    total = max((ct for _cc, _nc, _tt, ct, _c in raw.values()), default=0.0)
    landmarks: dict[str, float] = {}
    for label, suffix, func in LANDMARKS:
        cts = [
            ct
            for (p, _l, f), (_cc, _nc, _tt, ct, _c) in raw.items()
            if f == func and p.endswith(suffix)
        ]
        if cts:
            landmarks[label] = round(max(cts) * 1000, 1)
    by_tt = sorted(raw.items(), key=lambda kv: -kv[1][2])[:top]
    ours = [kv for kv in raw.items() if "venue_cli" in kv[0][0]]
    by_ct = sorted(ours, key=lambda kv: -kv[1][3])[:top]
    return {
        "total_ms": round(total * 1000, 1),
        "landmarks_ms": landmarks,
        "top_tottime": [
            {
                "function": _short(k),
                "calls": nc,
                "tottime_ms": round(tt * 1000, 1),
                "cumtime_ms": round(ct * 1000, 1),
            }
            for k, (_cc, nc, tt, ct, _c) in by_tt
        ],
        "top_cumtime_venue_cli": [
            {
                "function": _short(k),
                "calls": nc,
                "tottime_ms": round(tt * 1000, 1),
                "cumtime_ms": round(ct * 1000, 1),
            }
            for k, (_cc, nc, tt, ct, _c) in by_ct
        ],
    }


def cprofile(cmd: Cmd, env: dict[str, str], out: Path, timeout: float) -> Path:
    """Run a command under cProfile (the console script as a file, so the profile sees the
    whole start); return the profile file."""
    argv = list(cmd.argv)
    if argv[0] == PY and argv[1:2] == ["-m"]:
        body = ["-m", *argv[2:]]
    elif argv[0] == PY:
        body = argv[1:]
    else:  # the console script
        body = argv
    profiled = Cmd((PY, "-m", "cProfile", "-o", str(out), *body), cmd.tty, cmd.env)
    got = run(profiled, env, keep=True, timeout=timeout)
    if got.rc != 0:
        raise SystemExit(f"profiling failed: {' '.join(argv)}\n{got.err.decode(errors='replace')}")
    return out


def start_up(sizes: Sizes, env: dict[str, str], folder: Path) -> dict[str, Any]:
    v = venues_argv()
    cmds = {
        "venues rank --format plain": Cmd((*v, "rank", "--format", "plain")),
        "venues rank --format table": Cmd((*v, "rank", "--format", "table"), tty=True),
        "venues explain istanbul --format table": Cmd(
            (*v, "explain", "istanbul", "--format", "table"), tty=True
        ),
        "minimal Typer + Rich app (13-row table)": Cmd(
            (PY, str(HERE / "minimal_app.py")), tty=True
        ),
    }
    out: dict[str, Any] = {"imports": {}, "profiles": {}}
    for i, (name, cmd) in enumerate(cmds.items()):
        out["imports"][name] = import_profile(cmd, env, sizes.profile_runs)
        prof = cprofile(cmd, env, folder / f"start-{i}.prof", sizes.timeout)
        out["profiles"][name] = profile_summary(prof, top=15)
    return out


def hygiene_checks(env: dict[str, str]) -> dict[str, Any]:
    """numpy must not be loaded by rank/explain; PyYAML must have the C loader."""
    code = (
        "import sys, io, contextlib, json\n"
        "from venue_cli.cli import app\n"
        "out = {}\n"
        "for args in (['rank', '--format', 'plain'], ['explain', 'istanbul', '--format', "
        "'plain']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n            app(args)\n"
        "        except SystemExit as e:\n            assert e.code in (0, None), e.code\n"
        "    out[args[0]] = 'numpy' in sys.modules\n"
        "import yaml\n"
        "out['c_loader'] = hasattr(yaml, 'CSafeLoader')\n"
        "out['typer'] = __import__('typer').__version__\n"
        "out['where'] = __import__('venue_cli').__file__\n"
        "print(json.dumps(out))\n"
    )
    got = run_ok(Cmd((PY, "-c", code)), env)
    res = json.loads(got.out.decode().strip().splitlines()[-1])
    return {
        "numpy_imported_by_rank": res["rank"],
        "numpy_imported_by_explain": res["explain"],
        "yaml_c_loader": res["c_loader"],
        "typer_version": res["typer"],
        "venue_cli_imported_from": str(Path(res["where"]).parent),
        "pythondontwritebytecode_in_shell": bool(os.environ.get("PYTHONDONTWRITEBYTECODE")),
    }


# --------------------------------------------------------------------------- 2. scaling

PHASES_CODE = r"""
import gc, io, json, sys, time
gc.disable()  # as the CLI runs (venue_cli.cli.app.main)
path, as_of, reps, table = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1"
import datetime as dt
day = dt.date.fromisoformat(as_of)
out, errors = {}, {}

def best(name, fn):
    t_best, result = None, None
    for _ in range(reps):
        t0 = time.process_time()
        try:
            result = fn()
        except Exception as exc:
            errors[name] = f"{type(exc).__name__}: {exc}"[:300]
            return None
        t = time.process_time() - t0
        t_best = t if t_best is None or t < t_best else t_best
    out[name] = round(t_best * 1000, 2)
    return result

from venue_cli.load import load_dataset, parse_dataset
data = open(path, "rb").read()
text = data.decode("utf-8")
from venue_cli.format.yamlsafe import loads
raw = best("parse YAML (yamlsafe.loads)", lambda: loads(text))
from venue_cli.format.validate import Validator
name = "validate and build records (Validator.run)"
best(name, lambda: Validator(path).run(loads(text)))
if name in out:  # timed with a fresh parse each time: take the parse off
    out[name] = round(out[name] - out.get("parse YAML (yamlsafe.loads)", 0), 2)
ds = best("load_dataset (cache warm)", lambda: load_dataset(path))
from venue_cli.model.index import DayIndex
best("DayIndex.build", lambda: DayIndex.build(ds, day))
from venue_cli.model.ranking import rank_venues
ranking = best("rank_venues (index and scores)", lambda: rank_venues(ds, day))
from venue_cli.views.core import rank_view, explain_view
view = best("rank_view (document)", lambda: rank_view(ranking))
from venue_cli.safety import clean_view
shown = best("clean_view", lambda: clean_view(view))
from venue_cli.render import rank as render_rank
best("render plain", lambda: render_rank.plain(shown))
if table:
    def draw():
        from rich.console import Console
        c = Console(file=io.StringIO(), width=160, force_terminal=True, color_system="truecolor")
        c.print(render_rank.table(shown, False))
    best("render table (Rich, 160 columns)", draw)
# `venues explain` calls explain_view once in a process: time that first call at every size,
# which indexes the dataset (`views.core.explain_index`, kept for the next call on the same
# records, so it is dropped before each run: a later call is cheaper, and the large sizes
# run once only)
import venue_cli.views.core as view_core
name = "explain_view of one venue"
for _ in range(reps):
    fresh = rank_venues(ds, day)
    view_core._LAST_INDEX.clear()
    t0 = time.process_time()
    explain_view(fresh, [fresh.scores[0].venue.id])
    t = (time.process_time() - t0) * 1000
    out[name] = round(min(t, out.get(name, t)), 2)
print(json.dumps({"phases_ms": out, "errors": errors}))
"""


def phases(
    path: Path, env: dict[str, str], reps: int, table: bool, timeout: float
) -> dict[str, Any]:
    """CPU time of each step from file to output, in-process (min of reps; gc off)."""
    cmd = Cmd(
        (
            PY,
            "-c",
            PHASES_CODE,
            str(path),
            SYNTHETIC_AS_OF.isoformat(),
            str(reps),
            "1" if table else "0",
        )
    )
    got = run(cmd, env, keep=True, timeout=timeout)
    if got.rc != 0:
        return {"error": got.err.decode(errors="replace")[-1500:]}
    res: dict[str, Any] = json.loads(got.out.decode().strip().splitlines()[-1])
    return res


EXPLAIN_ALL_CODE = r"""
import gc, json, sys, time
gc.disable()
import datetime as dt
from venue_cli.load import load_dataset
from venue_cli.model.ranking import rank_venues
from venue_cli.views.core import venue_explanation
out = {}
for path in sys.argv[2:]:
    ds = load_dataset(path)
    ranking = rank_venues(ds, dt.date.fromisoformat(sys.argv[1]))
    t0 = time.process_time()
    for s in ranking.scores:
        venue_explanation(ranking, s.venue.id)
    out[str(len(ds.venues))] = round((time.process_time() - t0) * 1000, 1)
print(json.dumps(out))
"""


def explain_every_venue(sizes: Sizes, env: dict[str, str], folder: Path) -> dict[str, Any]:
    """`venue_explanation` for every venue, as `venues report` (and `explain` of a large
    group) does, at the small size and three times it: the growth exponent says whether the
    cost per venue grows with the dataset."""
    counts = (sizes.small, 3 * sizes.small)
    paths = []
    for n in counts:
        path = folder / f"synthetic-explain-{n}x2.yaml"
        path.write_text(generate(n, 2, seed=0), encoding="utf-8")
        paths.append(str(path))
    cmd = Cmd((PY, "-c", EXPLAIN_ALL_CODE, SYNTHETIC_AS_OF.isoformat(), *paths))
    got = run(cmd, env, keep=True, timeout=sizes.timeout)
    if got.rc != 0:
        return {"error": got.err.decode(errors="replace")[-1500:]}
    ms = json.loads(got.out.decode().strip().splitlines()[-1])
    a, b = ms[str(counts[0])], ms[str(counts[1])]
    return {
        "what": "venue_explanation(ranking, id) for every venue (as `venues report` does), "
        "CPU ms in-process, gc off",
        "venues": list(counts),
        "ms": [a, b],
        "ms_per_venue": [round(a / counts[0], 3), round(b / counts[1], 3)],
        **growth(a, b, counts[0], counts[1]),
    }


def parties_line(sizes: dict[str, Any], sc: dict[str, Any]) -> list[str]:
    """The parties' growth, in a run that measured it (runs before it did not)."""
    g = sc.get("parties_growth")
    if not g:
        return []
    return [
        f"Growth {sizes['few_parties']:,} → {sizes['more_parties']:,} parties "
        f"({sizes['party_venues']} venues): {g['ratio']}x, exponent {g['exponent']}."
    ]


def growth(a: float, b: float, n_a: int, n_b: int) -> dict[str, float | None]:
    if a <= 0 or b <= 0:
        return {"ratio": None, "exponent": None}
    r = b / a
    return {"ratio": round(r, 2), "exponent": round(math.log(r) / math.log(n_b / n_a), 2)}


def scaling(sizes: Sizes, env: dict[str, str], data: Datasets, cache_dir: Path) -> dict[str, Any]:
    v = venues_argv()
    as_of = SYNTHETIC_AS_OF.isoformat()
    commands: dict[str, Cmd] = {"bundled": Cmd((*v, "rank", "--format", "plain"))}
    for name, path in data.files.items():
        commands[name] = Cmd(
            (*v, "rank", "--data", str(path), "--as-of", as_of, "--format", "plain")
        )
    for cmd in commands.values():  # warm the dataset cache (the first call parses)
        run_ok(cmd, env, timeout=sizes.timeout)
    before = cache_entries(cache_dir)
    rows = interleaved(commands, env, sizes.scaling_reps, 0, sizes.timeout)
    for name, row in rows.items():
        row.update(data.info.get(name, {}))
    small, large = f"{sizes.small}x2", f"{sizes.large}x2"
    many = f"{sizes.large}x{sizes.many_parties}"
    few = f"{sizes.party_venues}x{sizes.few_parties}"
    more = f"{sizes.party_venues}x{sizes.more_parties}"
    ph: dict[str, Any] = {}
    for name, path in data.files.items():
        ph[name] = phases(
            path, env, sizes.phase_reps if name == small else 1, name != many, sizes.timeout
        )
    phase_growth: dict[str, Any] = {}
    a, b = ph.get(small, {}).get("phases_ms", {}), ph.get(large, {}).get("phases_ms", {})
    for step in a:
        if step in b:
            phase_growth[step] = growth(a[step], b[step], sizes.small, sizes.large)
    return {
        "explain_every_venue": explain_every_venue(sizes, env, data.folder),
        "reps": sizes.scaling_reps,
        "as_of": as_of,
        "command": "venues rank --data FILE --as-of " + as_of + " --format plain",
        "cache": "warm: each command ran once before timing",
        "cache_entries_written_while_timing": cache_entries(cache_dir) - before,
        "rows": rows,
        "growth": growth(
            rows[small]["cpu"]["min_ms"], rows[large]["cpu"]["min_ms"], sizes.small, sizes.large
        ),
        "growth_median": growth(
            rows[small]["cpu"]["median_ms"],
            rows[large]["cpu"]["median_ms"],
            sizes.small,
            sizes.large,
        ),
        "many_parties_vs_bundled": ratio(rows, many, "bundled"),
        "parties_growth": growth(
            rows[few]["cpu"]["min_ms"],
            rows[more]["cpu"]["min_ms"],
            sizes.few_parties,
            sizes.more_parties,
        ),
        "large_vs_bundled": ratio(rows, large, "bundled"),
        "phases": ph,
        "phase_growth": phase_growth,
    }


# --------------------------------------------------------------------------- 3. profiles


def function_growth(small: Path, large: Path, n_small: int, n_large: int) -> list[dict[str, Any]]:
    """Functions whose own time grows faster than the data, between two profiles of the same
    command at two sizes: exponent of the own time, of the calls and of the time per call."""
    a: dict[Any, Any] = pstats.Stats(str(small)).stats  # type: ignore[attr-defined]
    b: dict[Any, Any] = pstats.Stats(str(large)).stats  # type: ignore[attr-defined]
    total = sum(tt for _cc, _nc, tt, _ct, _c in b.values())
    scale = math.log(n_large / n_small)
    rows = []
    for key, (_cc, nc_b, tt_b, _ct, _c) in b.items():
        if tt_b < max(0.005 * total, 0.005):
            continue
        _cc_a, nc_a, tt_a, _ct_a, _ = a.get(key, (0, 0, 0.0, 0.0, None))
        exp_tt = math.log(tt_b / tt_a) / scale if tt_a > 0 else None
        exp_calls = math.log(nc_b / nc_a) / scale if nc_a > 0 else None
        per_call = (
            math.log((tt_b / nc_b) / (tt_a / nc_a)) / scale if tt_a > 0 and nc_a > 0 else None
        )
        rows.append(
            {
                "function": _short(key),
                "tottime_ms": round(tt_b * 1000, 1),
                "share": round(tt_b / total, 3) if total else 0.0,
                "calls_small": nc_a,
                "calls_large": nc_b,
                "exponent_time": None if exp_tt is None else round(exp_tt, 2),
                "exponent_calls": None if exp_calls is None else round(exp_calls, 2),
                "exponent_time_per_call": None if per_call is None else round(per_call, 2),
                "superlinear": exp_tt is not None and exp_tt > SUPERLINEAR,
            }
        )
    rows.sort(key=lambda r: -r["tottime_ms"])
    return rows


def profiles(sizes: Sizes, env: dict[str, str], data: Datasets, folder: Path) -> dict[str, Any]:
    v = venues_argv()
    as_of = SYNTHETIC_AS_OF.isoformat()
    small, large = f"{sizes.small}x2", f"{sizes.large}x2"
    many = f"{sizes.large}x{sizes.many_parties}"

    def rank_cmd(name: str, cold: bool) -> Cmd:
        extra = (("VENUES_NO_CACHE", "1"),) if cold else ()
        argv = (*v, "rank", "--data", str(data.files[name]), "--as-of", as_of, "--format", "plain")
        return Cmd(argv, env=extra)

    out: dict[str, Any] = {}
    prof_many = cprofile(rank_cmd(many, False), env, folder / "rank-many.prof", sizes.timeout)
    out["rank_many_parties"] = {
        "command": f"venues rank --data synthetic-{many}.yaml --as-of {as_of} --format plain "
        "(cache warm)",
        **profile_summary(prof_many, top=25),
    }
    # file to output, cold (no cache: read, parse, validate, build, index, score, document, text)
    prof_a = cprofile(rank_cmd(small, True), env, folder / "rank-small.prof", sizes.timeout)
    prof_b = cprofile(rank_cmd(large, True), env, folder / "rank-large.prof", sizes.timeout)
    rows = function_growth(prof_a, prof_b, sizes.small, sizes.large)
    out["file_to_output"] = {
        "command": "venues rank --data FILE --as-of DATE --format plain, VENUES_NO_CACHE=1",
        "sizes": [small, large],
        "total_ms": {
            small: profile_summary(prof_a)["total_ms"],
            large: profile_summary(prof_b)["total_ms"],
        },
        "functions": rows[:40],
        "superlinear": [r for r in rows if r["superlinear"]],
    }
    samples = str(sizes.profile_samples)
    sens = Cmd(
        (
            *v,
            "sensitivity",
            "--data",
            str(data.files[large]),
            "--as-of",
            as_of,
            "--samples",
            samples,
            "--format",
            "json",
        )
    )
    prof_s = cprofile(sens, env, folder / "sensitivity.prof", sizes.timeout)
    out["sensitivity"] = {
        "command": f"venues sensitivity --data synthetic-{large}.yaml --samples {samples}",
        **profile_summary(prof_s, top=15),
    }
    for name, prof in (
        ("rank-many-parties", prof_many),
        ("rank-file-to-output", prof_b),
        ("sensitivity", prof_s),
    ):
        text = folder / f"{name}.txt"
        with text.open("w", encoding="utf-8") as fh:
            pstats.Stats(str(prof), stream=fh).sort_stats("tottime").print_stats(60)
        out.setdefault("files", {})[name] = str(text)
    return out


# --------------------------------------------------------------------------- 4. memory


def sensitivity(sizes: Sizes, env: dict[str, str], data: Datasets) -> dict[str, Any]:
    """`venues sensitivity` at the large size: it must stay within 1 GiB, or refuse with a
    message. The child runs under an address-space cap, so a runaway cannot take the host."""
    large = f"{sizes.large}x2"
    argv = [
        *venues_argv(),
        "sensitivity",
        "--data",
        str(data.files[large]),
        "--as-of",
        SYNTHETIC_AS_OF.isoformat(),
        "--format",
        "json",
    ]
    if sizes.sensitivity_samples is not None:
        argv += ["--samples", str(sizes.sensitivity_samples)]
    got = run(
        Cmd(tuple(argv)),
        env,
        keep=True,
        timeout=sizes.timeout,
        memory_limit=SENSITIVITY_MEMORY_LIMIT,
    )
    err = got.err.decode(errors="replace")
    res: dict[str, Any] = {
        "dataset": large,
        "argv": argv,
        "memory_limit_gib": SENSITIVITY_MEMORY_LIMIT / GIB,
        "rc": got.rc,
        "timed_out": got.timed_out,
        "cpu_s": round(got.cpu, 2),
        "wall_s": round(got.wall, 2),
        "peak_rss_mib": round(got.maxrss / 2**20, 1),
        "stderr_tail": err.strip()[-600:],
        "traceback": "Traceback" in err or "MemoryError" in err,
    }
    if got.rc == 0:
        try:
            doc = json.loads(got.out.decode())
            res.update(
                samples=doc.get("samples"),
                ranks_shown=doc.get("ranks_shown"),
                venues_reported=len(doc.get("venues", [])),
                headline=doc.get("headline"),
                stability_rows=len(doc.get("stability", [])),
            )
        except ValueError:
            res["output_error"] = "not JSON"
    res["refused_with_message"] = (
        got.rc == 1 and not res["traceback"] and bool(err.strip()) and not got.timed_out
    )
    res["within_budget"] = got.maxrss <= GIB and not got.timed_out
    return res


def hostile(sizes: Sizes, env: dict[str, str], folder: Path) -> dict[str, Any]:
    """Peak memory of `venues validate` on files of nothing but empty mappings, as large as
    the loader accepts, next to validating the bundled dataset."""
    n = sizes.hostile_bytes - 2
    files = {
        "a flow list of {} (top level)": "[" + ",".join(["{}"] * (n // 3)) + "]",
        "a block list of {} (top level)": "- {}\n" * (sizes.hostile_bytes // 5),
        "statements: [{}, …] in a dataset": "schema_version: 2\nstatements: ["
        + ",".join(["{}"] * ((n - 40) // 3))
        + "]\n",
    }
    v = venues_argv()
    base = run(Cmd((*v, "validate"), env=(("VENUES_NO_CACHE", "1"),)), env, keep=True)
    rows: dict[str, Any] = {}
    for name, text in files.items():
        path = folder / f"hostile-{len(rows)}.yaml"
        path.write_text(text, encoding="utf-8")
        got = run(Cmd((*v, "validate", str(path))), env, keep=True, timeout=sizes.timeout)
        said = (got.out + got.err).decode(errors="replace").replace(str(path), "FILE")
        message = [ln for ln in said.strip().splitlines() if "problem" not in ln.split(":")[0]]
        rows[name] = {
            "file_bytes": path.stat().st_size,
            "rc": got.rc,
            "cpu_ms": round(got.cpu * 1000, 1),
            "peak_rss_mib": round(got.maxrss / 2**20, 1),
            "over_bundled_mib": round((got.maxrss - base.maxrss) / 2**20, 1),
            "message": (message[0] if message else "")[:300],
            "traceback": "Traceback" in got.err.decode(errors="replace"),
        }
    return {
        "bundled_validate_peak_rss_mib": round(base.maxrss / 2**20, 1),
        "bundled_validate_rc": base.rc,
        "files": rows,
    }


# --------------------------------------------------------------------------- report


def targets(res: dict[str, Any], sizes: Sizes) -> list[dict[str, Any]]:
    cs = res["cold_start"]["ratios"]
    sc = res["scaling"]
    se = res["sensitivity"]
    rows = []

    def add(
        key: str,
        value: float | None,
        shown: str,
        met: bool | None,
        median: float | None,
        note: str = "",
    ) -> None:
        what, bound = TARGETS[key]
        rows.append(
            {
                "key": key,
                "name": what.format(small=sizes.small, large=sizes.large, many=sizes.many_parties),
                "target": f"<= {bound:g}" + ("x" if key != "sensitivity" else " GiB, or refuse"),
                "value": value,
                "shown": shown,
                "met": met,
                "met_on_median": None if median is None else median <= bound,
                "note": note,
            }
        )

    g = sc["growth"]
    gm = sc["growth_median"]
    add(
        "growth",
        g["ratio"],
        f"{g['ratio']}x (exponent {g['exponent']}; median {gm['ratio']}x)",
        g["ratio"] is not None and g["ratio"] <= TARGETS["growth"][1],
        gm["ratio"],
    )
    m = sc["many_parties_vs_bundled"]
    add(
        "many_parties",
        m["min"],
        f"{m['min']}x (median {m['median']}x)",
        m["min"] <= TARGETS["many_parties"][1],
        m["median"],
    )
    peak = se["peak_rss_mib"] / 1024
    state = (
        "refused with a message"
        if se["refused_with_message"]
        else ("ran" if se["rc"] == 0 else f"failed (exit {se['rc']})")
    )
    add(
        "sensitivity",
        round(peak, 3),
        f"{peak:.2f} GiB peak, {state}, {se['wall_s']} s",
        se["within_budget"] and (se["rc"] == 0 or se["refused_with_message"]),
        None,
    )
    cold = (
        ("plain", cs["rank_plain_vs_python"]),
        ("table", cs["rank_table_vs_minimal_app"]),
        ("explain", cs["explain_table_vs_minimal_app"]),
    )
    for key, r in cold:
        add(
            key,
            r["min"],
            f"{r['min']}x (median {r['median']}x)",
            r["min"] <= TARGETS[key][1],
            r["median"],
        )
    return rows


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def _met(v: bool | None) -> str:
    return "n/a" if v is None else ("yes" if v else "**no**")


def markdown(res: dict[str, Any]) -> str:
    m = res["machine"]
    ver = res["versions"]
    cs = res["cold_start"]
    sc = res["scaling"]
    base_ms = cs["commands"]["python -c pass"]["cpu"]["min_ms"]
    app_ms = cs["commands"][MINIMAL]["cpu"]["min_ms"]
    lines = [
        f"Measured {m['date']} on {m['cpu']} ({m['cores']} cores, load average "
        f"{m['load_average_before']} before, {m.get('load_average_after')} after), Python "
        f"{m['python']}, typer {ver['typer']}, rich {ver['rich']}, venues {ver['venues']}"
        + (" — **--quick: tiny sizes, not representative**" if res["quick"] else "")
        + f". The run took {res['elapsed_s']} s.",
        "",
        "**Targets** (issue 17; ratios of CPU time, minima of interleaved runs; medians in "
        "brackets)",
        "",
        *_table(
            ["measurement", "target", "measured", "met"],
            [
                (
                    t["name"] + (f" ({t['note']})" if t["note"] else ""),
                    t["target"],
                    t["shown"],
                    _met(t["met"]),
                )
                for t in res["targets"]
            ],
        ),
        "",
        f"**Cold start** ({cs['reps']} interleaved rounds after {cs['warmups']} warm-ups; "
        f"dataset cache warm; tables on a {cs['tty']})",
        "",
        *_table(
            [
                "command",
                "CPU min ms",
                "CPU median ms",
                "wall min ms",
                "÷ python -c pass",
                "÷ minimal app",
            ],
            [
                (
                    f"`{name}`" + (" (tty)" if r["tty"] else ""),
                    r["cpu"]["min_ms"],
                    r["cpu"]["median_ms"],
                    r["wall"]["min_ms"],
                    f"{r['cpu']['min_ms'] / base_ms:.2f}x",
                    f"{r['cpu']['min_ms'] / app_ms:.2f}x",
                )
                for name, r in cs["commands"].items()
            ],
        ),
        "",
    ]
    su = res["start_up"]
    lines += ["**Where a cold start goes**", ""]
    for name, imp in su["imports"].items():
        owners = ", ".join(f"{k} {v} ms" for k, v in list(imp["by_owner_ms"].items())[:6])
        ours = ", ".join(f"`{k}` {v}" for k, v in list(imp["venue_cli_modules_ms"].items())[:8])
        lines.append(
            f"- `{name}`: imports {imp['total_ms']} ms over {imp['modules']} modules "
            f"(by importer: {owners})"
            + (f"; heaviest of ours (ms): {ours}" if ours else "")
            + f"; rich modules: {len(imp['rich_modules'])}; yaml: {imp['yaml_imported']}."
        )
    lines += ["", "Under cProfile (cumulative ms; the profiler inflates call-heavy code):", ""]
    names = list(su["profiles"])
    labels: list[str] = []
    for name in names:
        for label in su["profiles"][name]["landmarks_ms"]:
            if label not in labels:
                labels.append(label)
    lines += _table(
        ["step", *[f"`{n}`" for n in names]],
        [
            (label, *[su["profiles"][n]["landmarks_ms"].get(label, "") for n in names])
            for label in labels
        ]
        + [("**total**", *[su["profiles"][n]["total_ms"] for n in names])],
    )
    lines += [
        "",
        f"**Scaling** (`{sc['command']}`, cache warm, {sc['reps']} interleaved rounds)",
        "",
        *changed_note(cs, sc),
        *_table(
            [
                "dataset",
                "file KiB",
                "scalars",
                "CPU min ms",
                "CPU median ms",
                "÷ bundled rank",
                "peak MiB",
            ],
            [
                (
                    name,
                    round(r.get("file_bytes", 0) / 1024) if "file_bytes" in r else "",
                    f"{r['scalars']:,}" if "scalars" in r else "",
                    r["cpu"]["min_ms"],
                    r["cpu"]["median_ms"],
                    f"{r['cpu']['min_ms'] / sc['rows']['bundled']['cpu']['min_ms']:.1f}x",
                    r["peak_rss_mib"],
                )
                for name, r in sc["rows"].items()
            ],
        ),
        "",
        f"Growth {res['sizes']['small']:,} → {res['sizes']['large']:,} venues (2 parties): "
        f"{sc['growth']['ratio']}x, exponent {sc['growth']['exponent']} (1 = linear, 2 = "
        "quadratic).",
        *parties_line(res["sizes"], sc),
        "",
        explain_line(sc.get("explain_every_venue", {})),
        "",
        "Steps in-process (CPU ms, gc off as in the CLI):",
        "",
    ]
    names = list(sc["phases"])
    steps: list[str] = []
    for n in names:
        for s in sc["phases"][n].get("phases_ms", {}):
            if s not in steps:
                steps.append(s)
    lines += _table(
        ["step", *names, "growth exponent"],
        [
            (
                s,
                *[sc["phases"][n].get("phases_ms", {}).get(s, "") for n in names],
                (sc["phase_growth"].get(s) or {}).get("exponent", ""),
            )
            for s in steps
        ],
    )
    pr = res["profiles"]
    many = pr["rank_many_parties"]
    lines += [
        "",
        f"**Profile of {many['command']}** (total {many['total_ms']} ms under cProfile; top "
        "functions by own time)",
        "",
        *_table(
            ["function", "calls", "own ms", "cumulative ms"],
            [
                (f"`{r['function']}`", f"{r['calls']:,}", r["tottime_ms"], r["cumtime_ms"])
                for r in many["top_tottime"][:20]
            ],
        ),
        "",
    ]
    fo = pr["file_to_output"]
    sizes_txt = " → ".join(fo["sizes"])
    lines += [
        f"**What grows faster than the data** (`{fo['command']}`, {sizes_txt}: exponent of "
        "each function's own time, its calls and its time per call; superlinear above "
        f"{SUPERLINEAR})",
        "",
        *_table(
            [
                "function",
                "own ms (large)",
                "share",
                "calls",
                "exp. time",
                "exp. calls",
                "exp. per call",
            ],
            [
                (
                    f"`{r['function']}`" + (" **superlinear**" if r["superlinear"] else ""),
                    r["tottime_ms"],
                    r["share"],
                    f"{r['calls_small']:,} → {r['calls_large']:,}",
                    r["exponent_time"],
                    r["exponent_calls"],
                    r["exponent_time_per_call"],
                )
                for r in fo["functions"][:25]
            ],
        ),
        "",
    ]
    se = res["sensitivity"]
    lines += [
        f"**Sensitivity** (`{' '.join(Path(a).name if '/' in a else a for a in se['argv'])}`, "
        f"address space capped at {se['memory_limit_gib']:g} GiB): exit {se['rc']}, "
        f"{se['wall_s']} s wall, {se['cpu_s']} s CPU, peak {se['peak_rss_mib']} MiB"
        + (
            f"; {se.get('samples')} samples, acceptability of the first {se.get('ranks_shown')} "
            f"ranks for {se.get('venues_reported')} venues"
            if se["rc"] == 0
            else ""
        )
        + (f"; message: {se['stderr_tail'][-200:]}" if se["rc"] != 0 else "")
        + ".",
        "",
    ]
    ps = pr["sensitivity"]
    lines += [
        f"Profile of `{ps['command']}` (total {ps['total_ms']} ms): "
        + ", ".join(
            f"`{r['function']}` {r['tottime_ms']} ms own ({r['calls']:,} calls)"
            for r in ps["top_tottime"][:6]
        )
        + ".",
        "",
    ]
    ho = res["hostile"]
    lines += [
        f"**Hostile files** (`venues validate FILE`; validating the bundled dataset peaks at "
        f"{ho['bundled_validate_peak_rss_mib']} MiB; the issue sets no target)",
        "",
        *_table(
            ["file", "bytes", "exit", "CPU ms", "peak MiB", "message"],
            [
                (
                    name,
                    f"{r['file_bytes']:,}",
                    r["rc"],
                    r["cpu_ms"],
                    r["peak_rss_mib"],
                    r["message"].replace("|", "\\|"),
                )
                for name, r in ho["files"].items()
            ],
        ),
        "",
    ]
    ds = res["datasets"]
    lines += [
        "**Synthetic datasets** (`make_synthetic.py`, seed 0, each checked with `venues validate`)",
        "",
        *_table(
            ["dataset", "KiB", "scalars", "validate CPU s", "validate peak MiB", "venues validate"],
            [
                (
                    n,
                    round(d["file_bytes"] / 1024),
                    f"{d['scalars']:,}",
                    d["validate_cpu_s"],
                    d["validate_peak_rss_mib"],
                    d["validate"],
                )
                for n, d in ds.items()
            ],
        ),
        "",
    ]
    return "\n".join(lines)


MINIMAL = "minimal Typer + Rich app (13-row table)"


def changed_note(*sections: dict[str, Any]) -> list[str]:
    """A warning when cache entries were written while timing: the code that reads datasets
    changed under the run (the cache key holds its source), so a round parsed the file."""
    n = sum(sec.get("cache_entries_written_while_timing", 0) for sec in sections)
    if not n:
        return []
    return [
        f"Note: {n} dataset cache entries were written while timing, so the venue_cli code "
        "changed during the run and a round parsed its file cold; the minima are still warm "
        "runs, but the rounds mix code versions.",
        "",
    ]


def explain_line(ex: dict[str, Any]) -> str:
    if "ms" not in ex:
        return f"Every venue explained: not measured ({ex.get('error', '?')[-200:]})."
    (n_a, n_b), (a, b) = ex["venues"], ex["ms"]
    flag = " **superlinear**" if (ex["exponent"] or 0) > SUPERLINEAR else ""
    return (
        f"Every venue explained (`venue_explanation` for each, as `venues report` does): "
        f"{a:,.0f} ms for {n_a:,} venues, {b:,.0f} ms for {n_b:,} "
        f"({ex['ms_per_venue'][0]} → {ex['ms_per_venue'][1]} ms per venue): exponent "
        f"{ex['exponent']}{flag}."
    )


def plain_summary(res: dict[str, Any]) -> str:
    lines = [f"venues benchmark · {res['machine']['date']} · {res['machine']['cpu']}", ""]
    for t in res["targets"]:
        lines.append(f"  {t['name']:<68} {t['target']:<22} {t['shown']:<44} {_met(t['met'])}")
    return "\n".join(lines)


def version_of(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


def machine_info() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def refresh_readme(readme: Path, table: str) -> bool:
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- latest:start -->\n", "<!-- latest:end -->"
    if start not in text or end not in text:
        return False
    head, rest = text.split(start, 1)
    _, tail = rest.split(end, 1)
    write_atomic(readme, head + start + table + "\n" + end + tail)
    return True


@contextmanager
def section(name: str) -> Iterator[None]:
    t0 = time.perf_counter()
    print(f"… {name}", file=sys.stderr, flush=True)
    yield
    print(f"  {name}: {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark venues against issue 17's targets.")
    ap.add_argument("--quick", action="store_true", help="tiny sizes, for the test suite")
    ap.add_argument("--reps", type=int, help="cold-start rounds (default 40; 3 with --quick)")
    ap.add_argument("--out", type=Path, help="folder for latest.json and latest.md")
    ap.add_argument(
        "--render",
        type=Path,
        metavar="JSON",
        help="measure nothing: rewrite latest.md (and the README figures) from a latest.json",
    )
    args = ap.parse_args(argv)
    if args.render is not None:
        done = json.loads(args.render.read_text(encoding="utf-8"))
        table = markdown(done)
        write_atomic(args.render.with_name("latest.md"), table)
        if args.render.resolve().parent == RESULTS.resolve():
            refresh_readme(HERE / "README.md", table)
        print(plain_summary(done))
        return 0
    sizes = QUICK if args.quick else FULL
    if args.reps is not None:
        if args.reps < 1:
            ap.error("--reps must be at least 1")
        sizes = Sizes(**{**sizes.__dict__, "reps": args.reps})
    out_dir = (
        args.out or (Path(tempfile.mkdtemp(prefix="venues-bench-")) if args.quick else RESULTS)
    ).resolve()
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    started = time.perf_counter()
    machine = machine_info()
    home = Path.cwd()
    res: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="venues-bench-") as tmp:
        work = Path(tmp) / "cwd"  # a neutral folder: `python -c` puts the cwd on sys.path
        work.mkdir()
        os.chdir(work)
        cache_dir = Path(tmp) / "cache"
        env = child_env(cache_dir)
        try:
            with section("checks"):
                res["checks"] = hygiene_checks(env)
            with section("datasets"):
                data = make_datasets(sizes, Path(tmp), env)
            with section("cold start"):
                res["cold_start"] = cold_start(sizes, env, cache_dir)
            with section("start-up profiles"):
                res["start_up"] = start_up(sizes, env, Path(tmp))
            with section("scaling"):
                res["scaling"] = scaling(sizes, env, data, cache_dir)
            with section("profiles"):
                res["profiles"] = profiles(sizes, env, data, Path(tmp))
                if not args.quick or args.out:
                    for name, text in list(res["profiles"].get("files", {}).items()):
                        dest = out_dir / f"profile-{name}.txt"
                        write_atomic(dest, Path(text).read_text(encoding="utf-8"))
                        res["profiles"]["files"][name] = dest.name
            with section("sensitivity"):
                res["sensitivity"] = sensitivity(sizes, env, data)
            with section("hostile files"):
                res["hostile"] = hostile(sizes, env, Path(tmp))
        finally:
            os.chdir(home)
        res["datasets"] = data.info
    results: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "command": "python benchmarks/run.py"
        + (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else ""),
        "quick": args.quick,
        "sizes": sizes.__dict__,
        "machine": machine,
        "versions": {
            "venues": venue_cli.__version__,
            "venue_cli_location": str(Path(venue_cli.__file__).parent),
            "installed": not SOURCE_TREE,
            "python_executable": PY,
            "typer": version_of("typer"),
            "rich": version_of("rich"),
            "pyyaml": version_of("PyYAML"),
            "numpy": version_of("numpy"),
        },
        **res,
    }
    results["targets"] = targets(results, sizes)
    results["machine"]["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    write_atomic(out_dir / "latest.json", json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    table = markdown(results)
    write_atomic(out_dir / "latest.md", table)
    print(plain_summary(results))
    print(f"\nwrote {out_dir / 'latest.json'} and {out_dir / 'latest.md'}")
    if args.out is None and not args.quick and refresh_readme(HERE / "README.md", table):
        print(f"updated the figures in {HERE / 'README.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
