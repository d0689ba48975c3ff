"""Time-limit overrun and reproducibility of the iterative methods.

For every (instance, method, time limit) the method runs ``--reps`` times, each
in a fresh process (so torch's import counts, as in a ``gaus-opt`` run), timed
around the scheduler call only (parsing and process start excluded, as in the
``--summary`` line's ``time=``).  Reported per row: wall seconds, the overrun
``wall - limit`` against the target ``0.1 * limit + 0.5``, ``ended_by`` (what
ended the search: work-budget, converged or time-limit) and whether the
repetitions gave the same schedule.

    .venv/bin/python benchmarks/time_limits.py                     # default set
    .venv/bin/python benchmarks/time_limits.py --limits 2,5 --reps 2 \\
        --methods gaus,hybrid --instances epfl/sin.mlir:1.1x

Instances come from ``../shared/benchmarks`` (or ``$GAUS_BENCHMARKS``); an
instance is ``PATH[:LATENCY_BOUND]`` (``1.1x``: 1.1 times the critical path,
the time-constrained dual, as ``latency-bound=1.1x``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_INSTANCES = [
    "epfl/sin.mlir:1.1x",
    "epfl/arbiter.mlir:1.1x",
    "express/collapse_pyr_dfg__113.mlir",
    "chstone/chstone_mips_graph1.mlir",
]
DEFAULT_METHODS = ["gaus", "hybrid", "gs-schedule", "cpsat"]


def _bench_dir() -> Path:
    env = os.environ.get("GAUS_BENCHMARKS")
    return Path(env) if env else ROOT.parent / "shared" / "benchmarks"


def one(path: str, bound: str | None, method: str, limit: float) -> dict:
    """Run one method once in this process; a JSON-able result."""
    from gaus_mlir.model import SchedulingError, time_constrained
    from gaus_mlir.model.graph import asap_times
    from gaus_mlir.schedulers import METHODS, schedule
    from gaus_mlir.ssp import parse_file

    problem = parse_file(path)[0].problem
    if bound:
        a = problem.arrays
        length = int((asap_times(problem) + a.lat).max()) if a.n else 0
        L = math.ceil(float(bound[:-1]) * length - 1e-9) if bound.endswith("x") else int(bound)
        problem = time_constrained(problem, L)
    why = METHODS[method].supports(problem)
    if why:
        return {"status": "n/a", "error": why}
    opts = {"time_limit": limit}
    if "device" in METHODS[method].options():
        opts["device"] = "cpu"
    t0 = time.perf_counter()
    try:
        s = schedule(problem, method, **opts)
    except SchedulingError as e:
        return {"status": "error", "wall_s": time.perf_counter() - t0, "error": str(e)}
    wall = time.perf_counter() - t0
    digest = hashlib.sha256(s.start.tobytes() + str(s.ii).encode()).hexdigest()[:12]
    return {
        "status": "ok",
        "wall_s": wall,
        "ended_by": s.stats.get("ended_by"),
        "objective": float(s.objective) if s.objective is not None else None,
        "ii": s.ii,
        "digest": digest,
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--instances", default=",".join(DEFAULT_INSTANCES))
    ap.add_argument("--methods", default=",".join(DEFAULT_METHODS))
    ap.add_argument("--limits", default="2,5")
    ap.add_argument("--reps", type=int, default=2)
    ap.add_argument("--one", nargs=4, metavar=("PATH", "BOUND", "METHOD", "LIMIT"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        path, bound, method, limit = args.one
        print(json.dumps(one(path, bound if bound != "-" else None, method, float(limit))))
        return 0
    base = _bench_dir()
    rows = []
    print(
        "| instance | method | limit s | wall s (each run) | max overrun s | target s | "
        "within | ended_by | same output |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    worst = 0.0
    for inst in args.instances.split(","):
        rel, _, bound = inst.partition(":")
        path = base / rel
        if not path.exists():
            print(f"| {inst} | (missing: {path}) |")
            continue
        for method in args.methods.split(","):
            for limit in (float(x) for x in args.limits.split(",")):
                runs = []
                for _ in range(args.reps):
                    out = subprocess.run(
                        [sys.executable, __file__, "--one", str(path), bound or "-", method, str(limit)],
                        capture_output=True,
                        text=True,
                        cwd=ROOT,
                    )
                    try:
                        runs.append(json.loads(out.stdout.strip().splitlines()[-1]))
                    except (IndexError, json.JSONDecodeError):
                        runs.append({"status": "crash", "error": out.stderr[-300:]})
                if runs[0]["status"] == "n/a":
                    break
                walls = [r.get("wall_s") for r in runs if r.get("wall_s") is not None]
                over = max((w - limit for w in walls), default=float("nan"))
                target = 0.1 * limit + 0.5
                worst = max(worst, over - target) if walls else worst
                ended = ",".join(sorted({str(r.get("ended_by", r["status"])) for r in runs}))
                digests = {r.get("digest") for r in runs}
                same = (
                    "yes"
                    if len(digests) == 1 and None not in digests
                    else ("no" if None not in digests else "-")
                )
                errs = "; ".join(sorted({r["error"][:80] for r in runs if "error" in r}))
                print(
                    f"| {inst} | {method} | {limit:g} | "
                    f"{', '.join(f'{w:.2f}' for w in walls)} | {over:+.2f} | {target:.2f} | "
                    f"{'yes' if over <= target else 'NO'} | {ended} | {same}"
                    + (f" ({errs})" if errs else "")
                    + " |",
                    flush=True,
                )
                rows.append({"instance": inst, "method": method, "limit": limit, "runs": runs})
    print(
        f"\nworst overrun beyond the target: {max(worst, 0.0):.2f} s; load average "
        f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
