"""Schedule an MLIR kernel from Python, the way the MLIR bindings are used.

    python examples/schedule_with_api.py [examples/gemm.mlir]

Builds one PassManager that mixes upstream passes (canonicalize, cse) with
gaus-schedule and gaus-verify, runs it, prints the per-region report and then
reads the start cycles back from the IR.
"""

import sys
from pathlib import Path

from mlir import ir

from gaus_mlir.diagnostics import Diagnostic
from gaus_mlir.passes.api import add_gaus_pass, parse_pass_pipeline


def main(path: str) -> int:
    text = Path(path).read_text()
    with ir.Context(), ir.Location.unknown():
        module = ir.Module.parse(text)
        try:
            pm = parse_pass_pipeline(
                "builtin.module(func.func(canonicalize),gaus-schedule{method=list mem-ports=2},cse)",
                filename=path,
            )
            add_gaus_pass(pm, "gaus-verify", mem_ports=2)  # same extraction options
            pm.run(module.operation)
        except Diagnostic as d:
            print(d, file=sys.stderr)
            return 1
        for line in pm.gaus.summaries:
            print(line)

        # The write-back contract: gaus.start on ops, gaus.ii/gaus.latency on loops.
        def show(op):
            attrs = op.attributes
            if "gaus.ii" in attrs:
                print(
                    f"{op.name} at {op.location}: II={attrs['gaus.ii'].value} "
                    f"latency={attrs['gaus.latency'].value}"
                )
            return ir.WalkResult.ADVANCE

        module.operation.walk(show)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).with_name("gemm.mlir"))))
