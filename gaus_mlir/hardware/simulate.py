"""Verilator lint and cycle-accurate simulation of a pipelined module.

The module interface (what :mod:`gaus_mlir.hardware.emit` produces): the
data inputs and outputs named by the caller, plus ``go`` (1 bit), ``clock``,
``reset`` (synchronous, active high) and ``done`` (1 bit).  Initiation
interval 1: a vector presented with ``go = 1`` in cycle ``c`` (captured at the
rising edge that ends it) is on the outputs with ``done = 1`` in cycle
``c + latency``; latency 0 is combinational (same cycle).

The testbench holds reset for a few cycles, then streams the vectors one per
cycle with random idle cycles (``go = 0``, random inputs) in between and
random initial register values, and checks that ``done`` is 1 in exactly the
cycles where a vector completes.  Python plans the stimulus and checks the
answer; the C++ side only applies it, one line per cycle.

Each call builds its own simulator in a temporary folder; only Verilator's
runtime objects (``verilated.o``, ``verilated_threads.o``: the same bits for
every design, most of the compile time) are kept for the life of the process.
"""

from __future__ import annotations

import atexit
import random
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .tools import ToolFailed, ToolMissing, tail, verilator_command

#: -Wall without the two warnings that a correct design draws: a function that
#: ignores an argument or some of its bits (UNUSEDSIGNAL) and our file name
LINT_FLAGS = ("--lint-only", "-Wall", "-Wno-DECLFILENAME", "-Wno-UNUSEDSIGNAL")
CONTROL_IN = ("go", "clock", "reset")
RESET_CYCLES = 3
IDLE_PROBABILITY = 0.3
MAX_WIDTH = 64
_PORT = re.compile(r"VL_(IN|OUT)(?:8|16|64|W)?\(&(\w+),(\d+),(\d+)")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
#: Verilator's runtime, compiled identically for every design
RUNTIME_OBJECTS = ("verilated.o", "verilated_threads.o")
_RUNTIME: dict[str, Path] = {}


class SimulationMismatch(AssertionError):
    """``done`` was 1 where no vector completes, or 0 where one does."""


class SimulationError(ToolFailed):
    """The testbench could not be built or run (ports, widths, compiler)."""


@dataclass(frozen=True)
class Plan:
    """Per cycle: ``(reset, go, input values)``; ``issue[k]``: the cycle in
    which vector ``k`` is presented."""

    cycles: list[tuple[int, int, list[int]]]
    issue: list[int]


def lint(verilog: str, top: str) -> list[str]:
    """Verilator's warnings and errors on ``verilog`` (``LINT_FLAGS``), one
    string per diagnostic; lint-clean is the empty list."""
    _check_name(top)
    command, env = verilator_command()
    with tempfile.TemporaryDirectory(prefix="gaus-lint-") as tmp:
        Path(tmp, f"{top}.sv").write_text(verilog)
        done = subprocess.run(
            [*command, *LINT_FLAGS, "--top-module", top, f"{top}.sv"],
            cwd=tmp,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    said = [ln for ln in (done.stderr + done.stdout).splitlines() if ln.startswith("%")]
    said = [ln for ln in said if not ln.startswith("%Error: Exiting due to")]
    if done.returncode != 0 and not said:
        raise SimulationError(f"Verilator lint failed (exit {done.returncode}):\n{tail(done.stderr)}")
    return said


def plan_stimulus(widths_in: list[int], vectors: list[list[int]], latency: int, seed: int = 0) -> Plan:
    """Reset, then the vectors one per cycle with random idle cycles (random
    inputs, ``go = 0``) between them, then enough idle cycles to drain."""
    rng = random.Random(seed)
    cycles: list[tuple[int, int, list[int]]] = [(1, 0, [0] * len(widths_in))] * RESET_CYCLES
    issue = []

    def idle() -> tuple[int, int, list[int]]:
        return (0, 0, [rng.getrandbits(w) for w in widths_in])

    for vec in vectors:
        while rng.random() < IDLE_PROBABILITY:
            cycles.append(idle())
        issue.append(len(cycles))
        cycles.append((0, 1, [v & ((1 << w) - 1) for v, w in zip(vec, widths_in)]))
    cycles += [idle() for _ in range(latency + 3)]
    return Plan(cycles, issue)


def check_done(plan: Plan, done: list[int], latency: int) -> None:
    """Raise :class:`SimulationMismatch` unless ``done`` is 1 exactly at
    ``issue + latency`` in every cycle after reset."""
    expected = {c + latency for c in plan.issue}
    wrong = [c for c in range(RESET_CYCLES, len(done)) if done[c] != (c in expected)]
    if not wrong:
        return
    spurious = [c for c in wrong if done[c]]
    missed = [c for c in wrong if not done[c]]
    seen = [c for c in range(RESET_CYCLES, len(done)) if done[c]]
    shifts = sorted({s - c for c, s in zip(plan.issue, seen)})
    guess = (
        f"; done follows go by {shifts[0]} cycle(s)"
        if len(shifts) == 1 and len(seen) == len(plan.issue)
        else ""
    )
    raise SimulationMismatch(
        f"done is wrong in {len(wrong)} cycle(s) for latency {latency}{guess}: "
        f"1 without a completing vector in cycles {spurious[:8]}, "
        f"0 where a vector completes in cycles {missed[:8]} (vectors issued in cycles {plan.issue[:8]}...)"
    )


def simulate(
    verilog: str,
    top: str,
    inputs: list[tuple[str, int]],
    outputs: list[tuple[str, int]],
    vectors: list[list[int]],
    latency: int,
    *,
    seed: int = 0,
) -> list[list[int]]:
    """Simulate ``top`` on ``vectors`` (one value per input port, in the order
    of ``inputs``) with Verilator and return, per vector and in vector order,
    the ``outputs`` in the cycle where ``done`` marks it.  Raises
    :class:`SimulationMismatch` on wrong ``done`` timing and
    :class:`SimulationError` when the testbench cannot be built."""
    _check_ports(top, inputs, outputs, latency)
    for k, vec in enumerate(vectors):
        if len(vec) != len(inputs):
            raise ValueError(f"vector {k} has {len(vec)} values for {len(inputs)} inputs")
    plan = plan_stimulus([w for _, w in inputs], vectors, latency, seed)
    with tempfile.TemporaryDirectory(prefix="gaus-sim-") as tmp:
        binary = _build(Path(tmp), verilog, top, inputs, outputs, seed)
        rows = _run(Path(tmp), binary, plan)
    check_done(plan, [r[0] for r in rows], latency)
    masks = [(1 << w) - 1 for _, w in outputs]
    return [[v & m for v, m in zip(rows[c + latency][1:], masks)] for c in plan.issue]


def _check_name(name: str) -> None:
    if not _NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not a plain Verilog/C++ identifier")


def _check_ports(top: str, inputs, outputs, latency: int) -> None:
    _check_name(top)
    if latency < 0:
        raise ValueError(f"latency {latency} < 0")
    names = [n for n, _ in inputs] + [n for n, _ in outputs]
    for name, width in [*inputs, *outputs]:
        _check_name(name)
        if not 1 <= width <= MAX_WIDTH:
            raise ValueError(
                f"port {name} is {width} bits: the testbench handles 1 to {MAX_WIDTH} bits per port"
            )
    clash = {n for n in names if names.count(n) > 1 or n in (*CONTROL_IN, "done")}
    if clash:
        raise ValueError(f"port names used twice or reserved (go, clock, reset, done): {sorted(clash)}")


def _testbench(top: str, inputs, outputs, seed: int) -> str:
    """C++ main: per stimulus line ``reset go v...``, set the inputs, settle,
    print ``done o...``, then one clock period."""
    reads = "\n".join(
        f'    if (std::fscanf(in, "%llu", &v) != 1) return 2;\n    top->{n} = v;' for n, _ in inputs
    )
    prints = "\n".join(f'    std::fprintf(out, " %llu", (unsigned long long)top->{n});' for n, _ in outputs)
    return f"""#include "V{top}.h"
#include "verilated.h"
#include <cstdio>
#include <memory>

int main(int argc, char** argv) {{
  if (argc != 3) return 2;
  auto ctx = std::make_unique<VerilatedContext>();
  ctx->randReset(2);
  ctx->randSeed({seed % 2**31});
  auto top = std::make_unique<V{top}>(ctx.get(), "top");
  std::FILE* in = std::fopen(argv[1], "r");
  std::FILE* out = std::fopen(argv[2], "w");
  if (!in || !out) return 2;
  unsigned long long rst, go, v;
  top->clock = 0;
  while (std::fscanf(in, "%llu %llu", &rst, &go) == 2) {{
    top->reset = rst;
    top->go = go;
{reads}
    top->eval();
    std::fprintf(out, "%llu", (unsigned long long)top->done);
{prints}
    std::fputc('\\n', out);
    top->clock = 1;
    top->eval();
    ctx->timeInc(1);
    top->clock = 0;
    top->eval();
    ctx->timeInc(1);
  }}
  top->final();
  std::fclose(out);
  return 0;
}}
"""


def _build(tmp: Path, verilog: str, top: str, inputs, outputs, seed: int) -> Path:
    """Verilate ``top`` with the testbench, check its ports, compile it.
    Verilator's runtime objects (most of the compile time, the same for every
    design) are compiled once per process and reused."""
    (tmp / f"{top}.sv").write_text(verilog)
    (tmp / "tb.cpp").write_text(_testbench(top, inputs, outputs, seed))
    command, env = verilator_command()
    flags = ["--cc", "--exe", "-Wno-fatal", "--x-assign", "unique", "--x-initial", "unique"]
    flags += ["--top-module", top, "--Mdir", "obj", "-o", "sim"]
    done = _tool([*command, *flags, f"{top}.sv", "tb.cpp"], tmp, env)
    header = tmp / "obj" / f"V{top}.h"
    if done.returncode != 0 or not header.is_file():
        raise SimulationError(
            f"Verilator rejected {top} (exit {done.returncode}):\n{tail(done.stderr + done.stdout)}"
        )
    _match_ports(header.read_text(), top, inputs, outputs)
    key = " ".join(command) + env.get("CXXFLAGS", "")
    cached = _RUNTIME.get(key)
    for name in RUNTIME_OBJECTS if cached else ():
        shutil.copyfile(cached / name, tmp / "obj" / name)  # newer than its source: make keeps it
    done = _tool(["make", "-j", "2", "-f", f"V{top}.mk", "sim"], tmp / "obj", env)
    binary = tmp / "obj" / "sim"
    if done.returncode != 0 or not binary.is_file():
        raise SimulationError(
            f"compiling the Verilator testbench of {top} failed (exit {done.returncode}):\n"
            f"{tail(done.stderr + done.stdout)}"
        )
    if not cached and all((tmp / "obj" / name).is_file() for name in RUNTIME_OBJECTS):
        keep = Path(tempfile.mkdtemp(prefix="gaus-verilated-"))
        atexit.register(shutil.rmtree, keep, True)
        for name in RUNTIME_OBJECTS:
            shutil.copyfile(tmp / "obj" / name, keep / name)
        _RUNTIME[key] = keep
    return binary


def _tool(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    if shutil.which(argv[0]) is None:
        raise ToolMissing(f"{argv[0]} is not on the PATH (Verilator needs perl, make and a C++ compiler)")
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def _match_ports(header: str, top: str, inputs, outputs) -> None:
    """The module's ports (from Verilator's header) are those of the interface."""
    have = {m[2]: (m[1], int(m[3]) - int(m[4]) + 1) for m in _PORT.finditer(header)}
    want = {n: ("IN", w) for n, w in inputs} | {n: ("OUT", w) for n, w in outputs}
    want |= {n: ("IN", 1) for n in CONTROL_IN} | {"done": ("OUT", 1)}
    wrong = [
        f"{n}: the module has {have[n][0].lower()}put of {have[n][1]} bits, expected {d.lower()}put of {w}"
        for n, (d, w) in want.items()
        if n in have and have[n] != (d, w)
    ]
    lacking = sorted(set(want) - set(have))
    extra = sorted(set(have) - set(want))
    if wrong or lacking or extra:
        raise SimulationError(
            f"the ports of {top} do not match the interface: missing {lacking}, unexpected {extra}"
            + ("; " + "; ".join(wrong) if wrong else "")
        )


def _run(tmp: Path, binary: Path, plan: Plan) -> list[list[int]]:
    lines = (" ".join(map(str, (r, g, *vals))) for r, g, vals in plan.cycles)
    (tmp / "stim.txt").write_text("\n".join(lines) + "\n")
    done = subprocess.run(
        [str(binary), "stim.txt", "out.txt"], cwd=tmp, capture_output=True, text=True, timeout=300
    )
    if done.returncode != 0:
        raise SimulationError(f"the testbench failed (exit {done.returncode}):\n{tail(done.stderr)}")
    rows = [list(map(int, ln.split())) for ln in (tmp / "out.txt").read_text().splitlines()]
    if len(rows) != len(plan.cycles):
        raise SimulationError(f"the testbench ran {len(rows)} of {len(plan.cycles)} cycles")
    return rows
