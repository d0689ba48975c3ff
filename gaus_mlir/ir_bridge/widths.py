"""Register widths of MLIR values, for the register count of the problem model
(``Problem.add_op(..., bits=)``, :mod:`gaus_mlir.model.registers`).

A value's width is what a register holding it needs: ``iN`` -> N, floats their
storage width (f16/bf16 16, f32 32, f64 64, ...), ``index`` -> ``index_bits``
(a target choice; 64 by default, MLIR's own default), ``vector<AxBxT>`` ->
A x B x width(T), ``complex<T>`` -> 2 x width(T).  Everything else (memrefs,
tensors, tokens, none, tuples, dialect types) is not a register value: 0.
``mlir`` is imported only inside the function.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mlir import ir

DEFAULT_INDEX_BITS = 64


def value_bits(mlir_type: ir.Type, index_bits: int = DEFAULT_INDEX_BITS) -> int:
    """Width in bits of a register holding a value of ``mlir_type`` (0 when
    such a value is not kept in registers)."""
    from mlir import ir

    t = mlir_type.maybe_downcast() if hasattr(mlir_type, "maybe_downcast") else mlir_type
    if isinstance(t, ir.IntegerType):
        return t.width
    if isinstance(t, ir.IndexType):
        return index_bits
    if isinstance(t, ir.FloatType):
        return t.width
    if isinstance(t, ir.VectorType):
        return math.prod(t.shape) * value_bits(t.element_type, index_bits)
    if isinstance(t, ir.ComplexType):
        return 2 * value_bits(t.element_type, index_bits)
    return 0


def result_bits(op: ir.Operation | ir.OpView, index_bits: int = DEFAULT_INDEX_BITS) -> list[int]:
    """The widths of ``op``'s results, in order."""
    return [value_bits(r.type, index_bits) for r in op.results]
