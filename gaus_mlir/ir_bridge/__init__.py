"""The bridge from func/affine/scf IR (upstream MLIR Python bindings) to the
problem model, and from schedules back to ``gaus.*`` attributes.  ``mlir`` is
imported only inside the functions that touch IR."""

from .extract import (
    Config,
    ExtractionError,
    FunctionAnalysis,
    Region,
    attribute_writes,
    build_problem,
    owned_attributes,
    remarks,
    remove_attributes,
    solve,
    stale_claims,
    write_attributes,
)
from .latencies import BUILTIN, DEFAULT_MEM_PORTS, LatencyLibrary
from .readback import read_schedule

__all__ = [
    "BUILTIN",
    "Config",
    "DEFAULT_MEM_PORTS",
    "ExtractionError",
    "FunctionAnalysis",
    "LatencyLibrary",
    "Region",
    "attribute_writes",
    "build_problem",
    "owned_attributes",
    "read_schedule",
    "remarks",
    "remove_attributes",
    "solve",
    "stale_claims",
    "write_attributes",
]
