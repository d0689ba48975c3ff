"""The register term of GauS formulations B and C against sampling.

``expected_live_bits`` is a closed form; drawing the starts (rounded
Gaussians) and counting live bits per step must agree with it where the means
respect the dependences (the identity it uses needs birth <= death)."""

import numpy as np
import pytest

torch = pytest.importorskip("torch")

from gaus_mlir.schedulers.gaus.live_bits import expected_live_bits  # noqa: E402


def _instance(seed: int, n: int = 7):
    rng = np.random.default_rng(seed)
    lat = rng.integers(0, 3, n)
    edges = [(i, j) for j in range(1, n) for i in range(j) if rng.random() < 0.35]
    vals = sorted({i for i, _ in edges})
    bits = rng.integers(1, 9, len(vals)).astype(float)
    con = [(vals.index(i), j) for i, j in edges]
    # means that respect the dependences by a margin, so that birth <= death
    # holds in (almost) every draw, as it does near a legal schedule
    mu = np.zeros(n)
    for j in range(n):
        preds = [mu[i] + lat[i] for i, jj in edges if jj == j]
        mu[j] = max(preds, default=0.0) + rng.uniform(0.0, 3.0) + (2.0 if preds else 0.0)
    sigma = rng.uniform(0.2, 0.5, n)
    return lat, vals, bits, con, mu, sigma


def _sampled(lat, vals, bits, con, mu, sigma, shift, ii, horizon, pad, samples=40000):
    rng = np.random.default_rng(1)
    t = np.rint(rng.normal(mu, sigma, size=(samples, mu.size))).astype(np.int64)
    live = np.zeros(horizon)
    for v, i in enumerate(vals):
        birth = t[:, i] + lat[i]
        death = np.max(np.stack([t[:, j] + s for (w, j), s in zip(con, shift) if w == v]), axis=0)
        for d in range(-pad, horizon - pad):
            live[d + pad] += bits[v] * np.mean((birth <= d) & (d < death))
    if not ii:
        return live
    out = np.zeros(ii)
    for c in range(horizon):
        out[(c - pad) % ii] += live[c]
    return out


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("ii", [0, 3])
def test_expected_live_bits_matches_sampling(seed, ii):
    lat, vals, bits, con, mu, sigma = _instance(seed)
    if not vals:
        pytest.skip("instance without values")
    rng = np.random.default_rng(seed + 10)
    dist = rng.integers(0, 2, len(con)) if ii else np.zeros(len(con), dtype=int)
    shift = dist * ii
    horizon, pad = 30, 6
    T = torch.as_tensor
    got = expected_live_bits(
        T(mu, dtype=torch.float64).unsqueeze(0),
        T(sigma, dtype=torch.float64),
        T([v for v in vals]),
        T(lat[vals], dtype=torch.float64),
        T(bits, dtype=torch.float64),
        T([v for v, _ in con]),
        T([j for _, j in con]),
        T(shift, dtype=torch.float64),
        horizon,
        width=21,
        ii=ii,
        pad=pad,
    )[0].numpy()
    want = _sampled(lat, vals, bits, con, mu, sigma, shift, ii, horizon, pad)
    # 40000 samples: standard error of each step's mean is < 0.03 bits per bit of width
    assert np.allclose(got, want, atol=0.08 * bits.sum() ** 0.5 + 0.05), (got, want)
    assert got.sum() == pytest.approx(want.sum(), rel=0.02, abs=0.2)


def test_gradient_shortens_lifetimes():
    """The objective pulls a consumer towards its producer."""
    mu = torch.tensor([[0.0, 6.0]], dtype=torch.float64, requires_grad=True)
    live = expected_live_bits(
        mu,
        torch.tensor([0.5, 0.5], dtype=torch.float64),
        torch.tensor([0]),
        torch.tensor([1.0], dtype=torch.float64),
        torch.tensor([8.0], dtype=torch.float64),
        torch.tensor([0]),
        torch.tensor([1]),
        torch.tensor([0.0], dtype=torch.float64),
        16,
        width=9,
        pad=2,
    )
    assert live.sum().item() == pytest.approx(8 * 5, rel=0.02)
    live.sum().backward()
    assert mu.grad[0, 1] > 0 > mu.grad[0, 0]
