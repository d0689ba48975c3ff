"""method=circt: CIRCT's pipeline-schedule-linear through the child process.

CIRCT minimises the start of the pipeline's return: the objective op when it
is a sink (every other sink finished by then), else a sink after every op
(the makespan).  The objective op's start equals its ASAP time (= asap's and
lp's latency) when it is the only sink.  Every schedule goes through ``problem.verify``.
"""

from __future__ import annotations

import pytest

from gaus_mlir.circt import CirctError, circt_available
from gaus_mlir.model import (
    ChainingProblem,
    CyclicProblem,
    Problem,
    SchedulingError,
    SharedOperatorsProblem,
    UnsupportedProblemError,
    time_constrained,
)
from gaus_mlir.model.generate import random_problem
from gaus_mlir.model.graph import asap_times
from gaus_mlir.schedulers import METHODS, circt_linear, schedule

needs_circt = pytest.mark.skipif(not circt_available(), reason="pycde (CIRCT) is not installed")


def critical_length(p: Problem) -> int:
    a = p.arrays
    return int((asap_times(p) + a.lat).max()) if a.n else 0


def only_sink(p: Problem) -> bool:
    a = p.arrays
    has_succ = set(a.src.tolist())
    return [i for i in range(a.n) if i not in has_succ] == [p.last_op]


def diamond() -> Problem:
    """a(2) -> b(3), a -> c(1); b, c -> d(0) (aux edge c -> d); d is the only sink."""
    p = Problem("diamond")
    for name, lat in (("two", 2), ("three", 3), ("one", 1), ("zero", 0)):
        p.add_operator_type(name, lat)
    a, b, c, d = (p.add_op(t, name=n) for t, n in (("two", "a"), ("three", "b"), ("one", "c"), ("zero", "d")))
    p.add_dependence(a, b)
    p.add_dependence(a, c)
    p.add_dependence(b, d)
    p.add_dependence(c, d, aux=True)
    return p


@needs_circt
def test_diamond_hand_computed():
    p = diamond()
    s = schedule(p, "circt")  # verified by schedule()
    p.verify(s)
    assert s.start[0] == 0 and s.start[1] == 2 and s.start[3] == 5  # critical path a-b-d
    assert 2 <= s.start[2] <= 4  # c anywhere in its slack
    assert s.latency(p) == 5 and s.status == "OPTIMAL" and s.bound == 5
    assert s.stats["circt_s"] > 0


@needs_circt
def test_aux_only_and_unconnected_ops():
    """Aux dependences and ops without any edge become SSA operands / inputs."""
    p = Problem("aux")
    p.add_operator_type("l4", 4)
    p.add_operator_type("l0", 0)
    x = p.add_op("l4")
    p.add_op("l4")  # unconnected: feeds only CIRCT's return
    z = p.add_op("l0")
    p.add_dependence(x, z, aux=True)
    s = schedule(p, "circt")
    p.verify(s)
    assert s.start[z] >= 4 and s.makespan(p) == 4


def circt_optimum(p: Problem) -> tuple[str, int]:
    """What CIRCT's simplex minimises and its optimum: the start of the
    objective op when it is a sink (it becomes the pipeline's return, which
    every other sink must have finished by), else the makespan (the return
    comes after every op)."""
    a = p.arrays
    asap = asap_times(p)
    ends = asap + a.lat
    last = p.last_op
    if (a.src == last).any():
        return "makespan", int(ends.max())
    sinks = [i for i in range(a.n) if i != last and not (a.src == i).any()]
    return "latency", max([int(asap[last])] + [int(ends[i]) for i in sinks])


@needs_circt
@pytest.mark.parametrize("seed", range(8))
def test_random_problems_reach_circts_optimum(seed):
    p = random_problem(seed, "Problem", 14, sink=seed % 2 == 0)
    if seed == 3:
        p.last_op_name = p.op_names[0]  # an objective op with successors: the makespan
    s = schedule(p, "circt")
    p.verify(s)
    what, best = circt_optimum(p)
    got = s.makespan(p) if what == "makespan" else s.latency(p)
    assert got == best
    assert s.latency(p) >= schedule(p, "asap").latency(p)
    if only_sink(p):  # the objective op ends every path: its start is its ASAP time
        assert s.latency(p) == schedule(p, "asap").latency(p) == schedule(p, "lp").latency(p)
        assert s.status == "OPTIMAL"


@needs_circt
def test_other_sinks_finish_before_the_objective_op():
    """CIRCT's return waits for every op without users: a long side sink
    delays the objective op beyond its ASAP time (status FEASIBLE)."""
    p = Problem("side")
    p.add_operator_type("long", 10)
    p.add_operator_type("short", 1)
    p.add_op("long")  # a sink of its own
    a = p.add_op("short")
    last = p.add_op("short")
    p.add_dependence(a, last)
    s = schedule(p, "circt")
    p.verify(s)
    assert s.latency(p) == 10 and s.bound == 1 and s.status == "FEASIBLE"
    assert schedule(p, "asap").latency(p) == 1


@needs_circt
def test_shared_problem_without_limits_runs():
    p = SharedOperatorsProblem("free")
    p.add_resource_type("r")  # no limit
    p.add_operator_type("op", 2)
    a = p.add_op("op", uses=["r"])
    b = p.add_op("op", uses=["r"])
    p.add_dependence(a, b)
    s = schedule(p, "circt")
    p.verify(s)
    assert s.start.tolist() == [0, 2]


def test_empty_problem():
    s = schedule(Problem("empty"), "circt")
    assert s.start.size == 0


def _cyclic():
    p = CyclicProblem("loop")
    p.add_operator_type("op", 1)
    a = p.add_op("op")
    p.add_dependence(a, a, 1, aux=True)
    return p


def _limited():
    p = SharedOperatorsProblem("limited")
    p.add_operator_type("op", 1, limit=1)
    p.add_op("op")
    p.add_op("op")
    return p


def _chaining():
    p = ChainingProblem("chain")
    p.add_operator_type("op", 0, incoming_delay=1.0, outgoing_delay=1.0)
    p.add_op("op")
    return p


def _bounded():
    p = Problem("bounded")
    p.add_operator_type("op", 1)
    p.add_op("op")
    return time_constrained(p, 5)


@pytest.mark.parametrize(
    "make, words",
    [
        (_cyclic, "straight-line"),
        (_limited, "resource limits"),
        (_chaining, "combinational delays"),
        (_bounded, "latency-bound"),
    ],
)
def test_refusals_say_why(make, words):
    p = make()
    assert METHODS["circt"].supports_for(p) is not None
    with pytest.raises(UnsupportedProblemError, match=words):
        schedule(p, "circt")
    with pytest.raises(UnsupportedProblemError, match=words):
        circt_linear.schedule_circt(p)


def test_latencies_beyond_circt_32_bit_tableau():
    p = Problem("huge")
    p.add_operator_type("big", 2**40)
    a = p.add_op("big")
    b = p.add_op("big")
    p.add_dependence(a, b)
    with pytest.raises(UnsupportedProblemError, match="32-bit"):
        schedule(p, "circt")


def test_missing_pycde_gives_the_install_hint(monkeypatch):
    monkeypatch.setattr(circt_linear, "circt_available", lambda: False)
    with pytest.raises(UnsupportedProblemError, match=r"gaus-mlir\[hardware\]"):
        schedule(diamond(), "circt")


def test_circt_failure_is_a_scheduling_error(monkeypatch):
    def boom(*args, **kwargs):
        raise CirctError("CIRCT crashed (signal 6): Assertion failed", crashed=True)

    monkeypatch.setattr(circt_linear, "circt_available", lambda: True)
    monkeypatch.setattr(circt_linear, "run_circt", boom)
    with pytest.raises(SchedulingError, match="Assertion failed"):
        schedule(diamond(), "circt")


def test_only_latency_objective():
    assert METHODS["circt"].objectives == ("latency",)
    assert METHODS["circt"].options() == ["time_limit"]


def test_pipeline_text_has_every_dependence_as_an_operand():
    text = circt_linear.pipeline_text(diamond())
    # d, the objective sink, is CIRCT's return: b -> d an operand; the aux
    # c -> d left to CIRCT (c has no other user, CIRCT adds that edge itself)
    assert "pipeline.return %v1 : i1" in text
    assert "%v0 = comb.add %a " in text  # no predecessors: the pipeline input
    assert "%v2 = comb.add %v0 " in text
    assert "operator_type @lat3 [latency<3>]" in text
    p = diamond()
    p.add_operator_type("late", 1)
    e = p.add_op("late")
    p.add_dependence(2, e, aux=True)  # c has two successors now: both its edges are operands
    p.add_dependence(3, e)
    text = circt_linear.pipeline_text(p)
    assert "%v3 = comb.add %v1, %v2 " in text and "pipeline.return %v2, %v3 : i1, i1" in text
