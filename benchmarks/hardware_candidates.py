"""Which of GauS's candidates won on each hardware-suite setting (same options
as benchmarks/hardware.py: objective=lifetimes at the list schedule's
latency): a baseline (list, list+moves, ims, sms, ...) or a relaxation round.

    .venv/bin/python benchmarks/hardware_candidates.py [results/hardware/hardware.json]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "test"))


def main(argv: list[str]) -> int:
    import hardware
    from mlir import ir

    from gaus_mlir.passes.api import parse_pass_pipeline

    results = Path(argv[0]) if argv else HERE / "results" / "hardware" / "hardware.json"
    rows = json.loads(results.read_text())
    latency = {(r["kernel"], r["limits"]): r["latency"] for r in rows if r["method"] == "list"}
    for k in hardware.kernels():
        opts = f"{hardware.METHODS['gaus']} latency-bound={latency[(k.name, k.limits)]}"
        opts += f" limits={k.limits}" if k.limits else ""
        steps = ([k.pre] if k.pre else []) + [f"gaus-schedule{{{opts}}}"]
        with ir.Context() as ctx:
            module = ir.Module.parse(k.text)
            pm = parse_pass_pipeline(f"builtin.module({','.join(steps)})", ctx)
            pm.run(module.operation)
            for r in pm.gaus.regions:
                st = r.schedule.stats
                print(
                    f"{k.label:22s} candidate={st.get('candidate')} relaxation_won={st.get('relaxation_won')} "
                    f"best_baseline={st.get('best_baseline')} best_relaxation={st.get('best_relaxation')}"
                )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
