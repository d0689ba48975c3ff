"""Retired into ``benchmarks/run.py``: this script now only translates its old
flags into the equivalent ``run.py`` calls (one per part, each with its own
report under ``--out``).

    python benchmarks/gaus_bench.py --quality [--iterations I]
        = run.py --suites express,chstone --methods gaus,gaus-random,list,ims,cpsat
    python benchmarks/gaus_bench.py --epfl [--names cavlc,max] [--budget S]
        = run.py --suites epfl --instances cavlc,max --methods gaus,fds,list,cpsat
    python benchmarks/gaus_bench.py --scaling [--sizes 1000,10000] [--iterations I]
        = run.py --parts scaling --methods gaus --scaling-sizes 1000,10000
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quality", action="store_true")
    ap.add_argument("--epfl", action="store_true")
    ap.add_argument("--scaling", action="store_true")
    ap.add_argument("--iterations", type=int, default=None)
    ap.add_argument("--names", default="cavlc,max,sin,arbiter,div,hyp")
    ap.add_argument("--budget", type=float, default=10.0)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--out", default=str(HERE / "results" / "gaus_bench"))
    args = ap.parse_args(argv)
    common = ["--budget", str(args.budget)]
    if args.iterations:
        common += ["--iterations", str(args.iterations)]
    calls = []
    if args.quality:
        calls.append(("quality", ["--suites", "express,chstone", "--parts", "quality",
                                  "--methods", "gaus,gaus-random,list,ims,cpsat",
                                  "--seeds", "1"]))
    if args.epfl:
        calls.append(("epfl", ["--suites", "epfl", "--parts", "quality", "--instances",
                               args.names, "--max-ops", str(10**9), "--seeds", "1",
                               "--methods", "gaus,fds,list,cpsat"]))
    if args.scaling:
        calls.append(("scaling", ["--parts", "scaling", "--methods", "gaus",
                                  "--scaling-sizes", args.sizes]
                      + (["--scaling-iterations", str(args.iterations)]
                         if args.iterations else [])))
    if not calls:
        ap.error("choose --quality, --epfl and/or --scaling")
    for part, extra in calls:
        cmd = [sys.executable, str(HERE / "run.py"), *common, *extra,
               "--out", str(Path(args.out) / part)]
        print("+", " ".join(cmd), flush=True)
        rc = subprocess.call(cmd)
        if rc:
            return rc
    return 0


if __name__ == "__main__":
    sys.exit(main())
