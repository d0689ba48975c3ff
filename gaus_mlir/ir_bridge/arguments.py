"""A function's arguments as registers: what the register objectives must see.

In hardware a function's arguments arrive together at cycle 0 (a pipeline
samples its inputs with ``go``); an argument read at cycle t is held in
registers for t cycles.  The region's problem has no op for them, so
``registers`` / ``lifetimes`` would happily trade one held result for two
held arguments.  :func:`with_arguments` adds one source op whose results are
the arguments (their widths, one value edge per reading op) and that precedes
every op; :func:`without_arguments` shifts a schedule of that problem so the
source sits at cycle 0 (a shift keeps every constraint of an acyclic
problem) and drops it.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

import numpy as np

from ..model import Problem, Schedule
from ..model.problem import MAX_INT
from .extract import Region, operands_within
from .widths import value_bits

if TYPE_CHECKING:
    from mlir import ir

#: name of the source op (an SSA name cannot clash: ops are named <op><index>)
ARGUMENTS = "func.arguments"


def function_arguments(r: Region) -> list[ir.BlockArgument]:
    """The entry-block arguments of the function whose body ``r`` is ([] for
    any other region)."""
    if r.loop or r.owner.name != "func.func":
        return []
    return list(r.owner.regions[0].blocks[0].arguments)


def with_arguments(problem: Problem, r: Region, index_bits: int) -> Problem | None:
    """``problem`` plus the arguments' source op (last index; the objective op
    stays the region's terminator), or None when no op of ``r`` reads an argument."""
    args = function_arguments(r)
    if not args or problem.cyclic:
        return None
    number = {a: k for k, a in enumerate(args)}
    reads = []
    for j, op in enumerate(r.ops):
        seen = set()
        for v in operands_within(op):
            k = number.get(v) if _is_block_argument(v) else None
            if k is not None and k not in seen:
                seen.add(k)
                reads.append((k, j))
    if not reads:
        return None
    wide = copy.deepcopy(problem)
    last = problem.last_op
    wide.last_op_name = problem.op_names[last] if problem.op_names[last] else None
    if wide.last_op_name is None:
        return None  # an unnamed terminator cannot stay the objective op
    otype = wide.add_operator_type(ARGUMENTS, 0)
    bits = [min(value_bits(a.type, index_bits), MAX_INT) for a in args]
    x = wide.add_op(otype, ARGUMENTS, results=len(args), bits=bits)
    readers = set()
    for k, j in reads:
        wide.add_dependence(x, j, 0, result=k)
        readers.add(j)
    for j in range(problem.num_ops):
        if j not in readers:
            wide.add_dependence(x, j, 0, aux=True)
    return wide


def _is_block_argument(v) -> bool:
    from mlir import ir

    return isinstance(v, ir.BlockArgument) or isinstance(getattr(v, "owner", None), ir.Block)


def without_arguments(schedule: Schedule, num_ops: int) -> Schedule:
    """The schedule of the region's own ops, shifted so the arguments arrive at cycle 0."""
    start = np.asarray(schedule.start)
    shift = start[num_ops]
    kept = start[:num_ops] - shift
    return Schedule(
        kept,
        ii=schedule.ii,
        method=schedule.method,
        status=schedule.status,
        objective=schedule.objective,
        bound=schedule.bound,
        stats=dict(schedule.stats),
    )
