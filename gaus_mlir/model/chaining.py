"""Operator chaining helpers, after CIRCT's ``lib/Scheduling/ChainingSupport.cpp``.

* :func:`chain_breaking_dependences` (CIRCT ``computeChainBreakingDependences``):
  pairs ``(i, j)`` of ops whose combinational chain would exceed the cycle time
  if ``j`` started in the step in which ``i`` ends; a scheduler adds
  ``t_j >= t_i + lat_i + 1`` for each pair.
* :func:`start_times_in_cycle` (CIRCT ``computeStartTimesInCycle``): given integer
  start times, the ASAP start time in cycle ``z`` of every op.

Only data (non-auxiliary) dependences carry values, so only they chain.  The
semantics match ``Problem._chaining_violations``: a data edge ``i -> j`` with
``t_i + lat_i == t_j + dist*II`` needs ``z_j >= (z_i if lat_i == 0 else 0) +
outDelay_i``, and with a cycle time every op needs ``z + delay <= cycle_time``
(the outgoing delay of a zero-latency op, the incoming delay otherwise).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .errors import ProblemError, Subject
from .graph import csr, relax_longest, topological_order

if TYPE_CHECKING:
    from .problem import Problem
    from .schedule import Schedule

# Delays are floats; a chain is broken only when it exceeds the cycle time by
# more than this, which keeps sums like 0.1 + 0.2 <= 0.3 chained while staying
# well inside the verifier's 1e-6 tolerance.
EPS = 1e-9


def delays(problem: Problem) -> tuple[np.ndarray, np.ndarray]:
    """(incoming, outgoing) delay per op (0.0 where the operator type has none)."""
    a = problem.arrays
    inc = np.array([o.incoming_delay or 0.0 for o in problem.operator_types], float)
    out = np.array([o.outgoing_delay or 0.0 for o in problem.operator_types], float)
    if a.n == 0:
        return np.zeros(0), np.zeros(0)
    return inc[a.otype], out[a.otype]


def check_cycle_time(problem: Problem, cycle_time: float) -> None:
    """Raise ProblemError naming the first op whose own delay exceeds the cycle
    time (CIRCT rejects such operator types: chain breaking cannot help)."""
    a = problem.arrays
    inc, out = delays(problem)
    bad = np.nonzero((inc > cycle_time + EPS) | (out > cycle_time + EPS))[0]
    if bad.size:
        i = int(bad[0])
        o = problem.operator_types[int(a.otype[i])]
        d = max(inc[i], out[i])
        raise ProblemError(
            f"delay {d:g} of operation {problem.op_label(i)} (operator type "
            f"'@{o.name}') exceeds the cycle time {cycle_time:g}",
            Subject("op", i),
        )


def chain_breaking_dependences(problem: Problem, cycle_time: float) -> list[tuple[int, int]]:
    """Pairs ``(origin, op)`` such that ``op`` may not start in the step in which
    ``origin`` ends, because the combinational chain from ``origin`` to ``op``
    (accumulated delays along data edges through zero-latency ops, plus ``op``'s
    incoming delay) would exceed ``cycle_time``.

    Follows CIRCT's ``computeChainBreakingDependences``: one pass in topological
    order over the zero-distance data edges, tracking per op the longest
    incoming chain from each origin; a chain that does not fit is cut (a pair is
    emitted and the chain ends there).  Raises ProblemError if a single op's
    delay exceeds the cycle time, or if a def-use dependence has a non-zero
    distance (CIRCT's ChainingCyclicProblem rejects those too).
    """
    a = problem.arrays
    n = a.n
    check_cycle_time(problem, cycle_time)
    data = ~a.aux
    carried = np.nonzero(data & (a.dist != 0))[0]
    if carried.size:
        j = int(a.dst[carried[0]])
        raise ProblemError(
            f"def-use dependence into operation {problem.op_label(j)} has "
            "a non-zero distance; chaining needs loop-carried dependences "
            "to be auxiliary",
            Subject("op", j),
        )
    src, dst = a.src[data], a.dst[data]
    order, ok = topological_order(n, src, dst)
    if not ok:  # problem.check() rejects zero-distance cycles first
        raise ProblemError("dependence cycle among def-use dependences")
    ptr, pred = csr(n, dst, src)
    ptr_l, pred_l = ptr.tolist(), pred.tolist()
    lat = a.lat.tolist()
    inc, out = (d.tolist() for d in delays(problem))
    limit = cycle_time + EPS
    chains: list[dict[int, float] | None] = [None] * n
    result: list[tuple[int, int]] = []
    for v in order:
        ch: dict[int, float] = {v: 0.0}
        for k in range(ptr_l[v], ptr_l[v + 1]):
            u = pred_l[k]
            if lat[u] > 0:
                # u is registered: only its outgoing delay reaches v.
                d = out[u]
                if d > ch.get(u, -1.0):
                    ch[u] = d
                continue
            du = out[u]
            for origin, d in chains[u].items():
                d += du
                if d > ch.get(origin, -1.0):
                    ch[origin] = d
        for origin in [o for o, d in ch.items() if d + inc[v] > limit]:
            result.append((origin, v))
            del ch[origin]
        chains[v] = ch
    return result


def start_times_in_cycle(
    problem: Problem, start: Schedule | np.ndarray | Sequence[int], ii: int | None = None
) -> np.ndarray:
    """ASAP start time in cycle ``z`` for integer start times ``start``: for each
    data edge ``i -> j`` with ``t_i + lat_i == t_j (+ dist*II)``,
    ``z_j >= (z_i if lat_i == 0 else 0) + outDelay_i``; otherwise ``z = 0``.

    ``ii`` is the II of a cyclic problem (ignored, i.e. 0, when None).  Raises
    ValueError if ``start`` violates a data dependence.
    """
    a = problem.arrays
    n = a.n
    t = np.asarray(start, dtype=np.int64)
    z = np.zeros(n, dtype=np.float64)
    if n == 0 or a.src.size == 0:
        return z
    _, out = delays(problem)
    w = int(ii or 0)
    data = ~a.aux
    s, d, dist = a.src[data], a.dst[data], a.dist[data]
    end = t[s] + a.lat[s]
    begin = t[d] + dist * w
    if (end > begin).any():
        raise ValueError("start times violate a dependence; cannot compute z")
    same = end == begin
    # Edges from registered (multi-cycle) sources contribute a constant.
    reg = same & (a.lat[s] > 0)
    np.maximum.at(z, d[reg], out[s[reg]])
    # Edges from zero-latency sources propagate z; in a valid schedule these
    # form a DAG (a cycle would be a zero-distance cycle of zero-latency ops).
    comb = same & (a.lat[s] == 0)
    cs, cd = s[comb], d[comb]
    if cs.size:
        order, ok = topological_order(n, cs, cd)
        if not ok:
            raise ValueError("combinational cycle within one time step")
        ptr, pred = csr(n, cd, cs)
        zl = z.tolist()
        relax_longest(order, ptr.tolist(), pred.tolist(), out.tolist(), zl)
        z = np.asarray(zl, dtype=np.float64)
    return z


__all__ = ["chain_breaking_dependences", "check_cycle_time", "delays", "start_times_in_cycle"]
