"""Random CIRCT SSP instances of every problem kind, as text plus the plain
description (:class:`Spec`) the checker reads, and hostile mutations of text.

A :class:`Spec` is the ground truth of a generated instance: the checker never
reads the problem back through the project's parser for these."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

KINDS = [
    "Problem",
    "CyclicProblem",
    "SharedOperatorsProblem",
    "SharedResourcesProblem",
    "ModuloProblem",
    "ChainingProblem",
    "ChainingCyclicProblem",
]
CYCLIC = {"CyclicProblem", "ModuloProblem", "ChainingCyclicProblem"}
SHARED = {"SharedOperatorsProblem", "SharedResourcesProblem", "ModuloProblem"}
CHAINING = {"ChainingProblem", "ChainingCyclicProblem"}

# methods each kind is scheduled with (README's method table)
METHODS = {
    "Problem": ["asap", "list", "cpsat", "lp", "gaus"],
    "CyclicProblem": ["asap", "ims", "cpsat", "lp", "gaus"],
    "SharedOperatorsProblem": ["list", "cpsat", "gaus"],
    "SharedResourcesProblem": ["list", "cpsat", "gaus"],
    "ModuloProblem": ["ims", "cpsat", "gaus"],
    "ChainingProblem": ["lp", "gaus"],
    "ChainingCyclicProblem": ["lp", "gaus"],
}
FAST_OPTS = {
    "cpsat": "time-limit=1",
    "gaus": "iterations=20 batch=2",
    "lp": "",
    "asap": "",
    "list": "",
    "ims": "",
}


@dataclass
class OType:
    name: str
    latency: int
    inc: float | None = None
    out: float | None = None
    blocking: int | None = None
    limit: int | None = None  # CIRCT's older limit on the operator type


@dataclass
class Op:
    name: str
    otype: int
    uses: list[int] = field(default_factory=list)
    # (source op, distance, auxiliary)
    deps: list[tuple[int, int, bool]] = field(default_factory=list)


@dataclass
class Spec:
    kind: str
    name: str
    otypes: list[OType]
    rtypes: list[tuple[str, int]]
    ops: list[Op]
    cycle_time: float | None = None

    @property
    def cyclic(self):
        return self.kind in CYCLIC

    @property
    def shared(self):
        return self.kind in SHARED

    @property
    def chaining(self):
        return self.kind in CHAINING


def _fmt_float(x: float) -> str:
    return f"{x:.6e} : f32"


def render(spec: Spec) -> str:
    lines = [f'ssp.instance @{spec.name} of "{spec.kind}" {{', "  library {"]
    for o in spec.otypes:
        props = [f"latency<{o.latency}>"]
        if o.inc is not None:
            props.append(f"incDelay<{_fmt_float(o.inc)}>")
        if o.out is not None:
            props.append(f"outDelay<{_fmt_float(o.out)}>")
        if o.blocking is not None:
            props.append(f"blocking<{o.blocking}>")
        if o.limit is not None:
            props.append(f"limit<{o.limit}>")
        lines.append(f"    operator_type @{o.name} [{', '.join(props)}]")
    lines.append("  }")
    if spec.rtypes or spec.shared:
        lines.append("  resource {")
        for r, lim in spec.rtypes:
            lines.append(f"    resource_type @{r} [limit<{lim}>]")
        lines.append("  }")
    lines.append("  graph {")
    for i, op in enumerate(spec.ops):
        operands = []
        # SSA operands (def-use, forward references allowed in the graph
        # region) first, then symbol operands (auxiliary dependences)
        for src, dist, aux in sorted(op.deps, key=lambda d: d[2]):
            ref = f"@{spec.ops[src].name}" if aux else f"%{src}"
            if dist:
                ref += f" [dist<{dist}>]"
            operands.append(ref)
        uses = ""
        if op.uses:
            uses = " uses[" + ", ".join(f"@{spec.rtypes[r][0]}" for r in op.uses) + "]"
        lines.append(
            f"    %{i} = operation<@{spec.otypes[op.otype].name}> @{op.name}({', '.join(operands)}){uses}"
        )
    lines += ["  }", "}"]
    return "\n".join(lines) + "\n"


def random_spec(rng: random.Random, kind: str, max_ops: int = 10, name: str = "p", big: bool = False) -> Spec:
    """A well-formed instance of ``kind`` (what ``check()`` should accept);
    with ``big`` some numbers are near or beyond 2**62."""
    n_ot = rng.randint(1, 4)
    shared = kind in SHARED
    chaining = kind in CHAINING

    def num(lo, hi):
        if big and rng.random() < 0.3:
            return rng.choice([2**31, 2**32 + 1, 2**62, 2**63 - 1, 2**63, 2**64 + 3])
        return rng.randint(lo, hi)

    otypes = []
    for k in range(n_ot):
        lat = num(1 if shared else 0, 6)  # check(): no zero latency on a limited resource
        ot = OType(f"t{k}", lat)
        if chaining:
            d = round(rng.uniform(0, 4), 2)
            ot.inc = d
            ot.out = d if lat == 0 else round(rng.uniform(0, 4), 2)
        if shared and rng.random() < 0.3:
            ot.blocking = num(1, 4)
        otypes.append(ot)
    rtypes = []
    if shared:
        for k in range(rng.randint(1, 3)):
            rtypes.append((f"r{k}", num(1, 3)))
        if rng.random() < 0.2:  # CIRCT's older limit on an operator type
            otypes[0].limit = num(1, 2)
    n = rng.randint(1, max_ops)
    ops = []
    for i in range(n):
        t = rng.randrange(n_ot)
        op = Op(f"o{i}", t)
        if shared and rtypes and rng.random() < 0.6:
            op.uses = sorted(set(rng.sample(range(len(rtypes)), rng.randint(1, len(rtypes)))))
            if rng.random() < 0.1:  # uses[@r, @r]: one unit of @r (CIRCT)
                op.uses.append(op.uses[0])
        for j in range(i):
            if rng.random() < 0.35:
                dist = num(0, 3) if kind in CYCLIC and rng.random() < 0.3 else 0
                # chaining: loop-carried dependences must be auxiliary
                op.deps.append((j, dist, rng.random() < 0.15 or (chaining and dist > 0)))
        ops.append(op)
        if kind in CYCLIC and rng.random() < 0.3:
            # a back edge (or a self loop) must carry a distance >= 1
            src = rng.randint(0, i)
            ops[src].deps.append((i, num(1, 3), chaining or rng.random() < 0.3))
    ct = None
    if chaining and rng.random() < 0.7:
        top = max([o.inc or 0 for o in otypes] + [o.out or 0 for o in otypes])
        ct = round(top + rng.uniform(0, 6), 2)
    return Spec(kind, name, otypes, rtypes, ops, ct)


# ------------------------------------------------------------ mutations
GARBAGE = [
    "\x00",
    "\xff",
    "{",
    "}",
    "<",
    ">",
    "[",
    "]",
    "@",
    "%",
    "::",
    "//",
    '"',
    "\\",
    "-1",
    "0",
    "99999999999999999999999",
    "1e309",
    "nan",
    "latency<>",
    "dist<-1>",
    "uses[@r0, @r0]",
    "ssp.instance",
    "operation<@Lib::@t0>",
    "\u00e9",
    "\r\n",
    "II<0>",
    "t<-3>",
    "limit<0>",
    "blocking<0>",
    "builtin.module {",
]


def mutate(rng: random.Random, text: str, n: int | None = None) -> str:
    """A few random edits: delete / duplicate / swap spans, insert tokens,
    replace numbers by huge or negative ones."""
    import re

    for _ in range(n or rng.randint(1, 3)):
        if not text:
            text = rng.choice(GARBAGE)
            continue
        k = rng.randrange(8)
        a = rng.randrange(len(text))
        b = min(len(text), a + rng.randint(1, 12))
        if k == 0:
            text = text[:a] + text[b:]
        elif k == 1:
            text = text[:a] + text[a:b] * rng.randint(2, 4) + text[b:]
        elif k == 2:
            text = text[:a] + rng.choice(GARBAGE) + text[a:]
        elif k in (3, 4):
            nums = list(re.finditer(r"\d+", text))
            if nums:
                m = rng.choice(nums)
                new = str(rng.choice([0, 1, 2**31, 2**32, 2**62, 2**63 - 1, 2**63, 2**64, 10**30, 10**400]))
                text = text[: m.start()] + new + text[m.end() :]
        elif k == 5:
            lines = text.split("\n")
            i = rng.randrange(len(lines))
            del lines[i]
            text = "\n".join(lines)
        elif k == 6:
            lines = text.split("\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        else:
            text = text[:a] + text[b:a:-1] + text[b:] if b > a + 1 else text
    return text
