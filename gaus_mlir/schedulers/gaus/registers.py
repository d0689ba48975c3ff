"""GauS formulations B and C: register pressure under dependences and limits.

Formulation B (acyclic): minimise the peak expected live register bits (plus,
optionally, the expected total bits x cycles and the latency) under the
dependences, the latency bound ``problem.latency_bound`` and the file's
resource limits.  Formulation C (modulo): the same objective folded modulo a
fixed II (MaxLive) under the modulo resource limits and the recurrences
(``dist * II`` shifts).

Outer loop (relax -> legalize -> re-initialise), as in the paper:

1. baseline candidates: the list schedule under the limits (acyclic; it must
   meet the latency bound) or IMS at the minimal / given II (modulo), each
   also improved by :func:`..register_moves.lower_registers`;
2. relaxation: ``B`` starts ``mu [B, V]`` initialised from the best schedules
   so far plus noise; ``sigma`` annealed geometrically (``"anneal"``) or a
   learned softplus parameter (``"learned"``, trained by the objective only:
   the constraints see it detached, or a wider Gaussian would hide a
   violation); loss = scaled
   ``w_reg * smoothmax_d E[live bits(d)] + w_life * E[total] (+ w_lat *
   smoothmax(mu + lat))`` plus augmented-Lagrangian penalties on the expected
   dependence and latency-bound violations beyond their zero-slack value
   ``sigma * phi(0)`` (legal means are not pushed apart) and the expected
   resource overuse
   (windowed tables, never ``O(|V| x horizon)``); Adam;
3. legalization of every relaxed ``mu``: acyclic, serial schedule generation in
   ``mu`` order with ``round(mu)`` as release times (and without), keeping
   those within the bound; modulo, *stage legalization* (every op keeps the
   congruence class of a legal schedule, so the reservation table is
   unchanged, and its stage follows ``mu``; dependences are restored by
   pushing stages up, a longest-path fixpoint of difference constraints) and
   a greedy modulo-reservation placement in ``mu`` order repaired the same
   way; then ``lower_registers``;
4. the round's best legal schedule re-initialises ``mu`` (with a small
   ``sigma``) for the next round.

The returned schedule is the best candidate by the exact objective ``sum_k w_k
* count_k`` (:func:`gaus_mlir.model.registers.register_usage`), so it is
never worse than the best baseline.  Deterministic for a fixed seed without a
``time_limit`` (CPU).  torch is imported only when a relaxation runs.
"""

from __future__ import annotations

import math
import time

import numpy as np

from ...model import InfeasibleError, Problem, Schedule, UnsupportedProblemError
from ...model.registers import compact_span, register_usage, value_table
from ..checks import check_relax_numbers

TERMS = ("registers", "lifetimes", "latency")
SIGMA_MODES = ("anneal", "learned")
MAX_ROUNDS = 64  # relax -> legalize -> re-initialise rounds
LP_MAX_OPS = 100_000  # the lifetimes LP as a baseline candidate up to this size
MAX_STEPS = 2_000_000  # steps (or II) of the expected live-bit / usage tables
SIGMA_END = 0.15
SIGMA_MIN = 0.1
MAX_OFFSETS = 64
_PHI0 = (
    1.0 / math.sqrt(2.0 * math.pi)
)  # E[max(0, -D)] at zero slack is sigma * phi(0)  # blocking steps expanded per resource use in the relaxation


# ------------------------------------------------------------------ scoring
def register_objective(problem: Problem, start: np.ndarray, ii: int, terms: dict[str, float]) -> float:
    """``w_reg * peak + w_life * total + w_lat * makespan`` of a schedule
    (exact counts; ``ii`` 0 for acyclic)."""
    use = register_usage(problem, np.asarray(start, dtype=np.int64), ii=ii)
    a = problem.arrays
    span = int((np.asarray(start, dtype=np.int64) + a.lat).max()) if a.n else 0
    return (
        terms.get("registers", 0.0) * use.peak
        + terms.get("lifetimes", 0.0) * use.total
        + terms.get("latency", 0.0) * span
    )


def _check_terms(terms) -> dict[str, float]:
    if not isinstance(terms, dict) or not terms:
        raise UnsupportedProblemError("gaus registers: terms must be a non-empty dict of weights")
    out = {}
    for k, w in terms.items():
        if k not in TERMS:
            raise UnsupportedProblemError(f"gaus registers: unknown term '{k}'; expected {', '.join(TERMS)}")
        if not isinstance(w, (int, float)) or isinstance(w, bool) or not math.isfinite(w) or w < 0:
            raise UnsupportedProblemError(f"gaus registers: weight of '{k}' must be a finite number >= 0")
        out[k] = float(w)
    if not any(out.get(k, 0.0) > 0 for k in ("registers", "lifetimes")):
        raise UnsupportedProblemError("gaus registers: 'registers' or 'lifetimes' needs a weight > 0")
    return out


class _Pool:
    """Legal candidates by exact objective; the best one wins (ties: first)."""

    def __init__(self, problem, ii: int, terms: dict[str, float]):
        self.problem, self.ii, self.terms = problem, ii, terms
        self.scores: dict[str, float] = {}
        self.starts: dict[str, np.ndarray] = {}
        self.note = "ran"  # or why the relaxation did not run

    def legal(self, start) -> bool:
        s = Schedule(np.asarray(start, dtype=np.int64), ii=self.ii or None)
        return not self.problem.violations(s, limit=1)

    def offer(self, name: str, start, check: bool = True) -> float | None:
        start = np.asarray(start, dtype=np.int64)
        if check and not self.legal(start):
            return None
        sc = register_objective(self.problem, start, self.ii, self.terms)
        self.scores[name], self.starts[name] = sc, start
        return sc

    def best(self, prefix: str | None = None) -> tuple[str, float] | None:
        names = [k for k in self.scores if prefix is None or k.startswith(prefix)]
        if not names:
            return None
        k = min(names, key=lambda n: self.scores[n])
        return k, self.scores[k]


def _lower(problem, start, ii: int, terms, deadline) -> np.ndarray:
    from ..register_moves import lower_registers

    return lower_registers(
        problem,
        start,
        ii=ii,
        latency_bound=problem.latency_bound,
        w_reg=terms.get("registers", 0.0),
        w_life=terms.get("lifetimes", 0.0),
        deadline=deadline,
    ).start


# ---------------------------------------------------------------- baselines
def _limits(problem) -> np.ndarray:
    a = problem.arrays
    return a.limit.copy() if problem.shared else np.full(len(problem.resource_types), -1, np.int64)


def _baselines(problem, ii, terms, pool: _Pool, deadline) -> None:
    """Offer the baseline schedules (and their register-lowered versions)."""
    if problem.cyclic:
        from ..modulo import schedule_ims

        s = schedule_ims(problem, ii=ii)
        pool.ii = int(s.ii)
        pool.offer("ims", s.start)
        pool.offer("ims+moves", _lower(problem, s.start, pool.ii, terms, _share(deadline, 0.2)))
        _sms_baseline(problem, pool.ii, terms, pool, deadline)
        _lp_baseline(problem, pool.ii, pool, deadline)
        return
    from ..list_scheduling import list_schedule, priority_key

    start = list_schedule(problem, priority_key(problem, "alap"), _limits(problem))
    L = problem.latency_bound
    a = problem.arrays
    span = int((start + a.lat).max()) if a.n else 0
    if L is None or span <= L:
        pool.offer("list", start)
        pool.offer("list+moves", _lower(problem, start, 0, terms, _share(deadline, 0.2)))
    if L is not None:
        _sms_baseline(problem, None, terms, pool, deadline)
        _lp_baseline(problem, None, pool, deadline)
    if not pool.scores:
        raise InfeasibleError(
            f"gaus registers: no baseline schedule of '{problem.name}' meets latency bound {L} under "
            f"the file's resource limits (its list schedule finishes at {span}); raise the bound"
        )


def _share(deadline: float | None, frac: float) -> float | None:
    """A deadline ``frac`` of the way from now to ``deadline`` (the baselines
    leave the relaxation most of the time)."""
    if deadline is None:
        return None
    now = time.perf_counter()
    return now + frac * max(0.0, deadline - now)


def _lp_baseline(problem, ii, pool: _Pool, deadline: float | None) -> None:
    """Where no resource limit applies, the exact lifetimes LP (SDC): the
    optimum of ``lifetimes`` and a strong start for ``registers``."""
    from ..registers_exact import limits_apply, schedule_lp_lifetimes

    if limits_apply(problem) or problem.num_ops > LP_MAX_OPS:
        return
    try:
        left = None if deadline is None else max(0.05, 0.25 * (deadline - time.perf_counter()))
        s = schedule_lp_lifetimes(problem, left, ii=ii)
    except (InfeasibleError, UnsupportedProblemError):
        return
    pool.offer("lp", s.start)


def _sms_baseline(problem, ii, terms, pool: _Pool, deadline) -> None:
    """Swing modulo / pressure-aware list scheduling (:mod:`..sms`), polished:
    the strongest register heuristic, so the relaxation must beat it to win."""
    from ..sms import schedule_sms

    left = None if deadline is None else max(0.05, 0.25 * (deadline - time.perf_counter()))
    objective = "lifetimes" if terms.get("lifetimes", 0.0) > terms.get("registers", 0.0) else "registers"
    try:
        s = schedule_sms(problem, ii=ii, objective=objective, time_limit=left)
    except InfeasibleError:
        return
    pool.offer("sms", s.start)


# ------------------------------------------------------------- legalization
def stage_legalize(problem: Problem, rows: list[np.ndarray], mu: np.ndarray, ii: int) -> np.ndarray | None:
    """Start times ``rows_i + k_i * II`` with the stages ``k`` near
    ``(mu - rows) / II`` raised until every dependence holds (a Jacobi
    longest-path fixpoint of ``k_j >= k_i + ceil((r_i + l_i - r_j - d*II) / II)``).
    Every op keeps its congruence class, so a legal reservation table stays
    legal.  None when the classes admit no stages (a positive cycle)."""
    a = problem.arrays
    r = np.asarray(rows, dtype=np.int64)
    k = np.floor((np.asarray(mu, dtype=float) - r) / ii + 0.5).astype(np.int64)
    src, dst = a.src, a.dst
    c = -((r[dst] + a.dist * ii - r[src] - a.lat[src]) // ii)  # ceil((r_s + l_s - r_d - d*II) / II)
    for _ in range(a.n + 2):
        need = k.copy()
        if src.size:
            np.maximum.at(need, dst, k[src] + c)
        if np.array_equal(need, k):
            t = r + k * ii
            low = int(t.min()) if t.size else 0
            return t - (low // ii) * ii  # earliest stage at 0, every start >= 0
        k = need
    return None


def modulo_place(problem: Problem, mu: np.ndarray, ii: int) -> np.ndarray:
    """Greedy modulo reservation: ops in ``mu`` order (after their
    zero-distance predecessors) at the first step from ``max(round(mu), est)``
    whose classes have room; a class search of II steps always finds one when
    every single op fits.  Back edges may be violated: repair with
    :func:`stage_legalize` (the classes are what this function chooses)."""
    import heapq

    a = problem.arrays
    n = a.n
    ops, res = problem.limited_uses()
    uses: list[list[int]] = [[] for _ in range(n)]
    for o, rr in zip(ops.tolist(), res.tolist()):
        uses[o].append(rr)
    lim, blk, lat = a.limit.tolist(), a.blocking.tolist(), a.lat.tolist()
    preds: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    succs: list[list[int]] = [[] for _ in range(n)]
    npred = [0] * n
    for s, d, k in zip(a.src.tolist(), a.dst.tolist(), a.dist.tolist()):
        preds[d].append((s, lat[s] - k * ii))
        if k == 0:
            succs[s].append(d)
            npred[d] += 1
    rel = np.floor(np.asarray(mu, dtype=float) + 0.5).astype(np.int64).tolist()
    occ: dict[tuple[int, int], int] = {}
    t = [None] * n
    heap = [(mu[i], i) for i in range(n) if npred[i] == 0]
    heapq.heapify(heap)
    while heap:
        _, i = heapq.heappop(heap)
        est = max([rel[i]] + [t[p] + w for p, w in preds[i] if t[p] is not None])
        t[i] = _first_fit(occ, uses[i], blk[i], lim, est, ii)
        for rr in uses[i]:
            for q in range(blk[i]):
                occ[rr, (t[i] + q) % ii] = occ.get((rr, (t[i] + q) % ii), 0) + 1
        for j in succs[i]:
            npred[j] -= 1
            if npred[j] == 0:
                heapq.heappush(heap, (mu[j], j))
    return np.asarray(t, dtype=np.int64)


def _first_fit(occ, uses, b, lim, est, ii) -> int:
    for t in range(est, est + ii):
        need: dict[tuple[int, int], int] = {}
        for r in uses:
            for q in range(b):
                need[r, (t + q) % ii] = need.get((r, (t + q) % ii), 0) + 1
        if all(occ.get(c, 0) + m <= lim[c[0]] for c, m in need.items()):
            return t
    return est  # the op alone overflows a class: the candidate will fail the check


def _legalize(problem, mus, pool: _Pool, rows: list[np.ndarray], round_: int) -> dict[str, np.ndarray]:
    """Legal schedules from each relaxed mu (not yet register-lowered)."""
    out: dict[str, np.ndarray] = {}
    a = problem.arrays
    if problem.cyclic:
        ii = pool.ii
        for b, mu in enumerate(mus):
            for q, r in enumerate(rows):
                t = stage_legalize(problem, r, mu, ii)
                if t is not None:
                    out[f"r{round_}:stage{q}[{b}]"] = t
            t = stage_legalize(problem, modulo_place(problem, mu, ii), mu, ii)
            if t is not None:
                out[f"r{round_}:mrt[{b}]"] = t
        return out
    from ...model.graph import asap_times, tails
    from .legalize import Flat, rank_keys, serial_sgs

    flat = Flat(problem)
    lim = _limits(problem).tolist()
    asap, tail = asap_times(problem), tails(problem)
    for b, mu in enumerate(mus):
        key = rank_keys(np.arange(a.n), -tail, mu).tolist()
        rel = np.maximum(np.floor(mu + 0.5), asap).astype(np.int64).tolist()
        out[f"r{round_}:sgs_round[{b}]"] = np.asarray(serial_sgs(flat, key, lim, rel), dtype=np.int64)
        out[f"r{round_}:sgs[{b}]"] = np.asarray(serial_sgs(flat, key, lim), dtype=np.int64)
    return out


# --------------------------------------------------------------- relaxation
class _Model:
    """Tensors of the relaxed problem and its loss (torch)."""

    def __init__(self, problem, ii: int, terms, scale: float, box, device, tau: float):
        import torch

        self.torch = torch
        a = problem.arrays
        dev, dt = device, torch.float32
        self.dev, self.dt, self.ii, self.terms, self.scale, self.tau = dev, dt, ii, terms, scale, tau

        def T(x, d=dt):
            return torch.as_tensor(np.asarray(x), device=dev, dtype=d)

        self.lo, self.hi = T(box[0]), T(box[1])
        self.lat = T(a.lat)
        self.src, self.dst = T(a.src, torch.long), T(a.dst, torch.long)
        self.w = T(a.lat[a.src] - a.dist * ii)
        vt = value_table(problem)
        self.v_op, self.v_bits = T(vt.op, torch.long), T(vt.bits)
        self.v_lat = T(a.lat[vt.op])
        self.c_val, self.c_op = T(vt.con_val, torch.long), T(vt.con_op, torch.long)
        self.c_shift = T(vt.con_dist * ii)
        self.bound = problem.latency_bound if not problem.cyclic else None
        ops, res = problem.limited_uses()
        b = np.minimum(a.blocking[ops], MAX_OFFSETS) if ops.size else np.zeros(0, np.int64)
        self.u_op = T(np.repeat(ops, b), torch.long)
        self.u_res = T(np.repeat(res, b), torch.long)
        self.u_off = T(np.concatenate([np.arange(k) for k in b]) if b.size else np.zeros(0), torch.long)
        self.n_res = len(problem.resource_types)
        lim = np.where(a.limit > 0, a.limit, np.inf) if self.n_res else np.zeros(0)
        self.limit = T(lim).view(1, -1, 1)

    def setup(self, width: int) -> None:
        self.width = width
        self.pad = width + 1
        self.horizon = int(self.hi.max().item() + self.lat.max().item()) + 2 * self.pad + 1

    def evaluate(self, mu, sigma, sigma_cons=None):
        """(scaled objective [B], constraint groups {name: [B, ...]}); the
        constraints use ``sigma_cons`` when given (a learned sigma is not
        trained by them: a wider Gaussian would hide a violation)."""
        from .live_bits import expected_live_bits
        from .losses import expected_violation, smooth_max, windowed_usage

        sig_live, sigma = sigma, (sigma if sigma_cons is None else sigma_cons)
        cons = {}
        if self.src.numel():
            m = mu[:, self.dst] - mu[:, self.src] - self.w
            s = (sigma[:, self.src] ** 2 + sigma[:, self.dst] ** 2).sqrt()
            cons["dep"] = self.torch.relu(expected_violation(m, s) - s * _PHI0)
        if self.bound is not None:
            cons["bound"] = self.torch.relu(
                expected_violation(self.bound - self.lat - mu, sigma) - sigma * _PHI0
            )
        if self.u_op.numel():
            use = windowed_usage(
                mu,
                sigma,
                self.u_op,
                self.u_res,
                self.u_off,
                self.n_res,
                self.horizon,
                self.width,
                self.ii,
                self.pad,
            )
            cons["res"] = self.torch.relu(use - self.limit)
        live = expected_live_bits(
            mu, sig_live, self.v_op, self.v_lat, self.v_bits, self.c_val, self.c_op, self.c_shift,
            self.horizon, self.width, self.ii, self.pad,
        )  # fmt: skip
        t = self.terms
        obj = t.get("registers", 0.0) * smooth_max(live, self.tau) + t.get("lifetimes", 0.0) * live.sum(-1)
        if t.get("latency", 0.0):
            obj = obj + t["latency"] * smooth_max(mu + self.lat, 1.0)
        return obj * self.scale, cons


def _relax(model: _Model, mu0, s0, iterations, lr, mode, stop_at, log) -> np.ndarray:
    """Augmented-Lagrangian Adam on ``mu`` (and ``sigma`` when learned);
    returns the final means ``[B, V]``."""
    import torch

    from .losses import window_width
    from .relax import Adam

    smax = float(np.max(s0))
    model.setup(window_width(smax))
    mu = torch.tensor(mu0, device=model.dev, dtype=model.dt)
    mu = torch.maximum(torch.minimum(mu, model.hi), model.lo).requires_grad_(True)
    s0t = torch.as_tensor(np.broadcast_to(s0, mu0.shape).copy(), device=model.dev, dtype=model.dt)
    params = [Adam(mu, lr)]
    if mode == "learned":
        raw = torch.log(torch.expm1(torch.clamp(s0t - SIGMA_MIN, min=1e-3))).requires_grad_(True)
        params.append(Adam(raw, 0.5 * lr))
    lam: dict = {}
    rho, hist = 1.0, []
    for it in range(iterations):
        frac = it / max(1, iterations - 1)
        if mode == "learned":
            sigma = torch.clamp(SIGMA_MIN + torch.nn.functional.softplus(raw), max=smax)
        else:
            sigma = torch.exp(torch.log(s0t) + (math.log(SIGMA_END) - torch.log(s0t)) * frac)
        for p in params:
            p.p.grad = None
        obj, cons = model.evaluate(mu, sigma, sigma.detach() if mode == "learned" else None)
        total = obj.sum()
        for k, g in cons.items():
            total = total + (lam[k] * g).sum() if k in lam else total
            total = total + 0.5 * rho * (g * g).sum()
        total.backward()
        for p in params:
            p.step()
        with torch.no_grad():
            mu.copy_(torch.maximum(torch.minimum(mu, model.hi), model.lo))
            if (it + 1) % 20 == 0:
                for k, g in cons.items():
                    lam[k] = lam.get(k, 0.0) + rho * g.detach()
                rho = min(rho * 1.3, 100.0)
        if log is not None:
            hist.append(
                {
                    "it": it,
                    "sigma_mean": float(sigma.detach().mean()),
                    "loss": float(total.detach()),
                    "objective": float(obj.detach().mean()),
                }
            )
        if stop_at is not None and time.perf_counter() > stop_at:
            break
    if log is not None:
        log.extend(hist)
    return mu.detach().cpu().double().numpy()


# -------------------------------------------------------------- entry point
def _box(problem, pool: _Pool) -> tuple[np.ndarray, np.ndarray]:
    """Projection box of the means: ASAP .. ALAP under the bound (acyclic) or
    the longest baseline makespan plus one II (modulo)."""
    from ...model.graph import alap_times, asap_times

    a = problem.arrays
    span = max(int((t + a.lat).max()) for t in pool.starts.values())
    if problem.cyclic:
        lo = asap_times(problem, pool.ii).astype(float)
        return lo, np.maximum(lo, span + pool.ii - a.lat).astype(float)
    L = problem.latency_bound if problem.latency_bound is not None else span
    return asap_times(problem).astype(float), alap_times(problem, min(L, compact_span(problem))).astype(float)


def _initial(seeds: list[np.ndarray], B: int, s0: np.ndarray, rng) -> np.ndarray:
    """``B`` starts: the seeds, then the seeds plus ``N(0, s0^2)`` noise."""
    rows = []
    for b in range(B):
        base = np.asarray(seeds[b % len(seeds)], dtype=float)
        rows.append(base if b < len(seeds) else base + rng.normal(0.0, 1.0, base.size) * s0)
    return np.stack(rows)


def _round(problem, model, pool, seeds, rows, r, opts) -> None:
    """One relax -> legalize -> lower round; candidates go to ``pool``."""
    B, rng = opts["batch"], np.random.default_rng(opts["seed"] + r)
    lo, hi = model.lo.cpu().numpy(), model.hi.cpu().numpy()
    s0 = np.clip((hi - lo) / 4.0, 0.3, 2.0) if r == 0 else np.full(lo.size, 0.5)
    now, deadline = time.perf_counter(), opts["deadline"]
    stop = None if deadline is None else now + 0.5 * (deadline - now) / (opts["rounds"] - r)
    mus = _relax(
        model,
        _initial(seeds, B, s0, rng),
        s0,
        opts["iterations"],
        opts["lr"],
        opts["sigma"],
        stop,
        opts["log"],
    )
    raw = {}
    for name, t in _legalize(problem, mus, pool, rows, r).items():
        if pool.offer(name, t) is not None:
            raw[name] = pool.scores[name]
    picked, seen = [], set()
    for name in sorted(raw, key=lambda k: (raw[k], k)):
        key = pool.starts[name].tobytes()
        if key not in seen:
            seen.add(key)
            picked.append(name)
        if len(picked) == 2:
            break
    for name in picked:
        t = _lower(problem, pool.starts[name], pool.ii, pool.terms, deadline)
        pool.offer(name + "+moves", t)


def schedule_gaus_registers(
    problem: Problem,
    terms: dict[str, float] | None = None,
    *,
    objective: str = "registers",
    ii: int | None = None,
    device: str = "auto",
    iterations: int | None = None,
    time_limit: float | None = None,
    lr: float = 0.1,
    batch: int | None = None,
    seed: int = 0,
    rounds: int = 2,
    sigma: str = "anneal",
    log: str | list | None = None,
) -> Schedule:
    """GauS formulation B (acyclic, under ``problem.latency_bound`` and the
    limits) or C (modulo at the minimal or given II); see the module
    docstring; ``method=gaus`` with a register objective (the method table's
    register target).  ``terms``: weights of ``registers`` (peak bits,
    MaxLive), ``lifetimes`` (bits x cycles) and optionally ``latency``; without
    them, ``objective`` parsed (e.g. ``registers+0.01*latency``).  ``log``: a
    list that receives the per-iteration losses, or a path to write them to (JSON)."""
    t0 = time.perf_counter()
    if terms is None:
        from ...model.objectives import parse_objective

        terms = parse_objective(objective, "GauS objective", UnsupportedProblemError)
    check_relax_numbers(iterations, batch, time_limit, lr)
    if isinstance(rounds, bool) or not isinstance(rounds, int) or not 0 <= rounds <= MAX_ROUNDS:
        raise UnsupportedProblemError(
            f"GauS rounds must be an integer from 0 to {MAX_ROUNDS}, got {rounds!r}"
        )
    terms = _check_terms(terms)
    if sigma not in SIGMA_MODES:
        raise UnsupportedProblemError(f"gaus registers: sigma must be one of {', '.join(SIGMA_MODES)}")
    if problem.chaining:
        raise UnsupportedProblemError("gaus registers: chaining problems are not supported")
    deadline = None if time_limit is None else t0 + float(time_limit)
    pool = _Pool(problem, 0, terms)
    _baselines(problem, ii, terms, pool, deadline)
    base_name, base_score = pool.best()
    done = 0
    if (
        problem.num_ops
        and value_table(problem).op.size
        and rounds > 0
        and (iterations is None or iterations > 0)
    ):
        from .relax import resolve_device

        dev = resolve_device(device)
        opts = {
            "batch": int(batch or (32 if dev.type == "cuda" else 4)),
            "seed": int(seed),
            "deadline": deadline,
            "rounds": int(rounds),
            "iterations": int(150 if iterations is None else iterations),
            "lr": float(lr),
            "sigma": sigma,
            "log": [] if isinstance(log, str) else log,
        }
        done = _rounds(problem, pool, dev, opts)
        if isinstance(log, str):
            import json

            with open(log, "w") as f:
                json.dump(opts["log"], f)
    return _result(problem, pool, base_name, base_score, done, t0)


def _rounds(problem, pool: _Pool, dev, opts) -> int:
    import torch

    torch.manual_seed(opts["seed"])
    threads = torch.get_num_threads()
    if dev.type == "cpu":
        torch.set_num_threads(1)  # small tensors: threads only add synchronisation
    try:
        bits = pool.problem.arrays.value_bits
        tau = max(1.0, 0.25 * float(bits.mean())) if bits.size else 1.0
        scale = 1.0 / max(1.0, pool.best()[1])
        box = _box(problem, pool)
        steps = pool.ii if problem.cyclic else int(box[1].max() + problem.arrays.lat.max())
        if steps > MAX_STEPS:  # the tables would grow with the numbers, not the problem
            pool.note = f"relaxation skipped: {steps} steps per table > {MAX_STEPS}"
            return 0
        model = _Model(problem, pool.ii, pool.terms, scale, box, dev, tau)
        rows = [pool.starts[k] for k in sorted(pool.starts)]  # legal reservation tables
        done = 0
        for r in range(opts["rounds"]):
            if opts["deadline"] is not None and time.perf_counter() > opts["deadline"]:
                if not r:
                    pool.note = "relaxation skipped: the baselines spent the time limit"
                break
            best = pool.starts[pool.best()[0]]
            seeds = [best] + [t for t in rows if not np.array_equal(t, best)]
            _round(problem, model, pool, seeds, rows, r, opts)
            done = r + 1
            got = pool.best(f"r{r}:")
            if got is not None and problem.cyclic:
                rows.append(pool.starts[got[0]])
        return done
    finally:
        torch.set_num_threads(threads)


def _result(problem, pool: _Pool, base_name: str, base_score: float, done: int, t0: float) -> Schedule:
    name, score = pool.best()
    relax = pool.best("r")
    start = pool.starts[name]
    use = register_usage(problem, start, ii=pool.ii)
    stats = {
        "candidate": name,
        "relaxation_won": relax is not None and relax[1] < base_score,
        "best_baseline": base_score,
        "baseline": base_name,
        "best_relaxation": None if relax is None else relax[1],
        "rounds": done,
        "registers": use.peak,
        "lifetimes": use.total,
        "candidates": len(pool.scores),
        "relaxation": pool.note,
        "wall_s": time.perf_counter() - t0,
    }
    ii = pool.ii if problem.cyclic else None
    return Schedule(start, ii=ii, method="gaus-registers", status="HEURISTIC", objective=score, stats=stats)
