"""Schedulers behind one interface: ``schedule(problem, method=..., **options)``.

Each method is a free function ``f(problem, **options) -> Schedule`` in its own
module, imported only when used (so ``asap`` never loads OR-Tools or torch).  A
method declares which problems it supports; the options it accepts are its
keyword parameters, so an unknown option is an error, not a silent no-op.
A method may name a second function for the time-constrained problem
(``Method.time_constrained``, run when ``problem.latency_bound`` is set: list
and cpsat); its options are then that function's.
"""

from __future__ import annotations

import importlib
import inspect
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..model import Problem, Schedule, UnsupportedProblemError
from ..model.objectives import REGISTER_TERMS, parse_objective, uses_registers
from .checks import check_method_options


@dataclass(frozen=True)
class Method:
    name: str
    target: str  # "module:function" relative to this package
    summary: str
    supports: Callable[[Problem], str | None]  # None if supported, else why not
    # "module:function" run instead of ``target`` when problem.latency_bound is set
    time_constrained: str | None = None
    # "module:function" for objectives with register terms (registers, lifetimes)
    registers: str | None = None
    # the objective terms the method minimises (``objective=`` sums of them)
    objectives: tuple[str, ...] = ("latency", "peak")
    # which problems the register target takes (default: modulo ones, and acyclic ones with a bound)
    register_supports: Callable[[Problem], str | None] | None = None

    def load(self) -> Callable[..., Schedule]:
        return _resolve(self.target)

    def load_for(self, problem: Problem, objective: str | None = None) -> Callable[..., Schedule]:
        """The function that schedules ``problem`` under ``objective``: the
        register target for register objectives, the time-constrained target
        under a latency bound (when the method has one and the limits do not
        stay, see ``time_constrained(keep_limits=)``), else :meth:`load`."""
        if self.registers and objective and uses_registers(objective):
            return _resolve(self.registers)
        if (
            problem.latency_bound is not None
            and self.time_constrained
            and not getattr(problem, "keep_limits", False)
        ):
            return _resolve(self.time_constrained)
        return self.load()

    def supports_for(self, problem: Problem, objective: str | None = None) -> str | None:
        """None if the method schedules ``problem`` under ``objective``, else why not."""
        if self.registers and objective and uses_registers(objective):
            return (self.register_supports or _register_kinds)(problem)
        return self.supports(problem)

    def options(self, problem: Problem | None = None, objective: str | None = None) -> list[str]:
        """Keyword options of the function that schedules ``problem``; without
        a problem, those of every target (what the method may accept)."""
        if problem is not None:
            return _keywords(self.load_for(problem, objective))
        names = _keywords(self.load())
        for extra in (self.time_constrained, self.registers):
            if extra:
                names += [k for k in _keywords(_resolve(extra)) if k not in names]
        return names


def methods_for(terms: Iterable[str]) -> list[str]:
    """The methods that minimise every one of ``terms`` (sorted)."""
    want = set(terms)
    return sorted(m for m, spec in METHODS.items() if want <= set(spec.objectives))


def _lifetimes_lp_kinds(problem: Problem) -> str | None:
    """The lifetimes LP has no resource constraints."""
    limits = problem.shared and bool(problem.limited_uses()[0].size)
    if limits and (problem.latency_bound is None or getattr(problem, "keep_limits", False)):
        return (
            f"a {problem.kind} whose resource limits apply (the LP has none; use cpsat, gaus, hybrid or sms)"
        )
    return _register_kinds(problem)


def _register_kinds(problem: Problem) -> str | None:
    """Register objectives: modulo problems at their II, acyclic ones under a
    latency bound (with the file's limits kept)."""
    if problem.chaining:
        return f"a {problem.kind} with a register objective"
    if problem.cyclic and problem.latency_bound is not None:
        return "a time-constrained cyclic problem"
    if not problem.cyclic and problem.latency_bound is None:
        return (
            f"a register objective on a {problem.kind} without latency-bound "
            "(acyclic problems minimise registers under a latency bound)"
        )
    return None


def _resolve(target: str) -> Callable[..., Schedule]:
    mod, func = target.split(":")
    return getattr(importlib.import_module(f"{__name__}.{mod}"), func)


def _keywords(func: Callable[..., Schedule]) -> list[str]:
    params = inspect.signature(func).parameters.values()
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


def _circt_kinds(problem) -> str | None:
    from .circt_linear import circt_kinds  # standard library + the model only

    return circt_kinds(problem)


def _gaus_kinds(problem) -> str | None:
    if problem.cyclic and problem.latency_bound is not None:
        return "a time-constrained cyclic problem"
    return None


_FORMULATION_A = ("latency", "peak", "comm", "formulation-a")
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
            time_constrained="time_constrained:schedule_list_bisect",
        ),
        Method("ims", "modulo:schedule_ims", "iterative modulo scheduling (Rau 1994)", _modulo_only),
        Method(
            "sms",
            "sms:schedule_sms",
            "register-aware: swing modulo scheduling (Llosa 1996); acyclic with a latency "
            "bound: pressure-aware list scheduling",
            _sms_kinds,
            registers="sms:schedule_sms",
            objectives=REGISTER_TERMS,
        ),
        Method(
            "cpsat",
            "cpsat:schedule_cpsat",
            "exact CP-SAT (OR-Tools) with a time limit",
            _no_chaining,
            time_constrained="time_constrained:schedule_cpsat_peak",
            registers="registers_exact:schedule_cpsat_registers",
            objectives=("latency", "peak", *REGISTER_TERMS),
        ),
        Method(
            "lp",
            "lp:schedule_lp",
            "optimal LP (HiGHS) for Problem, CyclicProblem, ChainingProblem; with "
            "objective=lifetimes: the exact SDC lifetime LP",
            _lp_kinds,
            registers="registers_exact:schedule_lp_lifetimes",
            objectives=("latency", "lifetimes"),
            register_supports=_lifetimes_lp_kinds,
        ),
        Method(
            "gaus",
            "gaus.scheduler:schedule_gaus",
            "GauS: Gaussian differentiable scheduling (torch) + legalization",
            _gaus_kinds,
            registers="gaus.registers:schedule_gaus_registers",
            objectives=(*_FORMULATION_A, *REGISTER_TERMS),
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
            objectives=_FORMULATION_A,
        ),
        Method(
            "hybrid",
            "hybrid:schedule_hybrid",
            "GauS's legalized schedule as the hint (and domain bound) of CP-SAT",
            _no_chaining,
            registers="hybrid:schedule_hybrid_registers",
            objectives=(*_FORMULATION_A, *REGISTER_TERMS),
        ),
        Method(
            "circt",
            "circt_linear:schedule_circt",
            "CIRCT's pipeline-schedule-linear (simplex, minimises the makespan) in a child "
            "process; needs pycde (the hardware extra)",
            _circt_kinds,
            objectives=("latency",),
        ),
    )
}


def register(method: Method) -> None:
    """Add a method at run time (a plug-in scheduler, a test double)."""
    METHODS[method.name] = method


def schedule(problem: Problem, method: str = "list", *, verify: bool = True, **options: object) -> Schedule:
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
    objective = options.get("objective")
    if isinstance(objective, str) and uses_registers(objective):
        _check_register_objective(problem, method, objective)
    why = spec.supports_for(problem, objective if isinstance(objective, str) else None)
    if why:
        raise UnsupportedProblemError(f"method '{method}' does not support {why}")
    func = spec.load_for(problem, objective if isinstance(objective, str) else None)
    accepted = set(spec.options(problem, objective if isinstance(objective, str) else None))
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


def _check_register_objective(problem: Problem, method: str, objective: str) -> None:
    """Register objectives need a method that minimises every term."""
    terms = parse_objective(objective, error=UnsupportedProblemError)
    takers = methods_for(terms)
    if method not in takers:
        ok = " or ".join(filter(None, (", ".join(takers[:-1]), takers[-1]))) if takers else "none"
        raise UnsupportedProblemError(
            f"objective '{objective}' needs method={ok}; method '{method}' minimises "
            + " or ".join(METHODS[method].objectives)
        )


__all__ = ["METHODS", "Method", "methods_for", "register", "schedule"]
