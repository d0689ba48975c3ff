"""Expected live bits per step: the register term of formulations B and C (torch).

The value of op ``i`` is born at ``T_i + l_i`` and dies at
``max_j (T_j + k_ij * II)`` over its data consumers ``j``; it is live at step
``d`` when ``birth <= d < death``.  Since ``birth <= death`` on every feasible
schedule, ``1[live at d] = 1[birth <= d] - 1[death <= d]``, so::

    E[Reg(d)] = sum_i b_i * (F_birth_i(d) - F_death_i(d))

with ``F_birth_i(d) = Phi((d - l_i + 1/2 - mu_i) / sigma_i)`` (starts round to
integers) and, for independent starts, the CDF of the maximum is the product
``F_death_i(d) = prod_j Phi((d - k_ij*II + 1/2 - mu_j) / sigma_j)`` (exact for
the max; computed as a sum of ``log_ndtr``).  Both CDFs are evaluated on a
window of ``W`` steps only (around the birth, around the largest consumer)
and turned into increments that telescope to exactly ``b_i`` (the mass beyond
the window goes to its last step); a cumulative sum over the steps gives
``E[Reg(d)]``.  Memory ``O(B * (|values| + |consumer edges|) * W + B * H)``,
never ``O(|V| * H)``.  Modulo schedules fold the steps mod ``II`` (MaxLive:
a value live over more than II steps counts once per overlapping iteration).
``sum_d E[Reg(d)]`` is the expected total ``sum_i b_i * lifetime_i``.
"""

from __future__ import annotations

import torch

from .losses import normal_cdf


def _increments(cdf: torch.Tensor) -> torch.Tensor:
    """Window CDF ``[..., W]`` -> per-step mass summing to exactly 1 (the tail
    right of the window lands on its last step)."""
    inc = torch.diff(cdf, dim=-1, prepend=torch.zeros_like(cdf[..., :1]))
    tail = 1.0 - cdf[..., -1:]
    return torch.cat([inc[..., :-1], inc[..., -1:] + tail], dim=-1)


def expected_live_bits(
    mu: torch.Tensor,
    sigma: torch.Tensor,
    val_op: torch.Tensor,
    val_lat: torch.Tensor,
    val_bits: torch.Tensor,
    con_val: torch.Tensor,
    con_op: torch.Tensor,
    con_shift: torch.Tensor,
    horizon: int,
    width: int,
    ii: int = 0,
    pad: int = 0,
) -> torch.Tensor:
    """``[B, H]`` expected live bits per step (``[B, II]`` when ``ii > 0``).

    ``mu``: ``[B, V]``, ``sigma``: ``[B, V]`` or ``[V]``.  Values: defining op ``val_op``, its latency
    ``val_lat`` and width ``val_bits`` (``[Nv]``); consumer edges: value
    ``con_val``, consumer op ``con_op``, ``con_shift = distance * II``
    (``[C]``; every value has at least one).  Step ``d`` is column ``d + pad``
    (clamped to ``[0, H)``)."""
    B, nv = mu.shape[0], val_op.numel()
    sigma = sigma.expand(B, -1) if sigma.dim() == 1 else sigma
    dev, dt = mu.device, mu.dtype
    half = width // 2
    k = torch.arange(-half, half + 1, device=dev, dtype=dt)
    # births
    mb = mu[:, val_op] + val_lat  # [B, Nv]
    sb = sigma[:, val_op]
    steps_b = torch.round(mb.detach()).unsqueeze(-1) + k  # [B, Nv, W]
    inc_b = _increments(normal_cdf((steps_b + 0.5 - mb.unsqueeze(-1)) / sb.unsqueeze(-1)))
    # deaths: the window sits on the latest consumer (detached centre)
    mc = mu[:, con_op] + con_shift  # [B, C]
    sc = sigma[:, con_op]
    centre = torch.full((B, nv), -float("inf"), device=dev, dtype=dt)
    centre = centre.scatter_reduce(1, con_val.expand(B, -1), mc.detach(), reduce="amax")
    steps_d = torch.round(centre).unsqueeze(-1) + k  # [B, Nv, W]
    z = (steps_d[:, con_val, :] + 0.5 - mc.unsqueeze(-1)) / sc.unsqueeze(-1)  # [B, C, W]
    logf = torch.zeros(B, nv, k.numel(), device=dev, dtype=dt)
    logf = logf.index_add(1, con_val, torch.special.log_ndtr(z))
    inc_d = _increments(torch.exp(logf))
    # scatter both into one [B, H] table of +birth / -death mass, then cumsum
    w = val_bits.view(1, -1, 1)
    col = torch.cat([steps_b, steps_d], dim=1).long() + pad
    col = torch.clamp(col, 0, horizon - 1).reshape(B, -1)
    mass = torch.cat([inc_b * w, -inc_d * w], dim=1).reshape(B, -1)
    delta = torch.zeros(B, horizon, device=dev, dtype=dt).scatter_add(1, col, mass)
    live = torch.cumsum(delta, dim=1)
    if not ii:
        return live
    steps = torch.arange(horizon, device=dev) - pad
    fold = torch.remainder(steps, ii).expand(B, -1)
    return torch.zeros(B, ii, device=dev, dtype=dt).scatter_add(1, fold, live)
