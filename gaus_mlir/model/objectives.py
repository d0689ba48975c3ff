"""Objectives of the time-constrained problem: peak usage per resource (the
number of units to build) and communication across stage boundaries."""

from __future__ import annotations

import numpy as np


def usage_matrix(problem, start, ii: int = 0) -> np.ndarray:
    """users[r, step]: ops of resource r (limited or not) busy in each step
    (folded modulo ``ii`` when ii > 0), counting blocking time."""
    a = problem.arrays
    t = np.asarray(start, dtype=np.int64)
    blk = a.blocking[a.use_op]
    rep = np.repeat(np.arange(a.use_op.size), blk)
    offs = np.arange(rep.size) - np.repeat(np.cumsum(blk) - blk, blk)
    steps = t[a.use_op[rep]] + offs
    if ii:
        steps = steps % ii
    horizon = int(steps.max()) + 1 if steps.size else 1
    m = np.zeros((len(problem.resource_types), horizon), dtype=np.int64)
    np.add.at(m, (a.use_res[rep], steps), 1)
    return m


def peak_usage(problem, start, ii: int = 0) -> np.ndarray:
    m = usage_matrix(problem, start, ii)
    return m.max(axis=1) if m.size else np.zeros(len(problem.resource_types), np.int64)


def communication(problem, start, bits=None) -> float:
    """Sum over data (non-auxiliary) edges of bits * (t_dst - t_src): each edge
    counted once per stage boundary it crosses."""
    a = problem.arrays
    t = np.asarray(start, dtype=np.int64)
    data = ~a.aux
    span = t[a.dst[data]] - t[a.src[data]]
    w = np.ones(span.size) if bits is None else np.asarray(bits, float)[data]
    return float((w * span).sum())


def time_constrained_cost(problem, start, weights=None, comm_weight: float = 0.0,
                          bits=None) -> float:
    """sum_r w_r * peak_r (+ comm_weight * communication)."""
    peaks = peak_usage(problem, start)
    w = np.ones(peaks.size) if weights is None else np.asarray(weights, float)
    cost = float((w * peaks).sum())
    if comm_weight:
        cost += comm_weight * communication(problem, start, bits)
    return cost
