"""Method ``gaus``: Gaussian differentiable scheduling + legalization.

Pipeline (see :mod:`.relax` for the relaxation, :mod:`.legalize` for the
legalizers, :mod:`.losses` for the closed forms):

1. Problems whose optimum is trivial are solved directly and reported with
   ``iterations = 0``: non-shared (or no limited resource) acyclic/cyclic
   problems under the latency objective -> ASAP at RecMII (the LP optimum);
   chaining problems -> ASAP (with CIRCT's chain-breaking dependences when
   ``cycle_time`` is set), ``z`` from ``model.chaining.start_times_in_cycle``.
2. Otherwise ``B`` starts (informed: ALAP list schedule / ASAP-ALAP midpoint /
   ASAP / jittered copies; ``init="random"``: uniform in the frames) are
   optimised jointly by Adam under an augmented Lagrangian with sigma annealing.
3. Every start's ``mu`` is legalized by several candidate constructions and the
   best verified schedule under the discrete objective is returned; the
   baseline (ALAP list schedule, ``schedule_ims``, ``schedule_list_bisect``)
   is always among the candidates, so GauS is never worse than it.

torch is imported inside :func:`schedule_gaus` (only when a relaxation runs).
"""

from __future__ import annotations

import math
import time

import numpy as np

from ...model import InfeasibleError, Problem, Schedule, UnsupportedProblemError
from ...model.bounds import rec_mii, res_mii
from ...model.graph import alap_times, asap_times, forward_order
from ...model.objectives import objective_scorer, parse_objective
from ..budget import memory_available
from ..checks import check_relax_numbers
from .spec import expanded_uses

_POLISH_WORK = 20_000_000  # |V| x (L + 1) above which polish_moves is skipped
_MIN_ITERATIONS = 20  # a time-limited relaxation shorter than this is skipped
_RELAX_SHARE = 0.5  # share of a time-limited work budget for the relaxation


def _unique_sink(problem) -> bool:
    a = problem.arrays
    last = problem.last_op
    fwd = a.dist == 0
    out = np.bincount(a.src[fwd], minlength=a.n)
    sinks = np.nonzero(out == 0)[0]
    return sinks.size == 1 and int(sinks[0]) == last


def _auto_batch(device_is_cuda: bool, n: int, n_uses: int, n_edges: int) -> int:
    cap = 32 if device_is_cuda else 8
    work = n + n_edges + 19 * n_uses
    return int(max(1, min(cap, 3_000_000 // max(1, work))))


def _auto_iterations(n: int) -> int:
    return 400 if n <= 2000 else (200 if n <= 50000 else 100)


def _initial_means(rng, B, lo, hi, seeds: list[np.ndarray], init: str) -> np.ndarray:
    n = lo.size
    mob = np.maximum(hi - lo, 0)
    mu0 = np.empty((B, n))
    for b in range(B):
        if init == "random":
            mu0[b] = lo + rng.random(n) * mob
        elif b < len(seeds):
            mu0[b] = seeds[b]
        else:
            base = seeds[b % len(seeds)]
            mu0[b] = base + rng.normal(size=n) * np.minimum(mob / 4.0, 2.0)
    return np.clip(mu0, lo, hi)


def _result(problem, start, ii, z, objective, relax, legal_name, cands, t0, budget=None, **extra):
    if budget is None:
        ended = "converged"
    else:
        ended = budget.ended_by("work-budget" if relax is not None else "converged")
        if relax is not None and relax.get("stopped_by_time"):
            ended = "time-limit"
    stats = {
        "ended_by": ended,
        "relaxed_objective": None if relax is None else float(relax["objective"].min()),
        "legalized_objective": objective,
        "iterations": 0 if relax is None else relax["iterations"],
        "device": "none" if relax is None else relax["device"],
        "candidates": {k: (float(v[0]) if isinstance(v, tuple) else v) for k, v in (cands or {}).items()},
        "chosen": legal_name,
    }
    if budget is not None and budget.work is not None:
        stats["work_budget"] = budget.work
        stats["work_used"] = budget.used
    if budget is not None and budget.time_limit is not None:
        stats["time_limit"] = budget.time_limit
    if relax is not None and relax.get("skipped"):
        stats["relaxation"] = relax["skipped"]
    if relax is not None:
        stats["relax_s"] = relax["wall_s"]
        stats["s_per_iter"] = relax["s_per_iter"]
        stats["batch"] = int(relax["mu"].shape[0])
        stats["window"] = relax["width"]
        stats["relaxed_violation"] = float(relax["violation"].min())
    stats.update(extra)
    return Schedule(
        np.asarray(start, dtype=np.int64),
        ii=ii,
        z=z,
        method="gaus",
        status="HEURISTIC",
        objective=objective,
        stats=stats,
    )


def _proven(problem, start, ii, name, t0, budget=None):
    """The baseline already meets the lower bound (II = MII and the earliest
    latency at that II, or the acyclic latency bound): no relaxation can beat
    it, so none is run."""
    obj = int(start[problem.last_op])
    sched = _result(
        problem,
        start,
        ii,
        None,
        obj,
        None,
        name,
        {name: obj},
        t0,
        budget,
        shortcut="the baseline meets the lower bound",
    )
    sched.status = "OPTIMAL"
    return sched


# --------------------------------------------------------------- entry point
def schedule_gaus(
    problem: Problem,
    *,
    device: str = "auto",
    iterations: int | None = None,
    time_limit: float | None = None,
    lr: float = 0.1,
    batch: int | None = None,
    seed: int = 0,
    init: str = "informed",
    objective: str | None = None,
    ii: int | None = None,
    log: str | None = None,
    work: float | None = None,
) -> Schedule:
    """GauS schedule of ``problem`` (see the module docstring).

    ``device``: "auto" (cuda if available), "cpu" or "cuda"; ``iterations``
    (default 400/200/100 by size) and ``time_limit`` (seconds, relaxation
    only) bound the optimiser; ``lr``: Adam step; ``batch``: number of starts
    (default up to 8 on CPU, 32 on CUDA, fewer for big problems); ``seed``;
    ``init``: "informed" or "random"; ``objective``: "latency", "peak",
    "comm", "formulation-a" or a weighted sum ("latency+0.1*comm"); default
    "peak" with a latency bound, else "latency"; ``ii``: the II of a cyclic
    problem (None: from MII upward); ``log``: path of a per-iteration JSON log.

    Reproducible: without ``time_limit`` the iterations and every
    legalization candidate run; with it, the whole method (relaxation and
    legalization) gets a deterministic work budget (see
    :mod:`..budget`) and ``time_limit`` is a hard wall-clock cap;
    ``stats["ended_by"]`` is "time-limit" when the cap, not the budget, cut
    the search short (the output may then vary between runs).  ``work``
    (deterministic seconds, needs ``time_limit``) overrides the work budget
    ``WORK_PER_SECOND * time_limit``.
    """
    from ..budget import Budget

    t0 = time.perf_counter()
    if init not in ("informed", "random"):
        raise UnsupportedProblemError(f"unknown init '{init}'; expected informed or random")
    if device not in ("auto", "cpu", "cuda"):
        raise UnsupportedProblemError(f"unknown device '{device}'; expected auto, cpu or cuda")
    check_relax_numbers(iterations, batch, time_limit, lr)
    budget = Budget.for_time_limit(time_limit)
    if work is not None and time_limit is not None:
        budget.work = float(work)
    if device == "cuda":
        from .relax import resolve_device

        resolve_device(device)  # a clean error without a GPU, before any work
    terms = parse_objective(
        objective or ("peak" if problem.latency_bound is not None else "latency"),
        "GauS objective",
        UnsupportedProblemError,
    )
    a = problem.arrays
    n = a.n
    if n == 0:
        return Schedule(
            np.zeros(0, np.int64),
            ii=(int(ii or 1) if problem.cyclic else None),
            z=np.zeros(0) if problem.chaining else None,
            method="gaus",
            objective=0,
            stats={"iterations": 0, "candidates": {}, "ended_by": "converged"},
        )
    opts = dict(
        device=device, iterations=iterations, budget=budget, lr=lr, batch=batch, seed=seed, init=init, log=log
    )
    return _dispatch(problem, terms, ii, t0, opts)


def _dispatch(problem, terms: dict[str, float], ii, t0: float, opts: dict) -> Schedule:
    """The pipeline for the problem's kind; trivial optima (no limited
    resource under the latency objective) are returned directly."""
    if problem.chaining:
        return _chaining(problem, ii, terms, t0)
    if problem.latency_bound is not None:
        if problem.cyclic:
            raise UnsupportedProblemError("gaus does not support a time-constrained cyclic problem")
        return _time_constrained(problem, terms, t0, **opts)
    has_limited = problem.shared and problem.limited_uses()[0].size > 0
    if problem.cyclic:
        if not has_limited:
            use_ii = int(ii) if ii is not None else rec_mii(problem)
            start = asap_times(problem, use_ii)
            return _result(
                problem,
                start,
                use_ii,
                None,
                int(start[problem.last_op]),
                None,
                "asap",
                {"asap": float(start[problem.last_op])},
                t0,
            )
        return _modulo(problem, terms, ii, t0, **opts)
    if not has_limited and set(terms) == {"latency"}:
        start = asap_times(problem)  # the LP optimum: every op at its earliest start
        obj = int(start[problem.last_op])
        return _result(problem, start, None, None, obj, None, "asap", {"asap": obj}, t0)
    return _shared(problem, terms, t0, **opts)


# ---------------------------------------------------------------- helpers
def relax_memory_estimate(
    B: int, n: int, n_edges: int, n_uses: int, width: int, horizon: int, n_res: int
) -> int:
    """Bytes of the relaxation's tensors and autograd buffers for ``B`` starts
    (float32; a generous factor on the tensors of one evaluation)."""
    per_start = 8 * n + 12 * n_edges + 10 * n_uses * width + 4 * max(1, n_res) * horizon
    return int(4 * B * per_start + 64 * (n + n_edges + n_uses))


def _run(spec, mu0, device, iterations, budget, lr, seed, log):
    if iterations <= 0:  # no relaxation: the initial means are legalized as they are
        B = mu0.shape[0]
        return {
            "mu": np.asarray(mu0, dtype=float),
            "objective": np.zeros(B),
            "violation": np.zeros(B),
            "iterations": 0,
            "wall_s": 0.0,
            "s_per_iter": 0.0,
            "device": "none",
            "width": 0,
            "stopped_by_time": False,
            "skipped": "skipped: the work budget of time-limit allows fewer than "
            f"{_MIN_ITERATIONS} iterations",
        }
    from .relax import run_relaxation

    return run_relaxation(
        spec, mu0, iterations=iterations, lr=lr, device=device, seed=seed, log=log, budget=budget
    )


def _spec(
    problem, terms, lo, hi, *, ii=0, limited_only=True, latency_bound=None, peak_weights=None, horizon_hint=0
):
    from .spec import RelaxSpec

    a = problem.arrays
    n = a.n
    strict = "formulation-a" not in terms
    w = (a.lat[a.src] if strict else np.zeros(a.src.size)) - a.dist * ii
    use_op, use_res, use_off = expanded_uses(problem, limited_only)
    mob = np.maximum(hi - lo, 0)
    sigma0 = np.clip(mob / 4.0, 0.3, 3.0)
    width = 2 * math.ceil(3 * float(sigma0.max(initial=0.3))) + 1
    if ii:
        horizon, pad = ii, 0
    else:
        pad = width + 1
        horizon = int(max(hi.max(initial=0), horizon_hint)) + int(a.blocking.max(initial=1)) + 2 * pad + 1
    last = problem.last_op if (_unique_sink(problem) or problem.last_op_name is not None) else None
    data = ~a.aux
    # per-use weights (op weights, e.g. formulation A's node parameters) and
    # per-edge bits of the communication term
    use_w, obj_scale = None, 1.0
    if problem.weighted:
        use_w = a.weight[use_op].astype(float)
        pos = a.weight[a.weight > 0]
        obj_scale = 1.0 / float(pos.mean()) if pos.size else 1.0
    spec = RelaxSpec(
        n=n,
        src=a.src,
        dst=a.dst,
        w=w.astype(float),
        lo=lo.astype(float),
        hi=hi.astype(float),
        sigma0=sigma0,
        lat=a.lat.astype(float),
        terms=terms,
        use_op=use_op,
        use_res=use_res,
        use_off=use_off,
        use_w=use_w,
        obj_scale=obj_scale,
        n_res=len(problem.resource_types),
        limit=(a.limit if limited_only else None),
        peak_weights=peak_weights,
        ii=ii,
        horizon=horizon,
        pad=pad,
        latency_bound=latency_bound,
        last=last,
        comm_src=a.src[data],
        comm_dst=a.dst[data],
        comm_w=a.bits[data].astype(float),
    )
    return spec


def _batch_and_iters(problem, spec, device, batch, iterations, budget=None):
    """(batch, iterations).  A ``batch`` whose tensors would not fit in memory
    is an error naming it (checked before anything is allocated); a
    time-limited budget caps the iterations at what its relaxation share
    affords (0: no relaxation, when under ``_MIN_ITERATIONS``; then at most 8
    initial means are legalized as they are)."""
    from ..budget import relax_fixed_cost, relax_iteration_cost

    its = int(iterations) if iterations is not None else _auto_iterations(spec.n)
    its = max(0, its)
    if batch is not None:
        width = 2 * math.ceil(3 * float(np.max(spec.sigma0, initial=0.3))) + 1
        need = relax_memory_estimate(
            int(batch), spec.n, spec.src.size, spec.use_op.size, width, spec.horizon, spec.n_res
        )
        have = memory_available(device == "cuda")
        if need > have:
            fit = max(1, int(batch) * have // max(1, need))
            raise UnsupportedProblemError(
                f"batch={int(batch)} needs about {need / 2**30:.1f} GiB for this "
                f"problem's {spec.n} ops, more than the {have / 2**30:.1f} GiB available "
                f"to GauS{' on the GPU' if device == 'cuda' else ''}; use batch={fit} "
                "or less"
            )
    if budget is not None and budget.work is not None and its > 0:
        # not even the shortest relaxation at one start: skip it (and torch)
        least = relax_fixed_cost() + _MIN_ITERATIONS * relax_iteration_cost(
            int(batch or 1), spec.n, spec.src.size, spec.use_op.size
        )
        if least > _RELAX_SHARE * budget.work_left():
            budget.work_hit = True
            its = 0
    if its == 0:
        B = int(batch) if batch is not None else _auto_batch(False, spec.n, spec.use_op.size, spec.src.size)
        return max(1, min(B, 8)), 0
    if device == "cuda":
        cuda = True
    elif device == "auto":
        try:
            import torch

            cuda = torch.cuda.is_available()
        except ImportError:  # pragma: no cover
            cuda = False
    else:
        cuda = False
    B = int(batch) if batch is not None else _auto_batch(cuda, spec.n, spec.use_op.size, spec.src.size)
    B = max(1, B)
    if budget is not None and budget.work is not None:
        per = relax_iteration_cost(B, spec.n, spec.src.size, spec.use_op.size)
        share = _RELAX_SHARE * budget.work_left() - relax_fixed_cost()
        fit = int(share // per) if share > 0 else 0
        if fit < its:
            budget.work_hit = True
            its = fit if fit >= _MIN_ITERATIONS else 0
        if its > 0:
            budget.charge(relax_fixed_cost() + its * per)
        else:
            B = min(B, 8)
    return B, its


# -------------------------------------------------------------- acyclic shared
def _shared(problem, terms, t0, *, device, iterations, budget, lr, batch, seed, init, log):
    from ..list_scheduling import list_schedule, priority_key
    from .legalize import legalize_shared

    a = problem.arrays
    asap = asap_times(problem)
    key = priority_key(problem, "alap")
    base = list_schedule(problem, key, a.limit if problem.shared else None)
    if set(terms) == {"latency"} and problem.last_op is not None:
        from ...model.bounds import latency_lower_bound

        if int(base[problem.last_op]) <= latency_lower_bound(problem):
            return _proven(problem, base, None, "list", t0, budget)
    ub = int(max((base + a.lat).max(), (asap + a.lat).max()))
    alap = alap_times(problem, ub)
    weights = np.ones(len(problem.resource_types))
    spec = _spec(
        problem,
        terms,
        asap,
        alap,
        limited_only=True,
        peak_weights=weights if ("peak" in terms or "formulation-a" in terms) else None,
    )
    if "peak" in terms or "formulation-a" in terms:
        spec.use_op, spec.use_res, spec.use_off = expanded_uses(problem, False)
        spec.use_w = a.weight[spec.use_op].astype(float) if problem.weighted else None
    B, its = _batch_and_iters(problem, spec, device, batch, iterations, budget)
    rng = np.random.default_rng(seed)
    seeds = [base.astype(float), (asap + alap) / 2.0, asap.astype(float)]
    mu0 = _initial_means(rng, B, asap.astype(float), alap.astype(float), seeds, init)
    relax = _run(spec, mu0, device, its, budget, lr, seed, log)
    order = np.lexsort((relax["objective"], relax["violation"]))
    mus = [relax["mu"][b] for b in order]
    score = objective_scorer(problem, terms, weights)
    quick = a.n > 20000
    mus = mus[: 1 if quick else (8 if a.n <= 2000 else 3)]
    start, name, cands = legalize_shared(problem, mus, score, quick=quick, budget=budget)
    val = score(start)[0]
    obj = int(val) if set(terms) == {"latency"} else val
    return _result(problem, start, None, None, obj, relax, name, cands, t0, budget)


# ---------------------------------------------------------------------- modulo
def _modulo(problem, terms, ii, t0, *, device, iterations, budget, lr, batch, seed, init, log):
    from ..modulo import ModuloGraph, schedule_ims
    from .legalize import legalize_modulo

    if set(terms) != {"latency"}:
        raise UnsupportedProblemError("gaus supports only the latency objective on modulo problems")
    a = problem.arrays
    data = ModuloGraph(problem)
    last = problem.last_op
    mii = max(data.rec_mii(), res_mii(problem))
    cands = {}
    ims = None
    try:
        ims = schedule_ims(problem, ii=ii)
        cands["ims"] = (ims.ii, int(ims.start[last]))
    except InfeasibleError:
        if ii is None:
            raise
    ii_r = int(ii) if ii is not None else mii
    lo_t = data.asap(ii_r)
    if lo_t is None:
        if ims is None:
            raise InfeasibleError(f"no schedule exists at II={ii_r}")
        return _result(
            problem,
            ims.start,
            ims.ii,
            None,
            int(ims.start[last]),
            None,
            "ims",
            {k: v[1] for k, v in cands.items()},
            t0,
            budget,
        )
    lo = np.asarray(lo_t, dtype=np.int64)
    if ims is not None and ims.ii == mii and int(ims.start[last]) <= int(lo[last]):
        return _proven(problem, ims.start, ims.ii, "ims", t0, budget)
    span = int((lo + a.lat).max())
    if ims is not None and ims.ii == ii_r:
        span = max(span, int((ims.start + a.lat).max()))
    try:
        hi = alap_times(problem, span + ii_r, ii_r)
        hi = np.maximum(hi, lo)
    except InfeasibleError:
        hi = lo + 2 * ii_r
    spec = _spec(problem, terms, lo, hi, ii=ii_r, limited_only=True)
    B, its = _batch_and_iters(problem, spec, device, batch, iterations, budget)
    rng = np.random.default_rng(seed)
    seeds = []
    if ims is not None and ims.ii == ii_r:
        seeds.append(ims.start.astype(float))
    seeds += [(lo + hi) / 2.0, lo.astype(float)]
    mu0 = _initial_means(rng, B, lo.astype(float), hi.astype(float), seeds, init)
    relax = _run(spec, mu0, device, its, budget, lr, seed, log)
    order = np.lexsort((relax["objective"], relax["violation"]))
    mus = [relax["mu"][b] for b in order][:4]
    ii_hi = (ii_r + 1) if ii is not None else (ims.ii if ims is not None else ii_r + 4)
    if ii is None and ims is not None:
        ii_hi = min(ims.ii + 1, ii_r + 4)
    got = legalize_modulo(problem, data, mus, ii_r, max(ii_hi, ii_r + 1), last=last, budget=budget)
    best = None
    if ims is not None:
        best = (ims.ii, int(ims.start[last]), ims.start.tolist(), "ims")
    if got is not None:
        g_ii, g_t, g_name = got
        cands[g_name] = (g_ii, int(g_t[last]))
        if best is None or (g_ii, g_t[last]) < (best[0], best[1]):
            best = (g_ii, int(g_t[last]), g_t, g_name)
    if best is None:
        raise InfeasibleError(f"gaus found no modulo schedule at II={ii_r}")
    best = _modulo_improve(problem, data, best, got, ims, cands, last, budget)
    cand_lat = {k: float(v[1]) for k, v in cands.items()}
    return _result(
        problem,
        best[2],
        int(best[0]),
        None,
        int(best[1]),
        relax,
        best[3],
        cand_lat,
        t0,
        budget,
        mii=mii,
        candidate_ii={k: v[0] for k, v in cands.items()},
    )


def _modulo_improve(problem, data, best: tuple, got, ims, cands: dict, last: int, budget) -> tuple:
    """Forward-backward improvement at the chosen II, from the best candidates
    (both IMS's and GauS's when they tie on the II); ``cands`` gets the
    improved latencies."""
    from .legalize import modulo_justify, reversed_data

    rev = reversed_data(data)
    budget_ims = max(1, int(6.0 * data.n))
    starts = [(best[2], best[3])]
    if got is not None and ims is not None and got[0] == ims.ii == best[0]:
        starts = [(ims.start.tolist(), "ims"), (got[1], got[2])]
    for t_in, nm in starts:
        t_j = modulo_justify(problem, data, rev, best[0], list(t_in), last, budget_ims, work=budget)
        cands[f"fbi:{nm}"] = (best[0], int(t_j[last]))
        if t_j[last] < best[1]:
            best = (best[0], int(t_j[last]), t_j, f"fbi:{nm}")
    return best


# ------------------------------------------------------------ time-constrained
class _Offers:
    """The candidate schedules of the time-constrained legalization: a
    candidate counts when it finishes within L; the best score wins (the
    first on ties)."""

    def __init__(self, score, lat: np.ndarray, L: int):
        self.score, self.lat, self.L = score, lat, L
        self.cands: dict = {}
        self.starts: dict = {}
        self.best_score = self.best_start = self.best_name = None

    def fits(self, s) -> bool:
        return bool(((s + self.lat) <= self.L).all())

    def offer(self, name: str, s) -> None:
        s = np.asarray(s, dtype=np.int64)
        if not self.fits(s):
            return
        sc = self.score(s)
        self.cands[name] = sc
        self.starts[name] = s
        if self.best_score is None or sc < self.best_score:
            self.best_score, self.best_start, self.best_name = sc, s, name


def _time_constrained(problem, terms, t0, *, device, iterations, budget, lr, batch, seed, init, log):
    from ..time_constrained import resource_lower_bounds, resource_weights, schedule_list_bisect, tc_frames

    a = problem.arrays
    asap, alap, L = tc_frames(problem)
    w = resource_weights(problem, None)
    score = objective_scorer(problem, terms, w)
    spec = _spec(
        problem, terms, asap, alap, limited_only=False, latency_bound=L, peak_weights=w, horizon_hint=L
    )
    B, its = _batch_and_iters(problem, spec, device, batch, iterations, budget)
    rng = np.random.default_rng(seed)
    seeds = [(asap + alap) / 2.0, asap.astype(float), alap.astype(float)]
    mu0 = _initial_means(rng, B, asap.astype(float), alap.astype(float), seeds, init)
    relax = _run(spec, mu0, device, its, budget, lr, seed, log)
    order = np.lexsort((relax["objective"], relax["violation"]))
    big = a.n > 20000
    mus = [relax["mu"][b] for b in order][: 1 if big else 3]
    offers = _Offers(score, a.lat, L)
    lb = resource_lower_bounds(problem, asap, alap)
    # the baseline first (always computed, offered in its usual place)
    lb_sched = schedule_list_bisect(problem)
    _tc_legalize(problem, mus, offers, alap, w, lb, budget, big)
    offers.offer("list_bisect", lb_sched.start)
    _tc_polish(problem, terms, offers, w, L, budget, big)
    val = offers.best_score[0]
    stats_lb = {r.name: int(v) for r, v in zip(problem.resource_types, lb)}
    from ..time_constrained import peaks_dict

    return _result(
        problem,
        offers.best_start,
        None,
        None,
        val,
        relax,
        offers.best_name,
        offers.cands,
        t0,
        budget,
        peaks=peaks_dict(problem, offers.best_start),
        lower_bound=stats_lb,
    )


def _tc_legalize(problem, mus, offers: _Offers, alap, w, lb, budget, big: bool) -> None:
    """Offer, per relaxed start ``mu``: rounding, the greedy frame placement,
    and list / serial-SGS schedules whose limits are bisected between the
    lower bounds and the greedy's peaks, under three priority keys."""
    from ..budget import list_cost
    from ..list_scheduling import list_schedule
    from ..time_constrained import peak_usage as _peak
    from ..time_constrained import used_resources
    from .legalize import Flat, bisect_limits, greedy_frames, rank_keys, round_push, serial_sgs

    a = problem.arrays
    active = used_resources(problem) & (w > 0)
    flat = Flat(problem)
    idx = np.arange(a.n)
    c_list = list_cost(a.n, a.src.size, int(a.blocking[a.use_op].sum()))
    for b, mu in enumerate(mus):
        if not budget.afford(c_list):
            break
        offers.offer(f"round[{b}]", round_push(flat, mu, alap))
        if not budget.afford(4 * c_list):
            break
        g = greedy_frames(problem, flat, mu, alap, w)
        offers.offer(f"greedy[{b}]", g)
        # limits (users, unweighted) bisected between the lower bound and the
        # greedy's peaks
        hi_l = np.maximum(_peak(problem, g, weighted=False), lb)
        keys = {
            "mu": rank_keys(idx, alap, mu),
            "mu_alap0.5": rank_keys(idx, alap, 0.5 * mu + 0.5 * alap),
            "alap_mu": rank_keys(idx, mu, alap),
        }
        if big:
            keys = {k: keys[k] for k in ("mu_alap0.5",)}
        for kname, key in keys.items():
            for kind in ("list",) if big else ("list", "sgs"):
                if kind == "list":

                    def run(lim, key=key):
                        return list_schedule(problem, key, lim)
                else:

                    def run(lim, key=key):
                        return serial_sgs(flat, key.tolist(), lim.tolist())

                loc = {"score": (math.inf,), "start": None}
                bisect_limits(
                    problem,
                    run,
                    lb.astype(np.int64),
                    hi_l.astype(np.int64),
                    active,
                    offers.fits,
                    offers.score,
                    loc,
                    max_runs=12 if big else 30,
                    budget=budget,
                    run_cost=c_list,
                )
                if loc["start"] is not None:
                    offers.offer(f"{kind}_bisect[{b}]:{kname}", loc["start"])


def _tc_polish(problem, terms, offers: _Offers, w, L: int, budget, big: bool) -> None:
    """Single-op moves on the best schedules (peak / comm / formulation-a
    terms); each move rescans the load rows, so only where |V| x horizon is
    moderate."""
    a = problem.arrays
    if not (
        set(terms) <= {"peak", "comm", "formulation-a"}
        and (a.blocking == 1).all()
        and a.n * (L + 1) <= _POLISH_WORK
    ):
        return
    from .legalize import polish_moves

    cands = offers.cands
    w_res = w * (terms.get("peak", 0.0) + terms.get("formulation-a", 0.0))
    cw = terms.get("comm", 0.0) + terms.get("formulation-a", 0.0)
    ranked = sorted(cands, key=lambda k: cands[k])[: 1 if big else 3]
    for k in ranked:
        if budget.work_left() <= 0 or budget.out_of_time():
            budget.work_hit = budget.work_hit or budget.work_left() <= 0
            break
        offers.offer(f"moves:{k}", polish_moves(problem, offers.starts[k], w_res, cw, L, budget=budget))


# -------------------------------------------------------------------- chaining
def _chaining(problem, ii, terms, t0):
    from ...model.chaining import chain_breaking_dependences, start_times_in_cycle

    if problem.latency_bound is not None:
        raise UnsupportedProblemError("gaus does not support a time-constrained chaining problem")
    if set(terms) != {"latency"}:
        raise UnsupportedProblemError("gaus supports only the latency objective on chaining problems")
    a = problem.arrays
    use_ii = None
    if problem.cyclic:
        if problem.cycle_time is not None:
            raise UnsupportedProblemError("gaus does not support a ChainingCyclicProblem with a cycle time")
        use_ii = int(ii) if ii is not None else rec_mii(problem)
        start = asap_times(problem, use_ii)
    elif problem.cycle_time is None:
        start = asap_times(problem)
    else:
        pairs = chain_breaking_dependences(problem, float(problem.cycle_time))
        extra: dict[int, list[int]] = {}
        for o, v in pairs:
            extra.setdefault(v, []).append(o)
        fwd = a.dist == 0
        preds: list[list[int]] = [[] for _ in range(a.n)]
        for s, d in zip(a.src[fwd].tolist(), a.dst[fwd].tolist()):
            preds[d].append(s)
        lat = a.lat.tolist()
        t = [0] * a.n
        for v in forward_order(problem):
            best = 0
            for u in preds[v]:
                best = max(best, t[u] + lat[u])
            for u in extra.get(v, ()):
                best = max(best, t[u] + lat[u] + 1)
            t[v] = best
        start = np.asarray(t, dtype=np.int64)
    z = start_times_in_cycle(problem, start, use_ii)
    sched = _result(problem, start, use_ii, z, int(start[problem.last_op]), None, "asap_chaining", {}, t0)
    errs = problem.violations(sched, limit=1)
    if errs:
        raise UnsupportedProblemError(
            f"gaus could not legalize this {problem.kind} with cycle time {problem.cycle_time}: {errs[0]}"
        )
    return sched
