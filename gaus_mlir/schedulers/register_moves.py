"""Register-lowering local search on a legal schedule (numpy only).

A legalizer places ops to satisfy dependences and resource limits and knows
nothing of lifetimes; this pass then moves one op at a time to the start in
its legal window (dependences with the other ops fixed, resource limits,
latency bound, and never past the schedule's makespan) that lowers
``w_reg * registers + w_life * lifetimes`` the most, ties broken by fewer
steps at the peak (so a plateau can be worn down) and then by the total.
Modulo schedules keep their II; a shift by a multiple of II keeps the
reservation table (stage scheduling) and is among the candidates.

Registers follow :mod:`gaus_mlir.model.registers`: the value of op ``i``
lives over ``[t_i + l_i, max_j (t_j + d_ij * II))`` over its data consumers;
the peak is over steps (folded mod II: MaxLive).  The live profile is updated
incrementally, so a move costs ``O(degree + H)`` with ``H`` the horizon
(acyclic) or the II.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

import numpy as np

from ..model import Problem
from ..model.registers import value_table

MAX_PROFILE = 4_000_000  # steps of the live profile; beyond it the search declines
MAX_CANDIDATES = 24  # starts tried per op and pass
MAX_BLOCKING = 256  # ops blocking longer stay where they are


@dataclass
class MoveResult:
    start: np.ndarray
    moves: int
    passes: int
    ended_by: str  # "converged", "passes", "time", "declined: ..."


class _State:
    """Schedule, live profile and resource occupancy kept in step."""

    def __init__(self, problem: Problem, start: np.ndarray, ii: int, cap: int):
        a = problem.arrays
        self.p, self.a, self.ii, self.cap = problem, a, ii, cap
        self.t = [int(x) for x in start]
        self.lat = a.lat.tolist()
        vt = value_table(problem)
        self.v_op, self.v_bits = vt.op.tolist(), vt.bits.tolist()
        # consumers per value and the values each op defines / consumes
        self.v_cons: list[list[tuple[int, int]]] = [[] for _ in self.v_op]
        self.defines: list[list[int]] = [[] for _ in range(a.n)]
        self.consumes: list[list[int]] = [[] for _ in range(a.n)]
        for v, op in enumerate(self.v_op):
            self.defines[op].append(v)
        for v, j, d in zip(vt.con_val.tolist(), vt.con_op.tolist(), vt.con_dist.tolist()):
            self.v_cons[v].append((j, d))
            self.consumes[j].append(v)
        for j in range(a.n):
            self.consumes[j] = sorted(set(self.consumes[j]))
        # all dependences (aux too) bound the window
        self.preds: list[list[tuple[int, int]]] = [[] for _ in range(a.n)]
        self.succs: list[list[tuple[int, int]]] = [[] for _ in range(a.n)]
        for s, d, k in zip(a.src.tolist(), a.dst.tolist(), a.dist.tolist()):
            self.preds[d].append((s, k))
            self.succs[s].append((d, k))
        self.prof = np.zeros(ii if ii else cap + 1, dtype=np.int64)
        self.total = 0
        for v in range(len(self.v_op)):
            b, e = self.interval(v)
            self.add(b, e, self.v_bits[v])
        self._resources()

    def _resources(self) -> None:
        a = self.a
        ops, res = self.p.limited_uses()
        self.uses: list[list[int]] = [[] for _ in range(a.n)]
        for o, r in zip(ops.tolist(), res.tolist()):
            self.uses[o].append(r)
        self.blk = a.blocking.tolist()
        self.limit = a.limit.tolist()
        self.occ: dict[tuple[int, int], int] = {}
        for o in range(a.n):
            for r in self.uses[o]:
                for s in self.steps(o, self.t[o]):
                    self.occ[r, s] = self.occ.get((r, s), 0) + 1

    def steps(self, o: int, t: int) -> list[int]:
        rng = range(t, t + self.blk[o])
        return [s % self.ii for s in rng] if self.ii else list(rng)

    def interval(self, v: int) -> tuple[int, int]:
        b = self.t[self.v_op[v]] + self.lat[self.v_op[v]]
        e = max(self.t[j] + d * self.ii for j, d in self.v_cons[v])
        return b, max(b, e)

    def add(self, b: int, e: int, w: int) -> None:
        """Add ``w`` bits live over ``[b, e)`` to the profile (folded mod II)."""
        if e <= b or not w:
            return
        self.total += w * (e - b)
        ii = self.ii
        if not ii:
            self.prof[b:e] += w
            return
        full, rem = divmod(e - b, ii)
        if full:
            self.prof += w * full
        if rem:
            s = b % ii
            if s + rem <= ii:
                self.prof[s : s + rem] += w
            else:
                self.prof[s:] += w
                self.prof[: s + rem - ii] += w

    def window(self, o: int) -> tuple[int, int]:
        ii, t, lat = self.ii, self.t, self.lat
        lo = max((t[s] + lat[s] - k * ii for s, k in self.preds[o]), default=0)
        hi = min((t[d] + k * ii - lat[o] for d, k in self.succs[o]), default=self.cap - lat[o])
        return max(lo, 0), min(hi, self.cap - lat[o])

    def fits(self, o: int, t2: int) -> bool:
        if not self.uses[o]:
            return True
        old, new = self.steps(o, self.t[o]), self.steps(o, t2)
        if self.ii and self.blk[o] > self.ii:  # it holds some class more than once
            old_n, new_n = Counter(old), Counter(new)
        else:
            old_n, new_n = dict.fromkeys(old, 1), dict.fromkeys(new, 1)
        for r in self.uses[o]:
            for s, k in new_n.items():
                if self.occ.get((r, s), 0) - old_n.get(s, 0) + k > self.limit[r]:
                    return False
        return True

    def move(self, o: int, t2: int) -> None:
        """Start ``o`` at ``t2``: profile, total and occupancy follow."""
        touched = sorted(set(self.defines[o]) | set(self.consumes[o]))
        for v in touched:
            b, e = self.interval(v)
            self.add(b, e, -self.v_bits[v])
        for r in self.uses[o]:
            for s in self.steps(o, self.t[o]):
                self.occ[r, s] -= 1
            for s in self.steps(o, t2):
                self.occ[r, s] = self.occ.get((r, s), 0) + 1
        self.t[o] = t2
        for v in touched:
            b, e = self.interval(v)
            self.add(b, e, self.v_bits[v])

    def key(self, w_reg: float, w_life: float) -> tuple[float, int, int]:
        peak = int(self.prof.max()) if self.prof.size else 0
        at_peak = int(np.count_nonzero(self.prof == peak)) if peak else 0
        return (w_reg * peak + w_life * self.total, at_peak if w_reg else 0, self.total)


def _candidates(cur: int, lo: int, hi: int, ii: int) -> list[int]:
    if hi - lo < MAX_CANDIDATES:
        return [x for x in range(lo, hi + 1) if x != cur]
    picks = {lo, hi, cur - 1, cur + 1}
    if ii:
        picks.update(cur + k * ii for k in range(-3, 4))
    picks.update(np.linspace(lo, hi, MAX_CANDIDATES - len(picks)).round().astype(np.int64).tolist())
    return sorted(x for x in picks if lo <= x <= hi and x != cur)


def lower_registers(
    problem: Problem,
    start: np.ndarray,
    *,
    ii: int = 0,
    latency_bound: int | None = None,
    w_reg: float = 1.0,
    w_life: float = 0.0,
    max_passes: int = 20,
    deadline: float | None = None,
) -> MoveResult:
    """Improve a legal schedule's register objective by single-op moves; the
    result is legal whenever ``start`` is (same II, same or lower makespan,
    within ``latency_bound``)."""
    a = problem.arrays
    t0 = np.asarray(start, dtype=np.int64)
    if a.n == 0:
        return MoveResult(t0.copy(), 0, 0, "converged")
    makespan = int((t0 + a.lat).max())
    cap = makespan if latency_bound is None else min(makespan, int(latency_bound))
    if (0 if ii else cap) > MAX_PROFILE or ii > MAX_PROFILE:
        return MoveResult(t0.copy(), 0, 0, f"declined: horizon {max(cap, ii)} > {MAX_PROFILE}")
    st = _State(problem, t0, ii, cap)
    order = np.argsort(t0, kind="stable").tolist()
    moves, passes, ended = 0, 0, "passes"
    for passes in range(1, max_passes + 1):  # noqa: B007 (returned)
        improved = False
        for o in order:
            if deadline is not None and time.perf_counter() > deadline:
                return MoveResult(np.asarray(st.t, dtype=np.int64), moves, passes, "time")
            if st.blk[o] > MAX_BLOCKING or not (st.defines[o] or st.consumes[o]):
                continue
            lo, hi = st.window(o)
            cur = st.t[o]
            best, best_t = st.key(w_reg, w_life), cur
            for t2 in _candidates(cur, lo, hi, ii):
                if not st.fits(o, t2):
                    continue
                st.move(o, t2)
                k = st.key(w_reg, w_life)
                if k < best:
                    best, best_t = k, t2
                st.move(o, cur)
            if best_t != cur:
                st.move(o, best_t)
                moves += 1
                improved = True
        if not improved:
            ended = "converged"
            break
    return MoveResult(np.asarray(st.t, dtype=np.int64), moves, passes, ended)
