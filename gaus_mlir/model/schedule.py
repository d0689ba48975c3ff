"""The result every scheduler returns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from .problem import Problem


@dataclass
class Schedule:
    """Integer start time per op (``start``), the II of a cyclic problem, the start
    time in cycle ``z`` of a chaining problem, and how it was obtained.

    ``status`` is ``OPTIMAL`` (proven), ``FEASIBLE`` (valid, not proven) or
    ``HEURISTIC`` (valid, from a heuristic).  ``bound`` is a proven lower bound on
    the objective where the method has one.
    """

    start: np.ndarray
    ii: int | None = None
    z: np.ndarray | None = None
    method: str = ""
    status: str = "HEURISTIC"
    objective: float | None = None
    bound: float | None = None
    stats: dict = field(default_factory=dict)

    def __post_init__(self):
        self.start = _start_times(self.start)
        if self.ii is not None:
            ii = self.ii
            if isinstance(ii, (float, np.floating)) and float(ii).is_integer():
                ii = int(ii)
            if isinstance(ii, (bool, np.bool_)) or not isinstance(ii, (int, np.integer)):
                raise TypeError(f"Schedule: ii must be an integer, got {self.ii!r}")
            self.ii = int(ii)
        if self.z is not None:
            self.z = np.asarray(self.z, dtype=np.float64)

    def latency(self, problem: Problem) -> int:
        """Start time of the problem's objective op (CIRCT's convention), or the
        makespan ``max(t + lat)`` when the problem has no ops."""
        last = problem.last_op
        if last is None:
            return 0
        return int(self.start[last])

    def makespan(self, problem: Problem) -> int:
        a = problem.arrays
        return int((self.start + a.lat).max()) if a.n else 0


def _start_times(start) -> np.ndarray:
    """``start`` as int64 (integral floats accepted; Python ints beyond int64 are
    kept exactly in an object array); TypeError/ValueError otherwise."""
    if start is None or isinstance(start, (str, bytes)):
        raise TypeError(f"Schedule: start must be a sequence of integers, got {start!r}")
    arr = np.asarray(start)
    if arr.ndim != 1:
        raise TypeError(f"Schedule: start must be a 1-D sequence of integers, got shape {arr.shape}")
    if arr.dtype.kind == "i":
        return arr.astype(np.int64, copy=False)
    if arr.dtype.kind == "u":
        if arr.size and int(arr.max()) >= 2**63:
            return _objects([int(v) for v in arr.tolist()])
        return arr.astype(np.int64)
    if arr.dtype.kind == "f":
        if arr.size and not (np.isfinite(arr).all() and (arr == np.round(arr)).all()):
            bad = arr[~(np.isfinite(arr) & (arr == np.round(arr)))][0]
            raise ValueError(f"Schedule: start times must be integers, got {bad!r}")
        if arr.size and np.abs(arr).max() >= 2.0**63:
            return _objects([int(v) for v in arr.tolist()])
        return arr.astype(np.int64)
    if arr.dtype == object or arr.dtype.kind == "b":
        vals = arr.tolist()
        for v in vals:
            if isinstance(v, (bool, np.bool_)) or not isinstance(v, (int, np.integer)):
                raise TypeError(f"Schedule: start times must be integers, got {v!r}")
        try:
            return np.asarray(vals, dtype=np.int64)
        except OverflowError:
            return _objects([int(v) for v in vals])
    raise TypeError(f"Schedule: start times must be integers, got {arr.dtype}")


def _objects(vals: list) -> np.ndarray:
    out = np.empty(len(vals), dtype=object)
    out[:] = vals
    return out
