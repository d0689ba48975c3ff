"""The result every scheduler returns."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


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
        self.start = np.asarray(self.start, dtype=np.int64)
        if self.z is not None:
            self.z = np.asarray(self.z, dtype=np.float64)

    def latency(self, problem) -> int:
        """Start time of the problem's objective op (CIRCT's convention), or the
        makespan ``max(t + lat)`` when the problem has no ops."""
        last = problem.last_op
        if last is None:
            return 0
        return int(self.start[last])

    def makespan(self, problem) -> int:
        a = problem.arrays
        return int((self.start + a.lat).max()) if a.n else 0
