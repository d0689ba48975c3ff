"""The Gaussian relaxation and its optimiser (torch).

Parameters: per op a mean ``mu_i``; the spread ``sigma_i`` is annealed
geometrically from about the op's mobility (``clip(mobility/4, 0.3, 3)``) down
to ``sigma_end`` (~0.15).  ``O(|V|)`` parameters, no per-time-step tensors.
``B`` independent starts are one ``[B, V]`` tensor problem.

Loss of start b (see :mod:`.losses` for the closed forms)::

    obj_b + sum_k lambda_k g_k + rho/2 * sum_k g_k^2

with constraints ``g_k``: the expected violation of every dependence, the
expected overflow ``relu(E[users(r, t)] - limit_r)`` of every limited
(resource, step) cell (not in the time-constrained mode), and in the
time-constrained mode the expected violation of ``mu_i + l_i <= L``.
Augmented Lagrangian: per-constraint multipliers ``lambda += rho * g`` every
``K`` steps, ``rho`` grows by 1.3x up to 100.  Adam on ``mu``; after every
step ``mu`` is projected onto ``[lo_i, hi_i]`` (ASAP / ALAP under the horizon).

Objectives (weighted sums like ``latency+0.1*comm`` are parsed by
:func:`gaus_mlir.model.objectives.parse_objective`):

* ``latency``: ``mu`` of the objective op when it is a sink that every op
  reaches, else a smooth max of ``mu_i + l_i``;
* ``peak``: ``sum_r w_r * smoothmax_t E[users(r, t)]`` (time-constrained);
  every use counts its op's weight (``problem.arrays.weight``, default 1);
* ``comm``: ``sum over data edges of bits * (mu_j - mu_i)`` (``bits`` =
  ``problem.arrays.bits``, default 1);
* ``formulation-a`` (ICML'24 formulation A): ``peak + comm`` as above (op
  weights = node parameters, bits = edge parameter > 0, see
  :mod:`gaus_mlir.rw`), with non-strict dependences (``mu_j >= mu_i``) in the
  relaxation; ``R*peak+comm`` is formulation A with ratio ``R``.

The objective is multiplied by ``obj_scale`` (1 by default; the scheduler
sets ``1 / mean op weight`` for weighted problems so that large weights do not
swamp the constraint penalties; the ratios between terms are unchanged).

Deterministic for a fixed seed on CPU (``torch.manual_seed``; scatter_add on
CPU is deterministic; no sampling anywhere).
"""

from __future__ import annotations

import json
import math
import sys
import time
from typing import TYPE_CHECKING

import numpy as np
import torch

from .losses import expected_violation, smooth_max, window_width, windowed_usage
from .spec import RelaxSpec  # noqa: F401  (re-exported)

if TYPE_CHECKING:
    from ..budget import Budget

# RelaxSpec lives in .spec (no torch) so that a skipped relaxation does not import torch


def resolve_device(device: str) -> torch.device:
    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device == "cuda" and not torch.cuda.is_available():
        from ...model import UnsupportedProblemError

        raise UnsupportedProblemError(
            "device=cuda: torch sees no CUDA GPU on this machine (use device=cpu or device=auto)"
        )
    return torch.device(device)


class Relaxation:
    """Builds the tensors once; :meth:`losses` evaluates one step."""

    def __init__(self, spec: RelaxSpec, device: torch.device, dtype: torch.dtype = torch.float32):
        self.spec = spec
        self.dev = device
        self.dtype = dtype

        def T(a, dt=dtype):
            return torch.as_tensor(np.asarray(a), device=device, dtype=dt)

        def L(a):
            return torch.as_tensor(np.asarray(a, dtype=np.int64), device=device)

        self.src, self.dst, self.w = L(spec.src), L(spec.dst), T(spec.w)
        self.lo, self.hi = T(spec.lo), T(spec.hi)
        self.log_s0 = torch.log(T(np.clip(spec.sigma0, spec.sigma_end, spec.sigma_max)))
        self.log_s1 = math.log(spec.sigma_end)
        self.lat = T(spec.lat)
        self.width = window_width(
            float(np.max(np.clip(spec.sigma0, spec.sigma_end, spec.sigma_max), initial=0.3))
        )
        self.use_op, self.use_res, self.use_off = L(spec.use_op), L(spec.use_res), L(spec.use_off)
        self.use_w = T(spec.use_w) if spec.use_w is not None else None
        self.has_usage = spec.use_op.size > 0 and (
            "peak" in spec.terms
            or "formulation-a" in spec.terms
            or (spec.limit is not None and (spec.limit > 0).any())
        )
        if spec.limit is not None:
            lim = np.where(spec.limit > 0, spec.limit, np.inf).astype(float)
            self.limit = T(lim).view(1, -1, 1)
            self.limited = T(spec.limit > 0, torch.bool)
        else:
            self.limit = None
        self.peak_w = T(spec.peak_weights) if spec.peak_weights is not None else None
        if spec.comm_src is not None:
            self.c_src, self.c_dst = L(spec.comm_src), L(spec.comm_dst)
            self.c_w = T(spec.comm_w)

    def sigma(self, frac: float) -> torch.Tensor:
        return torch.exp(self.log_s0 + (self.log_s1 - self.log_s0) * frac)

    def evaluate(self, mu: torch.Tensor, sigma: torch.Tensor) -> tuple[torch.Tensor, dict, torch.Tensor]:
        """(objective [B], constraint groups {name: [B, ...]})."""
        sp = self.spec
        B = mu.shape[0]
        cons = {}
        if self.src.numel():
            m = mu[:, self.dst] - mu[:, self.src] - self.w
            s = torch.sqrt(sigma[self.src] ** 2 + sigma[self.dst] ** 2)
            cons["dep"] = expected_violation(m, s)
        usage = None
        if self.has_usage:
            usage = windowed_usage(
                mu,
                sigma.expand(B, -1),
                self.use_op,
                self.use_res,
                self.use_off,
                sp.n_res,
                sp.horizon,
                self.width,
                sp.ii,
                sp.pad,
                self.use_w,
            )
            if self.limit is not None and sp.latency_bound is None:
                cons["res"] = torch.relu(usage - self.limit)
        if sp.latency_bound is not None:
            cons["bound"] = expected_violation(sp.latency_bound - self.lat - mu, sigma)
        obj = torch.zeros(B, device=self.dev, dtype=self.dtype)
        for name, wt in sp.terms.items():
            if name == "latency":
                if sp.last is not None:
                    val = mu[:, sp.last]
                else:
                    val = smooth_max(mu + self.lat, 1.0)
            elif name in ("peak", "formulation-a"):
                if usage is None:
                    usage = torch.zeros(B, max(1, sp.n_res), 1, device=self.dev, dtype=self.dtype)
                # temperature in usage units (weighted usage: x mean weight)
                pk = smooth_max(usage, 0.25 / sp.obj_scale)  # [B, R]
                pw = (
                    self.peak_w
                    if (self.peak_w is not None and self.peak_w.numel() == pk.shape[-1])
                    else torch.ones_like(pk[0])
                )
                val = (pk * pw).sum(-1)
                if name == "formulation-a" and sp.comm_src is not None:
                    val = val + ((mu[:, self.c_dst] - mu[:, self.c_src]) * self.c_w).sum(-1)
            elif name == "comm":
                val = ((mu[:, self.c_dst] - mu[:, self.c_src]) * self.c_w).sum(-1)
            obj = obj + (wt * sp.obj_scale) * val
        return obj, cons, usage


def run_relaxation(
    spec: RelaxSpec,
    mu0: np.ndarray,
    *,
    iterations: int = 400,
    lr: float = 0.1,
    device: str = "cpu",
    time_limit: float | None = None,
    seed: int = 0,
    log: str | None = None,
    progress: bool = True,
    dtype: torch.dtype = torch.float32,
    update_every: int = 20,
    budget: Budget | None = None,
) -> dict:
    """Optimise ``B = mu0.shape[0]`` starts; returns the final means (numpy
    ``[B, V]``), per-start objective and violation, timings and history.

    ``iterations`` is the work budget (the annealing schedule spans it);
    ``time_limit`` (seconds from the call) and ``budget``
    (:class:`~gaus_mlir.schedulers.budget.Budget`, its wall-clock cap) stop
    the loop early: ``"stopped_by_time"`` in the result says whether they
    did."""
    torch.manual_seed(seed)
    dev = resolve_device(device)
    threads = torch.get_num_threads()
    work = mu0.shape[0] * (spec.n + spec.src.size + 20 * spec.use_op.size)
    if dev.type == "cpu" and work < 4_000_000:
        # small tensors: intra-op threads only add synchronisation overhead
        # (17x slower per op on a loaded 2-core machine)
        torch.set_num_threads(1)
    try:
        return _optimise(
            spec, mu0, iterations, lr, dev, time_limit, log, progress, dtype, update_every, budget
        )
    finally:
        torch.set_num_threads(threads)


class Adam:
    """Adam (Kingma & Ba, default betas) on one tensor.  torch.optim's first
    ``step()`` imports torch._dynamo, which costs 1.5-7 s per process here:
    more than a whole small GauS run."""

    def __init__(
        self, p: torch.Tensor, lr: float, betas: tuple[float, float] = (0.9, 0.999), eps: float = 1e-8
    ):
        self.p, self.lr, self.b1, self.b2, self.eps = p, lr, betas[0], betas[1], eps
        self.m = torch.zeros_like(p)
        self.v = torch.zeros_like(p)
        self.t = 0

    @torch.no_grad()
    def step(self) -> None:
        g = self.p.grad
        if g is None:
            return
        self.t += 1
        self.m.mul_(self.b1).add_(g, alpha=1 - self.b1)
        self.v.mul_(self.b2).addcmul_(g, g, value=1 - self.b2)
        m_hat = self.m / (1 - self.b1**self.t)
        denom = (self.v / (1 - self.b2**self.t)).sqrt_().add_(self.eps)
        self.p.addcdiv_(m_hat, denom, value=-self.lr)


def _optimise(spec, mu0, iterations, lr, dev, time_limit, log, progress, dtype, update_every, budget=None):
    rel = Relaxation(spec, dev, dtype)
    mu = torch.tensor(np.asarray(mu0, dtype=float), device=dev, dtype=dtype)
    mu = torch.maximum(torch.minimum(mu, rel.hi), rel.lo).requires_grad_(True)
    opt = Adam(mu, lr)
    lam: dict[str, torch.Tensor] = {}
    rho = 1.0
    history = []
    t0 = time.perf_counter()
    bar = None
    its = max(0, int(iterations))
    done = 0
    stopped = False
    for it in range(its):
        frac = it / max(1, its - 1)
        sigma = rel.sigma(frac)
        mu.grad = None
        obj, cons, _ = rel.evaluate(mu, sigma)
        total = obj.sum()
        for k, g in cons.items():
            lm = lam.get(k)
            if lm is not None:
                total = total + (lm * g).sum()
            total = total + 0.5 * rho * (g * g).sum()
        total.backward()
        opt.step()
        with torch.no_grad():
            mu.copy_(torch.maximum(torch.minimum(mu, rel.hi), rel.lo))
            if (it + 1) % update_every == 0:
                for k, g in cons.items():
                    g = g.detach()
                    lam[k] = lam[k] + rho * g if k in lam else rho * g
                rho = min(rho * 1.3, 100.0)
        done = it + 1
        if log is not None:
            history.append(
                {
                    "it": it,
                    "loss": float(total.detach()),
                    "violation": float(sum(g.detach().sum() for g in cons.values())),
                    "objective": float(obj.detach().mean()),
                    "sigma_mean": float(sigma.mean()),
                }
            )
        elapsed = time.perf_counter() - t0
        if progress and bar is None and elapsed > 1.0 and sys.stderr.isatty():
            try:
                from tqdm import tqdm

                bar = tqdm(total=its, initial=done, file=sys.stderr, desc="gaus", leave=False)
            except ImportError:
                progress = False
        elif bar is not None:
            bar.update(1)
        if (time_limit is not None and elapsed > time_limit) or (
            budget is not None and it + 1 < its and budget.out_of_time()
        ):
            stopped = it + 1 < its
            break
    if bar is not None:
        bar.close()
    if dev.type == "cuda":
        torch.cuda.synchronize()
    wall = time.perf_counter() - t0
    with torch.no_grad():
        sigma = rel.sigma(1.0)
        obj, cons, _ = rel.evaluate(mu, sigma)
        viol = (
            sum(g.reshape(g.shape[0], -1).sum(-1) for g in cons.values()) if cons else torch.zeros_like(obj)
        )
    if log is not None:
        with open(log, "w") as f:
            json.dump(history, f)
    return {
        "mu": mu.detach().cpu().double().numpy(),
        "objective": obj.cpu().double().numpy(),
        "violation": np.asarray(viol.cpu().double().numpy()).reshape(-1),
        "iterations": done,
        "wall_s": wall,
        "stopped_by_time": bool(stopped),
        "s_per_iter": wall / max(1, done),
        "device": str(dev),
        "width": rel.width,
    }
