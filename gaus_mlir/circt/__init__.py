"""CIRCT (from the ``pycde`` wheel) in a child process.

pycde's CIRCT and the MLIR 22 bindings ship libraries with the same names
and cannot share a process, so every use of CIRCT goes through
:func:`run_circt`, which exchanges IR as text with ``python -m
gaus_mlir.circt.child``.  Standard library only: the schedulers, the IR
bridge and the passes all build on it.
"""

from .process import (
    CirctError,
    CirctMissing,
    CirctResult,
    circt_available,
    hardware_missing_message,
    run_circt,
)

__all__ = [
    "CirctError",
    "CirctMissing",
    "CirctResult",
    "circt_available",
    "hardware_missing_message",
    "run_circt",
]
