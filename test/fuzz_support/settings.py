"""Hypothesis settings shared by the CI fuzz tests: deterministic, no example
database, no shrinking (a case is a seed); GAUS_FUZZ_EXAMPLES scales them."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, Phase, settings
from hypothesis import strategies as st

N = int(os.environ.get("GAUS_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=N,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    print_blob=False,
    # a case is a seed: shrinking it means nothing and costs minutes
    phases=[Phase.explicit, Phase.generate],
    report_multiple_bugs=False,
)
SEEDS = st.integers(0, 2**32 - 1)


def explain(found, text, pipeline, o, limit: int = 4000) -> str:
    """A failing case as the assertion message: findings, run and input."""
    return f"{found}\npipeline: {pipeline}\nexit {o.code}\nstderr: {o.stderr[:600]}\ninput:\n{text[:limit]}"
