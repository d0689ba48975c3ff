"""gaus-opt start-up and end-to-end time on the example kernels.

    .venv/bin/python benchmarks/examples_bench.py [--methods list,gaus] [--repeat 3]

Runs ``gaus-opt`` as a user would (a fresh process per run) and reports the
median wall time and the peak RSS of each run, next to two start-up baselines
measured in the same session: ``--list-passes`` (no MLIR, no torch) and an
empty MLIR module through ``gaus-schedule`` (bindings loaded, nothing to
schedule).  Whether torch was imported is read from the process itself.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GAUS_OPT = Path(sys.executable).with_name("gaus-opt")
KERNELS = ["gemm", "fir", "stencil2d", "reduction", "matmul_linalg"]
PIPE = "builtin.module(func.func(convert-linalg-to-affine-loops),gaus-schedule{{method={m}}},gaus-verify)"
# prints whether torch got imported, by running the driver in-process
PROBE = (
    "import sys, runpy; sys.argv = ['gaus-opt'] + sys.argv[1:]; "
    "from gaus_mlir.cli import run; rc = run(); "
    "sys.stderr.write('torch-imported=%s\\n' % ('torch' in sys.modules)); sys.exit(rc)"
)


def timed(cmd: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS (MB) of this one child (wait4), its stderr."""
    with tempfile.TemporaryFile("w+") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        text = err.read()
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{text}")
    return wall, usage.ru_maxrss / 1024.0, text


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--methods", default="list,gaus")
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        empty = Path(tmp, "empty.mlir")
        empty.write_text("module {\n}\n")
        rows = [
            ("start-up: --list-passes", [str(GAUS_OPT), "--list-passes"]),
            (
                "start-up: empty MLIR module",
                [str(GAUS_OPT), str(empty), "--pass-pipeline=builtin.module(gaus-schedule)"],
            ),
        ]
        for m in args.methods.split(","):
            for k in KERNELS:
                rows.append(
                    (
                        f"{k} method={m}",
                        [
                            sys.executable,
                            "-c",
                            PROBE,
                            str(REPO / "examples" / f"{k}.mlir"),
                            "-o",
                            os.devnull,
                            f"--pass-pipeline={PIPE.format(m=m)}",
                        ],
                    )
                )
        print(f"{'run':<34} {'median s':>9} {'max RSS MB':>11}  torch")
        for name, cmd in rows:
            walls, peak, torch = [], 0.0, "-"
            for _ in range(args.repeat):
                wall, rss, err = timed(cmd)
                walls.append(wall)
                peak = max(peak, rss)
                if "torch-imported=" in err:
                    torch = err.rsplit("torch-imported=", 1)[1].split()[0]
            print(f"{name:<34} {statistics.median(walls):>9.2f} {peak:>11.0f}  {torch}")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
