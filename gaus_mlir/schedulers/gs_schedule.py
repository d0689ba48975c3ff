"""Method ``gs-schedule``: GS-Schedule, the categorical Gumbel-softmax scheduler
of Liu et al., "Differentiable Combinatorial Scheduling at Scale" (ICML 2024),
reimplemented as a baseline for GauS.

Followed from the published code (github.com/Yu-Maryland/Differentiable_Scheduler_ICML24,
``parse_graph_w_attr.py`` / ``scheduling_graph_w_attr_solver.sh``, read, not copied):

* Parameters: one logit vector over the ``D`` stages per op *and per sample*
  (the script's ``ScheduleNet`` keeps a ``[BS, depth]`` weight per node), i.e.
  ``B x |V| x D`` numbers, ``|V| x D`` per sample.
* Sampling in topological order.  Roots: ``gumbel_softmax(w, tau, hard=True)``.
  Other ops (``multiconditional_gumbel_softmax``): ``p = softmax((w + g)/tau)``,
  then once per predecessor ``p *= bias * cumsum(onehot_pred)`` with
  ``bias = log([D+1, D, ..., 2])``, then ``y = softmax(p)`` and the hard
  argmax with the straight-through estimator.  The predecessor's CDF zeroes
  every stage before it, so each hard sample is dependence-legal by
  construction.  Here the CDF is shifted by the predecessor's latency
  (``t_j >= t_p + lat_p``; the rw graphs have latency 0, where it is the
  published mask) and a window mask keeps op ``i`` in ``[ASAP_i, ALAP_i]``
  (the whole range on the rw graphs); the hard index is the argmax over the
  legal stages only, so float underflow cannot make a sample illegal.
* Loss (formulation A): ``ratio * sum_t q_t log q_t`` (negative entropy of the
  per-stage weighted usage ``q_t = usage_t / total``: a flat profile has a low
  peak) ``+ comm / #counted edges``, where ``comm = sum_e bits_e sum_k
  P(t_src <= k) P(t_dst > k)``; averaged over the batch.  ``ratio`` and the
  comm weight are the weights of the ``peak`` and ``comm`` terms of
  ``objective`` (``"100*peak+comm"`` is the README's ``ratio 100``).
* Optimiser: AdamW (``lr`` default 1, weight decay 0.01) with
  ``CosineAnnealingLR(T_max=50, eta_min=1e-7)`` stepped per epoch; ``tau``
  fixed (default 50: the README's ``temp``; the code does not anneal it).
* Initialisation ``init="published"``: logits one-hot on the first stage
  (x10 for roots).  The script runs 500 epochs; the README example uses
  ``50 1 10 250 rand_graph_1000_1.gml 100`` (tau, lr, depth, batch, ratio).

Deviations, on purpose: every sample's hard argmax is scored with the exact
discrete objective each epoch and the best legal one kept (the script checks
only the minimum-loss sample and compares peaks); no fp16 autocast;
``init="informed"`` / ``"random"`` give the GauS initialisations (logits whose
noise-free argmax is the ALAP list / ASAP-ALAP midpoint / ASAP start and
jittered copies, or random logits).

Beyond the paper, the resource-constrained latency problem (acyclic shared
problem without ``latency_bound``): ``D`` = the ALAP-priority list schedule's
horizon, loss = start of the objective op + resource overuse, and the best
sample (fewest overuse, then objective) is legalized with its starts as
list-scheduling / serial-SGS priorities, so the result always verifies.

torch is imported inside :func:`schedule_gs` only.
"""

from __future__ import annotations

import math
import time

import numpy as np

from ..model import InfeasibleError, Problem, Schedule, UnsupportedProblemError
from ..model.graph import alap_times, asap_times, forward_order, tails
from ..model.objectives import objective_scorer, parse_objective
from .budget import memory_available
from .checks import check_relax_numbers
from .gaus.spec import expanded_uses

INITS = ("informed", "random", "published")
_WORK_CAP = 30_000_000  # B x D x (2|V| + |E| + uses) elements (auto batch)
_EPOCH_ELEM = 0.25e-6  # deterministic seconds per element of B x D x (2|V| + |E| + uses)
_FIXED = 1.0  # start-up (torch import, tensors), deterministic seconds
_LEVEL_STEP = 2e-3  # per topological level per epoch (torch dispatch, autograd)


# ------------------------------------------------------------------ frames
def _frames(problem, depth):
    """(asap, hi, D, L): per-op start windows, number of stages, latency bound
    (None for the resource-constrained problem).  ``hi`` is an ALAP vector, so
    ``hi_j >= hi_p + lat_p`` on every edge and a legal stage always exists."""
    a = problem.arrays
    asap = asap_times(problem)
    tail = tails(problem)
    L = problem.latency_bound
    if L is not None:
        bound = int(L)
    else:
        from .list_scheduling import list_schedule, priority_key

        base = list_schedule(problem, priority_key(problem, "alap"), a.limit if problem.shared else None)
        bound = int(max((base + a.lat).max(), (asap + a.lat).max()))
    if depth is not None:
        if depth < 1:
            raise UnsupportedProblemError(f"depth must be >= 1, got {depth}")
        cap = int(depth) - 1 + int(tail.min())
        if L is not None and cap > bound:
            raise UnsupportedProblemError(
                f"depth {depth} exceeds the {bound - int(tail.min()) + 1} start stages "
                f"allowed by latency bound {bound}"
            )
        bound = cap
    hi = alap_times(problem, bound)  # InfeasibleError below the critical path
    if (asap > hi).any():
        raise InfeasibleError(f"{bound} steps are below the critical path")
    return asap, hi, int(hi.max()) + 1, (None if L is None else int(L))


def _levels(problem):
    """Topological level of every op (0 = no predecessor)."""
    a = problem.arrays
    from ..model.graph import csr

    ptr, pred = csr(a.n, a.dst, a.src)
    ptr_l, pred_l = ptr.tolist(), pred.tolist()
    lv = [0] * a.n
    for v in forward_order(problem):
        best = -1
        for k in range(ptr_l[v], ptr_l[v + 1]):
            if lv[pred_l[k]] > best:
                best = lv[pred_l[k]]
        lv[v] = best + 1
    return np.asarray(lv, dtype=np.int64), ptr, pred


def _groups(problem, asap, hi, D):
    """One sampling group per topological level: its ops sorted by in-degree
    bucket (powers of two), their predecessor edges flattened in that order
    (``epred``/``elat``), and per bucket the padded [M_b, K_b] positions of
    each op's edges in that flat list (padding = len(epred): a CDF of ones).
    One gather and one write per level keeps the autograd work at
    O(levels x B|V|D); the buckets bound the padding of the product."""
    a = problem.arrays
    lv, ptr, pred = _levels(problem)
    deg = np.diff(ptr)
    bucket = np.where(deg > 0, np.ceil(np.log2(np.maximum(deg, 1))).astype(np.int64) + 1, 0)
    steps = np.arange(D)
    win = (steps[None, :] >= asap[:, None]) & (steps[None, :] <= hi[:, None])
    out = []
    for level in np.unique(lv).tolist():
        idx = np.nonzero(lv == level)[0]
        idx = idx[np.argsort(bucket[idx], kind="stable")]
        g = {"idx": idx, "k": deg[idx], "win": win[idx], "epred": None}
        if level > 0:
            epred = np.concatenate([pred[ptr[v] : ptr[v + 1]] for v in idx.tolist()])
            first = np.concatenate(([0], np.cumsum(deg[idx])[:-1]))
            parts = []
            for b in np.unique(bucket[idx]).tolist():
                rows = np.nonzero(bucket[idx] == b)[0]
                K = int(deg[idx[rows]].max())
                pos = first[rows][:, None] + np.arange(K)[None, :]
                parts.append(np.where(np.arange(K)[None, :] < deg[idx[rows]][:, None], pos, epred.size))
            g.update(epred=epred, elat=a.lat[epred], parts=parts)
        out.append(g)
    return out


# ------------------------------------------------------------- initial logits
def _seeds(problem, asap, hi, L):
    """The informed starts GauS uses: ASAP-ALAP midpoint / ASAP / ALAP for the
    time-constrained problem, ALAP list schedule / midpoint / ASAP otherwise."""
    mid = (asap + hi) / 2.0
    if L is not None:
        return [mid, asap.astype(float), hi.astype(float)]
    from .list_scheduling import list_schedule, priority_key

    a = problem.arrays
    base = list_schedule(problem, priority_key(problem, "alap"), a.limit if problem.shared else None)
    return [np.minimum(base, hi).astype(float), mid, asap.astype(float)]


def _init_logits(problem, groups, asap, hi, D, B, init, tau, seed, L):
    """[B, V, D] float64 logits.  published: one-hot on the first legal stage
    (x10 for roots), as the script.  informed: logits whose noise-free sample
    is the seed start (the predecessor bias ``bias^k`` is compensated), seeds
    then jittered copies as in GauS.  random: tau * N(0, 1) logits."""
    n = asap.size
    rng = np.random.default_rng(seed)
    k = np.zeros(n)
    for g in groups:
        k[g["idx"]] = g["k"]
    if init == "random":
        return tau * rng.standard_normal((B, n, D))
    W = np.zeros((B, n, D))
    rows = np.arange(n)
    if init == "published":
        W[:, rows, asap] = np.where(k == 0, 10.0, 1.0)
        return W
    seeds = _seeds(problem, asap, hi, L)
    mob = np.maximum(hi - asap, 0)
    log_bias = np.log(np.arange(D + 1, 1, -1, dtype=float))
    for b in range(B):
        base = (
            seeds[b]
            if b < len(seeds)
            else seeds[b % len(seeds)] + rng.normal(size=n) * np.minimum(mob / 4.0, 2.0)
        )
        s = np.clip(np.floor(base + 0.5), asap, hi).astype(np.int64)
        W[b] = -tau * k[:, None] * log_bias[None, :]
        W[b, rows, s] += tau * 3.0
    return W


# -------------------------------------------------------- discrete evaluation
class _Evaluator:
    """Exact objective of B hard samples at once (numpy): the terms of
    ``model.objectives.objective_scorer`` (weighted peaks, communication, latency),
    dependence / latency-bound legality and, without a latency bound, the
    resource overuse (users over the limit, summed over steps)."""

    def __init__(self, problem, terms, L):
        a = problem.arrays
        self.terms, self.L, self.lat = terms, L, a.lat
        self.src, self.dst = a.src, a.dst
        data = ~a.aux
        self.csrc, self.cdst, self.bits = a.src[data], a.dst[data], a.bits[data]
        self.last = problem.last_op
        self.R = len(problem.resource_types)
        self.uses = expanded_uses(problem, False)
        self.wu = a.weight[self.uses[0]]
        self.lim_uses = expanded_uses(problem, True) if problem.shared and L is None else None
        self.limit = a.limit

    def _usage(self, T, uses, w):
        ops, res, off = uses
        B = T.shape[0]
        steps = T[:, ops] + off
        H = int(steps.max()) + 1 if steps.size else 1
        key = (np.arange(B)[:, None] * self.R + res[None, :]) * H + steps
        m = np.bincount(key.ravel(), weights=None if w is None else np.tile(w, B), minlength=B * self.R * H)
        return m.reshape(B, self.R, H)

    def __call__(self, T):
        """(objective [B], makespan [B], overuse [B], legal [B])."""
        B = T.shape[0]
        obj = np.zeros(B)
        legal = (T[:, self.src] + self.lat[self.src] <= T[:, self.dst]).all(1)
        end = T + self.lat
        if self.L is not None:
            legal &= (end <= self.L).all(1)
        for name, wt in self.terms.items():
            if name in ("peak", "formulation-a"):
                obj += wt * self._usage(T, self.uses, self.wu).max(-1).sum(-1) if self.uses[0].size else 0.0
            if name in ("comm", "formulation-a"):
                obj += wt * ((T[:, self.cdst] - T[:, self.csrc]) * self.bits).sum(1)
            if name == "latency":
                obj += wt * T[:, self.last]
        over = np.zeros(B)
        if self.lim_uses is not None and self.lim_uses[0].size:
            u = self._usage(T, self.lim_uses, None)
            lim = np.where(self.limit >= 0, self.limit, np.inf)
            over = np.clip(u - lim[None, :, None], 0, None).sum((1, 2))
        return obj, end.max(1), over, legal


# ------------------------------------------------------------------ torch side
class _Model:
    """Constrained Gumbel-softmax sampler and loss on one device.  Tensors are
    op-major ([V, B, D]): gathers of ops and their autograd are row copies."""

    def __init__(self, torch, problem, groups, terms, D, L, dev):
        self.torch, self.dev, self.D = torch, dev, D
        a = problem.arrays
        self.n = a.n

        def T(x, dt=torch.float32):
            return torch.as_tensor(np.asarray(x), device=dev, dtype=dt)

        def Ti(x):
            return torch.as_tensor(np.asarray(x, dtype=np.int64), device=dev)

        bias = np.log(np.arange(D + 1, 1, -1, dtype=float))
        steps = np.arange(D)
        self.groups = []
        for g in groups:
            G = {"idx": Ti(g["idx"]), "win": T(g["win"][:, None, :], torch.bool)}
            if g["epred"] is None:
                G["logwin"] = T(np.where(g["win"], 0.0, -np.inf)[:, None, :])
            else:
                G["epred"] = Ti(g["epred"])
                G["parts"] = [(Ti(P.T.ravel()), P.shape) for P in g["parts"]]
                G["biask"] = T((bias[None, :] ** g["k"][:, None] * g["win"])[:, None, :])
                if (g["elat"] > 0).any():
                    sh = steps[None, :] - g["elat"][:, None]
                    G["shift"] = Ti(np.maximum(sh, 0)[:, None, :])
                    G["shift_ok"] = T((sh >= 0)[:, None, :])
            self.groups.append(G)
        self.terms = terms
        self._loss_setup(problem, T, Ti, L)

    def _loss_setup(self, problem, T, Ti, L):
        a = problem.arrays
        ops, res, off = expanded_uses(problem, False)
        self.R = len(problem.resource_types)
        self.H = self.D + int(a.blocking.max(initial=1)) - 1
        w = a.weight[ops]
        tot = np.bincount(res, weights=w, minlength=self.R)
        self.use = self._use_parts(ops, res, off, w, Ti, T)
        self.n_uses = int(ops.size)
        self.use_tot = T(np.where(tot > 0, tot, 1.0)[:, None, None])
        self.use_active = T((tot > 0)[:, None])
        data = ~a.aux & (a.bits != 0)
        self.comm = (
            Ti(a.src[data]),
            Ti(a.dst[data]),
            T(a.bits[data][:, None]),
            max(1.0, float(np.abs(a.bits[data]).sum())),
        )
        self.last = int(problem.last_op)
        self.rc = None
        if L is None and problem.shared and problem.limited_uses()[0].size:
            lops, lres, loff = expanded_uses(problem, True)
            self.rc = (
                self._use_parts(lops, lres, loff, np.ones(lops.size), Ti, T),
                T(a.limit.clip(min=0)[:, None, None]),
            )

    def _use_parts(self, ops, res, off, w, Ti, T):
        """Uses grouped by blocking offset: (offset, ops, resources, weights)."""
        return [
            (o, Ti(ops[off == o]), Ti(res[off == o]), T(w[off == o][:, None, None]))
            for o in np.unique(off).tolist()
        ]

    # ---------------------------------------------------------------- sample
    def sample(self, W, gen, tau):
        """(X [V, B, D] straight-through one-hots, starts [B, V])."""
        torch = self.torch
        n, B, D = W.shape
        X = W.new_zeros(n, B, D)
        starts = torch.empty(n, B, dtype=torch.long, device=self.dev)
        for g in self.groups:
            logits = W.index_select(0, g["idx"])
            gum = -torch.empty_like(logits).exponential_(generator=gen).log()
            if "epred" not in g:
                values = ((logits + gum) / tau + g["logwin"]).softmax(-1)
                y_soft, legal = values, g["win"]
            else:
                mask = self._pred_mask(X, g, B, D)
                values = ((logits + gum) / tau).softmax(-1) * g["biask"] * mask
                y_soft = values.softmax(-1)
                legal = (mask.detach() > 0.5) & g["win"]
            hard = torch.where(legal, values.detach(), torch.full_like(values, -1.0)).argmax(-1)
            y_hard = torch.zeros_like(y_soft).scatter_(-1, hard.unsqueeze(-1), 1.0)
            X.index_copy_(0, g["idx"], y_hard - y_soft.detach() + y_soft)
            starts[g["idx"]] = hard
        return X, starts.t()

    def _pred_mask(self, X, g, B, D):
        """prod over each op's predecessors of their (latency-shifted) CDFs:
        1 on the stages every predecessor allows, 0 before."""
        torch = self.torch
        cdf = X.index_select(0, g["epred"]).cumsum(-1)  # [E_l, B, D]
        if "shift" in g:
            cdf = torch.gather(cdf, 2, g["shift"].expand(-1, B, -1)) * g["shift_ok"]
        cdf = torch.cat([cdf, cdf.new_ones(1, B, D)], 0)
        masks = []
        for cols, (M, K) in g["parts"]:
            # one factor per predecessor, multiplied in turn as the published loop
            factors = cdf.index_select(0, cols).view(K, M, B, D).unbind(0)
            mask = factors[0]
            for f in factors[1:]:
                mask = mask * f
            masks.append(mask)
        return masks[0] if len(masks) == 1 else torch.cat(masks, 0)

    # ------------------------------------------------------------------ loss
    def _usage(self, X, parts):
        """[R, B, H] (weighted) users per resource and step."""
        B = X.shape[1]
        U = X.new_zeros(self.R, B, self.H)
        for o, ops, res, w in parts:
            contrib = X.index_select(0, ops) * w
            U[:, :, o : o + self.D] = U[:, :, o : o + self.D].index_add(0, res, contrib)
        return U

    def loss(self, X):
        """Per-sample loss [B] (see the module docstring)."""
        torch = self.torch
        B = X.shape[1]
        total = X.new_zeros(B)
        wp = self.terms.get("peak", 0.0) + self.terms.get("formulation-a", 0.0)
        wc = self.terms.get("comm", 0.0) + self.terms.get("formulation-a", 0.0)
        if wp and self.n_uses:
            U = self._usage(X, self.use).clamp_min(0.0)
            q = (U + 1e-10 * self.n) / self.use_tot
            negent = (q * q.log()).sum(-1)  # [R, B]
            total = total + wp * (negent * self.use_active).sum(0)
        if wc and self.comm[0].numel():
            src, dst, bits, norm = self.comm
            cs = X.index_select(0, src).cumsum(-1)[..., :-1]
            cd = X.index_select(0, dst).cumsum(-1)[..., :-1]
            total = total + wc * ((cs * (1.0 - cd)).sum(-1) * bits).sum(0) / norm
        if self.terms.get("latency", 0.0):
            ar = torch.arange(self.D, device=self.dev, dtype=X.dtype)
            total = total + self.terms["latency"] * (X[self.last] * ar).sum(-1)
        if self.rc is not None:
            U = self._usage(X, self.rc[0])
            total = total + (U - self.rc[1]).clamp_min(0.0).sum((0, 2))
        return total


# -------------------------------------------------------------- legalization
def _legalize(problem, start, score):
    """Start times of the best sample used as list / serial-SGS priorities
    (plain, and with the sample as release times): schedules that respect the
    resource limits.  Returns (start, name) of the best by ``score``."""
    from .gaus.legalize import Flat, rank_keys, serial_sgs
    from .list_scheduling import list_schedule

    a = problem.arrays
    flat = Flat(problem)
    lim = a.limit if problem.shared else np.full(len(problem.resource_types), -1)
    key = rank_keys(np.arange(a.n), -tails(problem), start)
    cands = {
        "list": list_schedule(problem, key, lim),
        "sgs": serial_sgs(flat, key.tolist(), lim.tolist()),
        "sgs_release": serial_sgs(flat, key.tolist(), lim.tolist(), start.tolist()),
    }
    best = min(cands, key=lambda k: (score(cands[k]), k))
    return np.asarray(cands[best], dtype=np.int64), best


def _auto_batch(n, n_edges, n_uses, D):
    work = D * (2 * n + n_edges + n_uses)
    return int(max(4, min(250, _WORK_CAP // max(1, work))))


def _auto_iterations(n):
    return 200 if n <= 20000 else 100


# ----------------------------------------------------------------- entry point
def schedule_gs(
    problem: Problem,
    *,
    device: str = "auto",
    iterations: int | None = None,
    time_limit: float | None = None,
    lr: float = 1.0,
    batch: int | None = None,
    seed: int = 0,
    init: str = "informed",
    objective: str | None = None,
    tau: float = 50.0,
    depth: int | None = None,
) -> Schedule:
    """GS-Schedule of an acyclic, non-chaining ``problem`` (module docstring).

    ``device``: auto/cpu/cuda; ``iterations``: epochs (default 200, 100 above
    20k ops); ``time_limit``: seconds of optimisation; ``lr``: AdamW step
    (published 1); ``batch``: samples (default 250 as in the published
    README, fewer for big graphs); ``seed``; ``init``: informed, random or
    published; ``objective``: as GauS's (peak, comm, formulation-a, latency,
    weighted sums; default peak with a latency bound, else latency);
    ``tau``: Gumbel-softmax temperature (published 50); ``depth``: number of
    stages D (default: the start steps the latency bound allows, or the ALAP
    list schedule's horizon without one).

    Reproducible: the epochs are the work budget.  ``time_limit`` is a
    wall-clock cap on the whole call and sets a deterministic work budget
    (:mod:`.budget`) that caps the epochs (and, when ``batch`` is not given,
    the batch); ``stats["ended_by"]`` is "time-limit" when the cap stopped
    the epochs early (the output may then vary between runs)."""
    from .budget import Budget

    t0 = time.perf_counter()
    if problem.cyclic or problem.chaining:
        raise UnsupportedProblemError(f"gs-schedule does not support a {problem.kind}")
    if init not in INITS:
        raise UnsupportedProblemError(f"unknown init '{init}'; expected {', '.join(INITS)}")
    if device not in ("auto", "cpu", "cuda"):
        raise UnsupportedProblemError(f"unknown device '{device}'; expected auto, cpu or cuda")
    if not tau > 0 or not lr > 0:
        raise UnsupportedProblemError("tau and lr must be positive")
    check_relax_numbers(iterations, batch, time_limit, lr)
    budget = Budget.for_time_limit(time_limit)
    if device == "cuda":
        from .gaus.relax import resolve_device

        resolve_device(device)  # a clean error without a GPU, before any work
    L = problem.latency_bound
    terms = parse_objective(
        objective or ("peak" if L is not None else "latency"), "GauS objective", UnsupportedProblemError
    )
    a = problem.arrays
    if a.n == 0:
        return Schedule(
            np.zeros(0, np.int64),
            method="gs-schedule",
            objective=0,
            stats={"iterations": 0, "params": 0, "depth": 0},
        )
    asap, hi, D, L = _frames(problem, depth)
    groups = _groups(problem, asap, hi, D)
    n_uses = int(a.blocking[a.use_op].sum()) if a.use_op.size else 0
    B = int(batch) if batch is not None else _auto_batch(a.n, a.src.size, n_uses, D)
    B = max(1, B)
    its = int(iterations) if iterations is not None else _auto_iterations(a.n)
    B, its = _fit(a.n, a.src.size, n_uses, D, B, its, batch is not None, device, budget, len(groups))
    W0 = _init_logits(problem, groups, asap, hi, D, B, init, tau, seed, L)
    run = _optimise(problem, groups, terms, D, L, W0, device, its, budget, lr, tau, seed)
    score = objective_scorer(problem, terms, np.ones(len(problem.resource_types)))
    start, chosen = _choose(problem, run, score, L)
    val = score(start)[0]
    stats = _stats(problem, run, start, chosen, t0, D=D, B=B, tau=tau, lr=lr, init=init)
    obj = int(val) if set(terms) == {"latency"} else val
    return Schedule(start, method="gs-schedule", status="HEURISTIC", objective=obj, stats=stats)


def _choose(problem, run: dict, score, L):
    """The best legal sample; without a latency bound the best sample is
    legalized when no sample was legal (or the legal one scores worse)."""
    start, chosen = run["best"], "sample"
    if L is None and (run["best_over"] > 0 or start is None):
        start, chosen = _legalize(problem, run["best_any"], score)
        if run["best"] is not None and score(run["best"]) <= score(start):
            start, chosen = run["best"], "sample"
    if start is None:  # pragma: no cover - samples are legal by construction
        raise InfeasibleError("gs-schedule found no legal sample")
    return start, chosen


def _stats(problem, run: dict, start, chosen: str, t0: float, *, D, B, tau, lr, init) -> dict:
    """The statistics of a gs-schedule result (peaks and communication under a
    latency bound)."""
    a = problem.arrays
    L = problem.latency_bound
    stats = {
        "iterations": run["epochs"],
        "wall_s": time.perf_counter() - t0,
        "ended_by": "time-limit" if run["stopped_by_time"] else "work-budget",
        "optimise_s": run["wall_s"],
        "best_epoch": run["best_epoch"],
        "device": run["device"],
        "depth": D,
        "batch": B,
        "tau": float(tau),
        "lr": float(lr),
        "init": init,
        "params": B * a.n * D,
        "params_per_sample": a.n * D,
        "logits_bytes": run["logits_bytes"],
        "mem_estimate_bytes": run["mem_estimate_bytes"],
        "legal_sample_rate": run["legal_rate"],
        "chosen": chosen,
        "best_loss": run["best_loss"],
    }
    if "peak_memory_bytes" in run:
        stats["peak_memory_bytes"] = run["peak_memory_bytes"]
    if L is not None:
        from ..model.objectives import communication
        from .time_constrained import peaks_dict

        stats["peaks"] = peaks_dict(problem, start)
        stats["communication"] = communication(problem, start)
    return stats


def _fit(n, n_edges, n_uses, D, B, its, batch_given, device, budget, levels=1):
    """(batch, epochs) that fit the memory and the work budget: a batch whose
    logits and autograd buffers would not fit in memory is an error naming
    ``batch``; a time-limited budget caps the epochs and (when ``batch`` was
    not given) the batch; not even one epoch at batch 1: an error naming
    ``time-limit``."""
    per_sample = D * (2 * n + n_edges + n_uses)
    need = 8 * B * n * D + 4 * B * D * (4 * (n + 1) + 5 * n_edges + n_uses)
    have = memory_available(device == "cuda")
    if need > have:
        fit = max(1, B * have // max(1, need))
        raise UnsupportedProblemError(
            f"batch={B} needs about {need / 2**30:.1f} GiB for this problem's {n} ops "
            f"x {D} stages, more than the {have / 2**30:.1f} GiB available to "
            f"gs-schedule; use batch={fit} or less"
            if batch_given
            else f"gs-schedule needs about {need / 2**30:.1f} GiB for this problem's {n} ops "
            f"x {D} stages, more than the {have / 2**30:.1f} GiB available"
        )
    if budget.work is None:
        return B, its
    avail = budget.work_left() - _FIXED
    epoch1 = _EPOCH_ELEM * per_sample  # one sample's share of an epoch
    lvl = levels * _LEVEL_STEP  # an epoch's fixed share
    if budget.work_left() < epoch1 + lvl:  # one epoch alone is over the budget
        budget.work_hit = True
        from .budget import WORK_PER_SECOND

        raise UnsupportedProblemError(
            f"time-limit={budget.time_limit:g} is too short for one gs-schedule epoch on "
            f"this problem ({n} ops x {D} stages: time-limit="
            f"{math.ceil((_FIXED + epoch1 + lvl) / WORK_PER_SECOND)} or more)"
        )
    if not batch_given:  # a smaller batch rather than fewer than 20 epochs
        want = max(1, min(its, 20))
        B = max(1, min(B, int((avail / want - lvl) // epoch1)))
    fit = int(avail // (B * epoch1 + lvl))  # at least one epoch runs (start-up aside)
    if fit < max(1, its):
        budget.work_hit = True
        its = max(1, fit)
    budget.charge(_FIXED + max(1, its) * (B * epoch1 + lvl))
    return B, its


class _AdamW:
    """torch.optim.AdamW (default betas, eps, weight decay 0.01; the
    single-tensor update) with CosineAnnealingLR(T_max=50, eta_min=1e-7)
    stepped after every step, on one tensor.  torch.optim's first ``step()``
    imports torch._dynamo: 1.5-7 s per process here, more than many whole
    runs (see ``gaus.relax.Adam``)."""

    def __init__(self, torch, p, lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=0.01, t_max=50, eta_min=1e-7):
        self.torch, self.p = torch, p
        self.base_lr = self.lr = float(lr)
        self.b1, self.b2, self.eps, self.wd = betas[0], betas[1], eps, weight_decay
        self.t_max, self.eta_min = t_max, eta_min
        self.m = torch.zeros_like(p)
        self.v = torch.zeros_like(p)
        self.t = 0
        self.epoch = 0

    def step(self) -> None:
        with self.torch.no_grad():
            g = self.p.grad
            if g is not None:
                self.t += 1
                lr = self.lr
                self.p.mul_(1 - lr * self.wd)
                self.m.lerp_(g, 1 - self.b1)
                self.v.mul_(self.b2).addcmul_(g, g, value=1 - self.b2)
                c1 = 1 - self.b1**self.t
                c2 = (1 - self.b2**self.t) ** 0.5
                denom = (self.v.sqrt() / c2).add_(self.eps)
                self.p.addcdiv_(self.m, denom, value=-lr / c1)
        # CosineAnnealingLR's recursive form, epoch e = number of steps so far
        self.epoch += 1
        e, T, lo = self.epoch, self.t_max, self.eta_min
        if (e - 1 - T) % (2 * T) == 0:
            self.lr = self.lr + (self.base_lr - lo) * (1 - math.cos(math.pi / T)) / 2
        else:
            self.lr = (1 + math.cos(math.pi * e / T)) / (1 + math.cos(math.pi * (e - 1) / T)) * (
                self.lr - lo
            ) + lo


def _optimise(problem, groups, terms, D, L, W0, device, its, budget, lr, tau, seed):
    import torch

    threads = torch.get_num_threads()
    B, n, _ = W0.shape
    if B * n * W0.shape[2] < 4_000_000:
        # small tensors: intra-op threads only add synchronisation (as in gaus.relax)
        torch.set_num_threads(1)
    try:
        return _optimise_loop(problem, groups, terms, D, L, W0, device, its, budget, lr, tau, seed)
    finally:
        torch.set_num_threads(threads)


def _optimise_loop(problem, groups, terms, D, L, W0, device, its, budget, lr, tau, seed):
    """The training loop: sample, loss, AdamW step; every epoch every hard
    sample is scored and the best legal one (and, without a latency bound, the
    best by (overuse, objective)) kept."""
    import torch

    from .gaus.relax import resolve_device

    dev = resolve_device(device)
    B, n, _ = W0.shape
    W = torch.nn.Parameter(
        torch.tensor(W0.transpose(1, 0, 2), dtype=torch.float32, device=dev)
    )  # op-major [V, B, D]
    model = _Model(torch, problem, groups, terms, D, L, dev)
    opt = _AdamW(torch, W, lr)
    gen = torch.Generator(device=dev)
    gen.manual_seed(int(seed))
    ev = _Evaluator(problem, terms, L)
    best = {
        "key": None,
        "start": None,
        "epoch": -1,
        "any_key": None,
        "any": None,
        "over": math.inf,
        "loss": None,
    }
    legal_n = done = 0
    stopped = False
    if dev.type == "cuda":
        torch.cuda.reset_peak_memory_stats(dev)
    t0 = time.perf_counter()
    for ep in range(max(1, its)):
        W.grad = None
        X, starts = model.sample(W, gen, tau)
        loss_b = model.loss(X)
        loss = loss_b.mean()
        if its > 0 and loss.requires_grad:
            loss.backward()
        T = starts.cpu().numpy()
        obj, span, over, legal = ev(T)
        ok = legal & (over == 0)
        legal_n += int(ok.sum())
        _keep(best, T, obj, span, over, legal, ok, ep, float(loss_b.detach().min()))
        done = ep + 1
        if its > 0:
            opt.step()
        if ep + 1 < its and budget.out_of_time():
            stopped = True
            break
    if dev.type == "cuda":
        torch.cuda.synchronize()
    E = sum(int(g["epred"].numel()) for g in model.groups if "epred" in g)
    out = {
        "best": best["start"],
        "best_epoch": best["epoch"],
        "best_any": best["any"],
        "best_over": best["over"],
        "epochs": done,
        "wall_s": time.perf_counter() - t0,
        "device": str(dev),
        "logits_bytes": W.element_size() * W.numel(),
        "mem_estimate_bytes": 4 * B * D * (4 * (n + 1) + 3 * E + 2 * model.comm[0].numel() + model.n_uses),
        "legal_rate": legal_n / max(1, done * B),
        "best_loss": best["loss"],
        "stopped_by_time": stopped,
    }
    if dev.type == "cuda":
        out["peak_memory_bytes"] = int(torch.cuda.max_memory_allocated(dev))
    return out


def _keep(best, T, obj, span, over, legal, ok, ep, loss_min):
    """Update the incumbents with one epoch's scored samples."""
    if ok.any():
        cand = np.nonzero(ok)[0]
        b = cand[np.lexsort((span[cand], obj[cand]))[0]]
        key = (float(obj[b]), int(span[b]))
        if best["key"] is None or key < best["key"]:
            best.update(key=key, start=T[b].copy(), epoch=ep, loss=loss_min)
    cand = np.nonzero(legal)[0]
    if cand.size:
        b = cand[np.lexsort((span[cand], obj[cand], over[cand]))[0]]
        key = (float(over[b]), float(obj[b]), int(span[b]))
        if best["any_key"] is None or key < best["any_key"]:
            best.update(any_key=key, any=T[b].copy(), over=float(over[b]))


__all__ = ["schedule_gs"]
