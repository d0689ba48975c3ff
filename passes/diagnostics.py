"""Diagnostics of the pass layer: the shared located error plus errors in the
``--pass-pipeline`` string."""

from __future__ import annotations

from gaus_mlir.diagnostics import Diagnostic

PIPELINE_FILE = "<Pass-Pipeline>"


def pipeline_error(message: str, col: int) -> Diagnostic:
    """An error in the --pass-pipeline string, located like mlir-opt does."""
    return Diagnostic(message, PIPELINE_FILE, 1, col)


__all__ = ["Diagnostic", "PIPELINE_FILE", "pipeline_error"]
