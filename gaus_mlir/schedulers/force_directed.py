"""Force-directed scheduling (Paulin & Knight 1989) for the time-constrained
problem: every op finishes within ``problem.latency_bound`` and the objective is
the weighted peak number of users per step of each resource.

Algorithm
---------
Every op has a time frame [S_i, E_i], initially [ASAP_i, ALAP_i(L)].  Its start
is taken as uniform over the frame; spread over its blocking time b_i this gives
its expected occupancy q_i(t) of every step, and the sum over the users of a
resource r is the distribution graph DG_r.  The force of fixing op i at step t
is the change of sum_r w_r * 1/2 sum_t DG_r(t)^2 that the move causes, split as

* self force: sum_r w_r sum_t DG_r(t) * dq_i(t) (Paulin & Knight's self force);
* predecessor / successor forces: the same for every op whose frame the move
  shrinks, *transitively* (fixing i at t makes S_k = max(S_k, t + lp(i, k)) for
  each descendant k and E_k = min(E_k, t - lp(k, i)) for each ancestor, lp the
  longest path), as in Paulin & Knight's indirect forces;
* an interaction term: 1/2 sum_r w_r (|sum_k dq_k|^2 - sum_k |dq_k|^2) over
  the moved ops k.  Together with the linear terms this is the exact change of
  the expected sum of squared users per step when every op starts
  independently and uniformly in its frame (the self-interactions cancel
  against the variance).  Without it, fixing one op of a long chain late
  looks free although it squeezes everything behind the chain into the last
  steps (EPFL ``max``: peak 256 instead of 13 with linear forces only);
* with ``comm_weight``: comm_weight * (#data inputs - #data outputs) *
  (t - middle of the frame), the first-order change of the communication.

Repeatedly the (op, step) with the least total force is fixed, the frames are
propagated along successors (S) and predecessors (E) only as far as they
change (so they stay arc consistent), and the distribution graphs are updated.
Ops whose frame shrinks to one step are fixed by propagation without an
iteration.

Scaling (how this differs from the O(n^2 L) textbook version)
--------------------------------------------------------------
* The distribution graphs are second-order difference arrays: a frame change is
  four O(1) updates, batched per propagation, and one ``cumsum`` pass per
  iteration rebuilds the DGs and the prefix sums that make every "mean load over
  a frame" O(1).  Forces are evaluated fully vectorised (numpy) for all
  candidates and steps at once.
* **Candidate window.**  Each iteration evaluates only the least-mobile unfixed
  ops (smallest E - S, then smallest S), taken until the estimated work reaches
  the per-iteration budget ``min(EVAL_BUDGET, max(MIN_BUDGET, TERM_WORK / n))``
  terms.  When every unfixed op fits (small instances, and the end of every
  run) this is the classic global minimum over all ops and steps; otherwise it
  is the least force among the least-mobile ops (least-mobility-first FDS).
  ``stats["windowed_iters"]`` counts the iterations that did not see every
  unfixed op.
* **Cut cones.**  The transitively affected ops of a candidate (its cone) are
  found by propagating its latest (successors) and earliest (predecessors)
  step in topological order, cut after ``max_cone = clip(CONE_WORK / n,
  MIN_CONE, MAX_CONE)`` ops per side, the nearest first in topological order
  (2000 up to n = 10000, 349 for EPFL div, 93 for hyp): on big instances far
  effects are ignored.  Cones are cached (frames only shrink and path lengths
  are static, so a cached cone stays a superset of the affected ops).
* **Grid.**  Self forces are evaluated at every step of the frame; the cone and
  interaction terms at most at ``GRID`` evenly spaced steps per candidate and
  interpolated linearly in between (exact for frames of up to GRID steps).
* For unit blocking the interaction term is exact (piecewise-constant changes,
  sorted breakpoints); with blocking > 1 it is computed on dense per-step arrays
  and the self-interaction of each moved op uses |q_new|^2 - |q_old|^2.
* Ops without a (non-zero weighted) resource take no part in the iterations;
  they propagate frames and finally start at the earliest step of their final
  frame.

``time_limit`` (seconds): when exceeded, the remaining unfixed ops are placed
greedily in topological order, each at the step of its remaining frame
(earliest allowed by its already placed predecessors) with the least weighted
peak usage of the ops placed so far (ties: earliest).  Frames are kept arc
consistent throughout, so every result is valid: each op within its frame,
every dependence met, everything finished by L.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Sequence

import numpy as np

from ..model import Problem, Schedule, UnsupportedProblemError
from ..model.graph import csr, forward_order
from .graph_view import group_by_signature
from .time_constrained import (
    objective_lower_bound,
    resource_lower_bounds,
    resource_weights,
    tc_frames,
    tc_schedule,
)

# Most memory (bytes) the distribution graphs may take; fds refuses larger horizons.
MAX_BYTES = 1 << 30
# Force terms ((op, step) + 5 per (op, grid step, affected op)) per iteration.
EVAL_BUDGET = 60_000
# Steps per candidate at which the predecessor/successor forces are evaluated
# (linear interpolation in between); frames up to GRID steps are exact.
GRID = 32
# Ops explored per side (successors, predecessors) of a candidate's cone.
MAX_CONE = 2_000
MIN_CONE = 64
MIN_BUDGET = 5_000
CONE_WORK = 20_000_000  # n * cone size
TERM_WORK = 300_000_000  # n * terms per iteration
# Cached cone entries before the cache is cleared.
MAX_CACHED = 5_000_000
# Weight of the quadratic (interaction) term: 0.5 is the exact expected change.
QUAD = 0.5
# Candidate order: "mobility" (least E - S first, then S) or "asap" (S, then E - S).
ORDER = "mobility"


def _gather(ptr: np.ndarray, vals: np.ndarray, rows: np.ndarray):
    """Concatenate the CSR slices of ``rows``: (values, index into rows)."""
    cnt = ptr[rows + 1] - ptr[rows]
    tot = int(cnt.sum())
    owner = np.repeat(np.arange(rows.size), cnt)
    pos = np.repeat(ptr[rows] - (np.cumsum(cnt) - cnt), cnt) + np.arange(tot)
    return vals[pos], owner


def _sq_norm(w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """sum_t q(t)^2 of the occupancy distribution of an op with a uniform start
    over w steps and blocking b (a trapezoid; 1/w for b = 1)."""
    m = np.minimum(w, b)
    k = m - 1
    return (k * (k + 1) * (2 * k + 1) / 3 + m * m * (np.abs(w - b) + 1)) / (w * w)


def _expand(width: np.ndarray):
    """For items with ``width`` steps each: (item index, offset) per step."""
    tot = int(width.sum())
    item = np.repeat(np.arange(width.size), width)
    off = np.arange(tot) - np.repeat(np.cumsum(width) - width, width)
    return item, off


class _FDS:
    """The state of one force-directed run: the frames (as arrays for the
    vectorised forces and as lists for the Python propagation loops), the
    distribution graphs, the candidate heap and the cone cache.  One object
    instead of closures over one long function, so each phase is a method."""

    def __init__(self, problem, asap, alap, L, w, comm_weight):
        a = problem.arrays
        self.problem, self.n, self.L = problem, a.n, L
        self.comm_weight = comm_weight
        self.blk = a.blocking
        self.lat_l = a.lat.tolist()
        self._loads(a, w)
        self._check_size(asap, alap)
        self._graph(a)
        self.S = asap.astype(np.int64).copy()
        self.E = alap.astype(np.int64).copy()
        self.dd = np.zeros(self.R * self.Wd)
        self.lop = np.nonzero(self.loaded)[0]
        self.dg_add(self.lop, self.S[self.lop], self.E[self.lop], 1.0)
        self.PL = np.zeros((self.G + 1, self.H + 1))
        self.g_blk_a = np.asarray(self.g_blk, dtype=np.int64)
        self.steps = np.arange(self.H)
        self.S_l, self.E_l = self.S.tolist(), self.E.tolist()
        self.heap = [self.hkey(i) for i in self.lop.tolist() if self.E_l[i] > self.S_l[i]]
        heapq.heapify(self.heap)
        self.iters = self.windowed = self.forced = self.evaluated = 0
        self.n_free = len(self.heap)
        self.cones: dict[int, tuple] = {}
        self.cached = 0
        # per-iteration work shrinks with the instance so the total stays bounded
        self.max_cone = int(np.clip(CONE_WORK // self.n, MIN_CONE, MAX_CONE))
        self.budget = int(np.clip(TERM_WORK // self.n, MIN_BUDGET, EVAL_BUDGET))

    def _loads(self, a, w):
        """Loaded uses (resources with a non-zero weight) with compact resource
        ids, and the ops grouped by load signature (resources with
        multiplicity, blocking): ops of a group share one prefix-sum row."""
        n = self.n
        keep = w[a.use_res] != 0
        u_op, u_res = a.use_op[keep], a.use_res[keep]
        rs = np.unique(u_res)
        self.R = rs.size
        u_r = np.searchsorted(rs, u_res)
        self.wr = w[rs]
        self.lptr, self.lres = csr(n, u_op, u_r)  # loaded uses per op (compact ids)
        self.lptr_l, self.lres_l, self.blk_l = self.lptr.tolist(), self.lres.tolist(), self.blk.tolist()
        g_l, g_res, self.g_blk = group_by_signature(self.lptr_l, self.lres_l, self.blk_l)
        self.g_res: list[list[int]] = [list(rs) for rs in g_res]
        self.G = len(self.g_res)
        self.g = np.asarray(g_l, dtype=np.int64)
        self.loaded = self.g >= 0
        self.g[~self.loaded] = self.G  # the all-zero load row

    def _check_size(self, asap, alap):
        """Refuse horizons whose distribution graphs would not fit MAX_BYTES."""
        R, G, L = self.R, self.G, self.L
        H = self.H = int((alap + self.blk).max()) + 2  # steps 0..H-1 cover every occupancy
        maxb = self.maxb = int(self.blk.max())
        # the distribution graphs hold a float per step for each resource and group
        need = 8 * (H + maxb + 4) * (4 * R + G + 8)
        if need > MAX_BYTES:
            raise UnsupportedProblemError(
                f"method 'fds' needs about {need / 2**30:.3g} GiB for '{self.problem.name}': its "
                f"distribution graphs keep one entry per step of the {H}-step horizon "
                f"(latency bound {L}, largest blocking time {maxb}) for each of {R} resource(s) "
                f"(at most {MAX_BYTES >> 20} MiB); use method=list or method=cpsat, or a "
                "smaller latency-bound"
            )
        self.Wd = H + maxb + 3
        self.unit = maxb == 1  # unit blocking: piecewise-constant DG changes

    def _graph(self, a):
        """Deduplicated neighbour lists, topological positions and the net data
        inputs per op (for the communication term)."""
        n = self.n
        fwd = a.dist == 0
        src, dst = a.src[fwd], a.dst[fwd]
        if src.size:
            pk = np.unique(src * n + dst)
            usrc, udst = pk // n, pk % n
        else:
            usrc = udst = np.zeros(0, np.int64)
        sptr, ssucc = csr(n, usrc, udst)
        pptr, ppred = csr(n, udst, usrc)
        self.sptr_l, self.ssucc_l = sptr.tolist(), ssucc.tolist()
        self.pptr_l, self.ppred_l = pptr.tolist(), ppred.tolist()
        self.tpos = [0] * n
        for k, v in enumerate(forward_order(self.problem)):
            self.tpos[v] = k
        self.loaded_l = self.loaded.tolist()
        self.net = None
        if self.comm_weight and a.src.size:
            data = ~a.aux
            self.net = (np.bincount(a.dst[data], minlength=n) - np.bincount(a.src[data], minlength=n)).astype(
                float
            )

    # ---- distribution graphs as second-order difference arrays
    def dg_add(self, ops: np.ndarray, S0: np.ndarray, E0: np.ndarray, sign: float) -> None:
        """Add (sign=+1) or remove (-1) the expected occupancy of ``ops`` with
        frames [S0, E0] (arrays aligned with ops)."""
        r, owner = _gather(self.lptr, self.lres, ops)
        if r.size == 0:
            return
        s0, e0, b = S0[owner], E0[owner], self.blk[ops][owner]
        c = sign / (e0 - s0 + 1)
        base = r * self.Wd
        idx = np.concatenate((base + s0, base + s0 + b, base + e0 + 1, base + e0 + 1 + b))
        coef = np.concatenate((c, -c, -c, c))
        dd = self.dd
        if idx.size > 4096:
            dd[:] += np.bincount(idx, coef, minlength=dd.size)
        else:
            np.add.at(dd, idx, coef)

    def rebuild(self) -> None:
        """The DGs and, per load group, the prefix sums of the weighted mean
        load that make every 'mean load over a frame' O(1)."""
        R, Wd, H, steps, wr = self.R, self.Wd, self.H, self.steps, self.wr
        dg = np.cumsum(np.cumsum(self.dd.reshape(R, Wd), axis=1), axis=1)
        P = np.zeros((R, Wd + 1))
        np.cumsum(dg, axis=1, out=P[:, 1:])
        for k in range(self.G):
            b = int(self.g_blk_a[k])
            load = np.zeros(H)
            for r in self.g_res[k]:
                load += wr[r] * (P[r, steps + b] - P[r, steps])
            np.cumsum(load, out=self.PL[k, 1:])

    def hkey(self, i: int) -> tuple:
        """Heap key of op i in the candidate order ORDER."""
        if ORDER == "asap":
            return (self.S_l[i], self.E_l[i] - self.S_l[i], i)
        return (self.E_l[i] - self.S_l[i], self.S_l[i], i)

    def cone(self, i: int) -> tuple:
        """The loaded ops whose frames shrink when i is fixed somewhere in its
        frame, with their longest-path distances: successors k (fixing i at t
        makes S_k = max(S_k, t + lp_k)) found by propagating t = E_i, and
        predecessors k (E_k = min(E_k, t - lp_k)) from t = S_i.  Each side is
        explored in topological order and cut after MAX_CONE ops.  Frames only
        shrink and the distances are static, so a cone stays a superset of the
        affected ops and is cached."""
        S_l, E_l, tpos, loaded_l, lat_l = self.S_l, self.E_l, self.tpos, self.loaded_l, self.lat_l
        sptr_l, ssucc_l, pptr_l, ppred_l = self.sptr_l, self.ssucc_l, self.pptr_l, self.ppred_l
        heappush, heappop, max_cone = heapq.heappush, heapq.heappop, self.max_cone
        Ei, Si = E_l[i], S_l[i]
        out = [i, Ei - Si]
        for fw in (True, False):
            new = {i: Ei if fw else Si}
            hp = [(tpos[i] if fw else -tpos[i], i)]
            ks, ds = [], []
            popped = 0
            while hp and popped < max_cone:
                u = heappop(hp)[1]
                popped += 1
                nu = new[u]
                if u != i and loaded_l[u]:
                    ks.append(u)
                    ds.append(nu - Ei if fw else Si - nu)
                if fw:
                    su = nu + lat_l[u]
                    for k in range(sptr_l[u], sptr_l[u + 1]):
                        v = ssucc_l[k]
                        if su > S_l[v]:
                            o = new.get(v)
                            if o is None:
                                heappush(hp, (tpos[v], v))
                                new[v] = su
                            elif su > o:
                                new[v] = su
                else:
                    for k in range(pptr_l[u], pptr_l[u + 1]):
                        v = ppred_l[k]
                        e = nu - lat_l[v]
                        if e < E_l[v]:
                            o = new.get(v)
                            if o is None:
                                heappush(hp, (-tpos[v], v))
                                new[v] = e
                            elif e < o:
                                new[v] = e
            out.append(np.asarray(ks, dtype=np.int64))
            out.append(np.asarray(ds, dtype=np.int64))
        kk = np.concatenate((out[2], out[4], [i]))
        out.append(int(self.S[kk].min()))  # span of the DG change
        out.append(int((self.E[kk] + self.blk[kk]).max()) + 2)
        return tuple(out)

    def run(self, t0: float, time_limit: float | None) -> bool:
        """Fix the least-force (op, step) until every op is fixed; True when
        ``time_limit`` stopped it first."""
        heap = self.heap
        while heap:
            if time_limit is not None and time.perf_counter() - t0 > time_limit:
                return True
            cands = self._candidates()
            if not cands:
                break
            self.windowed += len(cands) < self.n_free
            self.rebuild()
            self.iters += 1
            C, pc, pt, F = self._forces(cands)
            best = int(np.argmin(F))
            i, t = int(C[pc[best]]), int(pt[best])
            for j in cands:
                if j != i:
                    heapq.heappush(heap, self.hkey(j))
            self._fix(i, t)
        return False

    def _candidates(self) -> list[int]:
        """Least mobile first, within the evaluation budget (stale heap entries
        and fixed ops are dropped; cones are computed and cached here)."""
        heap, cones, E_l, S_l = self.heap, self.cones, self.E_l, self.S_l
        cands, cost, seen = [], 0, set()
        while heap:
            top = heap[0]
            i = top[2]
            mob = E_l[i] - S_l[i]
            if mob == 0 or top != self.hkey(i) or i in seen:
                heapq.heappop(heap)
                continue
            ent = cones.get(i)
            if ent is None or 2 * mob < ent[1]:
                if self.cached > MAX_CACHED:
                    cones.clear()
                    self.cached = 0
                ent = cones[i] = self.cone(i)
                self.cached += ent[2].size + ent[4].size
            c = (mob + 1) + min(mob + 1, GRID) * (
                5 * (ent[2].size + ent[4].size) + (0 if self.unit else self.R * (ent[7] - ent[6]))
            )
            if cands and cost + c > self.budget:
                break
            heapq.heappop(heap)
            cands.append(i)
            seen.add(i)
            cost += c
        return cands

    def _forces(self, cands: list[int]):
        """Total force of every (candidate, step): the self force at every
        step, the cone and quadratic terms on the grid (interpolated), the
        communication term.  Returns (C, candidate per entry, step, force)."""
        C = np.asarray(cands, dtype=np.int64)
        Sc, Ec = self.S[C], self.E[C]
        wc = Ec - Sc + 1
        cstart = np.cumsum(wc) - wc
        pc, off = _expand(wc)
        pt = Sc[pc] + off
        PL = self.PL
        gc = self.g[C]
        Xc = (PL[gc, Ec + 1] - PL[gc, Sc]) / wc
        gp = gc[pc]
        F = PL[gp, pt + 1] - PL[gp, pt] - Xc[pc]  # self force, every step
        tot = F.size
        # ---- the rest on a grid of at most GRID steps per candidate (every
        # step when the frame is narrower): the cone's linear forces and the
        # quadratic term 1/2 sum_t dDG(t)^2 of the whole move
        sl = _Slots(self, cands, C, Sc, Ec, wc, off, cstart)
        tg = Sc[sl.slot_c] + sl.goff
        sl.scatter(np.arange(sl.nslot), C[sl.slot_c], Sc[sl.slot_c], Ec[sl.slot_c], tg, tg)
        T = np.zeros(sl.nslot)
        for side in (0, 1):
            self._cone_side(sl, side, T)
        T -= QUAD * sl.self_sq
        T += QUAD * self._quadratic(sl)
        if sl.exact:
            F += T
        else:
            goff, gcnt, gstart = sl.goff, sl.gcnt, sl.gstart
            xs = np.arange(int(wc.max()))
            for k in range(C.size):
                w_, a_, b_ = int(wc[k]), int(cstart[k]), int(gstart[k])
                F[a_ : a_ + w_] += np.interp(xs[:w_], goff[b_ : b_ + gcnt[k]], T[b_ : b_ + gcnt[k]])
        if self.net is not None:
            F += self.comm_weight * self.net[C][pc] * (pt - 0.5 * (Sc + Ec)[pc])
        self.evaluated += tot
        return C, pc, pt, F

    def _cone_side(self, sl: _Slots, side: int, T: np.ndarray) -> None:
        """Add to T the linear forces of the successors (side 0) or the
        predecessors (1) in the candidates' cones whose frames the move
        shrinks, and record their frame changes in ``sl``."""
        cones, PL, g, S, E = self.cones, self.PL, self.g, self.S, self.E
        C, Sc, big, skey, goff = sl.C, sl.Sc, sl.big, sl.skey, sl.goff
        ks = [cones[c][2 + 2 * side] for c in sl.cands]
        ds = [cones[c][3 + 2 * side] for c in sl.cands]
        cnt = np.array([x.size for x in ks], dtype=np.int64)
        if not cnt.sum():
            return
        j, d = np.concatenate(ks), np.concatenate(ds)
        ec = np.repeat(np.arange(C.size), cnt)
        Sj, Ej = S[j], E[j]
        # the slots where j's frame shrinks: successor j moves iff
        # t + d > S_j, predecessor j iff t - d < E_j
        if side == 0:
            first = np.searchsorted(skey, ec * big + np.clip(Sj - d - Sc[ec], -1, big - 2), side="right")
            last = sl.gstart[ec] + sl.gcnt[ec]
        else:
            first = sl.gstart[ec]
            last = np.searchsorted(skey, ec * big + np.clip(Ej + d - Sc[ec], 0, big - 1), side="left")
        num = np.maximum(last - first, 0)
        num[Ej <= Sj] = 0
        if not num.any():
            return
        keep = num > 0
        j, d, ec, Sj, Ej, first, num = (x[keep] for x in (j, d, ec, Sj, Ej, first, num))
        gj = g[j]
        Xj = (PL[gj, Ej + 1] - PL[gj, Sj]) / (Ej - Sj + 1)
        re, ro = _expand(num)
        slot = first[re] + ro
        t = Sc[ec[re]] + goff[slot]
        sj0, ej0, gg = Sj[re], Ej[re], gj[re]
        if side == 0:
            sj, ej = np.maximum(sj0, t + d[re]), ej0
        else:
            sj, ej = sj0, np.minimum(ej0, t - d[re])
        self.evaluated += re.size
        Xn = (PL[gg, ej + 1] - PL[gg, sj]) / (ej - sj + 1)
        T += np.bincount(slot, Xn - Xj[re], minlength=sl.nslot)
        sl.scatter(slot, j[re], sj0, ej0, sj, ej)

    def _quadratic(self, sl: _Slots) -> np.ndarray:
        """sum_r w_r sum_t dDG_r(t)^2 per slot (the caller subtracts the moved
        ops' own |dq_k|^2, leaving the pairwise interactions of the move)."""
        R, Wd, wr, nslot = self.R, self.Wd, self.wr, sl.nslot
        pi, pcf = np.concatenate(sl.parts_i), np.concatenate(sl.parts_c)
        if self.unit:  # dDG is piecewise constant between the sorted breakpoints
            o = np.argsort(pi, kind="stable")
            pi, pcf = pi[o], pcf[o]
            val = np.cumsum(pcf)
            grp = pi // Wd
            same = grp[:-1] == grp[1:]
            seglen = np.where(same, pi[1:] - pi[:-1], 0)
            s, rr = grp[:-1] % nslot, grp[:-1] // nslot
            self.evaluated += pi.size
            return np.bincount(s, wr[rr] * val[:-1] ** 2 * seglen, minlength=nslot)
        TOT = sl.TOT
        dd2 = np.bincount(pi, pcf, minlength=R * TOT)
        D = np.cumsum(np.cumsum(dd2.reshape(R, TOT), axis=1), axis=1)
        sq = (wr[:, None] * D * D).sum(axis=0)
        self.evaluated += R * TOT
        return np.add.reduceat(sq, sl.sbase)

    def _fix(self, i: int, t: int) -> None:
        """Fix i at t, propagate the frames as far as they change, update the
        DGs and requeue the ops whose frames changed."""
        S_l, E_l, tpos, lat_l = self.S_l, self.E_l, self.tpos, self.lat_l
        heappush, heappop = heapq.heappush, heapq.heappop
        changed = {i: (S_l[i], E_l[i])}
        grow, shrink = t != S_l[i], t != E_l[i]
        S_l[i] = E_l[i] = t
        # in topological order (a heap on the position), so that every op is
        # relaxed once: depth-first relaxation can revisit ops exponentially
        # often on graphs with many reconvergent paths
        if grow:
            sptr_l, ssucc_l = self.sptr_l, self.ssucc_l
            hp = [(tpos[i], i)]
            queued = {i}
            while hp:
                u = heappop(hp)[1]
                su = S_l[u] + lat_l[u]
                for k in range(sptr_l[u], sptr_l[u + 1]):
                    v = ssucc_l[k]
                    if S_l[v] < su:
                        if v not in changed:
                            changed[v] = (S_l[v], E_l[v])
                        S_l[v] = su
                        if v not in queued:
                            queued.add(v)
                            heappush(hp, (tpos[v], v))
        if shrink:
            pptr_l, ppred_l = self.pptr_l, self.ppred_l
            hp = [(-tpos[i], i)]
            queued = {i}
            while hp:
                u = heappop(hp)[1]
                eu = E_l[u]
                for k in range(pptr_l[u], pptr_l[u + 1]):
                    v = ppred_l[k]
                    lim = eu - lat_l[v]
                    if E_l[v] > lim:
                        if v not in changed:
                            changed[v] = (S_l[v], E_l[v])
                        E_l[v] = lim
                        if v not in queued:
                            queued.add(v)
                            heappush(hp, (-tpos[v], v))
        self._commit(i, changed)

    def _commit(self, i: int, changed: dict) -> None:
        """Copy the changed frames into the arrays, move their DG mass and
        requeue (or count as forced) the loaded ops whose frames changed."""
        S, E, S_l, E_l, loaded = self.S, self.E, self.S_l, self.E_l, self.loaded
        ch = np.fromiter(changed.keys(), dtype=np.int64, count=len(changed))
        old = np.array(list(changed.values()), dtype=np.int64).reshape(-1, 2)
        S[ch] = [S_l[v] for v in changed]
        E[ch] = [E_l[v] for v in changed]
        lc = loaded[ch]
        if lc.any():
            cl = ch[lc]
            self.dg_add(cl, old[lc, 0], old[lc, 1], -1.0)
            self.dg_add(cl, S[cl], E[cl], 1.0)
        self.n_free -= 1
        self.cones.pop(i, None)
        for v in changed:
            if v != i and loaded[v]:
                if E_l[v] > S_l[v]:
                    heapq.heappush(self.heap, self.hkey(v))
                elif changed[v][1] > changed[v][0]:
                    self.forced += 1
                    self.n_free -= 1

    def place(self) -> tuple[list[int], int]:
        """Final placement in topological order: fixed ops at their step,
        unfixed ones (time limit hit) greedily.  Returns (start, greedy ops)."""
        S, E, lop, S_l, E_l = self.S, self.E, self.lop, self.S_l, self.E_l
        pptr_l, ppred_l, lat_l = self.pptr_l, self.ppred_l, self.lat_l
        start = [0] * self.n
        greedy = 0
        U = None
        if lop.size and (S[lop] < E[lop]).any():  # time limit hit: usage of the fixed ops
            fixed = lop[S[lop] == E[lop]]
            r, owner = _gather(self.lptr, self.lres, fixed)
            rep, o2 = _expand(self.blk[fixed][owner])
            U = np.zeros((self.R, self.H + self.maxb + 1))
            np.add.at(U, (r[rep], S[fixed][owner][rep] + o2), 1.0)
        for v in forward_order(self.problem):
            lo = S_l[v]
            for k in range(pptr_l[v], pptr_l[v + 1]):
                p = ppred_l[k]
                c = start[p] + lat_l[p]
                if c > lo:
                    lo = c
            if U is not None and self.loaded[v] and S_l[v] < E_l[v]:
                lo = self._place_greedy(U, v, lo)
                greedy += 1
            start[v] = lo
        return start, greedy

    def _place_greedy(self, U: np.ndarray, v: int, lo: int) -> int:
        """The step in [lo, E_v] with the least weighted peak of the usage U of
        the ops placed so far (ties: earliest); v's usage is added to U."""
        lptr_l, lres_l, wr = self.lptr_l, self.lres_l, self.wr
        hi, b = self.E_l[v], self.blk_l[v]
        if hi > lo:
            cost = np.zeros(hi - lo + 1)
            for k in range(lptr_l[v], lptr_l[v + 1]):
                r = lres_l[k]
                seg = U[r, lo : hi + b]
                mx = seg[: hi - lo + 1].copy()
                for d in range(1, b):
                    np.maximum(mx, seg[d : d + hi - lo + 1], out=mx)
                cost += wr[r] * mx
            lo += int(np.argmin(cost))
        for k in range(lptr_l[v], lptr_l[v + 1]):
            U[lres_l[k], lo : lo + b] += 1.0
        return lo


class _Slots:
    """The (candidate, grid step) slots of one iteration (sorted by candidate,
    then step) and the frame changes collected per slot for the quadratic
    term."""

    def __init__(self, fds: _FDS, cands, C, Sc, Ec, wc, off, cstart):
        self.fds, self.cands, self.C, self.Sc = fds, cands, C, Sc
        self.exact = bool((wc <= GRID).all())
        if self.exact:
            goff, gcnt, gstart = off, wc, cstart
        else:
            grids = [
                np.arange(w_)
                if w_ <= GRID
                else np.unique(np.linspace(0, w_ - 1, GRID).round().astype(np.int64))
                for w_ in wc.tolist()
            ]
            gcnt = np.array([x.size for x in grids], dtype=np.int64)
            gstart = np.cumsum(gcnt) - gcnt
            goff = np.concatenate(grids)
        self.goff, self.gcnt, self.gstart = goff, gcnt, gstart
        nslot = self.nslot = int(gcnt.sum())
        slot_c = self.slot_c = np.repeat(np.arange(C.size), gcnt)
        cones = fds.cones
        self.lo_c = np.array([cones[c][6] for c in cands], dtype=np.int64)
        seg = np.array([cones[c][7] for c in cands], dtype=np.int64)[slot_c] - self.lo_c[slot_c]
        self.sbase = np.cumsum(seg) - seg
        self.TOT = 0 if fds.unit else int(seg.sum())
        self.parts_i, self.parts_c, self.self_sq = [], [], np.zeros(nslot)
        # slots are sorted by (candidate, step): key for per-entry searches
        self.big = int(wc.max()) + 2
        self.skey = slot_c * self.big + goff

    def scatter(self, slot, ops, s0, e0, s1, e1) -> None:
        """Collect the change of ops' frames (s0, e0) -> (s1, e1) per slot:
        with unit blocking as first-order differences keyed by (resource,
        slot, step); otherwise as second-order differences in the slot's
        dense segment."""
        f = self.fds
        r, own = _gather(f.lptr, f.lres, ops)
        if r.size == 0:
            return
        nslot = self.nslot
        sl = slot[own]
        S0, E0, S1, E1 = s0[own], e0[own], s1[own], e1[own]
        c0, c1 = 1.0 / (E0 - S0 + 1), 1.0 / (E1 - S1 + 1)
        b = f.blk[ops][own]
        self.self_sq[:] += np.bincount(
            sl, f.wr[r] * (_sq_norm(E1 - S1 + 1, b) - _sq_norm(E0 - S0 + 1, b)), minlength=nslot
        )
        if f.unit:
            base = (r * nslot + sl) * f.Wd
            self.parts_i.extend((base + S0, base + E0 + 1, base + S1, base + E1 + 1))
            self.parts_c.extend((-c0, c0, c1, -c1))
            return
        base = r * self.TOT + self.sbase[sl] - self.lo_c[self.slot_c[sl]]
        self.parts_i.extend(
            (
                base + S0,
                base + S0 + b,
                base + E0 + 1,
                base + E0 + 1 + b,
                base + S1,
                base + S1 + b,
                base + E1 + 1,
                base + E1 + 1 + b,
            )
        )
        self.parts_c.extend((-c0, c0, c0, -c0, c1, -c1, -c1, c1))


def schedule_fds(
    problem: Problem,
    *,
    weights: Sequence[float] | np.ndarray | dict[str, float] | None = None,
    comm_weight: float = 0.0,
    time_limit: float | None = None,
) -> Schedule:
    """Force-directed scheduling of a time-constrained problem (see the module
    docstring for the forces, the candidate window used on big instances and
    the greedy finish after ``time_limit``).  Minimises sum_r w_r * peak_r
    (``weights``: None = 1 per resource, a sequence per resource type or a dict
    by name) plus ``comm_weight`` * communication."""
    t0 = time.perf_counter()
    asap, alap, L = tc_frames(problem)
    n = problem.arrays.n
    w = resource_weights(problem, weights)
    if n == 0:
        return tc_schedule(problem, np.zeros(0, np.int64), "fds", "HEURISTIC", w, comm_weight, bound=0.0)
    fds = _FDS(problem, asap, alap, L, w, comm_weight)
    timed_out = fds.run(t0, time_limit)
    start, greedy = fds.place()
    stats = {
        "iterations": fds.iters,
        "windowed_iters": fds.windowed,
        "forced_by_frames": fds.forced,
        "force_terms": fds.evaluated,
        "greedy_ops": greedy,
        "timed_out": timed_out,
        "eval_budget": fds.budget,
        "max_cone": fds.max_cone,
        # fds stops by the wall clock only: the output is reproducible
        # unless the time limit ended it (then the rest is placed greedily)
        "ended_by": "time-limit" if timed_out else "converged",
        "wall_s": time.perf_counter() - t0,
    }
    bound = objective_lower_bound(problem, resource_lower_bounds(problem, asap, alap), w, comm_weight)
    return tc_schedule(
        problem,
        np.asarray(start, dtype=np.int64),
        "fds",
        "HEURISTIC",
        w,
        comm_weight,
        bound=bound,
        stats=stats,
    )


__all__ = ["EVAL_BUDGET", "schedule_fds"]
