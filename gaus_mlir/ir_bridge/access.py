"""Affine memory-access analysis: which accesses of one memref can touch the
same element, and at which iteration distance.

An access is a list of per-dimension *linear forms*: ``{key: coefficient}``
with ``CONST`` for the constant term, ``IV`` for the induction variable of the
loop being pipelined, and an SSA ``Value`` for any term that is the same in
every iteration.  Anything else (a mod/div, a product of two variables, a
value computed inside the loop that is not affine in the IV) makes the access
*unknown*, and unknown accesses depend on everything at distances 0 and 1.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # mlir is imported only where IR is touched
    from mlir import ir

CONST = "c"
IV = "iv"

#: results of :func:`distance`
INDEPENDENT = "independent"
ANY = "any"  # same element in every pair of iterations
UNKNOWN = "unknown"


@dataclass
class Scope:
    """The loop whose iterations are compared (``iv``/``loop`` None: one
    execution of a straight-line region, where every SSA value is fixed)."""

    iv: object = None  # the induction variable (a BlockArgument)
    loop: object = None  # the loop Operation
    step: int | None = 1  # None: not a compile-time constant


def const_value(value: ir.Value) -> int | None:
    """The integer of an ``arith.constant``/``index.constant`` result, else None."""
    owner = value.owner
    return _const_int(owner.operation) if hasattr(owner, "operands") else None


def _const_int(op) -> int | None:
    if op.name not in ("arith.constant", "index.constant"):
        return None
    try:
        return int(op.attributes["value"].value)
    except (KeyError, ValueError, TypeError, AttributeError):
        return None


def _inside(op, loop) -> bool:
    """Whether ``op`` is nested (at any depth) in ``loop``."""
    if loop is None:
        return False
    loop = loop.operation
    p = op.operation.parent
    while p is not None:
        if p.operation == loop:
            return True
        p = p.operation.parent
    return False


def _add(a: dict, b: dict, scale: int = 1) -> dict:
    out = dict(a)
    for k, v in b.items():
        out[k] = out.get(k, 0) + scale * v
        if out[k] == 0 and k != CONST:
            del out[k]
    return out


def _product(a: dict | None, b: dict | None) -> dict | None:
    """a * b when one side is a constant (else not linear: None)."""
    if a is None or b is None:
        return None
    for x, y in ((a, b), (b, a)):
        if set(y) <= {CONST}:
            k = y.get(CONST, 0)
            return {key: val * k for key, val in x.items() if val * k or key == CONST}
    return None


def linear_value(v: ir.Value, scope: Scope, depth: int = 0) -> dict | None:
    """Linear form of an index value, or None if it is not affine in the IV."""
    if scope.iv is not None and v == scope.iv:
        return {IV: 1}
    if depth > 16:
        return None
    owner = v.owner
    if not hasattr(owner, "name") or not hasattr(owner, "operands"):  # block argument
        blk_op = owner.owner  # the op holding the block
        if scope.loop is not None and (
            blk_op.operation == scope.loop.operation or _inside(blk_op, scope.loop)
        ):
            return None  # an iter_arg or inner IV: varies per iteration
        return {v: 1}
    op = owner.operation if hasattr(owner, "operation") else owner
    c = _const_int(op)
    if c is not None:
        return {CONST: c}
    if scope.loop is not None and not _inside(op, scope.loop):
        return {v: 1}  # defined outside the loop: invariant
    name = op.name
    if name in ("arith.addi", "arith.subi", "index.add", "index.sub"):
        a = linear_value(op.operands[0], scope, depth + 1)
        b = linear_value(op.operands[1], scope, depth + 1)
        if a is None or b is None:
            return None
        return _add(a, b, -1 if name.endswith("sub") or name.endswith("subi") else 1)
    if name in ("arith.muli", "index.mul"):
        return _product(
            linear_value(op.operands[0], scope, depth + 1), linear_value(op.operands[1], scope, depth + 1)
        )
    if name in ("arith.index_cast", "arith.index_castui"):
        return linear_value(op.operands[0], scope, depth + 1)
    if name == "affine.apply":
        forms = linear_map(op.attributes["map"].value, list(op.operands), scope, depth + 1)
        return forms[0] if forms and len(forms) == 1 else None
    if scope.loop is None:
        return {v: 1}  # one execution: a fixed value
    return None


def linear_expr(e: ir.AffineExpr, operands: list, n_dims: int, scope: Scope, depth: int) -> dict | None:
    from mlir import ir

    e = e.maybe_downcast()
    if isinstance(e, ir.AffineConstantExpr):
        return {CONST: int(e.value)}
    if isinstance(e, ir.AffineDimExpr):
        return linear_value(operands[e.position], scope, depth)
    if isinstance(e, ir.AffineSymbolExpr):
        return linear_value(operands[n_dims + e.position], scope, depth)
    if isinstance(e, ir.AffineAddExpr):
        a = linear_expr(e.lhs, operands, n_dims, scope, depth)
        b = linear_expr(e.rhs, operands, n_dims, scope, depth)
        return None if a is None or b is None else _add(a, b)
    if isinstance(e, ir.AffineMulExpr):
        return _product(
            linear_expr(e.lhs, operands, n_dims, scope, depth),
            linear_expr(e.rhs, operands, n_dims, scope, depth),
        )
    return None  # mod, floordiv, ceildiv


def linear_map(amap: ir.AffineMap, operands: list, scope: Scope, depth: int = 0) -> list | None:
    forms = []
    for e in amap.results:
        f = linear_expr(e, operands, amap.n_dims, scope, depth)
        if f is None:
            return None
        forms.append(f)
    return forms


def access_forms(op: ir.Operation | ir.OpView, scope: Scope) -> list | None:
    """Per-dimension linear forms of a load/store's address (None: unknown)."""
    name = op.name
    ops = list(op.operands)
    try:
        if name == "affine.load":
            return linear_map(op.attributes["map"].value, ops[1:], scope)
        if name == "affine.store":
            return linear_map(op.attributes["map"].value, ops[2:], scope)
        if name == "memref.load":
            idx = ops[1:]
        elif name == "memref.store":
            idx = ops[2:]
        else:
            return None
    except KeyError:
        return None
    forms = [linear_value(v, scope) for v in idx]
    return None if any(f is None for f in forms) else forms


def distance(fa: list | None, fb: list | None, step: int | None = 1) -> int | str:
    """Iteration distance ``d`` such that access ``a`` in iteration ``i`` and
    ``b`` in iteration ``i + d`` touch the same element: an int, ANY (every d),
    INDEPENDENT (never) or UNKNOWN.  With an unknown ``step`` (None) only equal
    index values give an exact distance (0)."""
    if fa is None or fb is None or len(fa) != len(fb):
        return UNKNOWN
    d = None
    for la, lb in zip(fa, fb):
        ca, cb = la.get(IV, 0), lb.get(IV, 0)
        rest_a = {k: v for k, v in la.items() if k not in (IV, CONST)}
        rest_b = {k: v for k, v in lb.items() if k not in (IV, CONST)}
        if rest_a != rest_b or ca != cb:
            return UNKNOWN
        diff = la.get(CONST, 0) - lb.get(CONST, 0)
        if ca == 0:
            if diff:
                return INDEPENDENT
            continue
        if step is None:
            if diff:
                return UNKNOWN
            q, r = 0, 0
        else:
            q, r = divmod(diff, ca * step)
        if r or (d is not None and d != q):
            return INDEPENDENT
        d = q
    return ANY if d is None else d
