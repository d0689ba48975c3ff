"""Scheduling problems from func/affine/scf IR (see the README's "Extraction
semantics").

Every function body, loop body and branch of an ``scf.if``/``affine.if`` is a
*region*.  The body of an innermost ``affine.for``/``scf.for`` is pipelined (a
cyclic/modulo problem with loop-carried dependences); every other region is an
acyclic problem in which a nested loop or branch is one op whose latency comes
from its own schedule.  The region's terminator is its last op (the objective),
so a region's latency is the terminator's start.  A region of several blocks
(``cf.br``/``cf.cond_br``) is not modelled: it and the regions around it are
left unscheduled with a remark.  A nested op holds the resources it shares
with its neighbours until its last use of them ends (its *hold*, which a
blocking op inside can push past its latency).

Analysis runs over the whole function before anything is written back: an
``Operation``'s hash changes once an attribute is set.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..model import CyclicProblem, ModuloProblem, Problem, SharedOperatorsProblem, Subject
from ..model.problem import MAX_INT
from .access import Scope, const_value
from .latencies import LatencyLibrary
from .memory import ALL, VIEWS, MemoryModel, memory_edges, summarise
from .widths import DEFAULT_INDEX_BITS, result_bits

if TYPE_CHECKING:  # mlir is imported only where IR is touched
    import numpy as np
    from mlir import ir

    from ..model import Schedule

LOOPS = ("affine.for", "scf.for")
BRANCHES = ("scf.if", "affine.if", "scf.execute_region")
#: loops whose iteration count or order we do not model: never scheduled
#: around (their enclosing region gets a remark), never scheduled inside.
OPAQUE_LOOPS = ("scf.while", "scf.parallel", "affine.parallel", "scf.forall")
PURE_DIALECTS = ("arith.", "math.", "index.")
PURE_OPS = {
    "affine.apply",
    "affine.min",
    "affine.max",
    "memref.dim",
    "memref.alloc",
    "memref.alloca",
    "memref.get_global",
    "memref.rank",
    "ub.poison",
    *VIEWS,
}
#: Largest cycle count the bridge schedules with (start times, latencies, a
#: loop's whole run): sums of two such values still fit the schedulers' int64.
MAX_CYCLES = 2**62
#: ``gaus.latency`` on these ops is written by gaus-schedule (an output, cleared
#: and recomputed); on any other op it is a user override (an input).
SCHEDULED_OWNERS = ("func.func", *LOOPS, *BRANCHES)


class ExtractionError(Exception):
    """An op the bridge cannot model; ``op`` is where to point the user."""

    def __init__(self, message: str, op: ir.Operation | ir.OpView):
        super().__init__(message)
        self.message = message
        self.op = op


@dataclass
class Config:
    library: LatencyLibrary = field(default_factory=LatencyLibrary)
    mem_ports: int = 1
    limits: dict[str, int] = field(default_factory=dict)  # op class -> units
    index_bits: int = DEFAULT_INDEX_BITS  # register width of an `index` value


@dataclass
class OpInfo:
    latency: int | None  # None: a nested loop/branch (from its schedule)
    otype: str  # operator type label
    blocking: int | None = None
    accesses: list = field(default_factory=list)  # (root, is_write, forms|None)
    resources: set = field(default_factory=set)


@dataclass(eq=False)
class Region:
    """One block to schedule and what the analysis found in it."""

    name: str
    owner: object  # func.func, a loop or a branch op
    block: object
    ops: list  # the block's ops, terminator last
    pipelined: bool
    loop: bool
    trip_count: int | None = None
    step: int | None = 1  # None: not a compile-time constant
    infos: list = field(default_factory=list)
    children: dict = field(default_factory=dict)  # op index -> [Region]
    remark: tuple | None = None  # (message, op) when it cannot be scheduled
    problem: Problem | None = None
    schedule: object = None
    latency: int | None = None  # iteration latency (terminator start)
    ii: int | None = None  # pipelined: the II; sequential loop: latency
    locations: list = field(default_factory=list)  # op index -> (line, col)
    child_latency: dict = field(default_factory=dict)  # op index -> latency used
    blocked: bool = False  # a nested region could not be scheduled
    hold: int = 0  # cycles (from its start) until one run of the
    #                                   body frees every resource it uses
    child_hold: dict = field(default_factory=dict)  # op index -> its total hold
    index: dict = field(default_factory=dict, repr=False)  # Operation -> op index

    @property
    def total_latency(self) -> int | None:
        """Latency of the whole op in its parent: loops run ``trip_count`` times."""
        return self._over_trips(self.latency)

    @property
    def total_hold(self) -> int | None:
        """Cycles from the op's start until its last resource use has ended."""
        return self._over_trips(self.hold)

    def _over_trips(self, one: int | None) -> int | None:
        """``one`` run's figure, extended over the loop's trips (``ii`` apart)."""
        if not self.loop:
            return one
        if self.trip_count is None or one is None or self.ii is None:
            return None
        if self.trip_count == 0:
            return 0
        return (self.trip_count - 1) * self.ii + one

    def walk(self) -> Iterator[Region]:
        for kids in self.children.values():
            for c in kids:
                yield from c.walk()
        yield self


def op_location(op: ir.Operation | ir.OpView) -> tuple[int, int] | None:
    loc = op.location
    for _ in range(4):
        try:
            if loc.is_a_file():
                return loc.start_line, loc.start_col
            if loc.is_a_name():
                loc = loc.child_loc
                continue
            if loc.is_a_callsite():
                loc = loc.callee
                continue
            if loc.is_a_fused():
                locs = loc.locations
                if not locs:
                    return None
                loc = locs[0]
                continue
        except Exception:  # locations the bindings cannot decompose
            return None
        return None
    return None


def op_latency(op: ir.Operation, lib: LatencyLibrary) -> int | None:
    """The op's latency: its ``gaus.latency`` override, else the library's
    entry for its name (None: unknown)."""
    override = int_attr(op, "gaus.latency")
    return override if override is not None else lib.get(op.name)


def symbol_name(op: ir.Operation | ir.OpView) -> str:
    """The ``sym_name`` of a function (or any symbol)."""
    return op.attributes["sym_name"].value


def int_attr(op: ir.Operation, name: str) -> int | None:
    """The integer ``op.name`` carries (exactly: unsigned types read unsigned),
    None when absent; anything but an integer attribute is an error."""
    from mlir import ir

    try:
        attr = op.attributes[name]
    except KeyError:
        return None
    if not isinstance(attr, ir.IntegerAttr) or isinstance(attr, ir.BoolAttr):
        raise ExtractionError(
            f"'{name}' on '{op.name}' must be an integer attribute (e.g. {name} = 3 : i64), got {attr}", op
        )
    value = int(attr.value)
    if isinstance(attr.type, ir.IntegerType):
        t = ir.IntegerType(attr.type)
        if t.is_unsigned:
            value &= (1 << t.width) - 1
        elif value < 0 and t.width < 64:
            raise ExtractionError(
                f"'{name}' on '{op.name}' must be >= 0, got {attr} (an i{t.width} holds "
                f"{-(1 << (t.width - 1))}..{(1 << (t.width - 1)) - 1}: write larger "
                f"values as i64)",
                op,
            )
    if value < 0:
        raise ExtractionError(f"'{name}' on '{op.name}' must be >= 0, got {attr}", op)
    if value > MAX_CYCLES:
        raise ExtractionError(
            f"'{name}' on '{op.name}' is {value}, more than the 2^62 cycles the scheduler handles", op
        )
    return value


def constant_map(attr: ir.AffineMapAttr) -> list[int] | None:
    from mlir import ir

    amap = attr.value
    if amap.n_dims or amap.n_symbols:
        return None
    out = []
    for e in amap.results:
        e = e.maybe_downcast()
        if not isinstance(e, ir.AffineConstantExpr):
            return None
        out.append(int(e.value))
    return out


def loop_bounds(op: ir.Operation) -> tuple[int | None, int | None]:
    """(trip count or None when not a compile-time constant, step or None
    when the step is not a compile-time constant)."""
    if op.name == "affine.for":
        step = int(op.attributes["step"].value)
        if step <= 0:
            return None, None  # never ends (or never runs): nothing is known
        lb = constant_map(op.attributes["lowerBoundMap"])
        ub = constant_map(op.attributes["upperBoundMap"])
        if lb is None or ub is None:
            return None, step
        lo, hi = max(lb), min(ub)
    else:
        lo, hi, step = (const_value(v) for v in list(op.operands)[:3])
        if "unsignedCmp" in op.attributes:
            # scf.for unsigned: bounds and step are unsigned numbers of their width
            mask = (1 << _int_width(op.operands[0].type)) - 1
            lo, hi, step = (None if v is None else v & mask for v in (lo, hi, step))
        if step is None:
            return None, None  # dependence distances are unknown too
        if step <= 0:
            return None, None  # never ends (or never runs): nothing is known
        if lo is None or hi is None:
            return None, step
    return max(0, -(-(hi - lo) // step)), step


def nonpositive_step(op: ir.Operation) -> bool:
    """A loop whose step is a compile-time constant <= 0 (it never ends, or
    never runs)."""
    if op.name == "affine.for":
        return int(op.attributes["step"].value) <= 0
    step = const_value(list(op.operands)[2])
    if step is not None and "unsignedCmp" in op.attributes:
        step &= (1 << _int_width(op.operands[0].type)) - 1
    return step is not None and step <= 0


def _int_width(mlir_type) -> int:
    """Bit width of an integer type; ``index`` is 64 bits (MLIR's default)."""
    from mlir import ir

    if isinstance(mlir_type, ir.IntegerType):
        return ir.IntegerType(mlir_type).width
    return 64


def _has_loop(op) -> bool:
    for region in op.regions:
        for block in region.blocks:
            for inner in block.operations:
                if inner.operation.name in LOOPS + OPAQUE_LOOPS or _has_loop(inner.operation):
                    return True
    return False


class FunctionAnalysis:
    """Builds the region tree of one function (no problem yet: nested latencies
    are only known once the children are scheduled)."""

    def __init__(self, func: ir.Operation | ir.OpView, config: Config):
        self.func = func
        self.config = config
        self.fname = symbol_name(func)
        self.count = {"loop": 0, "if": 0}
        self.memory = MemoryModel(func)  # memref value -> memories, once

    # ------------------------------------------------------------- regions
    def function_region(self) -> Region:
        blocks = list(self.func.regions[0].blocks)
        if len(blocks) > 1:
            return self.blocks_region(self.fname, self.func.operation, blocks)
        return self.region(self.fname, self.func.operation, blocks[0], pipelined=False, loop=False)

    def blocks_region(self, name: str, owner: ir.Operation, blocks: list[ir.Block]) -> Region:
        """A region of several blocks (``cf.br``/``cf.cond_br`` control flow):
        which blocks run, and in which order, is not modelled, so the region is
        left unscheduled with a remark (and so is every region around it); the
        loops and branches inside its blocks are still scheduled on their own."""
        ops = [o.operation for b in blocks for o in b.operations]
        r = Region(name, owner, blocks[0], ops, pipelined=False, loop=False)
        around = "" if owner.name == "func.func" else ", and so is every region around it"
        r.remark = (
            f"this region has {len(blocks)} blocks (unstructured control flow, "
            "e.g. cf.cond_br), whose execution order is not modelled: it is left "
            f"unscheduled{around}",
            owner,
        )
        ends, k = set(), 0  # each block's terminator
        for b in blocks:
            k += len(b.operations)
            ends.add(k - 1)
        for i, op in enumerate(ops):
            r.locations.append(op_location(op))
            # only nested loops/branches are analysed: the other ops are not
            # scheduled here, so their latencies are not needed
            nested = i not in ends and op.name in LOOPS + BRANCHES + OPAQUE_LOOPS
            r.infos.append(self.op_info(r, i, op, Scope()) if nested else OpInfo(0, op.name))
        return r

    def region(
        self,
        name: str,
        owner: ir.Operation,
        block: ir.Block,
        *,
        pipelined: bool,
        loop: bool,
        trip_count: int | None = None,
        step: int | None = 1,
    ) -> Region:
        ops = [o.operation for o in block.operations]
        r = Region(name, owner, block, ops, pipelined, loop, trip_count, step)
        scope = Scope(block.arguments[0], owner, step) if pipelined else Scope()
        for i, op in enumerate(ops):
            r.locations.append(op_location(op))
            if i == len(ops) - 1:
                r.infos.append(OpInfo(0, op.name))
                continue
            r.infos.append(self.op_info(r, i, op, scope))
        return r

    def op_info(self, r: Region, i: int, op: ir.Operation, scope: Scope) -> OpInfo:
        name = op.name
        lib = self.config.library
        if name in LOOPS and nonpositive_step(op):
            # it never ends (or, for an scf.for, is undefined): every iteration
            # touches the same elements, so it is not analysed at all
            r.remark = (
                "the step of this loop is not a positive number: the loop is not "
                "analysed; the enclosing region is left unscheduled",
                op,
            )
            return self.compound_info(op, name, [])
        if name in LOOPS:
            self.count["loop"] += 1
            tc, step = loop_bounds(op)
            child = self.region(
                f"{self.fname}_loop{self.count['loop'] - 1}",
                op,
                op.regions[0].blocks[0],
                pipelined=not _has_loop(op),
                loop=True,
                trip_count=tc,
                step=step,
            )
            r.children[i] = [child]
            return self.compound_info(op, f"loop{self.count['loop'] - 1}", [child])
        if name in BRANCHES:
            k = self.count["if"]
            self.count["if"] += 1
            kids = []
            for j, region in enumerate(op.regions):
                blocks = list(region.blocks)
                if len(blocks) > 1:  # e.g. scf.execute_region with cf.br inside
                    kids.append(self.blocks_region(f"{self.fname}_if{k}_{j}", op, blocks))
                elif blocks:
                    kids.append(
                        self.region(f"{self.fname}_if{k}_{j}", op, blocks[0], pipelined=False, loop=False)
                    )
            r.children[i] = kids
            return self.compound_info(op, f"if{k}", kids)
        if name in OPAQUE_LOOPS:
            r.remark = (
                f"'{name}' is not analysed (its iteration count and order are "
                "unknown); the enclosing region is left unscheduled",
                op,
            )
            return self.compound_info(op, name, [])
        override = int_attr(op, "gaus.latency")
        if len(op.regions) and override is None:
            raise ExtractionError(
                f"'{name}' has regions the scheduler does not model; "
                "lower it first or give it 'gaus.latency'",
                op,
            )
        lat = op_latency(op, lib)
        if lat is None:
            raise ExtractionError(
                f"no latency known for '{name}': add 'gaus.latency = N : i64' to the op "
                f'or an entry "{name}": N to a latency-library=FILE.json',
                op,
            )
        label = name if override is None else f"{name}.lat{lat}"
        info = OpInfo(lat, label, lib.blocking.get(name))
        effects = self.memory.effects(op, scope, lat)
        if effects is not None:  # loads, stores, copies: memories and ports
            info.accesses, ports, holds = effects
            info.resources |= ports
            if holds and info.blocking is None:
                info.blocking = lat  # a whole-memref copy streams for its whole run
        elif not (name.startswith(PURE_DIALECTS) or name in PURE_OPS):
            info.accesses.append((ALL, True, None))  # calls, unknown ops: order them
        cls = self.op_class(name)
        if cls is not None:
            info.resources.add(cls)
        return info

    def op_class(self, name: str) -> str | None:
        limits = self.config.limits
        if name in limits:
            return name
        short = name.split(".", 1)[-1]
        return short if short in limits else None

    def compound_info(self, op: ir.Operation, label: str, kids: list[Region]) -> OpInfo:
        """A nested loop/branch: the union of what its body touches."""
        info = OpInfo(None, label)
        # a kid's compound infos already summarise the regions nested in them
        # (walking every level again would be exponential in the depth)
        info.accesses = summarise(a for kid in kids for si in kid.infos for a in si.accesses)
        for kid in kids:
            for si in kid.infos:
                info.resources |= si.resources
        if not kids and op.name in OPAQUE_LOOPS:
            info.accesses.append((ALL, True, None))
        return info


# ------------------------------------------------------------------ problems
def _memory_edges(r: Region):
    """(src, dst, dist) for every pair of accesses that may touch one element."""
    return memory_edges(r)


def _carried_source(r: Region, value, depth=0):
    """(op index, result index, distance) producing an iter_arg's next value."""
    if depth > 8:
        return None
    yield_op = r.ops[-1]
    k = value.arg_number - 1
    if k < 0 or k >= len(yield_op.operands):
        return None
    nxt = yield_op.operands[k]
    owner = nxt.owner
    if hasattr(owner, "operands"):
        idx = r.index.get(owner.operation)
        return None if idx is None else (idx, nxt.result_number, 1)
    if owner == r.block:
        got = _carried_source(r, nxt, depth + 1)
        return None if got is None else (got[0], got[1], got[2] + 1)
    return None


def operands_within(op: ir.Operation) -> Iterator[ir.Value]:
    """Operands of ``op`` and of every op nested in it (captured values)."""
    yield from op.operands
    for region in op.regions:
        for block in region.blocks:
            for inner in block.operations:
                yield from operands_within(inner.operation)


def ssa_edges(r: Region) -> Iterator[tuple[int, int, int, int]]:
    """(src, dst, dist, result) def-use edges, incl. iter_args of a pipelined loop."""
    r.index = {op: i for i, op in enumerate(r.ops)}
    for j, op in enumerate(r.ops):
        seen = set()
        for v in operands_within(op):
            owner = v.owner
            if hasattr(owner, "operands"):
                i = r.index.get(owner.operation)
                if i is not None and i != j and (i, v.result_number) not in seen:
                    seen.add((i, v.result_number))
                    yield i, j, 0, v.result_number
            elif r.pipelined and owner == r.block and v.arg_number > 0:
                got = _carried_source(r, v)
                if got is not None and (got[0], got[1], -got[2]) not in seen:
                    seen.add((got[0], got[1], -got[2]))
                    yield got[0], j, got[2], got[1]


def _compound_order_edges(r: Region, lats):
    """A nested loop/branch uses its resources throughout its run.  Rather than
    holding them as a (huge) blocking time, it is ordered against every other
    op that shares one: in program order, and in a pipelined loop also the
    reverse at distance 1 (plus itself at distance 1, so its runs in
    consecutive iterations do not overlap either)."""
    for i, info in enumerate(r.infos):
        if info.latency is not None or not info.resources:
            continue
        for j, other in enumerate(r.infos):
            if j == i or not (info.resources & other.resources):
                continue
            a, b = (i, j) if i < j else (j, i)
            if info.latency is None and other.latency is None and j < i:
                continue  # the pair was handled from the other side
            yield a, b, 0
            if r.pipelined:
                yield b, a, 1
        if r.pipelined and lats[i] > 1:
            yield i, i, 1


def problem_latencies(r: Region) -> list[int]:
    """Each op's latency in the region's problem.  A nested loop/branch is
    ordered against the ops sharing a resource with it by edges that carry its
    latency, so it takes the longer of its latency and its hold (a blocking op
    inside keeps its unit busy past the end of the body); a plain op ordered
    before a nested one that shares a resource with it takes at least the cycles
    it occupies the resource (its blocking time, else 1).  In a straight-line
    region only ops followed by such a sharer need this; in a pipelined loop
    every sharer does (the next iteration's ops follow it)."""
    nested = set()
    for info in r.infos:
        if info.latency is None:
            nested |= info.resources
    later: set = set()  # resources used by the ops after op i
    lats = [0] * len(r.infos)
    for i in range(len(r.infos) - 1, -1, -1):
        info = r.infos[i]
        if info.latency is None:
            lat = r.child_latency[i]
            if r.pipelined or info.resources & later:
                lat = max(lat, r.child_hold.get(i) or 0)
        else:
            lat = info.latency
            if info.resources & nested and (r.pipelined or info.resources & later):
                lat = max(lat, 1 if info.blocking is None else info.blocking)
        lats[i] = lat
        later |= info.resources
    return lats


def region_hold(r: Region, start: np.ndarray) -> int:
    """Cycles from the region's start until every resource use of one run of
    it has ended, under the start times ``start``."""
    hold = 0
    for i, info in enumerate(r.infos[:-1]):
        if info.latency is None:
            hold = max(hold, int(start[i]) + (r.child_hold.get(i) or 0))
        elif info.resources:
            hold = max(hold, int(start[i]) + (1 if info.blocking is None else info.blocking))
    return hold


#: ops whose results are constants, never held in a register
WIRES = frozenset({"arith.constant"})


def build_problem(r: Region, config: Config) -> Problem:
    """The region's problem; nested ops take ``r.child_latency`` (see
    :func:`problem_latencies`)."""
    n = len(r.ops)
    lats = problem_latencies(r)
    blocks = [None if info.latency is None else info.blocking for info in r.infos]
    uses = [set() if info.latency is None else info.resources for info in r.infos]
    resources = sorted({res for u in uses for res in u})
    if r.pipelined:
        cls = ModuloProblem if resources else CyclicProblem
    else:
        cls = SharedOperatorsProblem if resources else Problem
    p = cls(r.name)
    otypes: dict = {}
    for res in resources:
        limit = config.limits.get(res, config.mem_ports)
        # a limit above 2^62 (the model's range) can never bind: the same as 2^62
        p.add_resource_type(res, min(limit, MAX_INT))
    names = []
    for i, (op, info) in enumerate(zip(r.ops, r.infos)):
        key = (info.otype, lats[i], blocks[i])
        if key not in otypes:
            base = info.otype if key[0] not in {k[0] for k in otypes} else f"{info.otype}.{len(otypes)}"
            otypes[key] = p.add_operator_type(base, lats[i], blocking=blocks[i])
        short = op.name.split(".", 1)[-1].replace(".", "_")
        names.append(f"{short}{i}")
        # value widths from the result types; beyond the model's range (a
        # vector of more than 2^62 bits) a width saturates at 2^62
        bits = [min(b, MAX_INT) for b in result_bits(op, config.index_bits)]
        if op.name in WIRES:
            bits = [0] * len(bits)  # folded into the logic that reads it: no register
        p.add_op(otypes[key], names[-1], sorted(uses[i]), results=len(op.results), bits=bits)
        if r.locations[i] is not None:
            p.locations[Subject("op", i)] = r.locations[i]
    # def-use edges carry a value (one per result read, loop-carried ones
    # included: the register count follows them, see model/registers.py)
    edges, values = set(), set()
    for i, j, d, res in ssa_edges(r):
        if (i, j, d, res) not in values:
            values.add((i, j, d, res))
            edges.add((i, j, d))
            p.add_dependence(i, j, d, result=res)
    for i, j, d in itertools.chain(_memory_edges(r), _compound_order_edges(r, lats)):
        if i == j and lats[i] <= d:
            continue  # t + lat <= t + d * II holds for every II >= 1
        if (i, j, d) not in edges:
            edges.add((i, j, d))
            p.add_dependence(i, j, d, aux=True)
    last = n - 1
    for i in range(last):
        if (i, last, 0) not in edges:
            p.add_dependence(i, last, 0, aux=True)
    return p


# ------------------------------------------------------------------ solving
def solve(r: Region, config: Config, schedule_region: Callable[[Region], Schedule | None]) -> None:
    """Schedule ``r``'s nested regions, then ``r`` with ``schedule_region(r)``
    (which returns a verified Schedule, or None after setting ``r.remark`` to
    decline the region).  A region whose nested loop has no
    constant trip count, or that holds an op we do not analyse, is left
    unscheduled with a remark; nothing is ever guessed."""
    for i, kids in r.children.items():
        for c in kids:
            solve(c, config, schedule_region)
        op = r.ops[i]
        if any(c.schedule is None for c in kids):
            r.blocked = True
            continue
        if op.name in LOOPS:
            c = kids[0]
            if c.trip_count is None and r.remark is None:
                r.remark = (
                    "the trip count of this loop is not a compile-time constant: "
                    "the loop is scheduled, the region around it is not",
                    op,
                )
            r.child_latency[i] = c.total_latency
            r.child_hold[i] = c.total_hold
            total = max(c.total_latency or 0, c.total_hold or 0)
            if total > MAX_CYCLES and r.remark is None:
                r.remark = (
                    f"this loop runs for {total} cycles ({c.trip_count} iterations), "
                    "more than the 2^62 cycles the scheduler handles: the loop is "
                    "scheduled, the region around it is not",
                    op,
                )
        else:
            r.child_latency[i] = max((c.latency for c in kids), default=0)
            r.child_hold[i] = max((c.hold for c in kids), default=0)
    if r.remark is not None or r.blocked:
        return
    problem = build_problem(r, config)
    too_big = problem.range_error()
    if too_big is not None:
        r.remark = (
            f"the ops of this region take more than 2^62 cycles ({too_big}): it is left unscheduled",
            r.owner,
        )
        return
    r.problem = problem
    sched = schedule_region(r)
    if sched is None:  # the callback declined the region (and set r.remark)
        return
    r.schedule = sched
    r.latency = int(sched.start[-1])
    r.hold = region_hold(r, sched.start)
    # a sequential loop's II is its latency, or longer while a blocking op of
    # the body still holds its unit, and at least 1 (gaus-verify reads gaus.ii
    # into r.ii and has checked it against the same bound)
    r.ii = int(sched.ii) if sched.ii is not None else max(r.latency, r.hold, 1, r.ii or 0)


def remarks(root: Region) -> Iterator[tuple[str, ir.Operation]]:
    """(message, op) of every region left unscheduled for a reason of its own."""
    for r in root.walk():
        if r.remark is not None:
            yield r.remark


def attribute_writes(root: Region) -> list:
    """(op, name, value) for every ``gaus.*`` attribute the schedule implies."""
    out = []
    for r in root.walk():
        # a branch's latency comes from its arms, also when ``r`` around it is
        # not scheduled (gaus-verify reads it as the arms' latency)
        for i in r.children:
            if r.ops[i].name not in LOOPS and r.child_latency.get(i) is not None:
                out.append((r.ops[i], "gaus.latency", int(r.child_latency[i])))
        if r.schedule is None:
            continue
        start = r.schedule.start
        for i, op in enumerate(r.ops[:-1]):
            out.append((op, "gaus.start", int(start[i])))
        if r.loop:
            out.append((r.owner, "gaus.ii", int(r.ii)))
            out.append((r.owner, "gaus.latency", int(r.latency)))
        elif r.owner.name == "func.func":
            out.append((r.owner, "gaus.latency", int(r.latency)))
    return out


def owned_attributes(funcs: Iterable[ir.Operation | ir.OpView]) -> list:
    """(op, name) of every ``gaus.*`` attribute in ``funcs`` that gaus-schedule
    owns, so that a new run clears what it does not rewrite: ``gaus.start`` and
    ``gaus.ii`` on any op, ``gaus.latency`` on functions, loops and branches
    (:data:`SCHEDULED_OWNERS`).  ``gaus.latency`` on any other op is a user's
    latency override (an input) and is kept."""
    out = []
    stack = [f.operation for f in funcs]
    while stack:
        op = stack.pop()
        attrs = op.attributes
        for name in ("gaus.start", "gaus.ii"):
            if name in attrs:
                out.append((op, name))
        if op.name in SCHEDULED_OWNERS and "gaus.latency" in attrs:
            out.append((op, "gaus.latency"))
        for region in op.regions:
            for block in region.blocks:
                stack.extend(o.operation for o in block.operations)
    return out


def stale_claims(root: Region) -> Iterator[tuple[ir.Operation, str, str]]:
    """(op, name, reason) for every ``gaus.*`` attribute on the IR that only a
    schedule of a region left unscheduled could have written."""
    for r in root.walk():
        if r.schedule is not None:
            continue
        reason = r.remark[0] if r.remark is not None else "a loop or branch nested in it is not scheduled"
        if r.loop:
            for name in ("gaus.ii", "gaus.latency"):
                if name in r.owner.attributes:
                    yield r.owner, name, reason
        elif "gaus.latency" in r.owner.attributes:  # a function or a branch
            yield r.owner, "gaus.latency", reason
        for op in r.ops[:-1]:
            if "gaus.start" in op.attributes:
                yield op, "gaus.start", reason


def remove_attributes(owned: list) -> None:
    for op, name in owned:
        if name in op.attributes:
            del op.attributes[name]


def write_attributes(writes: list) -> None:
    from mlir import ir

    i64 = ir.IntegerType.get_signless(64)
    for op, name, value in writes:
        op.attributes[name] = ir.IntegerAttr.get(i64, value)
