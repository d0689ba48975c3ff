"""A function holding one pipelined innermost loop as CIRCT's
``loopschedule.pipeline``, with our II and one ``loopschedule.pipeline.stage``
per distinct ``gaus.start`` of the loop body (the form CIRCT's own
``convert-affine-to-loopschedule`` produces, so ``lower-loopschedule-to-calyx``
takes it).

The rest of the function stays as it is.  Values a stage defines and a later
stage, the next iteration or the loop's results read are the stage's
``loopschedule.register`` results; the induction variable is the first
``iter_args`` value, incremented in the first stage.  Calyx is as far as any
installable CIRCT goes (no wheel lowers Calyx to Verilog), and its lowering
uses stage membership and order only, not ``start`` or ``II``.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from gaus_mlir.ir_bridge.extract import ExtractionError, int_attr, symbol_name

from .emit import EmitError, is_float, source_loc

if TYPE_CHECKING:
    from mlir import ir

LOOPS = ("scf.for", "affine.for")
ACCESSES = frozenset({"affine.load", "affine.store"})  # affine accesses written as memref ones


@dataclass
class LoopPipeline:
    """One function whose pipelined loop became a ``loopschedule.pipeline``."""

    name: str
    ii: int
    stages: int
    text: str


def pipelined_loop(func: ir.Operation) -> ir.Operation | None:
    """The function's loop if its body is straight-line code around one
    scheduled loop (``gaus.ii``) with a straight-line body; None if it holds no loop."""
    loops = [op.operation for op in func.regions[0].blocks[0].operations if op.operation.name in LOOPS]
    if not loops:
        return None
    if len(loops) > 1:
        raise EmitError("more than one loop in the function: CIRCT's loopschedule route takes one", loops[1])
    loop = loops[0]
    try:
        ii = int_attr(loop, "gaus.ii")
    except ExtractionError as e:  # a malformed gaus.ii
        raise EmitError(e.message, e.op) from None
    if ii is None:
        raise EmitError(f"'{loop.name}' has no 'gaus.ii': run gaus-schedule first", loop)
    for op in loop.regions[0].blocks[0].operations:
        if any(is_float(v.type) for v in [*op.operation.results, *op.operation.operands]):
            raise EmitError(
                f"'{op.operation.name}': floating point has no CIRCT lowering to Calyx", op.operation
            )
        if len(op.operation.regions):
            raise EmitError(
                f"'{op.operation.name}' nested in the loop: only innermost loops are pipelined", op.operation
            )
    return loop


def _bounds(loop: ir.Operation) -> tuple[int, int, int]:
    """(lower bound, upper bound, step), all compile-time constants."""
    from gaus_mlir.ir_bridge.access import const_value
    from gaus_mlir.ir_bridge.extract import constant_map

    if loop.name == "affine.for":
        lbs = constant_map(loop.attributes["lowerBoundMap"])
        ubs = constant_map(loop.attributes["upperBoundMap"])
        lb, ub = (max(lbs) if lbs else None), (min(ubs) if ubs else None)
        step = int_attr(loop, "step")
    else:
        lb, ub, step = (const_value(v) for v in list(loop.operands)[:3])
        if "unsignedCmp" in loop.attributes:
            lb = None  # the loopschedule condition compares unsigned indices: keep it simple
    if lb is None or ub is None or step is None or step <= 0:
        raise EmitError(f"'{loop.name}' needs constant bounds and a positive step", loop)
    return lb, ub, step


class _Text:
    """Names and lines of the function being rewritten."""

    def __init__(self):
        self.names: dict = {}
        self.lines: list[str] = []
        self.n = 0

    def fresh(self, hint: str = "v") -> str:
        self.n += 1
        return f"%{hint}{self.n}"

    def op(self, op: ir.Operation, indent: str) -> None:
        """``op`` in generic form with renamed operands and results."""
        from .emit import generic_text

        operands = [self.names[v] for v in op.operands]
        results = [self.fresh() for _ in op.results]
        for r, n in zip(op.results, results, strict=True):
            self.names[r] = n
        if op.name in ACCESSES:
            self.lines.append(indent + _access(op, operands, results, self.names))
            return
        self.lines.append(indent + generic_text(op, operands, ", ".join(results)))


def _access(op: ir.Operation, operands: list[str], results: list[str], names: dict) -> str:
    """An affine access with an identity map as a memref access."""
    from mlir import ir

    amap = ir.AffineMapAttr(op.attributes["map"]).value
    dims = [str(e) for e in amap.results]
    want = [f"d{k}" for k in range(amap.n_dims)]
    if amap.n_symbols or dims != want:
        raise EmitError(
            f"'{op.name}' with map {amap}: only identity maps become memref accesses "
            "(run lower-affine before gaus-schedule)",
            op,
        )
    loc = source_loc(op)
    if op.name == "affine.load":
        mem, idx = operands[0], operands[1:]
        t = op.operands[0].type
        return f"{results[0]} = memref.load {mem}[{', '.join(idx)}] : {t}{loc}"
    val, mem, idx = operands[0], operands[1], operands[2:]
    t = op.operands[1].type
    return f"memref.store {val}, {mem}[{', '.join(idx)}] : {t}{loc}"


def plan_loop_function(func: ir.Operation | ir.OpView) -> LoopPipeline:
    """The function with its pipelined loop as a ``loopschedule.pipeline``."""
    try:
        return _plan_loop_function(func)
    except ExtractionError as e:  # a malformed gaus.* attribute
        raise EmitError(e.message, e.op) from None


def _plan_loop_function(func: ir.Operation | ir.OpView) -> LoopPipeline:
    from mlir import ir

    func = func.operation
    loop = pipelined_loop(func)
    t = _Text()
    name = symbol_name(func)
    args = list(func.regions[0].blocks[0].arguments)
    for k, a in enumerate(args):
        t.names[a] = f"%arg{k}"
    ftype = ir.TypeAttr(func.attributes["function_type"]).value
    t.lines.append(
        f"func.func @{json.dumps(name)}({', '.join(f'%arg{k}: {a.type}' for k, a in enumerate(args))}) "
        f"-> ({', '.join(str(r) for r in ir.FunctionType(ftype).results)}) {{"
    )
    stages = 0
    for op in func.regions[0].blocks[0].operations:
        op = op.operation
        if op == loop:
            stages = _pipeline(t, loop)
        elif op.name == "func.return":
            vals = [t.names[v] for v in op.operands]
            types = ", ".join(str(v.type) for v in op.operands)
            t.lines.append(f"  return {', '.join(vals)} : {types}" if vals else "  return")
        elif len(op.regions):
            raise EmitError(f"'{op.name}' has regions: not part of the loopschedule route", op)
        else:
            t.op(op, "  ")
    t.lines.append("}")
    return LoopPipeline(name, int_attr(loop, "gaus.ii"), stages, "\n".join(t.lines) + "\n")


def _pipeline(t: _Text, loop: ir.Operation) -> int:
    lb, ub, step = _bounds(loop)
    trips = max(0, -(-(ub - lb) // step))
    body = loop.regions[0].blocks[0]
    block_args = list(body.arguments)
    inits = list(loop.operands)[-(len(block_args) - 1) :] if len(block_args) > 1 else []
    ops = [op.operation for op in body.operations]
    *ops, yld = ops
    starts = {}
    for op in ops:
        s = int_attr(op, "gaus.start")
        if s is None:
            raise EmitError(f"'{op.name}' has no 'gaus.start': run gaus-schedule first", op)
        starts[op] = s
    c_lb, c_ub, c_step = t.fresh("lb"), t.fresh("ub"), t.fresh("step")
    for n, v in ((c_lb, lb), (c_ub, ub), (c_step, step)):
        t.lines.append(f"  {n} = arith.constant {v} : index")
    iv = t.fresh("iv")
    carried = [t.fresh("it") for _ in block_args[1:]]
    t.names[block_args[0]] = iv
    for a, n in zip(block_args[1:], carried, strict=True):
        t.names[a] = n
    iters = ", ".join(
        [f"{iv} = {c_lb}", *(f"{n} = {t.names[v]}" for n, v in zip(carried, inits, strict=True))]
    )
    in_types = ", ".join(["index", *(str(a.type) for a in block_args[1:])])
    out_types = ", ".join(str(r.type) for r in loop.results)
    res = t.fresh("loop")
    lhs = f"{res}:{len(loop.results)} = " if len(loop.results) > 1 else (f"{res} = " if loop.results else "")
    t.lines.append(
        f"  {lhs}loopschedule.pipeline II = {int_attr(loop, 'gaus.ii')} trip_count = {trips} "
        f"iter_args({iters}) : ({in_types}) -> ({out_types}) {{"
    )
    cond = t.fresh("cond")
    t.lines += [
        f"    {cond} = arith.cmpi ult, {iv}, {c_ub} : index",
        f"    loopschedule.register {cond} : i1",
        "  } do {",
    ]
    by_start = defaultdict(list)
    for op in ops:
        by_start[starts[op]].append(op)
    order = sorted(by_start) or [0]
    stage_of = {r: s for s in order for op in by_start[s] for r in op.results}
    last_use: dict = {}
    for op in ops:
        for v in op.operands:
            if v in stage_of:
                last_use[v] = max(last_use.get(v, -1), starts[op])
    final = list(yld.operands)
    for v in final:
        if v in stage_of:
            last_use[v] = max(last_use.get(v, -1), order[-1] + 1)
    nxt = None
    for k, s in enumerate(order):
        inner = []
        keep = []
        saved = dict(t.names)
        if k == 0:
            nxt = t.fresh("next")
            inner.append(f"      {nxt} = arith.addi {iv}, {c_step} : index")
            keep.append((nxt, "index", "next"))
        for op in by_start.get(s, []):
            start_line = len(t.lines)
            t.op(op, "      ")
            inner += t.lines[start_line:]
            del t.lines[start_line:]
            for r in op.results:
                if last_use.get(r, -1) > s:
                    keep.append((t.names[r], str(r.type), r))
        sname = t.fresh("s")
        types = ", ".join(ty for _, ty, _ in keep)
        lhs = f"{sname}:{len(keep)} = " if len(keep) > 1 else (f"{sname} = " if keep else "")
        t.lines.append(f"    {lhs}loopschedule.pipeline.stage start = {s} {{")
        t.lines += inner
        t.lines.append(
            f"      loopschedule.register {', '.join(n for n, _, _ in keep)} : {types}"
            if keep
            else "      loopschedule.register"
        )
        t.lines.append(f"    }} : {types}" if keep else "    }")
        t.names = saved  # values of this stage are seen through its results
        for j, (_, _, v) in enumerate(keep):
            ref = f"{sname}#{j}" if len(keep) > 1 else sname
            if v == "next":
                nxt = ref
            else:
                t.names[v] = ref
    outs = [t.names[v] for v in final]
    yield_types = ", ".join(str(v.type) for v in final)
    t.lines.append(
        f"    loopschedule.terminator iter_args({', '.join([nxt, *outs])}), results({', '.join(outs)}) : "
        f"({', '.join(['index', *(str(v.type) for v in final)])}) -> ({yield_types})"
    )
    t.lines.append("  }")
    for j, r in enumerate(loop.results):
        t.names[r] = f"{res}#{j}" if len(loop.results) > 1 else res
    return len(order)
