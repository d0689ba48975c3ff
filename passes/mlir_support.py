"""MLIR (func/affine/scf) input: handled by the MLIR bridge once it lands."""

from __future__ import annotations

from .diagnostics import Diagnostic


def run_mlir_chunk(text, filename, elements, args, err) -> str:
    first = next((i for i, l in enumerate(text.splitlines()) if l.strip()
                  and not l.strip().startswith("//")), 0)
    raise Diagnostic("input is not a CIRCT SSP file (no 'ssp.instance'); scheduling "
                     "MLIR func/affine/scf IR needs the MLIR bridge, which is not part "
                     "of this version", filename, first + 1, 1)
