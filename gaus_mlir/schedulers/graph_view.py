"""Plain-list views of a problem for the Python hot loops of the schedulers.

:class:`GraphLists` holds what every view shares (ops, latencies, blocking
times as lists); the acyclic legalizer's ``gaus.legalize.Flat`` and the
modulo scheduler's ``modulo.ModuloGraph`` extend it with their own edge and
resource-use lists.  :func:`group_by_signature` groups ops that load the same
resources for the same time (list scheduling, force-directed scheduling).
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Problem


class GraphLists:
    """The ops of ``problem`` as plain lists: ``n``, ``lat``, ``blk``."""

    def __init__(self, problem: Problem):
        a = problem.arrays
        self.problem = problem
        self.n = a.n
        self.lat: list[int] = a.lat.tolist()
        self.blk: list[int] = a.blocking.tolist()


def group_by_signature(
    ptr: Sequence[int], res: Sequence[int], blk: Sequence[int], keep: Sequence[bool] | None = None
) -> tuple[list[int], list[tuple[int, ...]], list[int]]:
    """Ops grouped by (the resources they load, with repetition; their
    blocking time): ops of a group need the same free capacity and give the
    same load.  ``ptr``/``res``: every op's uses in CSR form (op i uses
    ``res[ptr[i]:ptr[i + 1]]``); ``keep[r]``: whether resource r counts (all
    by default).  Returns (group of every op, -1 for an op loading nothing;
    the sorted resources of every group; the blocking time of every group),
    groups numbered in order of their first op."""
    n = len(ptr) - 1
    group_of = [-1] * n
    index: dict[tuple, int] = {}
    g_res: list[tuple[int, ...]] = []
    g_blk: list[int] = []
    for i in range(n):
        s, e = ptr[i], ptr[i + 1]
        if s == e:
            continue
        rs = tuple(sorted(res[s:e] if keep is None else [r for r in res[s:e] if keep[r]]))
        if not rs:
            continue
        sig = (rs, blk[i])
        g = index.get(sig)
        if g is None:
            g = index[sig] = len(g_res)
            g_res.append(rs)
            g_blk.append(blk[i])
        group_of[i] = g
    return group_of, g_res, g_blk
