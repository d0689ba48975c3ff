"""Hypothesis strategies for random problems of each kind."""

from hypothesis import strategies as st

from gaus_mlir.model.generate import random_problem

KINDS = ["Problem", "CyclicProblem", "SharedOperatorsProblem", "ModuloProblem", "ChainingProblem"]


def problems(kind: str, max_ops: int = 12, **kw):
    """Problems of ``kind`` drawn from a seed and a size: shrinks toward small."""
    return st.builds(
        lambda seed, m, p: random_problem(seed, kind, m, edge_prob=p, **kw),
        st.integers(0, 2**32 - 1),
        st.integers(1, max_ops),
        st.sampled_from([0.1, 0.3, 0.6]),
    )
