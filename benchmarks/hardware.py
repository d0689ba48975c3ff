"""The hardware suite: each kernel scheduled by each method at the list
schedule's latency, lowered by CIRCT to SystemVerilog (gaus-emit-verilog),
counted by Yosys and simulated by Verilator against the MLIR function.

    .venv/bin/python benchmarks/hardware.py --out DIR [--quick] [--no-sim]
    .venv/bin/python benchmarks/run.py --suites hardware      # the same, in the main report

Per (kernel, limits, method): latency, the register model's lifetimes
(arguments included), the flip-flops the pipeline holds by construction
(lifetimes + multi-cycle units + valid bits), Yosys's count of the RTL's
flip-flops (``proc; flatten; opt_clean; techmap``: must equal the
prediction), the flip-flops and cells after ``synth -noabc`` (Yosys also
drops redundant bits, e.g. the copies of a sign bit), whether Verilator's
simulation of 1,000 random vectors equals the reference, gaus-opt's wall
time and the CIRCT child process's share of it.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT / "test"))

UNROLL = "func.func(affine-loop-unroll{unroll-full-threshold=64}),canonicalize"


@dataclass(frozen=True)
class Kernel:
    name: str
    text: str
    limits: str = ""  # gaus-schedule limits=, "" for none
    pre: str = ""  # upstream passes before scheduling

    @property
    def label(self) -> str:
        return self.name + (f" [{self.limits}]" if self.limits else "")


#: method -> gaus-schedule options (register methods get latency-bound=<list's latency>)
METHODS = {
    "list": "method=list",
    "circt": "method=circt",
    "lp": "method=lp objective=lifetimes",
    "cpsat": "method=cpsat objective=lifetimes time-limit=20",
    "gaus": "method=gaus objective=lifetimes time-limit=10",
}
BOUNDED = ("lp", "cpsat", "gaus")
NO_LIMITS = ("circt", "lp")  # methods that cannot take resource limits


def kernels(quick: bool = False) -> list[Kernel]:
    from hardware_kernels import fir_kernel, random_kernel

    ex = ROOT / "examples" / "hardware"
    out = []
    for f, lims, pre in (
        ("complex_mul", ("", "muli:2"), ""),
        ("dot4_i8", ("", "muli:1"), ""),
        ("fir4_i8", ("", "muli:1"), ""),
        ("horner", ("",), UNROLL),
    ):
        for lim in lims:
            out.append(Kernel(f, (ex / f"{f}.mlir").read_text(), lim, pre))
    if quick:
        return [k for k in out if k.name in ("dot4_i8", "fir4_i8")]
    for taps, mults in ((16, 2), (32, 4)):  # larger: CP-SAT stops unproven here
        out.append(Kernel(f"fir{taps}_i8", fir_kernel(taps, f"fir{taps}_i8"), f"muli:{mults}"))
    for seed in range(6):
        for lim in ("", "muli:1"):
            out.append(Kernel(f"random{seed}", random_kernel(seed, f"random{seed}"), lim))
    return out


@dataclass
class Row:
    kernel: str
    limits: str
    method: str
    status: str = "ok"
    error: str = ""
    latency: int | None = None
    lifetimes: int | None = None
    predicted_ff: int | None = None
    rtl_ff: int | None = None
    synth_ff: int | None = None
    cells: int | None = None
    lint: str = ""
    sim: str = ""
    gaus_opt_s: float | None = None
    circt_s: float | None = None
    extra: dict = field(default_factory=dict)


_SCHED = re.compile(r"method=(\S+) .*?latency=(\d+) .*?registers=\d+ lifetimes=(\d+)")
_EMIT = re.compile(r"flip-flops=(\d+) \(lifetimes (\d+) \+ units (\d+) \+ control (\d+)\) circt=([\d.]+)s")


def gaus_opt(kernel: Kernel, options: str, sv: Path, out: Path) -> tuple[int, str, float]:
    """Run the pipeline; the Verilog goes to ``sv``, the scheduled IR to ``out``."""
    steps = [kernel.pre] if kernel.pre else []
    steps += [f"gaus-schedule{{{options}}}", "gaus-verify", f"gaus-emit-verilog{{output={sv}}}"]
    exe = Path(sys.executable).parent / "gaus-opt"
    t0 = time.perf_counter()
    done = subprocess.run(
        [str(exe), "-", f"--pass-pipeline=builtin.module({','.join(steps)})", "--summary", "-o", str(out)],
        input=kernel.text,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return done.returncode, done.stderr, time.perf_counter() - t0


def run_one(kernel: Kernel, method: str, bound: int | None, tmp: Path, simulate: bool) -> Row:
    row = Row(kernel.name, kernel.limits, method)
    if kernel.limits and method in NO_LIMITS:
        row.status, row.error = "n/a", f"{method} takes no resource limits"
        return row
    options = METHODS[method]
    if kernel.limits:
        options += f" limits={kernel.limits}"
    if method in BOUNDED and bound is not None:
        options += f" latency-bound={bound}"
    sv = tmp / f"{kernel.name}.{method}.sv"
    scheduled = sv.with_suffix(".mlir")
    code, err, wall = gaus_opt(kernel, options, sv, scheduled)
    row.gaus_opt_s = round(wall, 3)
    s, e = _SCHED.search(err), _EMIT.search(err)
    if code != 0 or not (s and e):
        row.status, row.error = "error", err.strip().splitlines()[-1][:200] if err.strip() else f"exit {code}"
        return row
    row.extra["scheduler"] = s.group(1)
    row.latency, row.lifetimes = int(s.group(2)), int(s.group(3))
    row.predicted_ff, row.circt_s = int(e.group(1)), float(e.group(5))
    verilog = sv.read_text()
    _measure(row, kernel, verilog, scheduled.read_text() if simulate else "")
    return row


def _measure(row: Row, kernel: Kernel, verilog: str, scheduled: str) -> None:
    """Yosys and Verilator figures; ``scheduled``: the IR to simulate against ("" skips it)."""
    from gaus_mlir.hardware.simulate import lint
    from gaus_mlir.hardware.synth import yosys_stats

    top = kernel.name
    row.rtl_ff = yosys_stats(verilog, top, synth=False).ff_bits
    st = yosys_stats(verilog, top)
    row.synth_ff, row.cells = st.ff_bits, st.cells
    warnings = lint(verilog, top)
    row.lint = "clean" if not warnings else f"{len(warnings)} warnings"
    if scheduled:
        row.sim = _simulate(kernel, scheduled, verilog, row.latency)


def _simulate(kernel: Kernel, scheduled: str, verilog: str, latency: int) -> str:
    from hardware_kernels import simulate_against_reference

    got, want = simulate_against_reference(scheduled, kernel.name, verilog, latency)
    bad = sum(1 for a, b in zip(got, want, strict=True) if a != b)
    return f"{len(want)}/{len(want)} equal" if bad == 0 else f"{bad}/{len(want)} DIFFER"


def run(out: Path, *, quick: bool = False, simulate: bool = True, only: str = "", log=print) -> list[dict]:
    from hardware_kernels import hardware_missing

    out.mkdir(parents=True, exist_ok=True)
    why = hardware_missing()
    if why is not None:
        log(f"hardware suite skipped: {why}")
        return []
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="gaus-hw-") as tmp:
        for kernel in kernels(quick):
            if only and only not in kernel.name:
                continue
            base = run_one(kernel, "list", None, Path(tmp), simulate)
            rows.append(base)
            log(_line(base))
            for method in METHODS:
                if method == "list":
                    continue
                row = run_one(kernel, method, base.latency, Path(tmp), simulate)
                rows.append(row)
                log(_line(row))
    data = [asdict(r) for r in rows]
    (out / "hardware.json").write_text(json.dumps(data, indent=1))
    (out / "hardware.md").write_text(report(data))
    return data


def _line(r: Row) -> str:
    if r.status != "ok":
        return f"{r.kernel:12s} {r.limits:7s} {r.method:6s} {r.status}: {r.error}"
    return (
        f"{r.kernel:12s} {r.limits:7s} {r.method:6s} L={r.latency} lifetimes={r.lifetimes} "
        f"ff={r.predicted_ff}/{r.rtl_ff} synth={r.synth_ff} cells={r.cells} {r.lint} {r.sim} "
        f"{r.gaus_opt_s:.2f}s (circt {r.circt_s:.2f}s)"
    )


def report(rows: list[dict]) -> str:
    """Markdown: one table, then the targets' checks."""
    head = (
        "| kernel | limits | method | latency | lifetimes (model) | FF predicted | FF RTL (Yosys) "
        "| FF after synth | cells | lint | simulation | gaus-opt s | CIRCT s |\n"
        "| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | ---: | ---: |\n"
    )
    lines = []
    for r in rows:
        if r["status"] != "ok":
            lines.append(
                f"| {r['kernel']} | {r['limits'] or '-'} | {r['method']} | {r['status']}: {r['error']} "
                "| | | | | | | | | |"
            )
            continue
        lines.append(
            f"| {r['kernel']} | {r['limits'] or '-'} | {r['method']} | {r['latency']} | {r['lifetimes']} "
            f"| {r['predicted_ff']} | {r['rtl_ff']} | {r['synth_ff']} | {r['cells']} | {r['lint']} "
            f"| {r['sim'] or '-'} | {r['gaus_opt_s']:.2f} | {r['circt_s']:.2f} |"
        )
    return (
        "## Hardware (CIRCT -> SystemVerilog -> Yosys, Verilator)\n\n"
        + head
        + "\n".join(lines)
        + "\n\n"
        + summary(rows)
    )


def summary(rows: list[dict]) -> str:
    by = {}
    for r in rows:
        if r["status"] == "ok":
            by[(r["kernel"], r["limits"], r["method"])] = r
    groups = sorted({(k, lim) for k, lim, _ in by})
    fewer = equal = worse = 0
    gaps = []
    for k, lim in groups:
        g, li = by.get((k, lim, "gaus")), by.get((k, lim, "list"))
        if g and li:
            if g["rtl_ff"] < li["rtl_ff"]:
                fewer += 1
            elif g["rtl_ff"] == li["rtl_ff"]:
                equal += 1
            else:
                worse += 1
        exact = by.get((k, lim, "lp")) or by.get((k, lim, "cpsat"))
        if g and exact and exact["lifetimes"] is not None:
            gaps.append((k, lim, g["lifetimes"], exact["lifetimes"], exact["method"]))
    mism = [r for r in by.values() if r["rtl_ff"] != r["predicted_ff"]]
    sims = [r for r in by.values() if r["sim"] and "DIFFER" in r["sim"]]
    circt = [r["circt_s"] for r in by.values() if r["circt_s"] is not None]
    out = [
        f"- gaus vs list at list's latency (RTL flip-flops): fewer on {fewer}, equal on {equal}, "
        f"more on {worse} of {fewer + equal + worse} kernel settings.",
        "- gaus lifetimes vs the exact method (lp without limits, else cpsat): "
        + ", ".join(f"{k}{' [' + lim + ']' if lim else ''} {g} vs {e} ({m})" for k, lim, g, e, m in gaps),
        f"- Yosys RTL flip-flops = predicted on {len(by) - len(mism)}/{len(by)} runs"
        + (": MISMATCH " + ", ".join(f"{r['kernel']}/{r['method']}" for r in mism) if mism else "."),
        f"- Simulations differing from the reference: {len(sims)}.",
    ]
    if circt:
        out.append(
            f"- CIRCT child process per gaus-opt run: mean {sum(circt) / len(circt):.2f} s, max {max(circt):.2f} s."
        )
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(HERE / "results" / "hardware"))
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--no-sim", action="store_true", help="skip the Verilator simulations")
    ap.add_argument("--only", default="", help="kernels whose name contains this text")
    args = ap.parse_args(argv)
    run(Path(args.out), quick=args.quick, simulate=not args.no_sim, only=args.only)
    print(f"wrote {Path(args.out) / 'hardware.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
