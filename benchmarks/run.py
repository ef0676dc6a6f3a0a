"""Benchmark `venues`: cold start, the sensitivity kernel, and scaling with the dataset size.

    python benchmarks/run.py            # the full run (a few minutes)
    python benchmarks/run.py --quick    # tiny sizes, for CI (a few seconds)

Every figure is a ratio against a baseline measured in the same run on the same machine, so
the figures compare across machines. See benchmarks/README.md for what each one means.
Results go to benchmarks/results/latest.json and latest.md (or to --out DIR).
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import itertools
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from make_synthetic import AS_OF as SYNTHETIC_AS_OF
from make_synthetic import generate

# The scaling runs time cold loads: switch the dataset cache off before venue_cli is imported.
# (The cold-start subprocesses get their own environment, with the cache on.)
os.environ["VENUES_NO_CACHE"] = "1"

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
RESULTS = HERE / "results"
PY = sys.executable

try:
    import venue_cli
except ImportError:  # not installed: run from the source tree (the dev set-up)
    sys.path.insert(0, str(ROOT))
    import venue_cli

    SOURCE_TREE = True
else:
    SOURCE_TREE = False

SCHEMA_VERSION = 1
WARMUPS = 3
SENSITIVITY_SAMPLES = 100_000
SENSITIVITY_SEED = 1
TARGETS = {
    "sensitivity_ratio": 2.0,  # tool / bare numpy kernel, min of runs
    "rank_10000_seconds": 1.0,  # rank_venues on 10,000 venues
}


# --------------------------------------------------------------------------- helpers


def child_env(cache_dir: Path) -> dict[str, str]:
    """The environment of every timed subprocess: the dataset cache on, in a private folder."""
    env = dict(os.environ)
    for var in ("VENUES_NO_CACHE", "VENUES_DATA", "FORCE_COLOR", "CLICOLOR_FORCE"):
        env.pop(var, None)
    env["VENUES_CACHE_DIR"] = str(cache_dir)
    if SOURCE_TREE:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def venues_argv() -> list[str]:
    """The `venues` console script next to this interpreter, else `python -m venue_cli`."""
    exe = Path(PY).with_name("venues")
    if exe.is_file() and os.access(exe, os.X_OK) and not SOURCE_TREE:
        return [str(exe)]
    return [PY, "-m", "venue_cli"]


def run_checked(argv: Sequence[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(
            f"benchmark command failed ({proc.returncode}): {' '.join(argv)}\n{proc.stderr}"
        )
    return proc


def time_process(argv: Sequence[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    rc = subprocess.call(
        argv,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    elapsed = time.perf_counter() - t0
    if rc != 0:
        run_checked(argv, env)  # re-run with output captured, to report the error
        raise SystemExit(f"benchmark command exited {rc}: {' '.join(argv)}")
    return elapsed


def best_of(fn: Callable[[], Any], reps: int) -> tuple[float, Any]:
    """(min wall time over reps, the last result)."""
    best = math.inf
    result = None
    for _ in range(reps):
        t0 = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - t0)
    return best, result


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
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count() or 0
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load_average": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
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


# --------------------------------------------------------------------------- 1. cold start


def cold_start(reps: int, env: dict[str, str], hyperfine: bool) -> dict[str, Any]:
    venues = venues_argv()
    commands: dict[str, list[str]] = {
        "python -c pass": [PY, "-c", "pass"],
        "python -c 'import typer, rich, yaml'": [PY, "-c", "import typer, rich, yaml"],
        "venues --version": [*venues, "--version"],
        "venues rank --format plain": [*venues, "rank", "--format", "plain"],
        "venues explain geneva --format plain": [*venues, "explain", "geneva", "--format", "plain"],
    }
    run_checked([*venues, "rank", "--format", "plain"], env)  # warm the dataset cache
    times: dict[str, list[float]] = {name: [] for name in commands}
    for i in range(WARMUPS + reps):  # round-robin, so load noise hits every command alike
        for name, argv in commands.items():
            t = time_process(argv, env)
            if i >= WARMUPS:
                times[name].append(t)
    base = min(times["python -c pass"])
    base_median = statistics.median(times["python -c pass"])
    deps = min(times["python -c 'import typer, rich, yaml'"])
    rows = {}
    for name, argv in commands.items():
        ts = times[name]
        rows[name] = {
            "argv": argv,
            "min_ms": round(min(ts) * 1000, 2),
            "median_ms": round(statistics.median(ts) * 1000, 2),
            "ratio_min": round(min(ts) / base, 2),
            "ratio_median": round(statistics.median(ts) / base_median, 2),
            "over_deps_ms": None
            if name.startswith("python")
            else round((min(ts) - deps) * 1000, 2),
        }
    out: dict[str, Any] = {
        "reps": reps,
        "warmups": WARMUPS,
        "order": "round-robin (interleaved)",
        "baseline": "python -c pass",
        "venues_argv": venues,
        "cache": "VENUES_CACHE_DIR set to a temporary folder, warmed by one `venues rank` first",
        "commands": rows,
        "import_profile": import_profile(env),
        "hyperfine": hyperfine_check(env, venues, reps) if hyperfine else None,
    }
    return out


def import_profile(env: dict[str, str], runs: int = 5) -> dict[str, Any]:
    """`python -X importtime` of `venues rank` (min over runs per entry).

    by_owner_ms charges each module's self time to its nearest importer that is not in the
    standard library (so the stdlib modules typer pulls in count for typer); what no
    third-party or venue_cli module imported is the interpreter's own start-up ("python").
    by_package_ms is plain self time per top-level package."""
    code = (
        "import sys\nsys.argv = ['venues', 'rank', '--format', 'plain']\n"
        "from venue_cli.cli import main\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
    )
    # ("org": copy.py probes org.python.core, the Jython module, on import)
    stdlib = set(sys.stdlib_module_names) | {"encodings", "sitecustomize", "usercustomize", "org"}

    def is_std(name: str) -> bool:
        root = name.split(".")[0]
        return root in stdlib or root.startswith("_")

    best_owner: dict[str, float] = {}
    best_pkg: dict[str, float] = {}
    best_modules: dict[str, float] = {}
    for _ in range(runs):
        proc = subprocess.run(
            [PY, "-X", "importtime", "-c", code],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            check=True,
        )
        entries = [
            _parse_importtime(line)
            for line in proc.stderr.splitlines()
            if line.startswith("import time:") and "self [us]" not in line
        ]
        owner: dict[str, float] = {}
        pkg: dict[str, float] = {}
        mods: dict[str, float] = {}
        stack: list[str] = []
        # importtime prints children before their parent; reversed, parents come first
        for depth, self_us, name in reversed(entries):
            del stack[depth:]
            stack.append(name)
            who = next((n for n in reversed(stack) if not is_std(n)), None)
            key = "python" if who is None else who.split(".")[0]
            owner[key] = owner.get(key, 0.0) + self_us
            root = "stdlib" if is_std(name) else name.split(".")[0]
            pkg[root] = pkg.get(root, 0.0) + self_us
            mods[name] = self_us
        for mine, best in ((owner, best_owner), (pkg, best_pkg), (mods, best_modules)):
            for k, v in mine.items():
                best[k] = min(best.get(k, math.inf), v)

    def ms(d: dict[str, float], limit: int | None = None) -> dict[str, float]:
        ranked = sorted(d.items(), key=lambda kv: -kv[1])[:limit]
        return {k: round(v / 1000, 1) for k, v in ranked}

    return {
        "runs": runs,
        "total_ms": round(sum(best_pkg.values()) / 1000, 1),
        "by_owner_ms": ms(best_owner),
        "by_package_ms": ms(best_pkg),
        "top_modules_ms": ms(best_modules, 12),
    }


def _parse_importtime(line: str) -> tuple[int, float, str]:
    """(depth, self µs, module) from 'import time:  self [us] | cumulative | name'."""
    self_us, _cum, name = line[len("import time:") :].split("|", 2)
    indent = len(name) - len(name.lstrip(" "))
    return (indent - 1) // 2, float(self_us), name.strip()


def hyperfine_check(env: dict[str, str], venues: list[str], reps: int) -> dict[str, Any] | None:
    """A cross-check with hyperfine, when it is installed (not required)."""
    exe = shutil.which("hyperfine")
    if exe is None:
        return None
    import shlex

    cmds = {
        "python -c pass": [PY, "-c", "pass"],
        "venues rank --format plain": [*venues, "rank", "--format", "plain"],
    }
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "hf.json"
        argv = [exe, "-N", "--warmup", str(WARMUPS), "--runs", str(max(reps, 3)), "--style", "none"]
        argv += ["--export-json", str(export), *(shlex.join(c) for c in cmds.values())]
        proc = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)
        if proc.returncode != 0 or not export.exists():
            return {"error": proc.stderr.strip()[-500:]}
        data = json.loads(export.read_text())
    res = dict(zip(cmds, data["results"], strict=True))
    base = res["python -c pass"]["min"]
    return {
        "version": subprocess.run(
            [exe, "--version"], capture_output=True, text=True
        ).stdout.strip(),
        "commands": {
            name: {
                "min_ms": round(r["min"] * 1000, 2),
                "median_ms": round(r["median"] * 1000, 2),
                "ratio_min": round(r["min"] / base, 2),
            }
            for name, r in res.items()
        },
    }


def hygiene_checks(env: dict[str, str]) -> dict[str, Any]:
    """numpy must not be loaded by rank/explain; PyYAML must have the C loader."""
    code = (
        "import sys, io, contextlib, json\n"
        "from venue_cli.cli import app\n"
        "out = {}\n"
        "for args in (['rank', '--format', 'plain'], ['explain', 'geneva', '--format', 'plain']):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        try:\n            app(args)\n"
        "        except SystemExit as e:\n            assert e.code in (0, None), e.code\n"
        "    out[args[0]] = 'numpy' in sys.modules\n"
        "import yaml\n"
        "out['c_loader'] = hasattr(yaml, 'CSafeLoader')\n"
        "out['with_libyaml'] = bool(getattr(yaml, '__with_libyaml__', False))\n"
        "out['typer'] = __import__('typer').__version__\n"
        "out['where'] = __import__('venue_cli').__file__\n"
        "print(json.dumps(out))\n"
    )
    proc = run_checked([PY, "-c", code], env)
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    return {
        "numpy_imported_by_rank": got["rank"],
        "numpy_imported_by_explain": got["explain"],
        "yaml_c_loader": got["c_loader"],
        "yaml_with_libyaml": got["with_libyaml"],
        "typer_version": got["typer"],
        "venue_cli_imported_from": str(Path(got["where"]).parent),
        "how": "in one fresh process: app(['rank', ...]), then app(['explain', 'geneva', ...]), "
        "checking 'numpy' in sys.modules after each",
    }


# --------------------------------------------------------------------------- 2. sensitivity


def kernel_inputs(ranking: Any) -> dict[str, Any]:
    """The fixed arrays of the Monte Carlo, read off a Ranking (not timed: this is the
    bookkeeping the reference kernel leaves out)."""
    import numpy as np

    p = ranking.params
    scores = ranking.scores
    n_v = len(scores)
    n_p = len(scores[0].parties)
    n_c = len(scores[0].parties[0].criteria)
    levels = ("rejects", "reluctant", "open", "accepts", "proposes")
    principals = set(ranking.dataset.case.principals)
    parties = [ps.party for ps in scores[0].parties]
    x = np.zeros((n_p, n_v, n_c))
    base_w = np.zeros((n_p, n_c))
    joint_w = np.zeros(n_p)
    level = np.zeros((n_p, n_v), dtype=np.int64)
    uncertain = np.zeros((n_p, n_v), dtype=np.int64)
    can_veto = np.zeros((n_p, n_v), dtype=bool)
    # sigma[p, v, level]: the stance score of each level (discount applied; fixed if no stance)
    table = np.full((n_p, n_v, len(levels)), p.unknown_stance)
    level_scores = np.array([p.stance_scores[_stance(s)] for s in levels])
    for j, s in enumerate(scores):
        for i, ps in enumerate(s.parties):
            x[i, j] = [cv.value for cv in ps.criteria]
            base_w[i] = ps.weights
            joint_w[i] = ps.joint_weight
            st = ps.stance
            if st.stance is None or st.statement is None:
                continue
            stmt = st.statement
            level[i, j] = levels.index(st.stance.value)
            uncertain[i, j] = (
                stmt.attribution.value != "first_hand"
                or stmt.confidence.value == "low"
                or stmt.stance.value == "open"
            ) and not stmt.assumed
            sig = level_scores
            if st.discounted:
                sig = p.unknown_stance + p.other_meeting_factor * (sig - p.unknown_stance)
            table[i, j] = sig
            can_veto[i, j] = ps.party in principals and not st.discounted
    order = sorted(range(n_v), key=lambda j: (scores[j].venue.name.casefold(), scores[j].venue.id))
    return {
        "x": x,
        "base_w": base_w,
        "joint_w": joint_w,
        "level": level,
        "uncertain": uncertain,
        "table": table.ravel(),
        "cell": (np.arange(n_p * n_v) * len(levels)).reshape(n_p, n_v),
        "can_veto": can_veto,
        "fixed_veto": np.array([any(v.party not in parties for v in s.vetoes) for s in scores]),
        "order": np.array(order),
        "share": p.stance_share,
        "n_levels": len(levels),
    }


def _stance(name: str) -> Any:
    from venue_cli.records import Stance

    return Stance(name)


def reference_kernel(
    k: dict[str, Any], samples: int, seed: int, concentration: float = 50.0, chunk: int = 25_000
) -> Any:
    """The bare vectorised Monte Carlo: Dirichlet weights per party, a joint-weight Dirichlet,
    stance steps; einsum utilities, Nash product via log/exp, argsort, bincount.
    Returns the (venue, rank) counts. Drawn in chunks of 25,000, as the tool must be for
    seed-stable output."""
    import numpy as np

    x, base_w, joint_w = k["x"], k["base_w"], k["joint_w"]
    n_p, n_v, n_c = x.shape
    level, uncertain, table, cell = k["level"], k["uncertain"], k["table"], k["cell"]
    can_veto, fixed_veto, order = k["can_veto"], k["fixed_veto"], k["order"]
    share = k["share"]
    top = k["n_levels"] - 1
    pos = [base_w[i] > 0 for i in range(n_p)]
    jpos = joint_w > 0
    rng = np.random.default_rng(seed)
    counts = np.zeros(n_v * n_v, dtype=np.int64)
    feasible = np.zeros(n_v, dtype=np.int64)
    col = np.arange(n_v)
    for start in range(0, samples, chunk):
        m = min(chunk, samples - start)
        w = np.zeros((m, n_p, n_c))
        for i in range(n_p):
            w[:, i, pos[i]] = rng.dirichlet(concentration * base_w[i, pos[i]], size=m)
        lam = np.zeros((m, n_p))
        lam[:, jpos] = rng.dirichlet(concentration * joint_w[jpos], size=m)
        step = rng.integers(0, 4, size=(m, n_p, n_v))
        lv = np.clip(level + ((step == 1).astype(np.int64) - (step == 0)) * uncertain, 0, top)
        util = share * table[cell + lv] + (1.0 - share) * np.einsum("mpc,pvc->mpv", w, x)
        with np.errstate(divide="ignore"):
            joint = np.exp(np.einsum("mp,mpv->mv", lam, np.log(util)))
        veto = ((lv == 0) & can_veto).any(axis=1) | fixed_veto
        key = np.where(veto, 0.0, 2.0) + joint
        ranked = order[np.argsort(-key[:, order], axis=1, kind="stable")]
        counts += np.bincount((ranked * n_v + col).ravel(), minlength=n_v * n_v)
        feasible += (~veto).sum(axis=0)
    return counts.reshape(n_v, n_v)


def sensitivity(samples: int, reps: int, cli_reps: int, env: dict[str, str]) -> dict[str, Any]:
    import numpy as np

    from venue_cli.load import bundled_cases, load_dataset
    from venue_cli.params import Method
    from venue_cli.scoring import rank_venues
    from venue_cli.sensitivity import run_sensitivity

    ds = load_dataset(next(iter(bundled_cases().values())))
    today = dt.date.today()
    ranking = rank_venues(ds, today, method=Method.NASH)
    tool_s, result = best_of(
        lambda: run_sensitivity(ranking, samples=samples, seed=SENSITIVITY_SEED), reps
    )
    inputs = kernel_inputs(ranking)
    kernel_s, counts = best_of(lambda: reference_kernel(inputs, samples, SENSITIVITY_SEED), reps)
    tool_shares = np.array([a.shares for a in result.venues])
    diff = float(np.abs(tool_shares - counts / samples).max())
    import_numpy = min(time_process([PY, "-c", "import numpy"], env) for _ in range(cli_reps))
    argv = [*venues_argv(), "sensitivity", "--samples", str(samples), "--seed", "1"]
    argv += ["--format", "json"]
    time_process(argv, env)  # warm-up (the dataset cache, the page cache)
    cli_s = min(time_process(argv, env) for _ in range(cli_reps))
    return {
        "samples": samples,
        "seed": SENSITIVITY_SEED,
        "as_of": today.isoformat(),
        "venues": len(ranking.scores),
        "scored_parties": len(ranking.scores[0].parties),
        "reps": reps,
        "tool_ms": round(tool_s * 1000, 1),
        "kernel_ms": round(kernel_s * 1000, 1),
        "ratio": round(tool_s / kernel_s, 2),
        "target_ratio": TARGETS["sensitivity_ratio"],
        "kernel_max_share_difference": diff,
        "cli_argv": argv,
        "cli_reps": cli_reps,
        "cli_ms": round(cli_s * 1000, 1),
        "import_numpy_ms": round(import_numpy * 1000, 1),
        "note": "tool = run_sensitivity(ranking, samples, seed=1) in-process; kernel = a bare "
        "numpy version drawing the same samples, on arrays prepared beforehand (untimed); "
        "min of reps each. cli = the whole command as a new process (dataset cache warm), "
        "which also computes the stability intervals and imports numpy.",
    }


# --------------------------------------------------------------------------- 3. scaling


def max_file_bytes() -> int:
    for module in ("venue_cli.limits", "venue_cli.schema"):
        try:
            return int(__import__(module, fromlist=["MAX_FILE_BYTES"]).MAX_FILE_BYTES)
        except (ImportError, AttributeError):
            continue
    return 5 * 1024 * 1024


def scaling(sizes: Sequence[int], party_counts: Sequence[int], reps: int) -> dict[str, Any]:
    from venue_cli.load import load_dataset, parse_dataset
    from venue_cli.scoring import rank_venues

    cap = max_file_bytes()
    rows = []
    with tempfile.TemporaryDirectory(prefix="venues-bench-") as tmp:
        for p in party_counts:
            for n in sizes:
                text = generate(n, p, seed=0)
                path = Path(tmp) / f"synthetic-{n}-{p}.yaml"
                path.write_text(text, encoding="utf-8")
                size = path.stat().st_size
                if size <= cap:
                    how = "load_dataset (file, no cache)"
                    load_s, ds = best_of(lambda path=path: load_dataset(path), reps)
                else:  # over the loader's cap: time the parser on the text instead
                    how = "parse_dataset (text; file over the size cap)"
                    load_s, ds = best_of(lambda text=text: parse_dataset(text), reps)
                rank_s, ranking = best_of(lambda ds=ds: rank_venues(ds, SYNTHETIC_AS_OF), reps)
                rows.append(
                    {
                        "venues": n,
                        "parties": p,
                        "file_bytes": size,
                        "statements": len(ds.statements),
                        "facts": len(ds.facts),
                        "events": len(ds.events),
                        "assessments": len(ds.assessments),
                        "load": how,
                        "load_ms": round(load_s * 1000, 2),
                        "rank_ms": round(rank_s * 1000, 2),
                        "feasible": sum(s.feasible for s in ranking.scores),
                    }
                )
    growth = []
    for p in party_counts:
        mine = [r for r in rows if r["parties"] == p]
        for a, b in itertools.pairwise(mine):
            n_ratio = b["venues"] / a["venues"]
            nlogn = (b["venues"] * math.log(b["venues"])) / (a["venues"] * math.log(a["venues"]))
            entry: dict[str, Any] = {"parties": p, "from": a["venues"], "to": b["venues"]}
            for what in ("load", "rank"):
                t_ratio = b[f"{what}_ms"] / a[f"{what}_ms"]
                entry[what] = {
                    "time_ratio": round(t_ratio, 2),
                    "exponent": round(math.log(t_ratio) / math.log(n_ratio), 2),
                    "vs_n_log_n": round(t_ratio / nlogn, 2),
                }
            growth.append(entry)
    return {
        "reps": reps,
        "as_of": SYNTHETIC_AS_OF.isoformat(),
        "size_cap_bytes": cap,
        "cache": "off (VENUES_NO_CACHE=1, set before venue_cli is imported)",
        "generator": "benchmarks/make_synthetic.py, seed 0, in a temporary folder",
        "rows": rows,
        "growth": growth,
        "note": "exponent = log(time ratio) / log(n ratio) between successive sizes: 1 is "
        "linear, 2 quadratic; vs_n_log_n = time ratio / (n log n ratio): about 1 for n log n.",
    }


# --------------------------------------------------------------------------- report


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    sens = results["sensitivity"]
    out.append(
        {
            "name": "sensitivity tool / bare numpy kernel",
            "target": f"<= {TARGETS['sensitivity_ratio']:g}x",
            "value": f"{sens['ratio']:.2f}x",
            "met": sens["ratio"] <= TARGETS["sensitivity_ratio"],
        }
    )
    big = [r for r in results["scaling"]["rows"] if r["venues"] == 10_000]
    for r in big:
        out.append(
            {
                "name": f"rank 10,000 venues, {r['parties']} parties",
                "target": "< 1 s",
                "value": f"{r['rank_ms'] / 1000:.2f} s",
                "met": r["rank_ms"] / 1000 < TARGETS["rank_10000_seconds"],
            }
        )
    if not big:
        out.append(
            {
                "name": "rank 10,000 venues",
                "target": "< 1 s",
                "value": "not measured (--quick)",
                "met": None,
            }
        )
    checks = results["checks"]
    out.append(
        {
            "name": "rank and explain do not import numpy",
            "target": "not imported",
            "value": "imported"
            if checks["numpy_imported_by_rank"] or checks["numpy_imported_by_explain"]
            else "not imported",
            "met": not (checks["numpy_imported_by_rank"] or checks["numpy_imported_by_explain"]),
        }
    )
    out.append(
        {
            "name": "PyYAML has the C loader (CSafeLoader)",
            "target": "present",
            "value": "present" if checks["yaml_c_loader"] else "missing",
            "met": bool(checks["yaml_c_loader"]),
        }
    )
    return out


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return lines


def _met(v: bool | None) -> str:
    return "n/a" if v is None else ("yes" if v else "**no**")


def markdown(results: dict[str, Any]) -> str:
    m = results["machine"]
    cs = results["cold_start"]
    sens = results["sensitivity"]
    sc = results["scaling"]
    ch = results["checks"]
    prof = cs["import_profile"]
    lines = [
        f"Measured {m['date']} on {m['cpu']} ({m['cores']} cores), Python {m['python']}, "
        f"typer {ch['typer_version']}, venues {results['versions']['venues']}"
        + (" (**--quick**: tiny sizes, not representative)" if results["quick"] else "")
        + ".",
        "",
        "**Targets**",
        "",
        *_table(
            ["measurement", "target", "value", "met"],
            [(t["name"], t["target"], t["value"], _met(t["met"])) for t in results["targets"]],
        ),
        "",
        f"**Cold start** (new process each time; min and median of {cs['reps']} runs after "
        f"{cs['warmups']} warm-ups, interleaved; dataset cache warm). Ratio = min / min of "
        "`python -c pass`.",
        "",
        *_table(
            ["command", "min ms", "median ms", "ratio (min)", "over deps import, ms"],
            [
                (
                    f"`{name}`",
                    r["min_ms"],
                    r["median_ms"],
                    f"{r['ratio_min']:.2f}x",
                    "" if r["over_deps_ms"] is None else r["over_deps_ms"],
                )
                for name, r in cs["commands"].items()
            ],
        ),
        "",
        f"numpy loaded by `rank`: {ch['numpy_imported_by_rank']}; by `explain`: "
        f"{ch['numpy_imported_by_explain']}; PyYAML CSafeLoader: {ch['yaml_c_loader']}.",
        "",
        "Imports of `venues rank` (`python -X importtime`, min of "
        f"{prof['runs']} runs; total {prof['total_ms']} ms), each module charged to its "
        "nearest importer outside the standard library: "
        + ", ".join(f"{k} {v} ms" for k, v in list(prof["by_owner_ms"].items())[:5])
        + ". Heaviest modules (self time): "
        + ", ".join(f"`{k}` {v} ms" for k, v in list(prof["top_modules_ms"].items())[:6])
        + ".",
    ]
    hf = cs.get("hyperfine")
    if hf and "commands" in hf:
        lines += [
            "",
            f"Cross-check with {hf['version']}: "
            + "; ".join(
                f"`{n}` min {r['min_ms']} ms ({r['ratio_min']:.2f}x)"
                for n, r in hf["commands"].items()
            )
            + ".",
        ]
    lines += [
        "",
        f"**Sensitivity** ({sens['samples']:,} samples, seed {sens['seed']}, bundled case as of "
        f"{sens['as_of']}: {sens['venues']} venues, {sens['scored_parties']} scored parties; "
        f"min of {sens['reps']})",
        "",
        *_table(
            ["what", "ms"],
            [
                ("`run_sensitivity` (in-process)", sens["tool_ms"]),
                ("bare numpy kernel (same draws)", sens["kernel_ms"]),
                ("**ratio tool / kernel**", f"**{sens['ratio']:.2f}x**"),
                (
                    f"`venues sensitivity --samples {sens['samples']} --seed 1 --format json` "
                    "(new process)",
                    sens["cli_ms"],
                ),
                ("`python -c 'import numpy'` (new process)", sens["import_numpy_ms"]),
            ],
        ),
        "",
        f"Largest difference between the tool's and the kernel's rank acceptabilities: "
        f"{sens['kernel_max_share_difference']:.2g}.",
        "",
        f"**Scaling** (synthetic datasets, as of {sc['as_of']}, cache off, min of {sc['reps']})",
        "",
        *_table(
            ["venues", "parties", "file KiB", "statements", "load ms", "rank ms", "load by"],
            [
                (
                    f"{r['venues']:,}",
                    r["parties"],
                    round(r["file_bytes"] / 1024),
                    f"{r['statements']:,}",
                    r["load_ms"],
                    r["rank_ms"],
                    r["load"],
                )
                for r in sc["rows"]
            ],
        ),
        "",
        "Growth between successive sizes (exponent: 1 = linear, 2 = quadratic; "
        "vs n log n: about 1 for n log n):",
        "",
        *_table(
            [
                "parties",
                "venues",
                "load exponent",
                "load vs n log n",
                "rank exponent",
                "rank vs n log n",
            ],
            [
                (
                    g["parties"],
                    f"{g['from']:,} → {g['to']:,}",
                    g["load"]["exponent"],
                    g["load"]["vs_n_log_n"],
                    g["rank"]["exponent"],
                    g["rank"]["vs_n_log_n"],
                )
                for g in sc["growth"]
            ],
        ),
        "",
    ]
    return "\n".join(lines)


def plain(results: dict[str, Any]) -> str:
    """The terminal summary."""
    cs = results["cold_start"]
    lines = [f"venues benchmark · {results['machine']['date']} · {results['machine']['cpu']}", ""]
    lines.append(f"cold start (min of {cs['reps']}; ratio to `python -c pass`)")
    for name, r in cs["commands"].items():
        lines.append(
            f"  {name:<40} {r['min_ms']:>8.1f} ms  median {r['median_ms']:>8.1f}  "
            f"{r['ratio_min']:>6.2f}x"
        )
    prof = cs["import_profile"]["by_owner_ms"]
    lines.append(
        "  imports of rank, by importer: " + ", ".join(f"{k} {v} ms" for k, v in prof.items())
    )
    s = results["sensitivity"]
    lines += [
        "",
        f"sensitivity ({s['samples']:,} samples, min of {s['reps']})",
        f"  run_sensitivity {s['tool_ms']:.1f} ms · bare kernel {s['kernel_ms']:.1f} ms · "
        f"ratio {s['ratio']:.2f}x · CLI {s['cli_ms']:.1f} ms · import numpy "
        f"{s['import_numpy_ms']:.1f} ms",
        "",
        f"scaling (min of {results['scaling']['reps']}, cache off)",
        f"  {'venues':>7} {'parties':>7} {'load ms':>10} {'rank ms':>10}",
    ]
    for r in results["scaling"]["rows"]:
        lines.append(
            f"  {r['venues']:>7,} {r['parties']:>7} {r['load_ms']:>10.1f} {r['rank_ms']:>10.1f}"
        )
    for g in results["scaling"]["growth"]:
        lines.append(
            f"  P={g['parties']:<3} {g['from']:>6,} → {g['to']:<6,} load exponent "
            f"{g['load']['exponent']:.2f} · rank exponent {g['rank']['exponent']:.2f} "
            f"(vs n log n: {g['load']['vs_n_log_n']:.2f}, {g['rank']['vs_n_log_n']:.2f})"
        )
    lines += ["", "targets"]
    for t in results["targets"]:
        lines.append(f"  {t['name']:<45} {t['target']:<14} {t['value']:<24} {_met(t['met'])}")
    c = results["checks"]
    lines.append(
        f"\nchecks: numpy after rank {c['numpy_imported_by_rank']}, after explain "
        f"{c['numpy_imported_by_explain']}; CSafeLoader {c['yaml_c_loader']}; "
        f"typer {c['typer_version']}"
    )
    return "\n".join(lines)


# --------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description="Benchmark venues: cold start, sensitivity, scaling (see benchmarks/README.md)."
    )
    ap.add_argument(
        "--quick",
        action="store_true",
        help="tiny sizes (N 10, 50; P 2; 3 reps; 2,000 samples), for CI; writes to a "
        "temporary folder unless --out is given",
    )
    ap.add_argument("--reps", type=int, help="cold-start repetitions per command (default 30)")
    ap.add_argument("--out", type=Path, help="folder for latest.json and latest.md")
    ap.add_argument(
        "--no-hyperfine", action="store_true", help="skip the optional hyperfine cross-check"
    )
    args = ap.parse_args(argv)
    quick = args.quick
    reps = args.reps or (3 if quick else 30)
    if reps < 1:
        ap.error("--reps must be at least 1")
    out_dir = args.out or (Path(tempfile.mkdtemp(prefix="venues-bench-")) if quick else RESULTS)
    out_dir = out_dir.resolve()

    started = time.perf_counter()
    home = Path.cwd()
    with tempfile.TemporaryDirectory(prefix="venues-cache-") as cache:
        # Run every subprocess from a neutral folder: `python -c` puts the current folder on
        # sys.path, and from the repository root that would import the source tree's
        # venue_cli instead of the installed one.
        work = Path(cache) / "cwd"
        work.mkdir()
        os.chdir(work)
        env = child_env(Path(cache) / "cache")
        checks = hygiene_checks(env)
        cold = cold_start(reps, env, hyperfine=not quick and not args.no_hyperfine)
        sens = sensitivity(
            samples=2_000 if quick else SENSITIVITY_SAMPLES,
            reps=3 if quick else 5,
            cli_reps=3 if quick else 5,
            env=env,
        )
        os.chdir(home)
    scale = scaling(
        sizes=(10, 50) if quick else (100, 1_000, 10_000),
        party_counts=(2,) if quick else (2, 5, 20),
        reps=3,
    )
    results: dict[str, Any] = {
        "schema_version": SCHEMA_VERSION,
        "command": "python benchmarks/run.py"
        + (" " + " ".join(sys.argv[1:]) if sys.argv[1:] else ""),
        "quick": quick,
        "machine": machine_info(),
        "versions": {
            "venues": venue_cli.__version__,
            "venue_cli_location": str(Path(venue_cli.__file__).parent),
            "installed": not SOURCE_TREE,
            "typer": version_of("typer"),
            "rich": version_of("rich"),
            "pyyaml": version_of("PyYAML"),
            "numpy": version_of("numpy"),
        },
        "checks": checks,
        "cold_start": cold,
        "sensitivity": sens,
        "scaling": scale,
    }
    results["targets"] = targets(results)
    results["elapsed_s"] = round(time.perf_counter() - started, 1)
    write_atomic(out_dir / "latest.json", json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    write_atomic(out_dir / "latest.md", markdown(results))
    print(plain(results))
    print(f"\nwrote {out_dir / 'latest.json'} and {out_dir / 'latest.md'}")
    if args.out is None and not args.quick:  # a full run into results/: refresh the README copy
        readme = HERE / "README.md"
        text = readme.read_text(encoding="utf-8")
        start, end = "<!-- latest:start -->\n", "<!-- latest:end -->"
        if start in text and end in text:
            head, rest = text.split(start, 1)
            _, tail = rest.split(end, 1)
            write_atomic(readme, head + start + markdown(results) + end + tail)
            print(f"updated the figures in {readme}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
