"""Wall time, peak memory and quality of each baseline scheduler on the shared
suites, plus the large-file pipeline (parse + list + verify + print).

    python benchmarks/baselines.py [--quick] [--cpsat-limit S] [--skip-hyp]

Each (suite, method) runs in a child process so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("GAUS_BENCHMARKS", REPO.parent / "shared" / "benchmarks"))


def manifest(suite):
    with open(BENCH / "manifest.csv", newline="") as f:
        return [r for r in csv.DictReader(f) if r["suite"] == suite]


def run_suite(suite: str, method: str, limit: float, quick: bool, distinct: bool) -> dict:
    """Child-process body: schedule every instance, verify, compare to manifest."""
    from gaus_mlir.schedulers import schedule
    from gaus_mlir.ssp import parse_file

    rows = manifest(suite)
    if distinct:
        rows = [r for r in rows if not r["duplicate_of"]]
    if quick:
        rows = rows[:5]
    opts = {"time_limit": limit} if method == "cpsat" else {}
    out = {
        "n": 0,
        "wall_s": 0.0,
        "latency_eq_ref": 0,
        "ii_eq_ref": 0,
        "ii_le_ref": 0,
        "optimal_rows": 0,
        "latency_eq_ref_optimal": 0,
        "gap_sum": 0.0,
    }
    for r in rows:
        inst = parse_file(BENCH / r["file"])[0]
        t0 = time.perf_counter()
        s = schedule(inst.problem, method, **opts)  # verifies
        out["wall_s"] += time.perf_counter() - t0
        out["n"] += 1
        lat, ref = s.latency(inst.problem), int(r["ref_value"])
        if r["ref_ii"]:
            ref_ii = int(r["ref_ii"])
            out["ii_eq_ref"] += s.ii == ref_ii
            out["ii_le_ref"] += s.ii <= ref_ii
            same_ii = s.ii == ref_ii
        else:
            same_ii = True
        out["latency_eq_ref"] += same_ii and lat == ref
        if r["ref_status"] == "OPTIMAL":
            out["optimal_rows"] += 1
            out["latency_eq_ref_optimal"] += same_ii and lat == ref
        out["gap_sum"] += (lat - ref) / max(ref, 1) if same_ii else 0.0
    return out


def hyp_pipeline() -> dict:
    from gaus_mlir.schedulers import schedule
    from gaus_mlir.ssp import parse, print_instances

    path = BENCH / "epfl" / "hyp.mlir"
    times = {}
    t0 = time.perf_counter()
    text = path.read_text()
    inst = parse(text, str(path))[0]
    times["parse_s"] = time.perf_counter() - t0
    t = time.perf_counter()
    s = schedule(inst.problem, "list", verify=False)
    times["list_s"] = time.perf_counter() - t
    t = time.perf_counter()
    inst.problem.verify(s)
    times["verify_s"] = time.perf_counter() - t
    t = time.perf_counter()
    out = print_instances([inst], [s])
    times["print_s"] = time.perf_counter() - t
    times["total_s"] = time.perf_counter() - t0
    times["latency"] = s.latency(inst.problem)
    times["ops"] = inst.problem.num_ops
    times["output_bytes"] = len(out)
    return times


def child(spec: str) -> None:
    kind, *rest = spec.split(":")
    result = (
        hyp_pipeline()
        if kind == "hyp"
        else run_suite(rest[0], rest[1], float(rest[2]), rest[3] == "1", rest[4] == "1")
    )
    print(json.dumps(result))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--child")
    ap.add_argument("--quick", action="store_true", help="5 instances per suite, no hyp")
    ap.add_argument("--cpsat-limit", type=float, default=10.0)
    ap.add_argument("--skip-hyp", action="store_true")
    ap.add_argument("--all-chstone", action="store_true", help="include the 144 duplicate chstone graphs")
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    if not (BENCH / "manifest.csv").is_file():
        raise SystemExit(f"benchmarks not found at {BENCH}")
    plan = [("express", "list"), ("express", "cpsat"), ("chstone", "ims"), ("chstone", "cpsat")]
    print(
        f"{'suite':8} {'method':6} {'n':>4} {'wall s':>8} {'peak MB':>8} "
        f"{'=ref lat':>8} {'=opt':>9} {'II=ref':>7} {'II<=ref':>7}"
    )
    for suite, method in plan:
        spec = (
            f"suite:{suite}:{method}:{args.cpsat_limit}:{int(args.quick)}:"
            f"{int(suite == 'chstone' and not args.all_chstone)}"
        )
        res, rss = run_child(spec)
        ii = f"{res['ii_eq_ref']:>7} {res['ii_le_ref']:>7}" if suite == "chstone" else f"{'-':>7} {'-':>7}"
        print(
            f"{suite:8} {method:6} {res['n']:>4} {res['wall_s']:>8.2f} {rss:>8.0f} "
            f"{res['latency_eq_ref']:>8} {res['latency_eq_ref_optimal']:>4}/"
            f"{res['optimal_rows']:<4} {ii}",
            flush=True,
        )
    if not args.skip_hyp and not args.quick:
        res, rss = run_child("hyp")
        print(
            f"\nepfl/hyp.mlir ({res['ops']} ops): parse {res['parse_s']:.2f} s, list "
            f"{res['list_s']:.2f} s, verify {res['verify_s']:.2f} s, print "
            f"{res['print_s']:.2f} s, total {res['total_s']:.2f} s, peak RSS {rss:.0f} MB, "
            f"latency {res['latency']}"
        )


def run_child(spec: str) -> tuple[dict, float]:
    """Run one measurement in a child; return its JSON result and peak RSS (MB)."""
    proc = subprocess.Popen([sys.executable, __file__, "--child", spec], stdout=subprocess.PIPE, text=True)
    out = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"measurement {spec} failed (exit {proc.returncode})")
    return json.loads(out), usage.ru_maxrss / 1024.0


if __name__ == "__main__":
    main()
