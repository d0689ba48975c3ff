"""A scheduled straight-line MLIR function as a CIRCT ``pipeline.scheduled``.

Stage k of the pipeline holds the ops with ``gaus.start = k``; the function
returns at stage ``gaus.latency``.  The pipeline is written with explicit
stage registers (``pipeline.stage ^bbK regs(...) pass(...)``), so every
flip-flop of the hardware is one this module decided on:

* a value (function argument or op result, constants excepted) crossing a
  stage boundary after it is ready and before its last use (the return
  counts as a use at the last stage) is one ``regs`` entry per boundary:
  ``bits x (last use - ready)``, the register-pressure model's lifetime;
* an op of latency L > 0 is a fully pipelined functional unit: the
  combinational op followed by L registers inside ``pipeline.latency L``,
  whose result passes (``pass``, no register) through the L stages it is
  in flight: ``bits x L``;
* CIRCT adds one valid bit per stage after the first: ``latency`` bits.

Constants are wires: each stage that uses one gets its own copy.  Integer
``arith`` ops stay ``arith`` here; CIRCT's ``map-arith-to-comb`` turns them
into ``comb`` ops when the pipeline is lowered (:mod:`.lower`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gaus_mlir.ir_bridge.extract import ExtractionError, int_attr, op_latency, op_location, symbol_name
from gaus_mlir.ir_bridge.latencies import LatencyLibrary

if TYPE_CHECKING:
    from mlir import ir

#: integer arith ops that CIRCT's map-arith-to-comb lowers (checked against pycde 0.12.1)
SUPPORTED = frozenset(
    "arith." + n
    for n in (
        "addi subi muli divsi divui remsi remui andi ori xori shli shrsi shrui "
        "maxsi minsi maxui minui cmpi select constant extsi extui trunci"
    ).split()
)


#: the IR grows with the stages and with the values crossing them, so both are
#: bounded: a schedule's numbers never decide how long the emitter runs
MAX_STAGES = 100_000
MAX_CROSSINGS = 2_000_000


class EmitError(Exception):
    """The function cannot become a pipeline; ``op`` is where (None: the function)."""

    def __init__(self, message: str, op: ir.Operation | ir.OpView | None):
        super().__init__(message)
        self.message = message
        self.op = op


@dataclass(frozen=True)
class FlipFlops:
    """The register bits the pipeline holds, by cause (see the module docstring)."""

    lifetimes: int
    units: int
    control: int

    @property
    def total(self) -> int:
        return self.lifetimes + self.units + self.control


@dataclass
class Pipeline:
    """One function as a CIRCT ``hw.module`` holding a ``pipeline.scheduled``."""

    name: str
    inputs: list[tuple[str, int]]
    dead: list  # ops not emitted: their results reach no result
    outputs: list[tuple[str, int]]
    latency: int
    text: str = ""
    flip_flops: FlipFlops = field(default_factory=lambda: FlipFlops(0, 0, 0))


def _width(t: ir.Type, op: ir.Operation | ir.OpView, what: str) -> int:
    from mlir import ir

    t = t.maybe_downcast() if hasattr(t, "maybe_downcast") else t
    if isinstance(t, ir.IntegerType) and t.is_signless and t.width >= 1:
        return t.width
    raise EmitError(f"{what} of type '{t}': the hardware route takes signless integers only", op)


class _Value:
    """An SSA value of the function: its width, the stage it is ready at and
    the last stage that uses it."""

    __slots__ = ("bits", "ready", "last", "const")

    def __init__(self, bits: int, ready: int, const: ir.Operation | None = None):
        self.bits, self.ready, self.last, self.const = bits, ready, ready, const


def is_float(t: ir.Type) -> bool:
    from mlir import ir

    t = t.maybe_downcast() if hasattr(t, "maybe_downcast") else t
    return isinstance(t, ir.FloatType)


def _body_ops(func: ir.Operation) -> tuple[list[ir.Operation], ir.Operation]:
    blocks = list(func.regions[0].blocks)
    if len(blocks) != 1:
        raise EmitError("the function body has more than one block: not a straight-line region", func)
    ops = [op.operation for op in blocks[0].operations]
    *body, ret = ops
    for op in body:
        if op.name not in SUPPORTED:
            if op.regions and len(op.regions):
                why = "nested regions (loops, branches) are not lowered to a pipeline; unroll them first"
            elif any(is_float(v.type) for v in [*op.results, *op.operands]):
                why = "floating point has no CIRCT pipeline lowering"
            elif op.name.startswith("memref.") or op.name.startswith("affine."):
                why = "memories are not part of the pipeline route"
            else:
                why = "CIRCT's map-arith-to-comb does not lower it"
            raise EmitError(f"'{op.name}' cannot become hardware: {why}", op)
    if ret.name != "func.return":
        raise EmitError(f"'{ret.name}' ends the function: expected func.return", ret)
    return body, ret


def _latency(op: ir.Operation, lib: LatencyLibrary) -> int:
    lat = op_latency(op, lib)
    if lat is None:
        raise EmitError(f"no latency known for '{op.name}'", op)
    return lat


def generic_text(op: ir.Operation, operands: list[str], result: str) -> str:
    """``op`` in generic form with new operand (and result) names; inherent
    attributes as an attribute dictionary (CIRCT reads them into
    properties), ``gaus.*`` dropped, the source location kept."""
    attrs = [f"{n} = {op.attributes[n]}" for n in op.attributes if not n.startswith("gaus.")]
    dict_ = " {" + ", ".join(attrs) + "}" if attrs else ""
    ins = ", ".join(str(v.type) for v in op.operands)
    outs = ", ".join(str(r.type) for r in op.results)
    lhs = f"{result} = " if result else ""
    return f'{lhs}"{op.name}"({", ".join(operands)}){dict_} : ({ins}) -> ({outs}){source_loc(op)}'


#: the file name emitted ops carry, so CIRCT's diagnostics can be mapped back to the input
INPUT = "<input>"


def source_loc(op: ir.Operation) -> str:
    """`` loc("<input>":line:col)`` of ``op`` in the user's file ("" if unknown)."""
    loc = op_location(op)
    return f' loc("{INPUT}":{loc[0]}:{loc[1]})' if loc else ""


class _Builder:
    """Collects the stage blocks of one pipeline."""

    def __init__(self, func: ir.Operation, lib: LatencyLibrary):
        from mlir import ir

        self.func = func
        self.name = symbol_name(func)
        ftype = ir.FunctionType(ir.TypeAttr(func.attributes["function_type"]).value)
        self.latency = int_attr(func, "gaus.latency")
        if self.latency is None:
            raise EmitError("the function has no 'gaus.latency': run gaus-schedule first", func)
        if not 0 <= self.latency <= MAX_STAGES:
            raise EmitError(
                f"a pipeline of {self.latency} stages is beyond what gaus-emit-* writes "
                f"(at most {MAX_STAGES}: one block per stage)",
                func,
            )
        self.body, self.ret = _body_ops(func)
        self.values: dict = {}
        self.inputs = []
        for i, arg in enumerate(func.regions[0].blocks[0].arguments):
            bits = _width(arg.type, func, f"argument {i}")
            self.values[arg] = _Value(bits, 0)
            self.inputs.append((f"arg{i}", bits))
        self.outputs = [(f"res{i}", _width(t, self.ret, f"result {i}")) for i, t in enumerate(ftype.results)]
        self.lib = lib
        self.start: dict = {}
        self.lat: dict = {}

    def live_ops(self) -> list[ir.Operation]:
        """The ops whose results reach a result of the function; the others
        would be hardware whose output nothing reads (Yosys removes it)."""
        needed = {v for v in self.ret.operands}
        live = []
        for op in reversed(self.body):
            if any(r in needed for r in op.results):
                live.append(op)
                needed.update(op.operands)
        live.reverse()
        return live

    def analyse(self) -> None:
        live = self.live_ops()
        self.dead = [op for op in self.body if op not in set(live)]
        for op in self.body:
            for r in op.results:
                _width(r.type, op, f"'{op.name}' result")
        for op in live:
            s = int_attr(op, "gaus.start")
            if op.name == "arith.constant":
                self.values[op.results[0]] = _Value(ir_width(op.results[0]), 0, op)
                continue
            if s is None:
                raise EmitError(f"'{op.name}' has no 'gaus.start': run gaus-schedule first", op)
            lat = _latency(op, self.lib)
            self.start[op], self.lat[op] = s, lat
            for v in op.operands:
                self._use(v, s, op)
            for r in op.results:
                self.values[r] = _Value(ir_width(r), s + lat)
            if s + lat > self.latency:
                raise EmitError(
                    f"'{op.name}' finishes at cycle {s + lat}, after the function's gaus.latency "
                    f"{self.latency}: the schedule is not this function's",
                    op,
                )
        for v in self.ret.operands:
            self._use(v, self.latency, self.ret)
        crossings = sum(v.last - v.ready for v in self.values.values() if v.const is None)
        crossings += sum(self.lat.values())
        if crossings > MAX_CROSSINGS:
            raise EmitError(
                f"the pipeline would hold {crossings} stage registers and unit stages "
                f"(at most {MAX_CROSSINGS} are written)",
                self.func,
            )

    def _use(self, v, stage: int, op) -> None:
        val = self.values.get(v)
        if val is None:
            raise EmitError("an operand is defined outside the function body", op)
        if val.const is not None:
            return
        if val.ready > stage:
            raise EmitError(
                f"'{op.name}' at cycle {stage} uses a value ready only at cycle {val.ready}: "
                "the schedule does not respect this latency (run gaus-verify with the same latency-library)",
                op,
            )
        val.last = max(val.last, stage)


def ir_width(v: ir.Value) -> int:
    return _width(v.type, None, "value")


def plan_function(func: ir.Operation | ir.OpView, lib: LatencyLibrary | None = None) -> Pipeline:
    """The pipeline of one scheduled function (raises :class:`EmitError`)."""
    try:
        b = _Builder(func.operation, lib or LatencyLibrary.load(None))
        b.analyse()
    except ExtractionError as e:  # a malformed gaus.* attribute
        raise EmitError(e.message, e.op) from None
    return _Writer(b).write()


class _Writer:
    def __init__(self, b: _Builder):
        self.b = b
        self.lines: list[str] = []
        self.names: dict = {}  # value -> its name in the current stage
        self.counter = 0

    def fresh(self, hint: str = "v") -> str:
        self.counter += 1
        return f"%{hint}{self.counter}"

    def write(self) -> Pipeline:
        b = self.b
        L = b.latency
        args = list(b.func.regions[0].blocks[0].arguments)
        by_stage: dict[int, list] = defaultdict(list)
        for op in b.body:
            if op in b.start:
                by_stage[b.start[op]].append(op)
        # a value crosses boundary k -> k+1 as a register when ready <= k < last,
        # and passes (in flight inside a functional unit) when start <= k < ready
        in_flight: dict[int, list] = defaultdict(list)
        for op, s in b.start.items():
            for r in op.results:
                for k in range(s, s + b.lat[op]):
                    in_flight[k].append(r)
        ins = ", ".join(f"%in{i} : i{w} = %{n}" for i, (n, w) in enumerate(b.inputs))
        outs = ", ".join(f"{n} : i{w}" for n, w in b.outputs)
        head = (
            f"hw.module @{json.dumps(b.name)}("
            + "".join(f"in %{n} : i{w}, " for n, w in b.inputs)
            + "in %go : i1, in %clock : !seq.clock, in %reset : i1"
            + "".join(f", out {n} : i{w}" for n, w in b.outputs)
            + ", out done : i1) {"
        )
        self.lines.append(head)
        res = ", ".join(f"%p#{i}" for i in range(len(b.outputs) + 1))
        self.lines.append(
            f"  %p:{len(b.outputs) + 1} = pipeline.scheduled({ins}) clock(%clock) reset(%reset) "
            f"go(%go) entryEn(%s0_enable) -> ({outs}) {{"
        )
        for i, a in enumerate(args):
            self.names[a] = f"%in{i}"
        live = [a for a in args if b.values[a].last > 0]
        unit_bits = 0
        for k in range(L + 1):
            consts: dict = {}
            for op in by_stage.get(k, []):
                unit_bits += self._op(op, consts)
            if k == L:
                vals = [self._operand(v, consts) for v in b.ret.operands]
                types = ", ".join(str(v.type) for v in b.ret.operands)
                self.lines.append(
                    f"    pipeline.return {', '.join(vals)} : {types}" if vals else "    pipeline.return"
                )
                break
            live = [v for v in live if b.values[v].last > k]
            for op in by_stage.get(k, []):
                live += [r for r in op.results if b.values[r].last > b.values[r].ready]
            regs = [v for v in live if b.values[v].ready <= k < b.values[v].last]
            passes = in_flight.get(k, [])
            self._stage(k, regs, passes)
        self.lines.append("  }")
        self.lines.append(f"  hw.output {res} : " + ", ".join([f"i{w}" for _, w in b.outputs] + ["i1"]))
        self.lines.append("}")
        lifetimes = sum(v.bits * (v.last - v.ready) for v in b.values.values() if v.const is None)
        ff = FlipFlops(lifetimes=lifetimes, units=unit_bits, control=L)
        return Pipeline(b.name, b.inputs, b.dead, b.outputs, L, "\n".join(self.lines) + "\n", ff)

    def _operand(self, v, consts: dict) -> str:
        val = self.b.values[v]
        if val.const is None:
            return self.names[v]
        if v not in consts:
            name = self.fresh("c")
            self.lines.append("    " + generic_text(val.const, [], name))
            consts[v] = name
        return consts[v]

    def _op(self, op, consts: dict) -> int:
        """Write ``op`` into the current stage; return its unit register bits."""
        operands = [self._operand(v, consts) for v in op.operands]
        lat = self.b.lat[op]
        name = self.fresh()
        if lat == 0:
            self.lines.append("    " + generic_text(op, operands, name))
        else:
            t = op.results[0].type
            self.lines.append(f"    {name} = pipeline.latency {lat} -> ({t}) {{")
            inner = self.fresh("u")
            self.lines.append("      " + generic_text(op, operands, inner))
            for _ in range(lat):
                reg = self.fresh("r")
                self.lines.append(f"      {reg} = seq.compreg {inner}, %clock : {t}")
                inner = reg
            self.lines.append(f"      pipeline.latency.return {inner} : {t}")
            self.lines.append("    }")
        self.names[op.results[0]] = name
        return lat * sum(ir_width(r) for r in op.results)

    def _stage(self, k: int, regs: list, passes: list) -> None:
        def listed(vs):
            return ", ".join(f"{self.names[v]} : {v.type}" for v in vs)

        parts = f"pipeline.stage ^bb{k + 1}"
        if regs:
            parts += f" regs({listed(regs)})"
        if passes:
            parts += f" pass({listed(passes)})"
        self.lines.append("    " + parts)
        new_names = {v: self.fresh("s") for v in [*regs, *passes]}
        params = [f"{new_names[v]} : {v.type}" for v in [*regs, *passes]]
        params.append(f"%s{k + 1}_enable : i1")
        self.lines.append(f"  ^bb{k + 1}({', '.join(params)}):")
        self.names.update(new_names)


def plan_module(module_op: ir.Operation, lib: LatencyLibrary | None = None) -> list[Pipeline]:
    """Every function with a body, in order."""
    out = []
    for op in module_op.regions[0].blocks[0].operations:
        if op.operation.name == "func.func" and len(op.regions[0].blocks):
            out.append(plan_function(op, lib))
    return out
