"""Schedulers behind one interface: ``schedule(problem, method=..., **options)``.

Each method is a free function ``f(problem, **options) -> Schedule`` in its own
module, imported only when used (so ``asap`` never loads OR-Tools or torch).  A
method declares which problems it supports; the options it accepts are its
keyword parameters, so an unknown option is an error, not a silent no-op.
"""

from __future__ import annotations

import importlib
import inspect
import time
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Problem, Schedule, UnsupportedProblemError
from .checks import check_method_options


@dataclass(frozen=True)
class Method:
    name: str
    target: str  # "module:function" relative to this package
    summary: str
    supports: Callable[[object], str | None]  # None if supported, else why not

    def load(self) -> Callable[..., Schedule]:
        mod, func = self.target.split(":")
        return getattr(importlib.import_module(f"{__name__}.{mod}"), func)

    def options(self) -> list[str]:
        params = inspect.signature(self.load()).parameters.values()
        return [p.name for p in params if p.kind is inspect.Parameter.KEYWORD_ONLY]


def _any(problem) -> str | None:
    return None


def _not_time_constrained(problem) -> str | None:
    if problem.latency_bound is not None:
        return "the time-constrained problem (latency-bound)"
    return None


def _acyclic_no_chaining(problem) -> str | None:
    if problem.chaining or problem.cyclic:
        return f"a {problem.kind}" + (" (use ims, cpsat or lp)" if problem.cyclic else "")
    return None


def _no_chaining(problem) -> str | None:
    if problem.chaining:
        return f"a {problem.kind} (use lp)"
    if problem.cyclic and problem.latency_bound is not None:
        return "a time-constrained cyclic problem"
    return None


def _unconstrained(problem) -> str | None:
    """ASAP/ALAP ignore resources: fine where limits do not apply."""
    if problem.chaining:
        return f"a {problem.kind}"
    if problem.latency_bound is not None:
        return "a time-constrained cyclic problem" if problem.cyclic else None
    if problem.shared:
        return f"a {problem.kind}: it ignores resource limits (use list, ims or cpsat)"
    return None


def _modulo_only(problem) -> str | None:
    if not problem.cyclic or problem.chaining:
        return f"a {problem.kind} (it schedules cyclic and modulo problems)"
    if problem.latency_bound is not None:
        return "the time-constrained problem (latency-bound)"
    return None


def _lp_kinds(problem) -> str | None:
    if problem.shared:
        return f"a {problem.kind}: the LP has no resource constraints (use cpsat, list or ims)"
    if problem.latency_bound is not None:
        return "the time-constrained problem (latency-bound)"
    return None


def _time_constrained_only(problem) -> str | None:
    if problem.latency_bound is None:
        return "a problem without latency-bound (force-directed scheduling is time-constrained)"
    if problem.cyclic or problem.chaining:
        return f"a {problem.kind}"
    return None


def _gs_kinds(problem) -> str | None:
    """GS-Schedule (ICML'24) relaxes acyclic problems over D = latency-bound stages."""
    if problem.cyclic or problem.chaining:
        return f"a {problem.kind} (GS-Schedule schedules acyclic problems)"
    return None


def _sms_kinds(problem) -> str | None:
    """SMS schedules loops; its list variant needs a latency bound to trade for registers."""
    if problem.chaining:
        return f"a {problem.kind}"
    if problem.cyclic and problem.latency_bound is not None:
        return "a time-constrained cyclic problem"
    if not problem.cyclic and problem.latency_bound is None:
        return f"a {problem.kind} without latency-bound (it needs one, or a cyclic problem)"
    return None


def _gaus_kinds(problem) -> str | None:
    if problem.cyclic and problem.latency_bound is not None:
        return "a time-constrained cyclic problem"
    return None


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method("asap", "asap:schedule_asap", "as soon as possible, resources ignored", _unconstrained),
        Method("alap", "asap:schedule_alap", "as late as possible under a latency bound", _unconstrained),
        Method(
            "list",
            "list_scheduling:schedule_list",
            "resource-constrained list scheduling (ALAP/mobility priority); with a "
            "latency bound: binary search on the limits",
            _acyclic_no_chaining,
        ),
        Method("ims", "modulo:schedule_ims", "iterative modulo scheduling (Rau 1994)", _modulo_only),
        Method(
            "sms",
            "sms:schedule_sms",
            "register-aware: swing modulo scheduling (Llosa 1996); acyclic with a latency "
            "bound: pressure-aware list scheduling",
            _sms_kinds,
        ),
        Method("cpsat", "cpsat:schedule_cpsat", "exact CP-SAT (OR-Tools) with a time limit", _no_chaining),
        Method(
            "lp",
            "lp:schedule_lp",
            "optimal LP (HiGHS) for Problem, CyclicProblem, ChainingProblem",
            _lp_kinds,
        ),
        Method(
            "gaus",
            "gaus.scheduler:schedule_gaus",
            "GauS: Gaussian differentiable scheduling (torch) + legalization",
            _gaus_kinds,
        ),
        Method(
            "fds",
            "force_directed:schedule_fds",
            "force-directed scheduling (Paulin & Knight 1989), time-constrained",
            _time_constrained_only,
        ),
        Method(
            "gs-schedule",
            "gs_schedule:schedule_gs",
            "GS-Schedule (Liu et al., ICML 2024): categorical Gumbel-softmax baseline",
            _gs_kinds,
        ),
        Method(
            "hybrid",
            "hybrid:schedule_hybrid",
            "GauS's legalized schedule as the hint (and domain bound) of CP-SAT",
            _no_chaining,
        ),
    )
}


def register(method: Method) -> None:
    """Add a method (used by later layers, e.g. GauS)."""
    METHODS[method.name] = method


def schedule(problem, method: str = "list", *, verify: bool = True, **options) -> Schedule:
    """Check ``problem``, run ``method`` with ``options``, verify the result."""
    if not isinstance(problem, Problem):
        raise TypeError(f"schedule: expected a Problem (gaus_mlir.model), got {problem!r}")
    spec = METHODS.get(method)
    if spec is None:
        raise UnsupportedProblemError(
            f"unknown scheduling method '{method}'; expected one of: " + ", ".join(sorted(METHODS))
        )
    problem.check()
    if options.get("ii") is not None:  # typed, and in the model's range
        options["ii"] = problem.check_ii(options["ii"])
    why = spec.supports(problem)
    if why:
        raise UnsupportedProblemError(f"method '{method}' does not support {why}")
    func = spec.load()
    accepted = set(spec.options())
    unknown = sorted(set(options) - accepted)
    if unknown:
        raise UnsupportedProblemError(
            f"method '{method}' has no option '{unknown[0]}'"
            + (f"; it accepts: {', '.join(sorted(accepted))}" if accepted else "")
        )
    check_method_options(method, options)
    if options.get("ii") is not None and not problem.cyclic:
        raise UnsupportedProblemError(f"option 'ii' applies to cyclic problems, not to a {problem.kind}")
    t0 = time.perf_counter()
    result = func(problem, **options)
    result.method = result.method or method
    result.stats.setdefault("wall_s", time.perf_counter() - t0)
    if verify:
        problem.verify(result)
    return result


__all__ = ["METHODS", "Method", "register", "schedule"]
