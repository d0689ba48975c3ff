"""Which memory a memref value may refer to, and which pairs of accesses may
touch the same element (the memory-dependence edges of a region).

A *memory* (a *root*) is a memref function argument, a ``memref.alloc`` /
``memref.alloca`` result or a ``memref.get_global`` symbol; it is named by
the resource of its ports (``mem_arg0``, ``mem_alloc1``, ``mem_<global>``).
Soundness rests on two assumptions: distinct function arguments, distinct
allocations and distinct globals do not alias (each is its own memory), and
an argument does not alias an allocation or a global of the function.

Every other memref value is resolved to *every* memory it may come from:
through views (``memref.cast``, ``subview``, ``reshape``, ``assume_alignment``,
``extract_strided_metadata``, ...), ``arith.select``, the iter_args and
results of ``scf.for``/``affine.for`` and the results of ``scf.if`` /
``affine.if`` / ``scf.execute_region`` / ``scf.index_switch``.  A value of
any other origin (a call, a load of a memref, a block argument of a branch
target, an op we do not know) may be *any* memory: :data:`ALL`.  Index forms
are only compared when every way from the value to its memories keeps the
indexing (casts, selects, iter_args); otherwise the access index is unknown.

The analysis is demand-driven and memoised: each memref value is resolved
once per function (Tarjan's algorithm over the loop-carried cycles), so the
work is linear in the function.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from typing import TYPE_CHECKING

from .access import ANY, CONST, INDEPENDENT, IV, UNKNOWN, Scope, access_forms, distance

if TYPE_CHECKING:  # mlir is imported only where IR is touched; extract imports this module
    from mlir import ir

    from .extract import Region

#: one access of an op: (root, is_write, per-dimension index forms or None)
Access = tuple[str, bool, list | None]

ALL = "<all memories>"  # the root of an op with unknown side effects

#: ops whose result is a view of operand 0 (no memory effect)
VIEWS = (
    "memref.cast",
    "memref.subview",
    "memref.reinterpret_cast",
    "memref.collapse_shape",
    "memref.expand_shape",
    "memref.view",
    "memref.transpose",
    "memref.memory_space_cast",
    "memref.reshape",
    "memref.assume_alignment",
    "memref.extract_strided_metadata",
)
#: views whose element [i, j, ...] is the source's element [i, j, ...]
SAME_INDEXING_VIEWS = ("memref.cast", "memref.memory_space_cast", "memref.assume_alignment")
#: ops that return their source's memory (with new storage the old one is
#: freed, so merging them only adds dependences)
SAME_MEMORY = ("memref.realloc",)
ALLOCATIONS = ("memref.alloc", "memref.alloca")
#: ops whose memref results are the k-th operands of their regions' yields
YIELDING = ("scf.if", "affine.if", "scf.execute_region", "scf.index_switch")
LOOPS = ("affine.for", "scf.for")
YIELDS = ("scf.yield", "affine.yield")

#: op -> (memref operand, reads, writes); the index is known only for the
#: scalar loads and stores (see access.access_forms), every other access
#: touches an unknown part of its memory
MEMORY_OPS = {
    "affine.load": (0, True, False),
    "memref.load": (0, True, False),
    "affine.store": (1, False, True),
    "memref.store": (1, False, True),
    "affine.vector_load": (0, True, False),
    "vector.load": (0, True, False),
    "vector.transfer_read": (0, True, False),
    "vector.maskedload": (0, True, False),
    "vector.gather": (0, True, False),
    "vector.expandload": (0, True, False),
    "affine.vector_store": (1, False, True),
    "vector.store": (1, False, True),
    "vector.transfer_write": (1, False, True),
    "vector.maskedstore": (0, False, True),
    "vector.scatter": (0, False, True),
    "vector.compressstore": (0, False, True),
    "memref.atomic_rmw": (1, True, True),
}
INDEXED = ("affine.load", "memref.load", "affine.store", "memref.store")

#: pairs of accesses the last :func:`memory_edges` calls examined (for the
#: scaling benchmark and tests: it counts work, not time)
PAIRS_EXAMINED = 0


def is_memref(value: ir.Value) -> bool:
    from mlir import ir

    return isinstance(value.type, (ir.MemRefType, ir.UnrankedMemRefType))


class MemoryModel:
    """The memories of one function's memref values, resolved on demand."""

    def __init__(self, func: ir.Operation | ir.OpView):
        self.func = func
        self.entry = func.regions[0].blocks[0]
        self.names: dict = {}  # memory key -> resource name
        self.used: set = set()  # resource names given out
        self.resolved: dict = {}  # Value -> (frozenset of roots, exact)
        self._all_ports: set | None = None
        self.n_alloc = 0
        self.steps = 0  # values expanded (each at most once)
        self.terminators: dict = {}  # Block -> its last op (None: empty)
        for arg in self.entry.arguments:  # arguments first: stable names
            self._arg_root(arg.arg_number)

    # ------------------------------------------------------------ naming
    def _root(self, key, base: str) -> str:
        name = self.names.get(key)
        if name is None:
            name, k = base, 0
            while name in self.used:
                k += 1
                name = f"{base}_{k}"
            self.names[key] = name
            self.used.add(name)
        return name

    def _arg_root(self, k: int) -> str:
        return self._root(("arg", k), f"mem_arg{k}")

    def _alloc_root(self, value) -> str:
        op = value.owner.operation
        key = ("alloc", value)
        if key not in self.names:
            self.n_alloc += 1
            return self._root(key, f"mem_{op.name.split('.', 1)[1]}{self.n_alloc - 1}")
        return self.names[key]

    def _global_root(self, op) -> str:
        sym = op.attributes["name"].value
        return self._root(("global", sym), f"mem_{sym}")

    # --------------------------------------------------------- resolution
    def _terminator(self, block):
        """The last op of ``block``, found once per block (a loop or branch
        with many memref results asks for it once per result)."""
        if block not in self.terminators:
            ops = block.operations
            n = len(ops)
            self.terminators[block] = ops[n - 1].operation if n else None
        return self.terminators[block]

    def _sources(self, v):
        """(Value or root name, keeps indexing) for each place ``v`` may come from."""
        from mlir import ir

        self.steps += 1
        if isinstance(v, ir.BlockArgument):
            block = v.owner
            if block == self.entry:
                return [(self._arg_root(v.arg_number), True)]
            op = block.owner.operation
            if op.name in LOOPS and v.arg_number > 0:
                k = v.arg_number - 1
                n = len(op.results)
                operands = op.operands
                if k < n and block == op.regions[0].blocks[0]:
                    out = [(operands[len(operands) - n + k], True)]
                    term = self._terminator(block)
                    if term is not None and term.name in YIELDS and k < len(term.operands):
                        out.append((term.operands[k], True))
                    return out
            return [(ALL, False)]
        op = v.owner.operation
        name = op.name
        if name in ALLOCATIONS:
            return [(self._alloc_root(v), True)]
        if name == "memref.get_global":
            return [(self._global_root(op), True)]
        if name in VIEWS or name in SAME_MEMORY:
            return [(op.operands[0], name in SAME_INDEXING_VIEWS or name in SAME_MEMORY)]
        if name == "arith.select":
            return [(op.operands[1], True), (op.operands[2], True)]
        k = v.result_number
        if name in LOOPS:
            return [(op.regions[0].blocks[0].arguments[k + 1], True)]
        if name in YIELDING:
            out = []
            for region in op.regions:
                for block in region.blocks:
                    term = self._terminator(block)
                    if term is not None and term.name in YIELDS and k < len(term.operands):
                        out.append((term.operands[k], True))
            if out:
                return out
        return [(ALL, False)]

    def resolve(self, value: ir.Value) -> tuple[frozenset, bool]:
        """(memories ``value`` may refer to, whether its indexing is theirs).
        The memories are ``{ALL}`` when it may be any memory."""
        got = self.resolved.get(value)
        if got is not None:
            return got
        # Tarjan's algorithm, iterative, over the lazily expanded graph of
        # memref values (cycles only through loop-carried values): every
        # member of a cycle gets the union of what the cycle reaches.
        index: dict = {}
        low: dict = {}
        acc: dict = {}  # value -> [roots, exact] from its own edges
        stack: list = []
        on_stack: set = set()
        work: list = []

        def push(v):
            index[v] = low[v] = len(index)
            stack.append(v)
            on_stack.add(v)
            acc[v] = [set(), True]
            work.append((v, iter(self._sources(v))))

        push(value)
        while work:
            v, it = work[-1]
            a = acc[v]
            descended = False
            for src, same in it:
                if not same:
                    a[1] = False
                if isinstance(src, str):
                    a[0].add(src)
                    continue
                done = self.resolved.get(src)
                if done is not None:
                    a[0] |= done[0]
                    a[1] = a[1] and done[1]
                elif src in on_stack:
                    low[v] = min(low[v], index[src])
                else:
                    push(src)
                    descended = True
                    break
            if descended:
                continue
            work.pop()
            if low[v] == index[v]:
                roots, exact, comp = set(), True, []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    roots |= acc[w][0]
                    exact = exact and acc[w][1]
                    if w == v:
                        break
                got = (frozenset({ALL}) if ALL in roots else frozenset(roots), exact)
                for w in comp:
                    self.resolved[w] = got
            if work:
                p = work[-1][0]
                done = self.resolved.get(v)
                if done is not None:
                    pa = acc[p]
                    pa[0] |= done[0]
                    pa[1] = pa[1] and done[1]
                else:
                    low[p] = min(low[p], low[v])
        return self.resolved[value]

    # -------------------------------------------------------------- ports
    def all_ports(self) -> set:
        """The ports of every memory of the function (for an access whose
        memory is unknown), ``mem_unknown`` if it has none."""
        if self._all_ports is None:
            from mlir import ir

            ports = set()
            for arg in self.entry.arguments:
                if is_memref(arg):
                    ports.add(self._arg_root(arg.arg_number))

            def visit(op):
                if op.name in ALLOCATIONS:
                    ports.add(self._alloc_root(op.results[0]))
                elif op.name == "memref.get_global":
                    ports.add(self._global_root(op))
                return ir.WalkResult.ADVANCE

            self.func.walk(visit)
            self._all_ports = ports or {"mem_unknown"}
        return self._all_ports

    def ports(self, roots: Collection[str]) -> set:
        return set(self.all_ports()) if ALL in roots else set(roots)

    # ------------------------------------------------------------ effects
    def effects(
        self, op: ir.Operation, scope: Scope, latency: int
    ) -> tuple[list[Access], set[str], bool] | None:
        """(accesses, ports, holds) of a memory op, or None when ``op`` is no
        op we model (the caller orders it against every memory).  An access
        is ``(root, is_write, forms or None)``.  ``holds``: the op keeps its
        ports busy for its whole latency unless the library gives a blocking
        time (a copy of a whole memref streams through the ports of both
        memories); a dealloc uses no port."""
        name = op.name
        spec = MEMORY_OPS.get(name)
        if spec is not None:
            k, reads, writes = spec
            operands = op.operands
            if k >= len(operands) or not is_memref(operands[k]):
                return None
            roots, exact = self.resolve(operands[k])
            forms = access_forms(op, scope) if exact and name in INDEXED else None
            out = []
            for root in sorted(roots):
                if reads and writes:
                    out.append((root, False, None))
                    out.append((root, True, None))
                else:
                    out.append((root, writes, None if root == ALL else forms))
            return out, self.ports(roots), False
        if name == "memref.copy":
            src, _ = self.resolve(op.operands[0])
            dst, _ = self.resolve(op.operands[1])
            out = [(root, False, None) for root in sorted(src)]
            out += [(root, True, None) for root in sorted(dst)]
            if latency <= 0:  # takes no time: ordered, but holds no port
                return out, set(), False
            return out, self.ports(src) | self.ports(dst), True
        if name == "memref.dealloc":
            roots, _ = self.resolve(op.operands[0])
            return [(root, True, None) for root in sorted(roots)], set(), False
        return None


def summarise(accesses: Iterable[Access]) -> list[Access]:
    """A nested loop/branch's accesses, one read and/or one write per memory
    (unknown index): enough to order it against the ops around it."""
    seen = {}
    for root, write, _ in accesses:
        seen.setdefault((root, write), None)
    return [(root, write, None) for root, write in seen]


# ------------------------------------------------------------------ edges
def _bucket_key(forms, step):
    """(shape, element class): two accesses of one shape in different element
    classes never touch the same element; accesses of different shapes are
    compared by :func:`access.distance` (which finds them unknown)."""
    shape, cls = [], []
    for f in forms:
        ca = f.get(IV, 0)
        rest = frozenset((k, v) for k, v in f.items() if k != IV and k != CONST)
        shape.append((ca, rest))
        c = f.get(CONST, 0)
        if ca == 0:
            cls.append(c)
        elif step is None:
            cls.append(None)
        else:
            cls.append(c % abs(ca * step))
    return tuple(shape), tuple(cls)


def _candidate_pairs(accs, step):
    """Position pairs (x <= y) of ``accs`` (sorted by op) that may conflict:
    at least one is a write, and bucketing does not prove them independent."""
    global PAIRS_EXAMINED
    unknown, shapes = [], {}
    for x, (_, _, forms) in enumerate(accs):
        if forms is None:
            unknown.append(x)
        else:
            shape, cls = _bucket_key(forms, step)
            shapes.setdefault(shape, {}).setdefault(cls, []).append(x)
    pairs = []

    def cross(xs, ys):
        """Pairs between two disjoint position lists with one write."""
        yw = [y for y in ys if accs[y][1]]
        for x in xs:
            for y in ys if accs[x][1] else yw:
                pairs.append((x, y) if x < y else (y, x))

    def within(xs):
        for p, x in enumerate(xs):
            wx = accs[x][1]
            for y in xs[p:]:
                if wx or accs[y][1]:
                    pairs.append((x, y))

    # an access of unknown index against everything (itself included)
    unknown_set = set(unknown)
    within(unknown)
    known = [x for x in range(len(accs)) if x not in unknown_set]
    if unknown:
        cross(unknown, known)
    # same shape: only within an element class; different shapes: all pairs
    groups = list(shapes.values())
    flat = [[x for xs in g.values() for x in xs] for g in groups]
    for g in groups:
        for xs in g.values():
            within(xs)
    if len(groups) > 1:
        for a in range(len(groups)):
            for b in range(a + 1, len(groups)):
                cross(flat[a], flat[b])
    PAIRS_EXAMINED += len(pairs)
    pairs.sort()
    return pairs


def memory_edges(r: Region) -> Iterator[tuple[int, int, int]]:
    """(src, dst, dist) for every pair of accesses of region ``r`` that may
    touch one element, in a deterministic order."""
    by_root: dict = {}
    unknown = []
    for i, info in enumerate(r.infos):
        for root, write, forms in info.accesses:
            if root == ALL:
                unknown.append((i, write))
            else:
                by_root.setdefault(root, []).append((i, write, forms))
    for root in list(by_root):
        by_root[root].extend((i, w, None) for i, w in unknown)
    if unknown:
        by_root[ALL] = [(i, w, None) for i, w in unknown]
    step = r.step
    pipelined = r.pipelined
    for accs in by_root.values():
        accs.sort(key=lambda t: t[0])
        for x, y in _candidate_pairs(accs, step):
            a, wa, fa = accs[x]
            b, wb, fb = accs[y]
            same = a == b
            d = distance(fa, fb, step)
            if d == INDEPENDENT:
                continue
            if not pipelined:
                if not same:
                    yield a, b, 0
                continue
            if d in (ANY, UNKNOWN):
                if not same:
                    yield a, b, 0
                yield b, a, 1
            elif d == 0:
                if not same:
                    yield a, b, 0
            elif d > 0:
                yield a, b, d
            else:
                yield b, a, -d
