"""The MLIR bridge's memory model (issue 12, items 1, 7, 12, 14, 18): which
memories a memref value may be, soundness through aliases (brute force), and
the amount of work the analysis does (counted, never timed)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mlir import ir

from gaus_mlir.ir_bridge import (  # noqa: E402
    BUILTIN,
    Config,
    FunctionAnalysis,
    build_problem,
    memory,  # noqa: E402
)
from gaus_mlir.ir_bridge.memory import ALL, MemoryModel  # noqa: E402
from gaus_mlir.passes.api import parse_pass_pipeline  # noqa: E402

LAT = {k: v[0] for k, v in BUILTIN.items()}


def parsed(text: str):
    ctx = ir.Context()
    ctx.allow_unregistered_dialects = True
    with ctx, ir.Location.unknown():
        return ctx, ir.Module.parse(text)


def walk_ops(op):
    out = []

    def visit(o):
        out.append(o)
        return ir.WalkResult.ADVANCE

    op.walk(visit, ir.WalkOrder.PRE_ORDER)
    return out


def scheduled(text: str, pipeline: str = "builtin.module(gaus-schedule)"):
    """[(op name, gaus.start or None)] of every op in walk order, loop IIs."""
    ctx, module = parsed(text)
    with ctx, ir.Location.unknown():
        parse_pass_pipeline(pipeline).run(module.operation)
        ops = walk_ops(module.operation)
        starts = [
            (o.name, o.attributes["gaus.start"].value if "gaus.start" in o.attributes else None) for o in ops
        ]
        iis = [
            o.attributes["gaus.ii"].value
            for o in ops
            if o.name in ("affine.for", "scf.for") and "gaus.ii" in o.attributes
        ]
    return starts, iis


# ----------------------------------------------------------- resolution
RESOLVE = """
memref.global "private" @G : memref<64xf32>
func.func @f(%A: memref<64xf32>, %B: memref<64xf32>, %c: i1, %n: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %a = memref.alloc() : memref<64xf32>
  %g = memref.get_global @G : memref<64xf32>
  %r = scf.for %t = %c0 to %n step %c1 iter_args(%m = %A) -> (memref<64xf32>) {
    %q = scf.for %u = %c0 to %n step %c1 iter_args(%k = %m) -> (memref<64xf32>) {
      %s = arith.select %c, %k, %B : memref<64xf32>
      scf.yield %s : memref<64xf32>
    }
    scf.yield %q : memref<64xf32>
  }
  %sv = memref.subview %r[1] [8] [1] : memref<64xf32> to memref<8xf32, strided<[1], offset: 1>>
  %ca = memref.cast %a : memref<64xf32> to memref<?xf32>
  %u = "test.opaque"() : () -> memref<64xf32>
  cf.br ^next(%A : memref<64xf32>)
^next(%x: memref<64xf32>):
  return
}
"""


def test_resolve_follows_iter_args_selects_and_views():
    ctx, module = parsed(RESOLVE)
    with ctx:
        func = next(o for o in module.body.operations if o.operation.name == "func.func")
        mm = MemoryModel(func.operation)
        values = {}
        for o in walk_ops(func.operation):
            for res in o.results:
                values.setdefault(o.name, []).append(res)
        fors = [o for o in walk_ops(func.operation) if o.name == "scf.for"]
        outer, inner = fors
        k = inner.regions[0].blocks[0].arguments[1]
        m = outer.regions[0].blocks[0].arguments[1]
        ab = frozenset({"mem_arg0", "mem_arg1"})
        # %k may be %A (via %m) or %B (via the select it yields), around
        # both loops; every member of the cycle gets the same answer
        assert mm.resolve(k) == (ab, True)
        assert mm.resolve(m) == (ab, True)
        assert mm.resolve(outer.results[0]) == (ab, True)
        assert mm.resolve(values["arith.select"][0]) == (ab, True)
        # a subview keeps the memories but not the indexing
        assert mm.resolve(values["memref.subview"][0]) == (ab, False)
        assert mm.resolve(values["memref.cast"][0]) == (frozenset({"mem_alloc0"}), True)
        assert mm.resolve(values["memref.get_global"][0]) == (frozenset({"mem_G"}), True)
        # unknown origins may be any memory
        assert mm.resolve(values["test.opaque"][0])[0] == frozenset({ALL})
        blocks = list(func.regions[0].blocks)
        assert mm.resolve(blocks[1].arguments[0])[0] == frozenset({ALL})
        # each value is expanded once: asking again does no work
        steps = mm.steps
        for vs in values.values():
            for v in vs:
                if isinstance(v.type, ir.MemRefType):
                    mm.resolve(v)
        mm.resolve(k)
        assert mm.steps == steps
        # an access of unknown memory uses the port of every memory
        assert mm.all_ports() == {"mem_arg0", "mem_arg1", "mem_alloc0", "mem_G"}


def test_a_chain_of_views_is_resolved_once():
    n = 200
    lines = [
        "func.func @f(%A: memref<64xf32>) {\n",
        "  %v0 = memref.cast %A : memref<64xf32> to memref<?xf32>\n",
    ]
    for j in range(1, n):
        lines.append(f"  %v{j} = memref.cast %v{j - 1} : memref<?xf32> to memref<?xf32>\n")
    for j in range(n):
        lines.append(f"  %x{j} = memref.load %v{n - 1}[%c{j}] : memref<?xf32>\n")
    consts = "".join(f"  %c{j} = arith.constant {j} : index\n" for j in range(n))
    text = lines[0] + consts + "".join(lines[1:]) + "  return\n}\n"
    ctx, module = parsed(text)
    with ctx:
        func = module.body.operations[0].operation
        fa = FunctionAnalysis(func, Config())
        root = fa.function_region()
        # the n casts and %A, each once (the old code walked the chain per load)
        assert fa.memory.steps == n + 1
        loads = [info for info in root.infos if info.accesses]
        assert len(loads) == n
        assert all(info.accesses[0][:2] == ("mem_arg0", False) for info in loads)
        assert all(info.accesses[0][2] is not None for info in loads)  # casts keep indices


# ------------------------------------------------------- work counted
def test_pairing_skips_accesses_that_cannot_conflict():
    """Constant indices are bucketed, load-load pairs skipped: the pairs
    examined grow with the accesses, not with their square."""
    n = 600
    lines = ["func.func @big(%A: memref<4096xf32>, %B: memref<8xf32>, %k: index) {\n"]
    for j in range(n):
        lines.append(f"  %v{j} = affine.load %A[{2 * j}] : memref<4096xf32>\n")
        lines.append(f"  affine.store %v{j}, %A[{2 * j + 1}] : memref<4096xf32>\n")
    for j in range(n):  # loads of one element: no pairs among them
        lines.append(f"  %u{j} = memref.load %B[%k] : memref<8xf32>\n")
    lines.append("  memref.store %v0, %B[%k] : memref<8xf32>\n  return\n}\n")
    ctx, module = parsed("".join(lines))
    with ctx:
        func = module.body.operations[0].operation
        region = FunctionAnalysis(func, Config()).function_region()
        memory.PAIRS_EXAMINED = 0
        build_problem(region, Config())
        # each constant store with itself (n); the store to B[%k] with the n
        # loads of B[%k] and itself (n + 1); before: all (4n + 1)^2 / 2 pairs
        assert memory.PAIRS_EXAMINED == 2 * n + 1
    # and the dependences that matter are all there: every load of B[%k]
    # before the store of B[%k]
    starts, _ = scheduled("".join(lines), "builtin.module(gaus-schedule{method=list})")
    u = [s for name, s in starts if name == "memref.load"]
    st_k = [s for name, s in starts if name == "memref.store"][0]
    assert all(st_k >= s + LAT["memref.load"] for s in u)


def test_deep_loop_nest_summaries_stay_small():
    """Each loop level summarises its body once per memory and direction:
    depth d gives O(d) accesses in all, not O(2^d)."""
    depth = 10
    lines = ["func.func @nest(%A: memref<64xf32>, %c: f32) {\n"]
    for d in range(depth):
        lines.append(f"affine.for %i{d} = 0 to 2 {{\n")
    lines.append(f"%x = affine.load %A[%i{depth - 1}] : memref<64xf32>\n")
    lines.append("%y = arith.mulf %x, %c : f32\n")
    lines.append(f"affine.store %y, %A[%i{depth - 1} + 1] : memref<64xf32>\n")
    lines.append("}\n" * depth + "return\n}\n")
    ctx, module = parsed("".join(lines))
    with ctx:
        root = FunctionAnalysis(module.body.operations[0].operation, Config()).function_region()
        total = sum(len(info.accesses) for r in root.walk() for info in r.infos)
        assert total == 2 + 2 * depth  # the load and store, and 2 per level
        assert sorted(root.infos[0].accesses, key=str) == [
            ("mem_arg0", False, None),
            ("mem_arg0", True, None),
        ]


# ------------------------------------------- unknown memories and ports
def test_memrefs_of_unknown_origin_share_a_port():
    # no argument or allocation: the two loads may read one memory on one port
    text = (
        "func.func private @get() -> memref<4xf32>\n"
        "func.func @u() -> f32 {\n"
        "  %c0 = arith.constant 0 : index\n"
        "  %m = func.call @get() {gaus.latency = 1 : i64} : () -> memref<4xf32>\n"
        "  %n = func.call @get() {gaus.latency = 1 : i64} : () -> memref<4xf32>\n"
        "  %x = memref.load %m[%c0] : memref<4xf32>\n"
        "  %y = memref.load %n[%c0] : memref<4xf32>\n"
        "  %s = arith.addf %x, %y : f32\n"
        "  return %s : f32\n}\n"
    )
    starts, _ = scheduled(text)
    loads = [s for name, s in starts if name == "memref.load"]
    assert len(loads) == 2 and loads[0] != loads[1]


def test_store_through_unknown_memref_orders_against_every_memory():
    # the store through %m may write %A or %B: the loads of both wait for it
    text = (
        "func.func private @get() -> memref<4xf32>\n"
        "func.func @u(%A: memref<4xf32>, %B: memref<4xf32>, %v: f32) -> f32 {\n"
        "  %m = func.call @get() {gaus.latency = 1 : i64} : () -> memref<4xf32>\n"
        "  affine.store %v, %m[0] : memref<4xf32>\n"
        "  %x = affine.load %A[1] : memref<4xf32>\n"
        "  %y = affine.load %B[2] : memref<4xf32>\n"
        "  %s = arith.addf %x, %y : f32\n"
        "  return %s : f32\n}\n"
    )
    starts, _ = scheduled(text)
    store = [s for name, s in starts if name == "affine.store"][0]
    loads = [s for name, s in starts if name == "affine.load"]
    assert all(s >= store + LAT["affine.store"] for s in loads)


# ------------------------------------------------ soundness, brute force
#: how each access reaches memory: (name in the kernel, type)
VIAS = {
    "A": ("%A", "memref<256xf32>"),
    "B": ("%B", "memref<256xf32>"),
    "sel": ("%m", "memref<256xf32>"),  # c ? A : B
    "cast": ("%v", "memref<?xf32>"),  # A
    "sub": ("%s", "memref<200xf32, strided<[1], offset: 1>>"),  # A shifted by 1
    "if": ("%r", "memref<256xf32>"),  # c ? B : A
    "iter": ("%p", "memref<256xf32>"),  # A, then B
}


def _access_lines(accesses, indent: str) -> list[str]:
    """Loads (each feeding an addf) and stores of the last value, from
    (memref name, type, index, is-write) tuples."""
    lines, last = [], "%x"
    for n, (name, ty, idx, write) in enumerate(accesses):
        if write:
            lines.append(f"{indent}affine.store {last}, {name}[{idx}] : {ty}\n")
        else:
            lines.append(f"{indent}%v{n} = affine.load {name}[{idx}] : {ty}\n")
            lines.append(f"{indent}%w{n} = arith.addf %v{n}, %x : f32\n")
            last = f"%w{n}"
    return lines


def _alias_kernel(accesses, trips):
    def index(c, k):
        return f"%i * {c} + {k}" if c not in (0, 1) else (f"%i + {k}" if c == 1 else f"{k}")

    lines = _access_lines([(*VIAS[via], index(c, k), write) for via, write, c, k in accesses], "    ")
    return (
        "func.func @k(%A: memref<256xf32>, %B: memref<256xf32>, %x: f32, %c: i1) {\n"
        "  %m = arith.select %c, %A, %B : memref<256xf32>\n"
        "  %v = memref.cast %A : memref<256xf32> to memref<?xf32>\n"
        "  %s = memref.subview %A[1] [200] [1] : memref<256xf32> to "
        "memref<200xf32, strided<[1], offset: 1>>\n"
        "  %r = scf.if %c -> (memref<256xf32>) {\n"
        "    scf.yield %B : memref<256xf32>\n  } else {\n"
        "    scf.yield %A : memref<256xf32>\n  }\n"
        f"  %e = affine.for %i = 0 to {trips} iter_args(%p = %A) -> (memref<256xf32>) {{\n"
        + "".join(lines)
        + "    affine.yield %B : memref<256xf32>\n  }\n  return\n}\n"
    )


def _element(via, c_true, i, index):
    """(memory, element) the access touches in iteration i."""
    if via == "A" or via == "cast":
        return "A", index
    if via == "B":
        return "B", index
    if via == "sel":
        return ("A" if c_true else "B"), index
    if via == "if":
        return ("B" if c_true else "A"), index
    if via == "sub":
        return "A", index + 1
    return ("A" if i == 0 else "B"), index  # iter


alias_access = st.tuples(
    st.sampled_from(sorted(VIAS)), st.booleans(), st.sampled_from([0, 1, 2, -1]), st.integers(40, 46)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(alias_access, min_size=2, max_size=6), st.integers(2, 6), st.sampled_from(["list", "cpsat"]))
def test_every_dependence_through_an_alias_is_respected(accs, trips, method):
    """For both values of %c, every pair of dynamic accesses that touch one
    element of one memory (one a store) is ordered by the schedule."""
    text = _alias_kernel(accs, trips)
    starts, iis = scheduled(text, f"builtin.module(gaus-schedule{{method={method}}})")
    starts = [s for name, s in starts if name in ("affine.load", "affine.store")]
    (ii,) = iis
    lat = [LAT["affine.store"] if w else LAT["affine.load"] for _, w, _, _ in accs]
    dyn = [(i, n) for i in range(trips) for n in range(len(accs))]  # program order
    for c_true in (True, False):
        for x, (i, a) in enumerate(dyn):
            va, wa, ca, ka = accs[a]
            ea = _element(va, c_true, i, ca * i + ka)
            for j, b in dyn[x + 1 :]:
                vb, wb, cb, kb = accs[b]
                if not (wa or wb) or ea != _element(vb, c_true, j, cb * j + kb):
                    continue
                assert starts[b] + j * ii >= starts[a] + i * ii + lat[a], (
                    text,
                    c_true,
                    a,
                    i,
                    b,
                    j,
                    starts,
                    ii,
                )


VECTOR_OPS = """
func.func @v(%A: memref<16xf32>, %i: index, %m: vector<4xi1>, %v: vector<4xf32>,
             %iv: vector<4xi32>, %f: f32) {
  %a = vector.load %A[%i] : memref<16xf32>, vector<4xf32>
  vector.store %v, %A[%i] : memref<16xf32>, vector<4xf32>
  %pad = arith.constant 0.0 : f32
  %b = vector.transfer_read %A[%i], %pad : memref<16xf32>, vector<4xf32>
  vector.transfer_write %v, %A[%i] : vector<4xf32>, memref<16xf32>
  %c = vector.maskedload %A[%i], %m, %v : memref<16xf32>,
      vector<4xi1>, vector<4xf32> into vector<4xf32>
  vector.maskedstore %A[%i], %m, %v : memref<16xf32>, vector<4xi1>, vector<4xf32>
  %d = vector.gather %A[%i][%iv], %m, %v : memref<16xf32>,
      vector<4xi32>, vector<4xi1>, vector<4xf32> into vector<4xf32>
  vector.scatter %A[%i][%iv], %m, %v : memref<16xf32>, vector<4xi32>, vector<4xi1>, vector<4xf32>
  %e = vector.expandload %A[%i], %m, %v : memref<16xf32>,
      vector<4xi1>, vector<4xf32> into vector<4xf32>
  vector.compressstore %A[%i], %m, %v : memref<16xf32>, vector<4xi1>, vector<4xf32>
  %g = affine.vector_load %A[0] : memref<16xf32>, vector<4xf32>
  affine.vector_store %v, %A[0] : memref<16xf32>, vector<4xf32>
  %h = memref.atomic_rmw addf %f, %A[%i] : (f32, memref<16xf32>) -> f32
  %x = affine.load %A[0] : memref<16xf32>
  affine.store %f, %A[1] : memref<16xf32>
  %y = memref.load %A[%i] : memref<16xf32>
  memref.store %f, %A[%i] : memref<16xf32>
  return
}
"""


def test_memory_op_table_names_the_memref_operand():
    ctx, module = parsed(VECTOR_OPS)
    with ctx:
        seen = set()
        for op in module.body.operations[0].regions[0].blocks[0].operations:
            op = op.operation
            if op.name in memory.MEMORY_OPS:
                k = memory.MEMORY_OPS[op.name][0]
                assert [j for j, v in enumerate(op.operands) if memory.is_memref(v)] == [k], op.name
                seen.add(op.name)
        assert seen == set(memory.MEMORY_OPS)


def test_ping_pong_buffers_are_both_memories():
    # %p and %q swap every iteration: each may be %A or %B
    text = (
        "func.func @pp(%A: memref<8xf32>, %B: memref<8xf32>, %C: memref<8xf32>) {\n"
        "  %r:2 = affine.for %t = 0 to 4 iter_args(%p = %A, %q = %B)"
        " -> (memref<8xf32>, memref<8xf32>) {\n"
        "    %c = memref.cast %C : memref<8xf32> to memref<8xf32>\n"
        "    affine.yield %q, %p : memref<8xf32>, memref<8xf32>\n  }\n"
        "  return\n}\n"
    )
    ctx, module = parsed(text)
    with ctx:
        func = module.body.operations[0].operation
        loop = next(o for o in walk_ops(func) if o.name == "affine.for")
        mm = MemoryModel(func)
        p, q = list(loop.regions[0].blocks[0].arguments)[1:]
        ab = (frozenset({"mem_arg0", "mem_arg1"}), True)
        assert mm.resolve(loop.results[1]) == ab
        assert mm.resolve(p) == ab and mm.resolve(q) == ab
        assert mm.resolve(loop.results[0]) == ab
        cast = next(o for o in walk_ops(func) if o.name == "memref.cast")
        assert mm.resolve(cast.results[0]) == (frozenset({"mem_arg2"}), True)


#: straight-line accesses: (via, write, symbolic index term, constant)
LINE_VIAS = {
    "A": ("%A", "memref<256xf32>"),
    "B": ("%B", "memref<256xf32>"),
    "sel": ("%m", "memref<256xf32>"),
    "cast": ("%v", "memref<?xf32>"),
}


def _line_kernel(accesses):
    lines = _access_lines(
        [(*LINE_VIAS[via], f"%{sym} + {c}" if sym else f"{c}", write) for via, write, sym, c in accesses],
        "  ",
    )
    return (
        "func.func @k(%A: memref<256xf32>, %B: memref<256xf32>, %x: f32, %c: i1,\n"
        "             %j: index, %k: index) {\n"
        "  %m = arith.select %c, %A, %B : memref<256xf32>\n"
        "  %v = memref.cast %A : memref<256xf32> to memref<?xf32>\n" + "".join(lines) + "  return\n}\n"
    )


line_access = st.tuples(
    st.sampled_from(sorted(LINE_VIAS)), st.booleans(), st.sampled_from(["", "j", "k"]), st.integers(0, 3)
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(line_access, min_size=2, max_size=8), st.sampled_from(["list", "cpsat"]))
def test_every_dependence_in_straight_line_code_is_respected(accs, method):
    """Bucketing by index never drops a pair that can touch one element: for
    every %c and every %j, %k in 0..4, conflicting accesses are ordered."""
    starts, _ = scheduled(_line_kernel(accs), f"builtin.module(gaus-schedule{{method={method}}})")
    starts = [s for name, s in starts if name in ("affine.load", "affine.store")]
    lat = [LAT["affine.store"] if w else LAT["affine.load"] for _, w, _, _ in accs]
    for c_true in (True, False):
        mem = {"A": "A", "cast": "A", "B": "B", "sel": "A" if c_true else "B"}
        for j in range(5):
            for k in range(5):
                env = {"": 0, "j": j, "k": k}
                el = [(mem[via], env[sym] + c) for via, _, sym, c in accs]
                for x in range(len(accs)):
                    for y in range(x + 1, len(accs)):
                        if (accs[x][1] or accs[y][1]) and el[x] == el[y]:
                            assert starts[y] >= starts[x] + lat[x], (accs, c_true, j, k, starts)
