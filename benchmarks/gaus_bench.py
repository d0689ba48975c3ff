"""GauS benchmarks (scripts, not timed tests).

    python benchmarks/gaus_bench.py --quality [--chstone-limit N] [--iterations I] [--init random]
    python benchmarks/gaus_bench.py --epfl [--names cavlc,max] [--budget S]
    python benchmarks/gaus_bench.py --scaling [--sizes 1000,10000] [--iterations I]

--quality: express + non-duplicate chstone; GauS vs list / ims and the
manifest's CP-SAT (10 s) reference; counts latency <= list, latency == manifest OPTIMAL reference,
II <= ref_ii, and II vs max(RecMII, ResMII) on the FEASIBLE chstone rows.
--epfl: time-constrained L = ceil(1.1 * critical path); peak and_unit users of
GauS, fds, list-bisect, cpsat (same budget) and peak_lower_bound.
--scaling: per-iteration time and peak memory of the relaxation alone.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import resource
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("GAUS_BENCHMARKS", REPO.parent / "shared" / "benchmarks"))


def manifest(suite):
    with open(BENCH / "manifest.csv", newline="") as f:
        return [r for r in csv.DictReader(f) if r["suite"] == suite and not r["duplicate_of"]]


def quality(args):
    from gaus_mlir.schedulers import schedule
    from gaus_mlir.ssp import parse_file
    rows = manifest("express") + manifest("chstone")[:args.chstone_limit]
    tot = {"n": 0, "le_list": 0, "opt_rows": 0, "eq_opt": 0, "ii_rows": 0, "ii_le": 0,
           "ii_eq": 0, "gaus_s": 0.0, "base_s": 0.0}
    feas = []
    print(f"{'file':45s} {'ops':>5s} {'gaus':>8s} {'base':>8s} {'ref':>8s} {'st':>4s} {'t_g':>6s}")
    for r in rows:
        p = parse_file(BENCH / r["file"])[0].problem
        t = time.perf_counter()
        g = schedule(p, "gaus", iterations=args.iterations, seed=0, init=args.init)
        tg = time.perf_counter() - t
        base_m = "ims" if p.cyclic else "list"
        t = time.perf_counter()
        b = schedule(p, base_m)
        tot["base_s"] += time.perf_counter() - t
        tot["gaus_s"] += tg
        gl, bl = g.latency(p), b.latency(p)
        key_g = (g.ii or 0, gl)
        key_b = (b.ii or 0, bl)
        tot["n"] += 1
        tot["le_list"] += key_g <= key_b
        ref, ref_ii = int(r["ref_value"]), (int(r["ref_ii"]) if r["ref_ii"] else None)
        if ref_ii is not None:
            tot["ii_rows"] += 1
            tot["ii_le"] += g.ii <= ref_ii
            tot["ii_eq"] += g.ii == ref_ii
        if r["ref_status"] == "OPTIMAL":
            tot["opt_rows"] += 1
            tot["eq_opt"] += (ref_ii is None or g.ii == ref_ii) and gl == ref
        elif r["suite"] == "chstone":
            feas.append((r["file"], g.ii, max(int(r["rec_mii"]), int(r["res_mii"])), ref_ii,
                         gl, ref))
        gs = f"{g.ii}/{gl}" if p.cyclic else str(gl)
        bs = f"{b.ii}/{bl}" if p.cyclic else str(bl)
        rs = f"{ref_ii}/{ref}" if ref_ii else str(ref)
        print(f"{r['file']:45s} {r['ops']:>5s} {gs:>8s} {bs:>8s} {rs:>8s} "
              f"{r['ref_status'][:4]:>4s} {tg:6.2f}", flush=True)
    print(tot)
    n = tot["n"]
    print(f"latency (II, lat) <= baseline: {tot['le_list']}/{n} = {tot['le_list']/n:.1%}")
    print(f"== OPTIMAL ref: {tot['eq_opt']}/{tot['opt_rows']} = "
          f"{tot['eq_opt']/max(1, tot['opt_rows']):.1%}")
    if tot["ii_rows"]:
        print(f"II <= ref_ii: {tot['ii_le']}/{tot['ii_rows']} = "
              f"{tot['ii_le']/tot['ii_rows']:.1%}; II == ref_ii: {tot['ii_eq']}")
    for f in feas:
        print("FEASIBLE row: %s  gaus II %s  MII %s  ref_ii %s  gaus lat %s  ref %s" % f)


def epfl(args):
    from gaus_mlir.model import time_constrained
    from gaus_mlir.model.bounds import critical_path
    from gaus_mlir.schedulers import schedule
    from gaus_mlir.schedulers.time_constrained import peak_lower_bound
    from gaus_mlir.ssp import parse_file
    print(f"{'name':10s} {'ops':>7s} {'L':>6s} {'LB':>5s} {'gaus':>5s} {'fds':>5s} "
          f"{'list':>5s} {'cpsat':>6s} {'t_gaus':>7s} {'rssMB*':>7s}")
    print("(* peak RSS of the process right after GauS, parsing included)")
    for name in args.names.split(","):
        p0 = parse_file(BENCH / "epfl" / f"{name}.mlir")[0].problem
        L = math.ceil(1.1 * critical_path(p0))
        p = time_constrained(p0, L)
        lb = peak_lower_bound(p).get("and_unit")
        res = {}
        t = time.perf_counter()
        g = schedule(p, "gaus", time_limit=args.budget / 2, seed=0)
        tg = time.perf_counter() - t
        res["gaus"] = g.stats["peaks"].get("and_unit")
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # after gaus
        own = min((v for k, v in g.stats["candidates"].items() if k != "list_bisect"),
                  default=None)  # best candidate not from schedule_list_bisect
        for m, kw in (("fds", {}), ("list", {}), ("cpsat", {"time_limit": args.budget})):
            if m in args.skip.split(","):
                res[m] = "-"
                continue
            try:
                s = schedule(p, m, **kw)
                res[m] = s.stats["peaks"].get("and_unit")
            except Exception as e:  # noqa: BLE001
                res[m] = type(e).__name__[:6]
        print(f"{name:10s} {p.num_ops:7d} {L:6d} {lb:5d} {res['gaus']!s:>5s} {res['fds']!s:>5s} "
              f"{res['list']!s:>5s} {res['cpsat']!s:>6s} {tg:7.1f} {rss:7.0f}   "
              f"chosen={g.stats['chosen']} iters={g.stats['iterations']} "
              f"gaus-own={own}", flush=True)


def scaling(args):
    import torch
    from gaus_mlir.model.generate import layered_dag
    from gaus_mlir.schedulers.gaus.relax import run_relaxation
    from gaus_mlir.schedulers.gaus.scheduler import _spec
    from gaus_mlir.model.graph import alap_times, asap_times
    import numpy as np
    sizes = [int(s) for s in args.sizes.split(",")]
    probs = [(f"layered{n}", layered_dag(n, 0)) for n in sizes]
    if args.epfl_names:
        from gaus_mlir.ssp import parse_file
        for nm in args.epfl_names.split(","):
            probs.append((nm, parse_file(BENCH / "epfl" / f"{nm}.mlir")[0].problem))
    print(f"{'problem':12s} {'ops':>7s} {'B':>3s} {'s/iter':>8s} {'maxrss_MB':>10s}")
    for name, p in probs:
        asap = asap_times(p)
        ub = int((asap + p.arrays.lat).max()) + 4
        alap = alap_times(p, ub)
        spec = _spec(p, {"latency": 1.0}, asap, alap, limited_only=True)
        for B in (1, 8):
            mu0 = np.repeat(((asap + alap) / 2.0)[None], B, 0)
            r = run_relaxation(spec, mu0, iterations=args.iterations, device="cpu",
                               progress=False)
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"{name:12s} {p.num_ops:7d} {B:3d} {r['s_per_iter']:8.4f} {rss:10.0f}",
                  flush=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quality", action="store_true")
    ap.add_argument("--epfl", action="store_true")
    ap.add_argument("--scaling", action="store_true")
    ap.add_argument("--chstone-limit", type=int, default=None)
    ap.add_argument("--iterations", type=int, default=None)
    ap.add_argument("--init", default="informed", choices=("informed", "random"))
    ap.add_argument("--names", default="cavlc,max,sin,arbiter,div,hyp")
    ap.add_argument("--skip", default="")
    ap.add_argument("--budget", type=float, default=10.0)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--epfl-names", default="")
    args = ap.parse_args()
    if args.quality:
        quality(args)
    if args.epfl:
        epfl(args)
    if args.scaling:
        scaling(args)


if __name__ == "__main__":
    main()
