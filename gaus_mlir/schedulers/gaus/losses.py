"""Closed-form losses of the Gaussian relaxation (torch).

Every op i has a start time modelled as ``T_i ~ N(mu_i, sigma_i^2)``
(independent across ops).

* Dependence ``i -> j`` (latency ``l_i``, distance ``k``, interval ``II``):
  slack ``D = T_j + k*II - T_i - l_i ~ N(m, s^2)`` with
  ``m = mu_j + k*II - mu_i - l_i``, ``s^2 = sigma_i^2 + sigma_j^2``.  The loss is
  the expected violation ``E[max(0, -D)] = s*phi(m/s) - m*Phi(-m/s)``
  (:func:`expected_violation`); no sampling.  ``D = 0`` is feasible: the
  discrete check :func:`discrete_violation` counts the boundary as satisfied.
* Resources: op i occupies step t with probability
  ``P_i(t) = Phi((t+1/2-mu_i)/sigma_i) - Phi((t-1/2-mu_i)/sigma_i)`` (its start
  rounds to t).  The expected users of resource r at step t are
  ``sum_{uses of r} sum_{b < blocking} P_i(t - b)``, folded modulo II for modulo
  problems.  :func:`windowed_usage` evaluates ``P_i`` only on a window of ``W``
  steps around ``round(mu_i)`` (``W = 2*ceil(3*sigma_max)+1``) and scatter-adds
  into a ``[B, R*H]`` table, so memory is ``O(B*|uses|*W)``, never
  ``O(|V| * horizon)``.
"""

from __future__ import annotations

import math

import numpy as np
import torch

_SQRT2 = math.sqrt(2.0)
_INV_SQRT_2PI = 1.0 / math.sqrt(2.0 * math.pi)


def normal_cdf(x: torch.Tensor) -> torch.Tensor:
    return 0.5 * (1.0 + torch.erf(x / _SQRT2))


def normal_pdf(x: torch.Tensor) -> torch.Tensor:
    return _INV_SQRT_2PI * torch.exp(-0.5 * x * x)


def expected_violation(m: torch.Tensor, s: torch.Tensor) -> torch.Tensor:
    """``E[max(0, -D)]`` for ``D ~ N(m, s^2)`` (elementwise, s > 0)."""
    z = m / s
    return s * normal_pdf(z) - m * normal_cdf(-z)


def discrete_violation(
    t_src: torch.Tensor | np.ndarray,
    t_dst: torch.Tensor | np.ndarray,
    lat: torch.Tensor | np.ndarray,
    dist: torch.Tensor | np.ndarray | int = 0,
    ii: int = 0,
) -> torch.Tensor | np.ndarray:
    """Violation ``max(0, t_src + lat - t_dst - dist*II)`` of integer start
    times (numpy or torch); the boundary ``D = 0`` is satisfied (0)."""
    d = t_dst + dist * ii - t_src - lat
    if isinstance(d, torch.Tensor):
        return torch.clamp(-d, min=0)
    import numpy as np

    return np.maximum(0, -d)


def bin_probabilities(mu: torch.Tensor, sigma: torch.Tensor, steps: torch.Tensor) -> torch.Tensor:
    """``P(round(T) == step)`` for ``T ~ N(mu, sigma^2)``; broadcasting."""
    hi = normal_cdf((steps + 0.5 - mu) / sigma)
    lo = normal_cdf((steps - 0.5 - mu) / sigma)
    return hi - lo


def window_width(sigma_max: float, cap: int = 41) -> int:
    """Odd window covering +-3 sigma (at least 3 steps, at most ``cap``)."""
    return int(min(cap, max(3, 2 * math.ceil(3.0 * float(sigma_max)) + 1)))


def windowed_usage(
    mu: torch.Tensor,
    sigma: torch.Tensor,
    use_op: torch.Tensor,
    use_res: torch.Tensor,
    use_off: torch.Tensor,
    n_res: int,
    horizon: int,
    width: int,
    ii: int = 0,
    pad: int = 0,
    use_w: torch.Tensor | None = None,
) -> torch.Tensor:
    """Expected users per (resource, step): a ``[B, n_res, H]`` tensor
    (each use weighted by ``use_w`` ``[U]`` when given: weighted usage).

    ``mu``/``sigma``: ``[B, V]``.  One entry per (op, resource, blocking offset):
    ``use_op``, ``use_res``, ``use_off`` (``[U]``).  ``P_i`` is evaluated at the
    ``width`` steps centred on ``round(mu_i)`` only.  Step ``t + off`` goes to
    column ``(t + off) mod ii`` when ``ii > 0``, else to column ``t + off + pad``
    clamped to ``[0, H)`` (``pad`` leaves room for mass left of step 0).
    """
    m = mu[:, use_op]  # [B, U]
    s = sigma[:, use_op] if sigma.dim() == 2 else sigma[use_op].expand_as(m)
    half = width // 2
    k = torch.arange(-half, half + 1, device=mu.device, dtype=mu.dtype)
    centre = torch.round(m.detach())
    steps = centre.unsqueeze(-1) + k  # [B, U, W]
    p = bin_probabilities(m.unsqueeze(-1), s.unsqueeze(-1), steps)
    if use_w is not None:
        p = p * use_w.view(1, -1, 1)
    return _usage_table(p, steps.long() + use_off.view(1, -1, 1), use_res, n_res, horizon, ii, pad)


def _usage_table(
    p: torch.Tensor, col: torch.Tensor, use_res: torch.Tensor, n_res: int, horizon: int, ii: int, pad: int
) -> torch.Tensor:
    """Sum the probabilities ``p`` ``[B, U, K]`` of uses at steps ``col``
    (``[B or 1, U, K]``) into a ``[B, n_res, H]`` table: step ``t`` is column
    ``t mod ii`` when ``ii > 0``, else ``t + pad`` clamped to ``[0, H)``."""
    B = p.shape[0]
    col = torch.remainder(col, ii) if ii else torch.clamp(col + pad, 0, horizon - 1)
    idx = (use_res.view(1, -1, 1) * horizon + col).expand(B, -1, -1).reshape(B, -1)
    out = torch.zeros(B, n_res * horizon, device=p.device, dtype=p.dtype)
    return out.scatter_add(1, idx, p.reshape(B, -1)).view(B, n_res, horizon)


def dense_usage(
    mu: torch.Tensor,
    sigma: torch.Tensor,
    use_op: torch.Tensor,
    use_res: torch.Tensor,
    use_off: torch.Tensor,
    n_res: int,
    horizon: int,
    ii: int = 0,
    pad: int = 0,
    t_range: tuple[int, int] | None = None,
) -> torch.Tensor:
    """Reference: the same table evaluated at every step of ``t_range``
    (default ``[-pad, horizon - pad)``), O(U * T) memory; tests only."""
    lo, hi = t_range if t_range is not None else (-pad, horizon - pad)
    t = torch.arange(lo, hi, device=mu.device, dtype=mu.dtype)
    m = mu[:, use_op]
    s = sigma[:, use_op] if sigma.dim() == 2 else sigma[use_op].expand_as(m)
    p = bin_probabilities(m.unsqueeze(-1), s.unsqueeze(-1), t)  # [B, U, T]
    return _usage_table(p, t.long().view(1, 1, -1) + use_off.view(1, -1, 1), use_res, n_res, horizon, ii, pad)


def smooth_max(x: torch.Tensor, tau: float, dim: int = -1) -> torch.Tensor:
    """``tau * logsumexp(x / tau)``: an upper bound on max within tau*log(n)."""
    return tau * torch.logsumexp(x / tau, dim=dim)
