"""ICML'24 rw graphs as formulation B (``read_gml(value_bits=True)``): GauS
against CP-SAT at one time limit each, and the lifetimes of GauS / SMS /
CP-SAT against the exact SDC LP (no limits apply on these graphs).

    .venv/bin/python benchmarks/rw_registers.py registers 20 ../shared/benchmarks/rw/rand_graph_5000_1.gml
    .venv/bin/python benchmarks/rw_registers.py lifetimes 10 ../shared/benchmarks/rw/rand_graph_1000_1.gml
"""

from __future__ import annotations

import json
import sys
import time

from gaus_mlir.model.registers import register_usage
from gaus_mlir.rw import read_gml
from gaus_mlir.schedulers import schedule


def _run(p, method: str, objective: str, **opts) -> tuple:
    t = time.perf_counter()
    s = schedule(p, method, objective=objective, **opts)  # verified
    u = register_usage(p, s)
    return s, (u.peak if objective == "registers" else u.total), round(time.perf_counter() - t, 1)


def main(argv: list[str]) -> int:
    objective, budget, files = argv[0], float(argv[1]), argv[2:]
    for f in files:
        p = read_gml(f, value_bits=True)[0]
        row: dict = {"graph": f.split("/")[-1], "ops": p.num_ops}
        methods = ("gaus", "cpsat") if objective == "registers" else ("lp", "gaus", "sms", "cpsat")
        for m in methods:
            s, row[m], row[f"{m}_s"] = _run(p, m, objective, **({} if m == "lp" else {"time_limit": budget}))
            if m == "gaus":
                row.update(relaxation_won=s.stats.get("relaxation_won"), candidate=s.stats.get("candidate"))
            if m == "cpsat":
                row["cpsat_status"] = s.status
        print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
