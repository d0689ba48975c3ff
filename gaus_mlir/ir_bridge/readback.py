"""The schedule already written on the IR (``gaus.*`` attributes), read back
per region so ``gaus-verify`` can check it against a fresh extraction."""

from __future__ import annotations

import numpy as np

from ..model import Schedule
from .extract import ExtractionError, Region, int_attr, region_hold


def _need(op, name: str, what: str) -> int:
    v = int_attr(op, name)
    if v is None:
        raise ExtractionError(f"'{op.name}' has no '{name}' ({what}); run gaus-schedule first", op)
    return v


def read_schedule(r: Region) -> Schedule:
    """The region's start times: ``gaus.start`` of each op, the terminator at
    the owner's ``gaus.latency``; the II from ``gaus.ii`` on a loop."""
    n = len(r.ops)
    start = np.zeros(n, dtype=np.int64)
    for i, op in enumerate(r.ops[:-1]):
        start[i] = _need(op, "gaus.start", "its start cycle")
    what = "the latency of " + ("one iteration" if r.loop else "the region")
    start[-1] = _need(r.owner, "gaus.latency", what)
    ii = None
    if r.loop:
        ii = _need(r.owner, "gaus.ii", "its initiation interval")
        if ii < 1:
            raise ExtractionError(f"'gaus.ii' of '{r.owner.name}' must be >= 1", r.owner)
        if not r.pipelined and ii < start[-1]:
            raise ExtractionError(
                f"'gaus.ii' = {ii} of a loop that is not pipelined (it holds another "
                f"loop) is below its iteration latency {start[-1]}",
                r.owner,
            )
        hold = region_hold(r, start)
        if not r.pipelined and ii < hold:
            raise ExtractionError(
                f"'gaus.ii' = {ii} of a loop that is not pipelined (it holds another "
                f"loop) is below {hold}, the cycle at which a blocking op of its "
                "iteration frees its unit",
                r.owner,
            )
        r.ii = ii
    return Schedule(start, ii=ii if r.pipelined else None, method="attributes")
