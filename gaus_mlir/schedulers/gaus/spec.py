"""The relaxation's input (numpy only: building it does not import torch)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ...model import Problem


@dataclass
class RelaxSpec:
    """Everything the relaxation needs, as numpy arrays (built by the scheduler)."""

    n: int
    src: np.ndarray  # dependences: mu[dst] - mu[src] - w >= 0
    dst: np.ndarray
    w: np.ndarray
    lo: np.ndarray  # projection box per op
    hi: np.ndarray
    sigma0: np.ndarray
    lat: np.ndarray
    terms: dict  # objective terms {name: weight}
    use_op: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    use_res: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    use_off: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    use_w: np.ndarray | None = None  # per use weight (None: 1)
    obj_scale: float = 1.0
    n_res: int = 0
    limit: np.ndarray | None = None  # per resource, <= 0: not penalised
    peak_weights: np.ndarray | None = None
    ii: int = 0
    horizon: int = 1  # columns of the usage table
    pad: int = 0
    latency_bound: int | None = None
    last: int | None = None  # objective op (None: smooth max)
    comm_src: np.ndarray | None = None
    comm_dst: np.ndarray | None = None
    comm_w: np.ndarray | None = None
    sigma_end: float = 0.15
    sigma_max: float = 3.0


# GauS (and gs-schedule) spread each resource use over its blocked steps
TOO_MANY_USES = (
    "method 'gaus' spreads each resource use over its blocked steps: "
    "'{name}' would need {rows} of them (at most {max}); "
    "use method=list or method=cpsat for blocking times this long"
)


def expanded_uses(problem: Problem, limited_only: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(op, resource, offset) per blocked step of every use (of the limited
    resources only, or all): :meth:`Problem.expanded_uses` with GauS's message."""
    return problem.expanded_uses(limited_only, TOO_MANY_USES)
