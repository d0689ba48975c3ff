"""GauS relaxation on CUDA vs CPU: seconds per iteration and peak memory.

    python benchmarks/gpu_check.py [--sizes 1000,10000,100000,214000] [--quick]

Self-contained: imports only numpy, torch and gaus_mlir (no lark / ortools /
networkx / mlir); problems come from gaus_mlir.model.generate.layered_dag, so
no SSP file is parsed.  For each size and batch (1, 32) it builds the same
relaxation as method gaus (box [ASAP, ALAP(list-schedule makespan)], limited
resource penalty, latency objective), runs a warm-up and then timed
iterations on each device, and prints a table.  Finally one end-to-end
``schedule(p, "gaus", device="cuda")`` at 10k ops checks the full path
(relaxation on the GPU, legalization on the CPU, verify).  Budgeted to finish
well under 5 minutes.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time

import numpy as np
import torch

from gaus_mlir.model.generate import layered_dag
from gaus_mlir.model.graph import alap_times, asap_times
from gaus_mlir.schedulers.gaus.relax import run_relaxation
from gaus_mlir.schedulers.gaus.scheduler import _spec
from gaus_mlir.schedulers.list_scheduling import list_schedule, priority_key


def build(n: int):
    p = layered_dag(n, 0)
    a = p.arrays
    asap = asap_times(p)
    base = list_schedule(p, priority_key(p, "alap"), a.limit)
    ub = int(max((base + a.lat).max(), (asap + a.lat).max()))
    alap = alap_times(p, ub)
    spec = _spec(p, {"latency": 1.0}, asap, alap, limited_only=True)
    return p, spec, base.astype(float), asap, alap


def measure(spec, mu_seed, B, device, iters, budget):
    mu0 = np.repeat(mu_seed[None], B, 0)
    if device == "cuda":
        run_relaxation(spec, mu0, iterations=2, device=device, progress=False)  # warm-up
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    r = run_relaxation(spec, mu0, iterations=iters, device=device, progress=False, time_limit=budget)
    mem = (
        (torch.cuda.max_memory_allocated() / 2**20)
        if device == "cuda"
        else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    )
    return r["s_per_iter"], r["iterations"], mem, float(r["objective"].min())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="1000,10000,100000,214000")
    ap.add_argument("--batches", default="1,32")
    ap.add_argument("--quick", action="store_true")
    args = ap.parse_args()
    cuda = torch.cuda.is_available()
    print(
        f"torch {torch.__version__}, cuda available: {cuda}"
        + (f" ({torch.cuda.get_device_name(0)})" if cuda else ""),
        flush=True,
    )
    devices = (["cuda"] if cuda else []) + ["cpu"]
    t_all = time.perf_counter()
    print(
        f"{'ops':>7s} {'edges':>7s} {'W':>3s} {'B':>3s} {'device':>6s} {'s/iter':>9s} "
        f"{'iters':>5s} {'peak_MB':>9s} {'relaxed_obj':>11s}",
        flush=True,
    )
    for n in (int(s) for s in args.sizes.split(",")):
        t0 = time.perf_counter()
        p, spec, mu_seed, asap, alap = build(n)
        build_s = time.perf_counter() - t0
        from gaus_mlir.model.bounds import critical_path  # noqa: F401

        for B in (int(b) for b in args.batches.split(",")):
            for dev in devices:
                big = n * B > 2_000_000
                iters = 3 if (dev == "cpu" and big) else (10 if args.quick else 30)
                budget = 20.0 if dev == "cpu" else 30.0
                try:
                    spi, its, mem, obj = measure(spec, mu_seed, B, dev, iters, budget)
                    from gaus_mlir.schedulers.gaus.losses import window_width

                    W = window_width(float(np.clip((alap - asap) / 4.0, 0.3, 3.0).max()))
                    print(
                        f"{n:7d} {spec.src.size:7d} {W:3d} {B:3d} {dev:>6s} {spi:9.4f} "
                        f"{its:5d} {mem:9.0f} {obj:11.1f}",
                        flush=True,
                    )
                except RuntimeError as e:  # e.g. out of memory
                    print(
                        f"{n:7d} {spec.src.size:7d} {'':3s} {B:3d} {dev:>6s} failed: "
                        f"{str(e).splitlines()[0][:60]}",
                        flush=True,
                    )
                    if dev == "cuda":
                        torch.cuda.empty_cache()
        print(f"   (build {build_s:.1f}s, elapsed {time.perf_counter() - t_all:.0f}s)", flush=True)
    if cuda:
        from gaus_mlir.schedulers import schedule

        p = layered_dag(10000, 0)
        t0 = time.perf_counter()
        s = schedule(p, "gaus", device="cuda", iterations=100)  # verifies
        base = list_schedule(p, priority_key(p, "alap"), p.arrays.limit)
        print(
            f"end-to-end 10k on cuda: latency {s.latency(p)} (list {int(base[-1])}), "
            f"relax {s.stats['relax_s']:.2f}s, total {time.perf_counter() - t0:.2f}s, "
            f"device {s.stats['device']}, chosen {s.stats['chosen']}",
            flush=True,
        )
    print(f"total {time.perf_counter() - t_all:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
