"""Method ``hybrid`` (GauS's schedule as CP-SAT's hint) against plain CP-SAT
at the same time budget (a script, not a timed test).

    python benchmarks/hybrid_bench.py [--time-limit 10] [--workers 2] [--device auto]
                                      [--files express/arf.mlir,chstone/...]

Per instance: the objective ((II/)latency of the objective op) and the final
gap (objective - bound) / objective of plain ``cpsat`` and of ``hybrid``;
``G``, GauS's objective inside hybrid; ``cp->G``: when plain CP-SAT (its own
heuristic incumbent included) first had a schedule at least as good as G
(``never`` if not within the budget); ``hy->G``: when hybrid had it (= GauS's
wall time); ``saved`` = cp->G - hy->G (with ``>`` when CP-SAT never got there:
then the budget minus hy->G is a lower bound).  Times in seconds from the start
of each call, on this machine's CPU unless ``--device cuda`` (torch is
imported, and GauS run once, before the first instance).  For modulo problems
the gap is the latency gap at the returned II; FEAS with gap 0 means the II is
not proven minimal.  ``wall``: hybrid's total time (GauS's legalizer cannot be
interrupted, so it may exceed the budget).
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
BENCH = Path(os.environ.get("GAUS_BENCHMARKS", REPO.parent / "shared" / "benchmarks"))

DEFAULT = [
    # express: small acyclic shared-operator kernels (collapse_pyr is FEASIBLE
    # in the manifest's 10 s CP-SAT reference)
    "express/collapse_pyr_dfg__113.mlir",
    "express/invert_matrix_general_dfg__3.mlir",
    "express/smooth_color_z_triangle_dfg__31.mlir",
    # chstone: modulo problems, FEASIBLE in the manifest
    "chstone/chstone_sha_graph14.mlir",
    "chstone/chstone_adpcm_graph1.mlir",
    "chstone/chstone_blowfish_graph1.mlir",
    "chstone/chstone_mips_graph1.mlir",
    "chstone/chstone_aes_graph4.mlir",
]


def _key(ii, obj):
    return (ii or 0, obj)


def _fmt(ii, obj):
    return f"{ii}/{obj}" if ii else str(obj)


def _gap(s):
    if s.bound is None:
        return float("nan")
    return 0.0 if not s.objective else (s.objective - s.bound) / s.objective


def run(path, args):
    from gaus_mlir.schedulers import schedule
    from gaus_mlir.ssp import parse_file

    p = parse_file(path)[0].problem
    traj = []
    t0 = time.perf_counter()

    def record(obj, ii, source):
        traj.append((time.perf_counter() - t0, _key(ii, obj), source))

    c = schedule(
        p, "cpsat", time_limit=args.time_limit, workers=args.workers, seed=args.seed, on_solution=record
    )
    c_wall = time.perf_counter() - t0
    h = schedule(
        p, "hybrid", time_limit=args.time_limit, workers=args.workers, seed=args.seed, device=args.device
    )
    st = h.stats
    g_key = _key(st["gaus_ii"], st["gaus_objective"])
    cp_to_g = next((t for t, k, _ in traj if k <= g_key), None)
    hy_to_g = st["time_to_gaus_objective"]
    if cp_to_g is None:
        saved = f">{args.time_limit - hy_to_g:.2f}" if hy_to_g < args.time_limit else "-"
    else:
        saved = f"{cp_to_g - hy_to_g:.2f}"
    return {
        "name": path.relative_to(BENCH).as_posix() if path.is_relative_to(BENCH) else str(path),
        "ops": p.num_ops,
        "cp": _fmt(c.ii, c.latency(p)),
        "cp_st": c.status[:4],
        "cp_gap": _gap(c),
        "cp_wall": c_wall,
        "G": _fmt(st["gaus_ii"], st["gaus_objective"]),
        "hy": _fmt(h.ii, h.latency(p)),
        "hy_st": h.status[:4],
        "hy_gap": _gap(h),
        "hy_wall": st["wall_s"],
        "cp_to_g": "never" if cp_to_g is None else f"{cp_to_g:.2f}",
        "hy_to_g": f"{hy_to_g:.2f}",
        "saved": saved,
        "cp_first": f"{traj[0][0]:.2f}:{_fmt(traj[0][1][0], traj[0][1][1])}({traj[0][2]})" if traj else "-",
        "hy_cpsat_to_g": st["cpsat_time_to_gaus_objective"],
        "hy_traj": st["trajectory"],
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--device", default="auto")
    ap.add_argument(
        "--files", default=",".join(DEFAULT), help="comma-separated paths relative to the benchmarks folder"
    )
    args = ap.parse_args(argv)
    print(
        f"# hybrid vs cpsat, time limit {args.time_limit} s each, workers {args.workers}, "
        f"seed {args.seed}, device {args.device}, {platform.node()} "
        f"({os.cpu_count()} CPUs), {time.strftime('%Y-%m-%d %H:%M')}"
    )
    hdr = (
        f"{'instance':44s} {'ops':>5s} | {'cpsat':>7s} {'st':>4s} {'gap':>6s} "
        f"{'cp->G':>6s} | {'G':>7s} {'hybrid':>7s} {'st':>4s} {'gap':>6s} {'hy->G':>6s} "
        f"{'saved':>7s} {'wall':>6s}"
    )
    print(hdr)
    # warm-up: import torch and run GauS once, so no instance pays the import
    from gaus_mlir.model.generate import random_problem
    from gaus_mlir.schedulers import schedule

    schedule(random_problem(2, "SharedOperatorsProblem", 10), "gaus", iterations=2, device=args.device)
    rows = []
    for f in args.files.split(","):
        path = BENCH / f
        r = run(path, args)
        rows.append(r)
        print(
            f"{r['name']:44s} {r['ops']:5d} | {r['cp']:>7s} {r['cp_st']:>4s} "
            f"{r['cp_gap']:6.3f} {r['cp_to_g']:>6s} | {r['G']:>7s} {r['hy']:>7s} "
            f"{r['hy_st']:>4s} {r['hy_gap']:6.3f} {r['hy_to_g']:>6s} {r['saved']:>7s} "
            f"{r['hy_wall']:6.2f}",
            flush=True,
        )
    print()
    print("cpsat's first solution (time:objective(source)) and hybrid's trajectory (time:objective(source)):")
    for r in rows:
        tr = " ".join(f"{e['t']:.2f}:{_fmt(e['ii'], e['objective'])}({e['source']})" for e in r["hy_traj"])
        print(f"  {r['name']:44s} cpsat {r['cp_first']}  hybrid {tr}")
    better = sum(1 for r in rows if r["hy"] != r["cp"] and _cmp(r["hy"], r["cp"]) < 0)
    worse = sum(1 for r in rows if r["hy"] != r["cp"] and _cmp(r["hy"], r["cp"]) > 0)
    print(f"\nhybrid better than cpsat on {better}/{len(rows)}, worse on {worse}/{len(rows)}")


def _cmp(a, b):
    ka = tuple(int(x) for x in a.split("/"))
    kb = tuple(int(x) for x in b.split("/"))
    return (ka > kb) - (ka < kb)


if __name__ == "__main__":
    main()
