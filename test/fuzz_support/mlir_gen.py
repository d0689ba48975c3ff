"""Random func/affine/scf/arith/memref kernels (text) for the fuzzer.

Every kernel has constant trip counts (0 to a few iterations), so the checker
(:mod:`.mlir_check`) can run it element by element.  What it draws from:
``affine.load/store`` with affine indices of the enclosing induction
variables, ``memref.load/store`` with indices computed by ``arith``, nested
``affine.for`` / ``scf.for`` (some with ``iter_args``), ``scf.if`` on an ``i1``
argument (with and without results), memrefs chosen by ``arith.select`` (they
may alias either source), ``memref.alloc`` and 2-D memrefs.
"""

from __future__ import annotations

import random

FLOAT_OPS = ["arith.addf", "arith.mulf", "arith.subf", "arith.divf", "arith.maximumf"]


class _Gen:
    def __init__(self, rng: random.Random, max_depth: int, max_stmts: int, budget: int = 40):
        self.rng = rng
        self.max_depth = max_depth
        self.max_stmts = max_stmts
        self.n = 0
        self.budget = budget  # statements in the whole function

    def fresh(self, p="v"):
        self.n += 1
        return f"%{p}{self.n}"

    def index_expr(self, ivs, lo=4, hi=40):
        """An affine expression of the induction variables, in [0, 64)."""
        r = self.rng
        k = r.randint(lo, hi)
        terms = []
        for iv in ivs:
            if iv.startswith("%s"):  # an scf.for induction variable is no affine dim
                continue
            c = r.choice([0, 0, 1, 1, 2, -1, 3])
            if c == 1:
                terms.append(f"{iv}")
            elif c:
                terms.append(f"{iv} * {c}")
        if not terms:
            return str(k)
        return " + ".join(terms) + f" + {k}"

    def memory(self, mems):
        return self.rng.choice(mems)

    def access_indices(self, mem_shape, ivs):
        if mem_shape == "1d":
            return self.index_expr(ivs)
        return self.index_expr(ivs, 0, 3) + ", " + self.index_expr(ivs, 0, 3)

    def body(self, depth, ivs, vals, mems, out, ind, pipelinable=True):
        r = self.rng
        count = r.randint(1, self.max_stmts)
        for _ in range(count):
            if self.budget <= 0:
                break
            self.budget -= 1
            k = r.random()
            if k < 0.28:  # affine load
                name, shape = self.memory(mems)
                v = self.fresh()
                out.append(f"{ind}{v} = affine.load {name}[{self.access_indices(shape, ivs)}] : {_ty(shape)}")
                vals.append(v)
            elif k < 0.48:  # affine store
                name, shape = self.memory(mems)
                out.append(
                    f"{ind}affine.store {r.choice(vals)}, {name}"
                    f"[{self.access_indices(shape, ivs)}] : {_ty(shape)}"
                )
            elif k < 0.62:  # float op
                v = self.fresh()
                op = r.choice(FLOAT_OPS)
                out.append(f"{ind}{v} = {op} {r.choice(vals)}, {r.choice(vals)} : f32")
                vals.append(v)
            elif k < 0.70 and ivs:  # memref.load/store with an arith index
                name, shape = self.memory(mems)
                if shape != "1d":
                    continue
                c = self.fresh("c")
                j = self.fresh("j")
                out.append(f"{ind}{c} = arith.constant {r.randint(2, 30)} : index")
                out.append(f"{ind}{j} = arith.addi {r.choice(ivs)}, {c} : index")
                if r.random() < 0.5:
                    v = self.fresh()
                    out.append(f"{ind}{v} = memref.load {name}[{j}] : {_ty(shape)}")
                    vals.append(v)
                else:
                    out.append(f"{ind}memref.store {r.choice(vals)}, {name}[{j}] : {_ty(shape)}")
            elif k < 0.86 and depth < self.max_depth:  # a loop
                self.loop(depth, ivs, vals, mems, out, ind)
            elif k < 0.95 and self.cond and depth < self.max_depth + 2:  # scf.if
                self.branch(depth, ivs, vals, mems, out, ind)
            else:
                v = self.fresh()
                out.append(f"{ind}{v} = arith.mulf {r.choice(vals)}, {r.choice(vals)} : f32")
                vals.append(v)

    def loop(self, depth, ivs, vals, mems, out, ind):
        r = self.rng
        trips = r.choice([0, 1, 2, 2, 3, 3, 4])
        step = r.choice([1, 1, 2])
        lb = r.randint(0, 2)
        ub = lb + trips * step
        scf = r.random() < 0.3
        iv = self.fresh("si" if scf else "i")
        carried = r.random() < 0.35
        res = self.fresh("r") if carried else None
        acc = self.fresh("acc") if carried else None
        inner_vals = list(vals) + ([acc] if carried else [])
        head_ind = ind
        if scf:
            cl, cu, cs = self.fresh("c"), self.fresh("c"), self.fresh("c")
            out.append(f"{ind}{cl} = arith.constant {lb} : index")
            out.append(f"{ind}{cu} = arith.constant {ub} : index")
            out.append(f"{ind}{cs} = arith.constant {step} : index")
            head = f"scf.for {iv} = {cl} to {cu} step {cs}"
        else:
            head = f"affine.for {iv} = {lb} to {ub}" + (f" step {step}" if step != 1 else "")
        if carried:
            head = f"{res} = {head} iter_args({acc} = {r.choice(vals)}) -> (f32)"
        out.append(f"{head_ind}{head} {{")
        inner = []
        self.body(depth + 1, ivs + [iv], inner_vals, mems, inner, ind + "  ")
        out += inner
        if carried:
            nv = self.fresh()
            out.append(f"{ind}  {nv} = arith.addf {acc}, {r.choice(inner_vals)} : f32")
            out.append(f"{ind}  {'scf' if scf else 'affine'}.yield {nv} : f32")
        out.append(f"{ind}}}")
        if carried:
            vals.append(res)

    def branch(self, depth, ivs, vals, mems, out, ind):
        r = self.rng
        with_result = r.random() < 0.4
        res = self.fresh("b") if with_result else None
        head = f"scf.if {self.cond}"
        if with_result:
            head = f"{res} = {head} -> (f32)"
        out.append(f"{ind}{head} {{")
        tv = list(vals)
        self.body(depth + 1, ivs, tv, mems, out, ind + "  ")
        if with_result:
            out.append(f"{ind}  scf.yield {r.choice(tv)} : f32")
        if with_result or r.random() < 0.5:
            out.append(f"{ind}}} else {{")
            ev = list(vals)
            self.body(depth + 1, ivs, ev, mems, out, ind + "  ")
            if with_result:
                out.append(f"{ind}  scf.yield {r.choice(ev)} : f32")
        out.append(f"{ind}}}")
        if with_result:
            vals.append(res)


def _ty(shape):
    return "memref<64xf32>" if shape == "1d" else "memref<8x8xf32>"


def random_kernel(
    rng: random.Random,
    max_depth: int = 3,
    max_stmts: int = 5,
    functions: int = 1,
    budget: int = 40,
    alias: bool = True,
) -> str:
    """A module of ``functions`` random kernels (``alias``: some memrefs are
    picked by ``arith.select``)."""
    funcs = []
    for fi in range(functions):
        g = _Gen(rng, max_depth, max_stmts, budget)
        args = ["%A: memref<64xf32>", "%x: f32"]
        mems = [("%A", "1d")]
        pre = []
        if rng.random() < 0.6:
            args.append("%B: memref<64xf32>")
            mems.append(("%B", "1d"))
        if rng.random() < 0.3:
            args.append("%M: memref<8x8xf32>")
            mems.append(("%M", "2d"))
        g.cond = None
        if rng.random() < 0.5:
            args.append("%p: i1")
            g.cond = "%p"
            if alias and len([m for m in mems if m[1] == "1d"]) >= 2 and rng.random() < 0.6:
                pre.append("  %S = arith.select %p, %A, %B : memref<64xf32>")
                mems.append(("%S", "1d"))
        if rng.random() < 0.2:
            pre.append("  %T = memref.alloc() : memref<64xf32>")
            mems.append(("%T", "1d"))
        out = list(pre)
        g.body(0, [], ["%x"], mems, out, "  ")
        funcs.append(f"func.func @k{fi}({', '.join(args)}) {{\n" + "\n".join(out) + "\n  return\n}")
    return "\n".join(funcs) + "\n"


def mutate_mlir(rng: random.Random, text: str) -> str:
    """Hostile edits.  Mostly ones that keep the kernel valid MLIR: loop bounds,
    steps, indices and constants replaced by 0, huge or negative numbers (trip
    counts near 2**62, steps that overflow), an op given a ``gaus.latency``;
    else the generic text mutations of :func:`.ssp_gen.mutate` (dropped /
    duplicated / swapped lines, garbage tokens)."""
    import re

    from .ssp_gen import mutate

    if rng.random() < 0.35:
        return mutate(rng, text)
    for _ in range(rng.randint(1, 3)):
        k = rng.randrange(3)
        if k < 2:
            nums = [m for m in re.finditer(r"(?<![%\w])\d+\b", text)]
            if not nums:
                continue
            m = rng.choice(nums)
            new = str(
                rng.choice([0, 1, 7, 255, 2**31 - 1, 2**32, 2**62, 2**63 - 1, 2**63, 2**64, -1, -(2**63)])
            )
            text = text[: m.start()] + new + text[m.end() :]
        else:
            ops = [m for m in re.finditer(r"(= arith\.\w+ [^:\n]*)( :)", text)]
            if ops:
                m = rng.choice(ops)
                lat = rng.choice([0, 1, 1000, 2**40, 2**63, -1, '"3"', "2.5", "200 : i8"])
                text = (
                    text[: m.start()]
                    + m.group(1)
                    + f" {{gaus.latency = {lat}}}"
                    + m.group(2)
                    + text[m.end() :]
                )
    return text
