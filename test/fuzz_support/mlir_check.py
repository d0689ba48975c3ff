"""Brute-force checker of scheduled MLIR kernels (``gaus.start`` / ``gaus.ii`` /
``gaus.latency`` written back by ``gaus-schedule``).

It does not use the bridge's extraction or ``gaus-verify``: it *runs* each
scheduled function on the upstream MLIR Python bindings' IR, iteration by
iteration, with every ``i1`` argument set to each combination of values (so a
memref picked by ``arith.select`` or a branch of ``scf.if`` is taken both
ways), and computes the absolute cycle of every dynamic op instance:

* a loop started at ``T`` runs iteration ``k`` from ``T + k*II``; an op of a
  region starts at the region's base plus its ``gaus.start``;
* a value is ready ``latency`` cycles after its producer starts; ``iter_args``
  carry the yielded value into the next iteration, loop / branch results are
  the yielded values.

Then it checks, with plain ints:

* **def-use**: every op starts no earlier than each of its operands is ready;
* **memory**: for every two dynamic accesses of one memory (the memref roots
  of the run: function arguments, ``memref.alloc``; ``arith.select`` resolved
  by the run) that touch the same element (or an index the run cannot
  compute), one of them a store, the later one in program order starts no
  earlier than the earlier one finishes (RAW, WAR, WAW: the README's
  ``t_b >= t_a + lat_a``);
* **resources**: at most ``mem-ports`` accesses of one memory, and at most
  ``N`` ops of a ``limits=class:N`` class, busy in any absolute cycle (an op
  is busy for its ``blocking`` time from the latency library, else 1 cycle);
* **claims**: ``gaus.ii >= 1``; every op of a scheduled function has a
  ``gaus.start``; a loop's iteration, an ``scf.if`` and a function finish
  within their ``gaus.latency`` (so an enclosing region's schedule built on it
  is sound).

Functions without ``gaus.latency`` (left unscheduled with a remark) are
skipped and counted.  Ops the checker does not model raise
:class:`Unsupported`.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

TERMINATORS = {"func.return", "affine.yield", "scf.yield"}
ZERO = {
    "arith.constant",
    "arith.select",
    "arith.index_cast",
    "arith.index_castui",
    "affine.apply",
    "affine.min",
    "affine.max",
    "memref.alloc",
    "memref.alloca",
    "arith.negf",
    "math.absf",
    "arith.andi",
    "arith.ori",
    "arith.xori",
    "memref.cast",
    "memref.dim",
}


VIEWS = {
    "memref.subview",
    "memref.reshape",
    "memref.reinterpret_cast",
    "memref.expand_shape",
    "memref.collapse_shape",
    "memref.transpose",
    "memref.view",
}
ZERO |= VIEWS | {"memref.assume_alignment", "memref.extract_strided_metadata"}


class Unsupported(Exception):
    """The checker cannot run this IR (an op it does not model)."""


@dataclass
class Val:
    kind: str  # "int", "mem", "f", "other"
    value: object  # int, memory root id, or None (unknown)
    ready: int


@dataclass
class Result:
    violations: list[str] = field(default_factory=list)
    functions: int = 0
    unscheduled: int = 0
    dynamic_ops: int = 0
    worlds: int = 0
    unsupported: list[str] = field(default_factory=list)

    def add(self, msg):
        if len(self.violations) < 50 and msg not in self.violations:
            self.violations.append(msg)


class _Run:
    def __init__(self, fname, ports, limits, lib, res: Result, builtin):
        self.fname = fname
        self.ports = ports
        self.limits = limits or {}
        self.lib = lib or {}
        self.res = res
        self.builtin = builtin
        self.seq = 0
        self.events = []  # (seq, root, addr, write, start, finish, where)
        self.busy = []  # (key, start, end, where)
        self.roots = 0

    def where(self, op):
        return f"{self.fname}: {op.name} at {op.location}"

    def new_root(self, tag):
        self.roots += 1
        return f"{tag}#{self.roots}"

    # -------------------------------------------------------- op properties
    def latency(self, op):
        name = op.name
        if "gaus.latency" in op.attributes and len(op.regions) == 0:
            return int(op.attributes["gaus.latency"].value)
        if name in self.lib:
            v = self.lib[name]
            return int(v["latency"] if isinstance(v, dict) else v)
        if name in self.builtin:
            return self.builtin[name]
        if name in ZERO:
            return 0
        raise Unsupported(f"no latency for {name}")

    def blocking(self, op):
        v = self.lib.get(op.name)
        if isinstance(v, dict) and v.get("blocking"):
            return int(v["blocking"])
        return 1

    def classes(self, op):
        short = op.name.split(".", 1)[-1]
        return [k for k in self.limits if k in (op.name, short)]

    # ------------------------------------------------------------ execution
    def start_of(self, op, base, scheduled=True):
        if "gaus.start" not in op.attributes:
            self.res.add(f"{self.where(op)}: no gaus.start in a function that claims gaus.latency")
            return base
        return base + int(op.attributes["gaus.start"].value)

    def block(self, block, base, env):
        """Run ``block`` from cycle ``base``; returns (terminator operands, max finish)."""
        from mlir import ir

        fin = base
        for op in block.operations:
            op = op.operation
            name = op.name
            if name in TERMINATORS:
                return [env[v] for v in op.operands], fin
            if name in ("cf.br", "cf.cond_br"):
                return ("branch", op), fin
            s = self.start_of(op, base)
            self.res.dynamic_ops += 1
            for v in op.operands:
                val = env.get(v)
                if val is None:
                    raise Unsupported(f"operand of {name} defined outside the checker's view")
                if val.ready > s:
                    self.res.add(
                        f"{self.where(op)}: starts at cycle {s} but its operand is ready at {val.ready}"
                    )
            if name in ("affine.for", "scf.for"):
                f = self.loop(op, s, env)
            elif name == "scf.execute_region":
                ys, f = self.region(op.regions[0], s, env)
                lat = int(op.attributes["gaus.latency"].value) if "gaus.latency" in op.attributes else None
                if lat is not None and f > s + lat:
                    self.res.add(
                        f"{self.where(op)}: region finishes at cycle {f}, after its "
                        f"start {s} + gaus.latency {lat}"
                    )
                for r, v in zip(op.results, ys):
                    env[r] = v
            elif name == "scf.if":
                f = self.branch(op, s, env)
            elif len(op.regions):
                raise Unsupported(f"region op {name}")
            else:
                f = self.simple(op, s, env, ir)
            fin = max(fin, f)
        return [], fin

    def simple(self, op, s, env, ir):
        name = op.name
        lat = self.latency(op)
        fin = s + lat
        ready = fin
        ins = [env[v] for v in op.operands]
        out = None
        if name == "arith.constant":
            a = op.attributes["value"]
            out = Val("int", a.value, ready) if isinstance(a, ir.IntegerAttr) else Val("f", None, ready)
        elif name in ("arith.addi", "arith.subi", "arith.muli"):
            x, y = ins[0].value, ins[1].value
            v = None
            if isinstance(x, int) and isinstance(y, int):
                v = x + y if name == "arith.addi" else x - y if name == "arith.subi" else x * y
            out = Val("int", v, ready)
        elif name in ("arith.index_cast", "arith.index_castui"):
            out = Val("int", ins[0].value, ready)
        elif name == "arith.select":
            c = ins[0].value
            pick = ins[1] if c is True or c == 1 else ins[2] if c is False or c == 0 else None
            if pick is None:
                kind = ins[1].kind
                out = Val(kind, None, ready)
            else:
                out = Val(pick.kind, pick.value, ready)
        elif name == "affine.apply":
            vals = self.affine(op.attributes["map"].value, ins)
            out = Val("int", vals[0], ready)
        elif name in ("memref.alloc", "memref.alloca"):
            out = Val("mem", self.new_root("alloc"), ready)
        elif name in ("memref.cast", "memref.assume_alignment"):
            out = Val(ins[0].kind, ins[0].value, ready)  # same memory, same addresses
        elif name == "memref.extract_strided_metadata":
            env[op.results[0]] = Val("view", ins[0].value, ready)
            for r in list(op.results)[1:]:
                env[r] = Val("int", None, ready)
            return fin
        elif name in VIEWS:
            out = Val("view", ins[0].value, ready)  # same memory, addresses untracked
        elif name == "memref.copy":
            # reads all of the source, writes all of the target, holds both ports
            for k, write in ((0, False), (1, True)):
                self.seq += 1
                self.events.append((self.seq, ins[k].value, None, write, s, fin, self.where(op)))
                self.busy.append((("mem", ins[k].value), s, s + self.blocking(op), self.where(op)))
        elif name in ("affine.load", "affine.store", "memref.load", "memref.store"):
            write = name.endswith("store")
            mem_i = 1 if write else 0
            mem = ins[mem_i]
            idx = ins[mem_i + 1 :]
            if name.startswith("affine."):
                addr = self.affine(op.attributes["map"].value, idx)
            else:
                addr = [v.value for v in idx]
            addr = None if any(not isinstance(a, int) for a in addr) else tuple(addr)
            if mem.kind == "view":
                addr = None
            self.seq += 1
            self.events.append((self.seq, mem.value, addr, write, s, fin, self.where(op)))
            self.busy.append((("mem", mem.value), s, s + self.blocking(op), self.where(op)))
            if not write:
                out = Val("f", None, ready)
        elif name == "func.call" or "." not in name:
            raise Unsupported(name)
        else:
            out = Val("other", None, ready)
        for c in self.classes(op):
            self.busy.append((("class", c), s, s + self.blocking(op), self.where(op)))
        for r in op.results:
            env[r] = out if out is not None else Val("other", None, ready)
        return fin

    def affine(self, amap, ins):
        from mlir import ir

        nd = amap.n_dims
        dims = [v.value for v in ins[:nd]]
        syms = [v.value for v in ins[nd:]]

        def ev(e):
            if isinstance(e, ir.AffineConstantExpr):
                return e.value
            if isinstance(e, ir.AffineDimExpr):
                return dims[e.position]
            if isinstance(e, ir.AffineSymbolExpr):
                return syms[e.position]
            a, b = ev(e.lhs), ev(e.rhs)
            if a is None or b is None:
                return None
            if isinstance(e, ir.AffineAddExpr):
                return a + b
            if isinstance(e, ir.AffineMulExpr):
                return a * b
            if b == 0:
                return None
            if isinstance(e, ir.AffineModExpr):
                return a % b
            if isinstance(e, ir.AffineFloorDivExpr):
                return a // b
            if isinstance(e, ir.AffineCeilDivExpr):
                return -((-a) // b)
            raise Unsupported(str(e))

        return [ev(e) for e in amap.results]

    def region(self, region, base, env):
        """Run a (possibly multi-block) region, following cf.br / cf.cond_br
        (conditions known in this world); ops of a later block may not start
        before the branch condition is known."""
        blk = region.blocks[0]
        env = dict(env)
        fin = base
        ctrl = base
        for _ in range(10000):
            for op in blk.operations:
                op = op.operation
                if op.name in TERMINATORS or op.name.startswith("cf."):
                    continue
                if "gaus.start" in op.attributes:
                    s = base + int(op.attributes["gaus.start"].value)
                    if s < ctrl:
                        self.res.add(
                            f"{self.where(op)}: starts at cycle {s} before the "
                            f"branch into its block is decided (cycle {ctrl})"
                        )
            out, f = self.block(blk, base, env)
            fin = max(fin, f)
            if not (isinstance(out, tuple) and out and out[0] == "branch"):
                return out, fin
            br = out[1]
            ops = [env[v] for v in br.operands]
            if br.name == "cf.br":
                dest, args = br.successors[0], ops
            else:
                c = ops[0].value
                if c not in (0, 1, True, False):
                    raise Unsupported("cf.cond_br on a value the checker does not know")
                ctrl = max(ctrl, ops[0].ready)
                nt = len(br.successors[0].arguments)
                dest, args = (br.successors[0], ops[1 : 1 + nt]) if c else (br.successors[1], ops[1 + nt :])
            for a, v in zip(dest.arguments, args):
                env[a] = v
            blk = dest
        raise Unsupported("more than 10000 blocks run")

    def loop(self, op, s, env):

        attrs = op.attributes
        ins = [env[v] for v in op.operands]
        body = op.regions[0].blocks[0]
        if op.name == "affine.for":
            lbm, ubm = attrs["lowerBoundMap"].value, attrs["upperBoundMap"].value
            nl, nu = lbm.n_inputs, ubm.n_inputs
            lbs = self.affine(lbm, ins[:nl])
            ubs = self.affine(ubm, ins[nl : nl + nu])
            if any(v is None for v in lbs + ubs):
                raise Unsupported("non-constant affine.for bounds")
            lb, ub = max(lbs), min(ubs)
            step = int(attrs["step"].value)
            inits = ins[nl + nu :]
        else:
            lb, ub, step = (v.value for v in ins[:3])
            if not all(isinstance(v, int) for v in (lb, ub, step)):
                raise Unsupported("non-constant scf.for bounds")
            if "unsignedCmp" in attrs:
                raise Unsupported("unsigned scf.for")
            inits = ins[3:]
        trips = max(0, -(-(ub - lb) // step)) if step > 0 else 0
        if trips > 4096:
            raise Unsupported(f"{trips} iterations")
        if "gaus.ii" not in attrs:
            self.res.add(f"{self.where(op)}: loop without gaus.ii in a scheduled function")
            ii = 1
        else:
            ii = int(attrs["gaus.ii"].value)
            if ii < 1:
                self.res.add(f"{self.where(op)}: gaus.ii = {ii} < 1")
                ii = max(ii, 1)
        lat = int(attrs["gaus.latency"].value) if "gaus.latency" in attrs else None
        carried = list(inits)
        fin = s
        args = list(body.arguments)
        for k in range(trips):
            b = s + k * ii
            local = dict(env)
            local[args[0]] = Val("int", lb + k * step, b)
            for a, v in zip(args[1:], carried):
                local[a] = v
            ys, f = self.block(body, b, local)
            carried = ys
            if lat is not None and f > b + lat:
                self.res.add(
                    f"{self.where(op)}: iteration {k} finishes at cycle {f}, after "
                    f"its start {b} + gaus.latency {lat}"
                )
            fin = max(fin, f)
        for r, v in zip(op.results, carried):
            env[r] = v
        return fin

    def branch(self, op, s, env):
        c = env[op.operands[0]].value
        if c not in (0, 1, True, False):
            raise Unsupported("scf.if on a value the checker does not know")
        region = op.regions[0] if c else op.regions[1]
        if not region.blocks or len(region.blocks) == 0:
            return s
        ys, f = self.block(region.blocks[0], s, dict(env))
        lat = int(op.attributes["gaus.latency"].value) if "gaus.latency" in op.attributes else None
        if lat is not None and f > s + lat:
            self.res.add(
                f"{self.where(op)}: branch finishes at cycle {f}, after its start {s} + gaus.latency {lat}"
            )
        for r, v in zip(op.results, ys):
            env[r] = v
        return f

    # --------------------------------------------------------------- checks
    def check_memory(self):
        """Every earlier conflicting access (same element or an unknown index,
        one of the two a store) must have finished when a later one starts.
        Linear: per memory, the latest finish of earlier accesses (all / stores
        only) per element, of unknown-index ones, and overall."""
        by_root: dict = {}
        for e in self.events:
            by_root.setdefault(e[1], []).append(e)
        none = (-1 << 62, None)
        for root, evs in by_root.items():
            evs.sort(key=lambda e: e[0])
            all_at: dict = {}
            wr_at: dict = {}
            unk_all = unk_wr = glob_all = glob_wr = none
            for _seq, _, addr, write, s, fin, where in evs:
                if addr is None:
                    bound = glob_all if write else glob_wr
                else:
                    a = all_at.get(addr, none) if write else wr_at.get(addr, none)
                    u = unk_all if write else unk_wr
                    bound = max(a, u, key=lambda x: x[0])
                if s < bound[0]:
                    prev_w, prev_where = bound[1]
                    kind = "WAW" if write and prev_w else "WAR" if write else "RAW"
                    self.res.add(
                        f"{kind} on {root}{list(addr) if addr else ''}: "
                        f"{prev_where} finishes at cycle {bound[0]}, then {where} "
                        f"starts at {s}"
                    )
                rec = (fin, (write, where))
                mx = lambda x, rec=rec: x if x[0] >= rec[0] else rec  # noqa: E731
                glob_all = mx(glob_all)
                if write:
                    glob_wr = mx(glob_wr)
                if addr is None:
                    unk_all = mx(unk_all)
                    if write:
                        unk_wr = mx(unk_wr)
                else:
                    all_at[addr] = mx(all_at.get(addr, none))
                    if write:
                        wr_at[addr] = mx(wr_at.get(addr, none))

    def check_resources(self):
        by_key: dict = {}
        for key, s, e, where in self.busy:
            by_key.setdefault(key, []).append((s, e, where))
        for key, ivs in by_key.items():
            cap = self.ports if key[0] == "mem" else self.limits[key[1]]
            ev = sorted(
                [(s, 1, w) for s, e, w in ivs] + [(e, -1, w) for s, e, w in ivs], key=lambda t: (t[0], t[1])
            )
            cur = 0
            for x, d, w in ev:
                cur += d
                if cur > cap:
                    what = (
                        f"memory {key[1]} ({cap} port(s))"
                        if key[0] == "mem"
                        else f"class {key[1]} (limit {cap})"
                    )
                    self.res.add(f"{self.fname}: {cur} users of {what} in cycle {x} ({w})")
                    break


def check_text(
    text: str, *, ports: int = 1, limits: dict | None = None, lib: dict | None = None, max_worlds: int = 8
) -> Result:
    """Check every scheduled function of the printed module ``text``."""
    from mlir import ir

    from gaus_mlir.ir_bridge import BUILTIN

    builtin = {k: v[0] for k, v in BUILTIN.items()}
    res = Result()
    ctx = ir.Context()
    ctx.allow_unregistered_dialects = True
    with ctx, ir.Location.unknown():
        module = ir.Module.parse(text)
        funcs = []

        def collect(block):
            for op in block.operations:
                op = op.operation
                if op.name == "func.func":
                    funcs.append(op)
                elif op.name == "builtin.module":
                    collect(op.regions[0].blocks[0])

        collect(module.body)
        for f in funcs:
            if not f.regions[0].blocks or len(f.regions[0].blocks) == 0:
                continue  # declaration
            res.functions += 1
            fname = "@" + f.attributes["sym_name"].value
            if "gaus.latency" not in f.attributes:
                res.unscheduled += 1
                continue
            claim = int(f.attributes["gaus.latency"].value)
            entry = f.regions[0].blocks[0]
            bools = [a for a in entry.arguments if str(a.type) == "i1"]
            combos = list(itertools.product([0, 1], repeat=len(bools)))
            if len(combos) > max_worlds:
                combos = [tuple([0] * len(bools)), tuple([1] * len(bools))]
            for world in combos:
                res.worlds += 1
                run = _Run(fname, ports, limits, lib, res, builtin)
                env = {}
                bi = 0
                for k, a in enumerate(entry.arguments):
                    t = str(a.type)
                    if t == "i1":
                        env[a] = Val("int", world[bi], 0)
                        bi += 1
                    elif t.startswith("memref") or t.startswith("tensor"):
                        env[a] = Val("mem", f"arg{k}", 0)
                    elif t == "index" or t.startswith("i"):
                        env[a] = Val("int", None, 0)
                    else:
                        env[a] = Val("f", None, 0)
                rets, fin = run.region(f.regions[0], 0, env)
                for v in rets:
                    fin = max(fin, v.ready)
                if fin > claim:
                    res.add(
                        f"{fname}: finishes at cycle {fin} but claims gaus.latency {claim} (world {world})"
                    )
                run.check_memory()
                run.check_resources()
    return res
