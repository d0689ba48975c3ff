"""The independent reference for generated hardware: the MLIR function itself,
compiled by LLVM (the MLIR 22 bindings' ``ExecutionEngine``) and run on test
vectors.  It shares no code with the emitter or with any interpreter, so a
mismatch between it and a Verilator simulation points at the hardware.

The function (integer arguments and results of 1 to 64 bits, a body of integer
``arith`` ops) is called from a generated wrapper that loops over all vectors
in one native call: values travel as 64-bit words, arguments truncated to
their width and results zero-extended, so both sides are non-negative Python
ints (two's complement, masked to the width).  Discardable ``gaus.*``
attributes (the schedule) are dropped before lowering.

Where LLVM and hardware disagree, the reference is undefined, and tests must
keep clear of it: ``divsi``/``divui``/``remsi``/``remui``/``ceildivsi``/
``floordivsi`` by zero (a trap on x86: SIGFPE) and signed
``MIN / -1``; shifts (``shli``/``shrsi``/``shrui``) by the width or more
(poison: any value); ``nsw``/``nuw``/``exact`` flags that the inputs violate
(poison).  CIRCT's ``comb`` ops give such cases some fixed value instead.
The vectors run in a forked child (where ``fork`` exists), so a trap raises
:class:`ReferenceTrap` instead of killing the caller; poison goes unnoticed.
"""

from __future__ import annotations

import ctypes
import faulthandler
import mmap
import os
import re
import signal

import numpy as np

#: what the wrapper is called inside the module it is compiled in
WRAPPER = "__gaus_reference_batch"
LOWERING = (
    "builtin.module(convert-func-to-llvm,convert-arith-to-llvm,convert-cf-to-llvm,reconcile-unrealized-casts)"
)


class ReferenceError(ValueError):
    """The function cannot be run as a reference (not found, or a type that
    is not an integer of 1 to 64 bits)."""


class ReferenceTrap(ReferenceError):
    """The compiled function trapped on some input vector (x86 traps on a
    division by zero and on signed ``MIN / -1``)."""


def reference_outputs(mlir_text: str, func: str, vectors: list[list[int]]) -> list[list[int]]:
    """Run ``func`` of ``mlir_text`` on every input vector (one int per
    argument) and return its results, one list per vector, each value in
    ``[0, 2**width)``.  Compiles once; all vectors run in one native call."""
    from mlir import ir

    with ir.Context() as ctx:
        ctx.allow_unregistered_dialects = True
        func_text, widths_in, widths_out = _isolate(ir, mlir_text, func)
        for k, vec in enumerate(vectors):
            if len(vec) != len(widths_in):
                raise ReferenceError(
                    f"vector {k} has {len(vec)} values; @{func} takes {len(widths_in)} arguments"
                )
        module = ir.Module.parse(func_text + "\n" + _wrapper(func, widths_in, widths_out))
        return _run(module, widths_in, widths_out, vectors)


def _isolate(ir, mlir_text: str, func: str) -> tuple[str, list[int], list[int]]:
    """The text of ``func`` alone, without ``gaus.*`` attributes, and the widths
    of its arguments and results."""
    module = ir.Module.parse(mlir_text)
    found = [
        op
        for op in module.body.operations
        if op.operation.name == "func.func" and ir.StringAttr(op.attributes["sym_name"]).value == func
    ]
    if not found:
        raise ReferenceError(f"no func.func @{func} in the module")
    op = found[0].operation
    if not op.regions[0].blocks:
        raise ReferenceError(f"@{func} is a declaration: it has no body to run")

    def strip(o):
        for name in list(o.attributes):
            if name.startswith("gaus."):
                del o.attributes[name]
        return ir.WalkResult.ADVANCE

    op.walk(strip)
    ftype = ir.FunctionType(ir.TypeAttr(op.attributes["function_type"]).value)
    return str(op), _widths(ir, ftype.inputs, func, "argument"), _widths(ir, ftype.results, func, "result")


def _widths(ir, types, func: str, what: str) -> list[int]:
    out = []
    for k, t in enumerate(types):
        try:
            width = ir.IntegerType(t).width
        except ValueError:
            width = 0
        if not 1 <= width <= 64:
            raise ReferenceError(f"@{func} {what} {k} has type {t}: only i1 to i64 are supported")
        out.append(width)
    return out


def _symbol(name: str) -> str:
    return "@" + name if re.fullmatch(r"[A-Za-z_][\w$.]*", name) else "@" + '"' + name + '"'


def _wrapper(func: str, widths_in: list[int], widths_out: list[int]) -> str:
    """``WRAPPER(in, out, n)``: for each of ``n`` vectors, load the arguments
    from ``in`` (64-bit words), call ``func`` and store its results in ``out``."""
    n_in, n_out = len(widths_in), len(widths_out)
    body = ["  %base_in = arith.muli %i, %n_in : i64", "  %base_out = arith.muli %i, %n_out : i64"]
    args = []
    for j, w in enumerate(widths_in):
        body += [
            f"  %ci{j} = arith.constant {j} : i64",
            f"  %ii{j} = arith.addi %base_in, %ci{j} : i64",
            f"  %pi{j} = llvm.getelementptr %in[%ii{j}] : (!llvm.ptr, i64) -> !llvm.ptr, i64",
            f"  %wi{j} = llvm.load %pi{j} : !llvm.ptr -> i64",
        ]
        if w < 64:
            body.append(f"  %a{j} = arith.trunci %wi{j} : i64 to i{w}")
        args.append(f"%a{j}" if w < 64 else f"%wi{j}")
    types_in = ", ".join(f"i{w}" for w in widths_in)
    types_out = ", ".join(f"i{w}" for w in widths_out)
    lhs = f"%r:{n_out} = " if n_out > 1 else "%r0 = " if n_out == 1 else ""
    body.append(f"  {lhs}func.call {_symbol(func)}({', '.join(args)}) : ({types_in}) -> ({types_out})")
    for k, w in enumerate(widths_out):
        r = f"%r#{k}" if n_out > 1 else "%r0"
        body += [
            f"  %co{k} = arith.constant {k} : i64",
            f"  %io{k} = arith.addi %base_out, %co{k} : i64",
            f"  %po{k} = llvm.getelementptr %out[%io{k}] : (!llvm.ptr, i64) -> !llvm.ptr, i64",
        ]
        if w < 64:
            body.append(f"  %wo{k} = arith.extui {r} : i{w} to i64")
        body.append(f"  llvm.store {f'%wo{k}' if w < 64 else r}, %po{k} : i64, !llvm.ptr")
    return "\n".join(
        [
            f"func.func @{WRAPPER}(%in: !llvm.ptr, %out: !llvm.ptr, %n: i64) attributes {{llvm.emit_c_interface}} {{",
            "  %zero = arith.constant 0 : i64",
            "  %one = arith.constant 1 : i64",
            f"  %n_in = arith.constant {n_in} : i64",
            f"  %n_out = arith.constant {n_out} : i64",
            "  cf.br ^loop(%zero : i64)",
            "^loop(%i: i64):",
            "  %more = arith.cmpi slt, %i, %n : i64",
            "  cf.cond_br %more, ^body, ^exit",
            "^body:",
            *body,
            "  %next = arith.addi %i, %one : i64",
            "  cf.br ^loop(%next : i64)",
            "^exit:",
            "  return",
            "}",
        ]
    )


def _run(module, widths_in: list[int], widths_out: list[int], vectors: list[list[int]]) -> list[list[int]]:
    from mlir.execution_engine import ExecutionEngine
    from mlir.passmanager import PassManager

    PassManager.parse(LOWERING).run(module.operation)
    engine = ExecutionEngine(module, opt_level=2)
    n = len(vectors)
    masks_in = [(1 << w) - 1 for w in widths_in]
    flat = [v & m for vec in vectors for v, m in zip(vec, masks_in)]
    words_in = np.array(flat or [0], dtype=np.uint64)
    shared = mmap.mmap(-1, 8 * max(1, n * len(widths_out)))
    words_out = np.frombuffer(shared, dtype=np.uint64)
    pointers = [
        ctypes.pointer(ctypes.c_void_p(words_in.ctypes.data)),
        ctypes.pointer(ctypes.c_void_p(words_out.ctypes.data)),
        ctypes.pointer(ctypes.c_int64(n)),
    ]
    _invoke(engine, pointers)
    masks_out = [(1 << w) - 1 for w in widths_out]
    values = words_out.tolist()
    del words_out
    shared.close()
    k = len(widths_out)
    return [[values[i * k + j] & masks_out[j] for j in range(k)] for i in range(n)]


def _invoke(engine, pointers) -> None:
    """Run the compiled loop in a forked child where there is ``fork``, so that
    a trap (a division by zero: SIGFPE) is an exception here, not the death of
    this process.  The results come back through shared memory."""
    if not hasattr(os, "fork"):
        engine.invoke(WRAPPER, *pointers)
        return
    pid = os.fork()
    if pid == 0:  # the child: run the native code only, then leave at once
        code = 1
        faulthandler.disable()  # a trap is the answer here, not a crash to report
        try:
            engine.invoke(WRAPPER, *pointers)
            code = 0
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        sig = signal.Signals(os.WTERMSIG(status)).name
        raise ReferenceTrap(
            f"the reference died of {sig}: an input vector makes the function divide by zero "
            "or overflow a signed division (undefined in LLVM; keep such vectors out)"
        )
    if os.WEXITSTATUS(status) != 0:
        raise ReferenceTrap(f"the reference's child process ended with exit status {os.WEXITSTATUS(status)}")
