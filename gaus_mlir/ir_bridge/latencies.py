"""Operator latencies and resource classes of the MLIR bridge (no mlir import).

The built-in values are typical single-precision floating-point and integer
core latencies on an AMD/Xilinx UltraScale+ FPGA at about 250-300 MHz, as
reported by the Floating-Point Operator LogiCORE (PG060, "max latency / full
DSP usage" column, rounded down to what Vitis HLS schedules at that clock) and
by Vitis HLS's own schedule for 32-bit integer operators.  Memory accesses
follow a block RAM: a read returns its data two cycles after the address is
presented (address register + output register), a write takes one cycle.
Index arithmetic and casts that lower to wires cost nothing.

Every value can be overridden per op name with a JSON file
(``latency-library=FILE.json``) or per op with ``gaus.latency = N : i64``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..model.problem import MAX_INT

#: op name -> (latency, why).  ``why`` is what ``gaus-opt --list-latencies``
#: and the README print.
BUILTIN: dict[str, tuple[int, str]] = {
    # floating point (PG060, fp32, full DSP usage)
    "arith.addf": (4, "fp32 adder (PG060)"),
    "arith.subf": (4, "fp32 adder (PG060)"),
    "arith.mulf": (3, "fp32 multiplier, full DSP (PG060)"),
    "arith.divf": (12, "fp32 divider (PG060, Vitis HLS fdiv at 300 MHz)"),
    "arith.remf": (12, "as divf"),
    "arith.negf": (0, "sign-bit flip (wire)"),
    "arith.cmpf": (1, "fp32 comparator (PG060)"),
    "arith.maximumf": (1, "comparator + mux"),
    "arith.minimumf": (1, "comparator + mux"),
    "arith.maxnumf": (1, "comparator + mux"),
    "arith.minnumf": (1, "comparator + mux"),
    "arith.extf": (2, "fp32 -> fp64 conversion (PG060)"),
    "arith.truncf": (2, "fp64 -> fp32 conversion (PG060)"),
    "arith.sitofp": (4, "int -> fp32 conversion (PG060)"),
    "arith.uitofp": (4, "int -> fp32 conversion (PG060)"),
    "arith.fptosi": (4, "fp32 -> int conversion (PG060)"),
    "arith.fptoui": (4, "fp32 -> int conversion (PG060)"),
    "math.fma": (5, "fused multiply-add (PG060)"),
    "math.sqrt": (12, "fp32 square root (PG060)"),
    "math.rsqrt": (12, "fp32 reciprocal square root (PG060)"),
    "math.exp": (8, "fp32 exponential (PG060)"),
    "math.log": (10, "fp32 logarithm (PG060)"),
    "math.absf": (0, "sign-bit clear (wire)"),
    # integer (Vitis HLS, 32 bit)
    "arith.addi": (1, "32-bit adder"),
    "arith.subi": (1, "32-bit subtractor"),
    "arith.muli": (3, "32-bit multiplier on DSPs"),
    "arith.divsi": (36, "32-bit radix-2 divider (Vitis HLS sdiv)"),
    "arith.divui": (36, "32-bit radix-2 divider (Vitis HLS udiv)"),
    "arith.remsi": (36, "as divsi"),
    "arith.remui": (36, "as divui"),
    "arith.ceildivsi": (36, "as divsi"),
    "arith.floordivsi": (36, "as divsi"),
    "arith.cmpi": (1, "32-bit comparator"),
    "arith.maxsi": (1, "comparator + mux"),
    "arith.minsi": (1, "comparator + mux"),
    "arith.maxui": (1, "comparator + mux"),
    "arith.minui": (1, "comparator + mux"),
    "arith.select": (0, "multiplexer (combinational)"),
    "arith.andi": (0, "logic (combinational)"),
    "arith.ori": (0, "logic (combinational)"),
    "arith.xori": (0, "logic (combinational)"),
    "arith.shli": (0, "shift by a wire pattern (combinational)"),
    "arith.shrsi": (0, "shift (combinational)"),
    "arith.shrui": (0, "shift (combinational)"),
    "arith.extsi": (0, "wire"),
    "arith.extui": (0, "wire"),
    "arith.trunci": (0, "wire"),
    "arith.index_cast": (0, "wire"),
    "arith.index_castui": (0, "wire"),
    "arith.bitcast": (0, "wire"),
    "arith.constant": (0, "constant"),
    "math.absi": (1, "negate + mux"),
    # address arithmetic, folded into the access
    "affine.apply": (0, "address arithmetic"),
    "affine.min": (0, "address arithmetic"),
    "affine.max": (0, "address arithmetic"),
    "index.add": (0, "address arithmetic"),
    "index.sub": (0, "address arithmetic"),
    "index.mul": (0, "address arithmetic"),
    "index.constant": (0, "constant"),
    "memref.dim": (0, "static shape query"),
    # memory (block RAM)
    "affine.load": (2, "BRAM read: address + output register"),
    "memref.load": (2, "BRAM read: address + output register"),
    "affine.store": (1, "BRAM write"),
    "memref.store": (1, "BRAM write"),
    "memref.alloca": (0, "storage, no operation"),
    "memref.alloc": (0, "storage, no operation"),
    "memref.get_global": (0, "storage, no operation"),
    "memref.cast": (0, "view, no operation"),
    "memref.subview": (0, "view, no operation"),
    "memref.reinterpret_cast": (0, "view, no operation"),
    "memref.collapse_shape": (0, "view, no operation"),
    "memref.expand_shape": (0, "view, no operation"),
    "memref.view": (0, "view, no operation"),
    "memref.transpose": (0, "view, no operation"),
    "memref.memory_space_cast": (0, "view, no operation"),
    "memref.reshape": (0, "view, no operation"),
    "memref.assume_alignment": (0, "view, no operation"),
    "memref.extract_strided_metadata": (0, "view, no operation"),
    "memref.dealloc": (0, "storage, no operation"),
}

#: Default read/write ports per memref (a single-port block RAM).
DEFAULT_MEM_PORTS = 1


class LibraryError(ValueError):
    """A malformed latency library; ``line``/``col`` when JSON says where."""

    def __init__(self, message: str, path: str, line: int | None = None, col: int | None = None):
        super().__init__(message)
        self.path, self.line, self.col = path, line, col


@dataclass
class LatencyLibrary:
    """Built-in latencies plus overrides from a JSON file.

    The file maps op names to a latency or to ``{"latency": N, "blocking": M}``
    (``blocking``: cycles the op occupies its resource, for cores that are not
    fully pipelined).  Unknown keys are errors so a typo is not ignored.
    """

    latency: dict[str, int] = field(default_factory=lambda: {k: v[0] for k, v in BUILTIN.items()})
    blocking: dict[str, int] = field(default_factory=dict)
    source: dict[str, str] = field(default_factory=lambda: {k: "built-in" for k in BUILTIN})

    @classmethod
    def load(cls, path: str | None) -> LatencyLibrary:
        lib = cls()
        if path:
            lib.update_from_file(path)
        return lib

    def update_from_file(self, path: str) -> None:
        try:
            with open(path, encoding="utf-8") as f:
                data = json.load(f)
        except OSError as e:
            raise LibraryError(f"cannot open latency library '{path}': {e.strerror}", path) from None
        except json.JSONDecodeError as e:
            raise LibraryError(
                f"latency library is not valid JSON: {e.msg}", path, e.lineno, e.colno
            ) from None
        if not isinstance(data, dict):
            raise ValueError(f"latency library '{path}' must be a JSON object mapping op names to latencies")
        for name, entry in data.items():
            if isinstance(entry, dict):
                extra = set(entry) - {"latency", "blocking"}
                if extra or "latency" not in entry:
                    raise ValueError(
                        f"latency library '{path}': entry '{name}' must be N or "
                        '{"latency": N, "blocking": M}'
                    )
                lat, blk = entry["latency"], entry.get("blocking")
            else:
                lat, blk = entry, None
            for what, v in (("latency", lat), ("blocking", blk)):
                if v is not None and (isinstance(v, bool) or not isinstance(v, int) or v < 0):
                    raise ValueError(
                        f"latency library '{path}': {what} of '{name}' must be "
                        f"a non-negative integer, got {json.dumps(v)}"
                    )
                if v is not None and v > MAX_INT:
                    raise ValueError(
                        f"latency library '{path}': {what} {v} of '{name}' is "
                        "outside the supported range [0, 2^62]"
                    )
            self.latency[name] = lat
            self.source[name] = path
            if blk is not None:
                self.blocking[name] = blk

    def get(self, op_name: str) -> int | None:
        return self.latency.get(op_name)
