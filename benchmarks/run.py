"""One benchmark command: every suite, every method, one report.

    .venv/bin/python benchmarks/run.py                       # default run (~30 min, 2 cores)
    .venv/bin/python benchmarks/run.py --quick               # CI smoke (< 1 min)
    .venv/bin/python benchmarks/run.py --suites express,chstone --budget 5
    .venv/bin/python benchmarks/run.py --large               # big instances, long budgets
    .venv/bin/python benchmarks/run.py --report-only --out DIR   # redo REPORT.md from results.json

Writes ``results.csv``, ``results.json``, ``REPORT.md``, ``pareto.png`` (and
``scaling.png``, ``modulo.csv``, ``fair.csv``) in ``--out``.  Every (instance,
method, seed) runs in a fresh forked process with a timeout and a memory
limit (see ``runner.py``); suites and their objectives are in ``suite.py``;
tables and plots in ``report.py``.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import runner as R  # noqa: E402
import suite as S  # noqa: E402

COLUMNS = [
    "instance",
    "suite",
    "ops",
    "method",
    "seed",
    "init",
    "objective",
    "lifetimes",
    "ii",
    "latency",
    "feasible",
    "verified",
    "wall_s",
    "peak_mb",
    "device",
    "budget_s",
    "status",
    "bound",
    "error",
    "solver_status",
    "base_mb",
    "iterations",
    "s_per_iter",
    "child_s",
]

# seeds of the seeded methods (gaus, gs-schedule and their -random variants)
DEFAULT_SEEDS = {"express": 3, "latency": 1, "rw": 5, "chstone": 1, "epfl": 1, "registers": 1, "hardware": 1}
LARGE_SEEDS = {"express": 5, "latency": 1, "rw": 5, "chstone": 5, "epfl": 5, "registers": 3, "hardware": 1}
QUICK_SEEDS = 1


def parse_args(argv=None):
    ap = argparse.ArgumentParser(
        description=__doc__.split("\n")[0],
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n", 2)[2],
    )
    ap.add_argument("--suites", default="all", help="comma list of " + ",".join(S.SUITES) + " (default all)")
    ap.add_argument(
        "--methods", default="all", help="comma list of " + ",".join(R.VARIANTS) + " (default all)"
    )
    ap.add_argument("--instances", default="", help="comma list of instance names (or substrings) to keep")
    ap.add_argument("--min-ops", type=int, default=None)
    ap.add_argument(
        "--max-ops",
        type=int,
        default=None,
        help="default: epfl <= 3500 ops, rw 1000-node graphs; none with --large",
    )
    ap.add_argument(
        "--seeds",
        default=None,
        help="N (seeds 0..N-1) or a comma list, for gaus/gs-schedule and their "
        "-random variants; default 5 on rw (the fair-protocol suite), 3 on express, 1 on chstone and "
        "epfl (5 everywhere with --large, 1 with --quick)",
    )
    ap.add_argument(
        "--budget",
        type=float,
        default=None,
        help="seconds per run for gaus, gs-schedule, cpsat, hybrid, fds "
        "(default 5; 20 with --large; 1 with --quick)",
    )
    ap.add_argument(
        "--ref-budget",
        type=float,
        default=None,
        help="seconds for cpsat-ref (default 30; 120 with --large; 2 with --quick)",
    )
    ap.add_argument(
        "--ref-all", action="store_true", help="run cpsat-ref also where the manifest has a proven optimum"
    )
    ap.add_argument(
        "--large",
        action="store_true",
        help="all EPFL circuits (div, hyp), rw 5000/10000, scaling up to hyp, long budgets",
    )
    ap.add_argument(
        "--quick", action="store_true", help="CI smoke: the smallest instances of each suite, tiny budgets"
    )
    ap.add_argument(
        "--parts",
        default="quality,scaling",
        help="quality (suites x methods) and/or scaling (s/iteration, memory)",
    )
    ap.add_argument("--rw-sizes", default=None, help="rw graph sizes (default 1000)")
    ap.add_argument("--ratio", type=float, default=1.0, help="formulation A peak weight (rw)")
    ap.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    ap.add_argument(
        "--iterations", type=int, default=None, help="iterations of gaus / gs-schedule (default: their own)"
    )
    ap.add_argument(
        "--scaling-sizes", default=None, help="layered DAG sizes (default 1000,10000,100000; quick 300)"
    )
    ap.add_argument("--scaling-iterations", type=int, default=None)
    ap.add_argument(
        "--timeout", type=float, default=None, help="seconds per run on top of twice its budget (default 300)"
    )
    ap.add_argument(
        "--mem-limit-mb", type=float, default=6144, help="address space a run may add (0: no limit)"
    )
    ap.add_argument("--out", default=str(HERE / "results" / "latest"))
    ap.add_argument("--report-only", action="store_true")
    args = ap.parse_args(argv)
    return args


def seeds_for(args, suite: str) -> list[int]:
    if args.seeds:
        if "," in args.seeds:
            return [int(s) for s in args.seeds.split(",") if s.strip()]
        n = int(args.seeds)
        if n <= 0:
            raise SystemExit("--seeds: give a positive count or a comma list (e.g. 0,)")
        return list(range(n))
    if args.quick:
        return list(range(QUICK_SEEDS))
    return list(range((LARGE_SEEDS if args.large else DEFAULT_SEEDS)[suite]))


def config(args) -> R.Config:
    budget = args.budget if args.budget is not None else (1.0 if args.quick else 20.0 if args.large else 5.0)
    ref = (
        args.ref_budget
        if args.ref_budget is not None
        else (2.0 if args.quick else 120.0 if args.large else 30.0)
    )
    timeout = args.timeout if args.timeout is not None else (60.0 if args.quick else 300.0)
    return R.Config(
        budget=budget,
        ref_budget=ref,
        device=args.device,
        ratio=args.ratio,
        iterations=args.iterations,
        timeout=timeout,
        mem_mb=args.mem_limit_mb or None,
        scaling_iterations=args.scaling_iterations or (5 if args.quick else 20),
        scaling_relax_limit=20.0 if args.quick else 30.0,
        scaling_timeout=60.0 if args.quick else 600.0 if args.large else 180.0,
    )


def _git(*cmd) -> str:
    try:
        return subprocess.run(
            ["git", *cmd], cwd=HERE.parent, capture_output=True, text=True, timeout=10
        ).stdout.strip()
    except Exception:  # noqa: BLE001
        return ""


def versions() -> dict:
    out = {"python": platform.python_version()}
    for mod in ("numpy", "torch", "ortools"):
        try:
            out[mod] = __import__(mod).__version__
        except Exception:  # noqa: BLE001
            out[mod] = None
    return out


class Writer:
    """results.csv written as rows come (so a long run can be watched)."""

    def __init__(self, out: Path):
        self.path = out / "results.csv"
        self.f = open(self.path, "w", newline="")
        self.w = csv.DictWriter(self.f, fieldnames=COLUMNS, extrasaction="ignore")
        self.w.writeheader()
        self.f.flush()

    def add(self, row):
        self.w.writerow({k: ("" if row.get(k) is None else row.get(k)) for k in COLUMNS})
        self.f.flush()

    def close(self):
        self.f.close()


def make_row(inst, vname, seed, init, status, cfg, **kw) -> dict:
    v = R.VARIANTS.get(vname)
    row = {
        "instance": inst.name,
        "suite": inst.suite,
        "ops": inst.ops,
        "method": vname,
        "seed": seed,
        "init": init,
        "status": status,
        "budget_s": R._budget(v, cfg) if v else None,
        "feasible": False,
        "verified": False,
        "error": "",
    }
    row.update(kw)
    return row


BASE_MB = [None]  # peak RSS of a forked child that does nothing (set in main)


def from_child(row: dict, res: dict) -> dict:
    """Merge an isolated() result into a row; decide the harness status."""
    row.update(child_s=round(res["child_s"], 3), peak_mb=round(res["peak_mb"], 1), base_mb=BASE_MB[0])
    if res["status"] != "ok":
        row.update(status=res["status"], error=res.get("error", ""))
        if res.get("traceback"):
            row["traceback"] = res["traceback"]
        return row
    r = res["result"]
    for k in (
        "objective",
        "lifetimes",
        "ii",
        "latency",
        "feasible",
        "verified",
        "device",
        "bound",
        "solver_status",
        "iterations",
        "s_per_iter",
        "error",
        "options",
        "stats",
    ):
        row[k] = r.get(k)
    row["wall_s"] = round(r["wall_s"], 4)
    row["status"] = "ok" if r.get("verified") else "unverified"
    return row


def fmt(row) -> str:
    bits = [f"{row['status']}"]
    if row.get("objective") is not None:
        ii = f" II={row['ii']}" if row.get("ii") is not None else ""
        bits.append(f"obj={row['objective']:g}{ii}")
    if row.get("wall_s") is not None:
        bits.append(f"{row['wall_s']:.2f}s")
    if row.get("peak_mb"):
        bits.append(f"{row['peak_mb']:.0f}MB")
    if row["status"] not in ("ok",) and row.get("error"):
        bits.append(str(row["error"])[:120])
    return " ".join(bits)


def run_quality(args, cfg, insts, methods, writer, rows, infos, log, checkpoint=None):
    n_inst = len(insts)
    for k, inst in enumerate(insts, 1):
        if checkpoint and k > 1 and inst.suite != insts[k - 2].suite:
            checkpoint()  # a suite is done: interim results.json + REPORT.md
        res = R.isolated(R.instance_job, inst, timeout=cfg.timeout + 600, mem_mb=cfg.mem_mb)
        if res["status"] != "ok":
            log(f"[{k}/{n_inst}] {inst.name}: cannot load ({res.get('error')})")
            for vname in methods:
                row = make_row(
                    inst, vname, None, None, res["status"], cfg, error=f"instance: {res.get('error', '')}"
                )
                rows.append(row)
                writer.add(row)
            continue
        info = res["result"]
        supports = info.pop("supports")
        infos.append(info)
        log(f"[{k}/{n_inst}] {inst.name} ({inst.ops} ops)")
        for vname in methods:
            v = R.VARIANTS[vname]
            why_na = R.excluded(inst, vname) or supports.get(v.method)
            if why_na:
                row = make_row(inst, vname, None, v.init, "n/a", cfg, error=why_na)
            elif vname == "cpsat-ref" and S.manifest_proven(inst) and not args.ref_all:
                row = make_row(
                    inst, vname, None, v.init, "skipped", cfg, error="the manifest holds a proven optimum"
                )
            else:
                row = None
            if row is not None:
                rows.append(row)
                writer.add(row)
                continue
            for seed in seeds_for(args, inst.suite) if v.seeded else [0]:
                budget = R._budget(v, cfg) or 0.0
                res = R.isolated(
                    R.method_job, inst, vname, seed, cfg, timeout=cfg.timeout + 2 * budget, mem_mb=cfg.mem_mb
                )
                row = from_child(make_row(inst, vname, seed, v.init, "ok", cfg), res)
                rows.append(row)
                writer.add(row)
                log(f"    {vname:19s} s{seed}: {fmt(row)}")


def scaling_instances(args) -> list:
    if args.scaling_sizes:
        sizes = [int(s) for s in args.scaling_sizes.split(",") if s]
    else:
        sizes = [300] if args.quick else [1000, 10000, 100000]
    out = [S.Instance(f"layered{n}", "scaling", "", n) for n in sizes]
    if args.large and S.have_benchmarks():
        for nm in ("div", "hyp"):
            rows = [r for r in S.manifest("epfl") if Path(r["file"]).stem == nm]
            if rows:
                out.append(S.Instance(f"epfl-{nm}", "scaling", "", int(rows[0]["ops"])))
    return out


def run_scaling(args, cfg, methods, writer, rows, log):
    wanted = [m for m in R.SCALING_METHODS if m in methods]
    for inst in scaling_instances(args):
        log(f"[scaling] {inst.name} ({inst.ops} ops)")
        for m in wanted:
            res = R.isolated(R.scaling_job, inst, m, cfg, timeout=cfg.scaling_timeout, mem_mb=cfg.mem_mb)
            row = from_child(make_row(inst, m, 0, "informed", "ok", cfg), res)
            row["budget_s"] = cfg.scaling_relax_limit
            rows.append(row)
            writer.add(row)
            log(f"    {m:19s}: {fmt(row)}")


def main(argv=None) -> int:
    args = parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    import report

    if args.report_only:
        data = json.loads((out / "results.json").read_text())
        report.write_report(out, data)
        print(f"wrote {out / 'REPORT.md'}")
        return 0
    t_start = time.perf_counter()
    cfg = config(args)
    suites = (
        list(S.SUITES) if args.suites == "all" else [s.strip() for s in args.suites.split(",") if s.strip()]
    )
    bad = [s for s in suites if s not in S.SUITES]
    methods = (
        list(R.VARIANTS)
        if args.methods == "all"
        else [m.strip() for m in args.methods.split(",") if m.strip()]
    )
    bad += [m for m in methods if m not in R.VARIANTS]
    if bad:
        raise SystemExit(f"unknown suite or method: {', '.join(bad)}")
    parts = set(args.parts.split(","))
    names = [n for n in args.instances.split(",") if n]

    def log(msg):
        print(msg, flush=True)

    registry = sorted({R.VARIANTS[m].method for m in methods})
    import_errors = R.preload(registry)
    for m, why in sorted(import_errors.items()):
        log(f"note: method {m} fails to import: {why}")
    BASE_MB[0] = round(R.isolated(R.noop, timeout=60)["peak_mb"], 1)

    insts = []
    if "quality" in parts:
        if not S.have_benchmarks():
            log(f"benchmarks not found at {S.BENCH} (set GAUS_BENCHMARKS); quality part skipped")
        else:
            rw_sizes = [int(s) for s in args.rw_sizes.split(",")] if args.rw_sizes else None
            insts = S.select(
                suites,
                min_ops=args.min_ops,
                max_ops=args.max_ops,
                names=names,
                quick=args.quick,
                large=args.large,
                rw_sizes=rw_sizes,
            )
    meta = {
        "command": " ".join([Path(sys.argv[0]).name] + (sys.argv[1:] if argv is None else list(argv))),
        "date": datetime.datetime.now().isoformat(timespec="seconds"),
        "commit": _git("rev-parse", "--short", "HEAD"),
        "dirty": bool(_git("status", "--porcelain", "--untracked-files=no")),
        "host": platform.node(),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "versions": versions(),
        "device": R.torch_device_name(args.device),
        "budget_s": cfg.budget,
        "ref_budget_s": cfg.ref_budget,
        "timeout_s": cfg.timeout,
        "mem_limit_mb": cfg.mem_mb,
        "ratio": cfg.ratio,
        "quick": args.quick,
        "large": args.large,
        "suites": suites,
        "methods": methods,
        "seeds": {s: seeds_for(args, s) for s in suites},
        "scaling_iterations": cfg.scaling_iterations,
        "scaling_timeout_s": cfg.scaling_timeout,
        "scaling_relax_limit_s": cfg.scaling_relax_limit,
        "import_errors": import_errors,
        "base_mb": BASE_MB[0],
        "benchmarks": str(S.BENCH),
        "instances": len(insts),
        "ref_all": args.ref_all,
    }
    log(
        f"{len(insts)} instances, methods {','.join(methods)}, budget {cfg.budget:g}s, "
        f"ref {cfg.ref_budget:g}s, seeds {meta['seeds']}, out {out}"
    )
    writer = Writer(out)
    rows, infos, hardware_rows = [], [], []

    def save(final=False):
        meta["total_s"] = round(time.perf_counter() - t_start, 1)
        meta["complete"] = final
        data = {"meta": meta, "instances": infos, "rows": rows, "hardware": hardware_rows}
        (out / "results.json").write_text(json.dumps(data, indent=1, default=R._plain))
        return data

    def checkpoint():
        try:
            report.write_report(out, save())
            log(f"(interim report: {out / 'REPORT.md'})")
        except Exception as e:  # noqa: BLE001 - an interim report must not stop the run
            log(f"(interim report failed: {type(e).__name__}: {e})")

    try:
        if insts:
            run_quality(args, cfg, insts, methods, writer, rows, infos, log, checkpoint)
        if "hardware" in suites and "quality" in parts:
            import hardware

            log("hardware suite (gaus-opt -> CIRCT -> Yosys, Verilator):")
            hardware_rows[:] = hardware.run(out, quick=args.quick, log=lambda m: log("    " + m))
        if "scaling" in parts:
            if insts:
                checkpoint()
            run_scaling(args, cfg, methods, writer, rows, log)
    finally:
        writer.close()
        data = save(final=True)
    report.write_report(out, data)
    bad_rows = [r for r in rows if r["status"] in R.FAILED]
    log(
        f"done in {meta['total_s']:.0f} s: {len(rows)} rows, {len(bad_rows)} failures; "
        f"report {out / 'REPORT.md'}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
