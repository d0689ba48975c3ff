"""Retired into ``benchmarks/run.py`` (suite ``rw``: ICML'24 formulation A on
the GML graphs); this script now only translates its old flags:

    python benchmarks/rw_bench.py [--sizes 1000,5000] [--with-10000] [--ratio 1.0]
        [--cpsat-time 10] [--iterations I] [--seeds 0,1] [--files a.gml,b.gml]
        [--inits informed,random]
    = run.py --suites rw --rw-sizes 1000,5000 --ratio 1.0 --budget 10
        --seeds 0,1 --methods list,fds,cpsat,gaus,gaus-random --parts quality

(``--budget`` is also the relaxation budget of GauS: half of it, see run.py.)
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,5000")
    ap.add_argument("--with-10000", action="store_true")
    ap.add_argument("--files", default="")
    ap.add_argument("--ratio", type=float, default=1.0)
    ap.add_argument("--cpsat-time", type=float, default=10.0)
    ap.add_argument("--iterations", type=int, default=None)
    ap.add_argument("--seeds", default="0")
    ap.add_argument("--inits", default="informed,random")
    ap.add_argument("--out", default=str(HERE / "results" / "rw_bench"))
    args = ap.parse_args(argv)
    sizes = [s for s in args.sizes.split(",") if s]
    if args.with_10000 and "10000" not in sizes:
        sizes.append("10000")
    methods = ["list", "fds"] + (["cpsat"] if args.cpsat_time > 0 else []) + \
        [{"informed": "gaus", "random": "gaus-random"}[i] for i in args.inits.split(",") if i]
    cmd = [sys.executable, str(HERE / "run.py"), "--suites", "rw", "--parts", "quality",
           "--rw-sizes", ",".join(sizes), "--max-ops", str(10**9), "--ratio", str(args.ratio),
           "--budget", str(args.cpsat_time or 10.0), "--seeds",
           args.seeds if "," in args.seeds else f"{args.seeds},", "--methods",
           ",".join(methods), "--out", args.out]
    if args.files:
        cmd += ["--instances", ",".join(Path(f).stem for f in args.files.split(",") if f)]
    if args.iterations:
        cmd += ["--iterations", str(args.iterations)]
    print("+", " ".join(cmd), flush=True)
    return subprocess.call(cmd)


if __name__ == "__main__":
    sys.exit(main())
