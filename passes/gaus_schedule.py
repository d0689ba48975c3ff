"""The passes gaus-schedule, gaus-verify and gaus-extract (one class each: its
options are its fields) and the front-end independent core that applies
gaus-schedule to one problem (an SSP instance or an extracted MLIR region)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from gaus_mlir.model import Problem, Schedule, SchedulingError, UnsupportedProblemError, time_constrained
from gaus_mlir.model.bounds import latency_lower_bound, mii
from gaus_mlir.model.graph import asap_times
from gaus_mlir.model.objectives import OBJECTIVE_TERMS, REGISTER_TERMS, peak_usage, uses_registers
from gaus_mlir.model.objectives import parse_objective as parse_objective_terms
from gaus_mlir.model.registers import format_registers, register_usage
from gaus_mlir.schedulers import METHODS, methods_for, schedule

from .diagnostics import pipeline_error
from .options import (
    MLIR,
    NEVER,
    ONLY,
    SSP,
    Pass,
    methods_taking,
    option,
    option_name,
    parse_ii,
    parse_nonneg_int,
    parse_positive_float,
    parse_positive_int,
    parse_seed,
)

if TYPE_CHECKING:
    from mlir import ir

    from .mlir_passes import MLIRRun
    from .ssp_passes import SSPModule

# options that only the register objectives use (GauS's outer loop and sigma)
REGISTER_ONLY = ("rounds", "sigma")
# the pipeline's spelling of a weighted sum (non-negative decimal weights)
# of the model's objective terms
_GAUS_TERMS = re.compile(r"(\d+(\.\d*)?\*)?(" + "|".join(map(re.escape, OBJECTIVE_TERMS)) + ")")


def parse_method(text: str) -> str:
    if text not in METHODS:
        raise ValueError("expected one of: " + ", ".join(sorted(METHODS)))
    return text


LATENCY_FACTOR_MAX = 1000.0


def parse_latency_bound(text: str) -> str:
    """``N`` (steps) or ``Fx`` (F times the critical path, e.g. ``1.1x``)."""
    if text.endswith("x"):
        f = float(text[:-1])
        if not 1.0 <= f <= LATENCY_FACTOR_MAX:
            raise ValueError(f"expected a factor from 1 to {LATENCY_FACTOR_MAX:g} before 'x'")
    elif not 0 <= int(text, 10) < 2**62:
        raise ValueError("expected a non-negative integer or a factor like 1.1x")
    return text


def parse_objective(text: str) -> str:
    if not all(_GAUS_TERMS.fullmatch(t) for t in text.split("+")):
        raise ValueError(f"expected {', '.join(OBJECTIVE_TERMS)} or a weighted sum such as latency+0.1*comm")
    parse_objective_terms(text)  # the one parser (the methods parse it again)
    return text


def parse_limits(value: str | dict) -> dict[str, int]:
    """``mulf:2,divf:1`` (or, from the Python API, ``{"mulf": 2, "divf": 1}``):
    at most N ops of a class start per cycle."""
    if isinstance(value, dict):
        pairs = [(k, v, True) for k, v in value.items()]
    else:
        pairs = [(*item.partition(":")[::2], ":" in item) for item in value.split(",")]
    out = {}
    for name, count, sep in pairs:
        if not sep or not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_][\w.]*", name):
            raise ValueError("expected op-class:N pairs such as mulf:2,divf:1")
        if isinstance(count, bool) or not isinstance(count, int | str):
            raise ValueError("malformed count")
        n = int(count, 10) if isinstance(count, str) else count
        if n < 1:
            raise ValueError(f"expected a limit >= 1 for '{name}'")
        out[name] = n
    return out


def _method_names() -> str:
    from gaus_mlir.schedulers import METHODS

    return ", ".join(f"`{m}`" for m in METHODS)


MAX_INDEX_BITS = 2**24 - 1  # MLIR's widest IntegerType


def parse_index_bits(value: str | int) -> int:
    v = parse_positive_int(value)
    if v > MAX_INDEX_BITS:
        raise ValueError(f"expected a width from 1 to {MAX_INDEX_BITS}")
    return v


@dataclass(frozen=True)
class ExtractionPass(Pass):
    """Options of every pass on MLIR input: how regions become problems."""

    latency_library: str = option(
        "",
        "JSON file of op latencies overriding the built-in table",
        scope=MLIR,
        values="JSON file",
        details='`{"arith.mulf": 4, "arith.divf": {"latency": 20, "blocking": 20}}`',
    )
    mem_ports: int = option(
        1,
        "read/write ports per memref",
        parse=parse_positive_int,
        scope=MLIR,
        values="N",
        details="one resource per memory",
    )
    limits: dict | None = option(
        None,
        "op-class limits: at most N ops of a class start per cycle, e.g. mulf:2,divf:1",
        parse=parse_limits,
        scope=MLIR,
        method=NEVER,  # list's own `limits` parameter is the time-constrained search's
        values="`class:N,...`",
        details="a class is an op name with or without its dialect",
    )
    index_bits: int = option(
        64,
        "register width of an `index` value",
        parse=parse_index_bits,
        scope=MLIR,
        values="N",
        details="1 to 16777215 (MLIR's widest integer); counts in `registers` / `lifetimes`",
    )


@dataclass(frozen=True)
class GausSchedule(ExtractionPass):
    name: ClassVar[str] = "gaus-schedule"
    summary: ClassVar[str] = (
        "schedule every ssp.instance / MLIR loop, branch and function body; write the start cycles back"
    )

    method: str = option(
        "list",
        "scheduling method",
        parse=parse_method,
        values=_method_names,
        details="on MLIR input `list` schedules pipelined loops with its modulo form, `ims`, and `ims` "
        "schedules straight-line regions with `list`; the summary names the method used",
    )
    objective: str = option(
        "",
        "latency (default), peak (needs latency-bound), registers (peak live bits; MaxLive of "
        "modulo schedules), lifetimes (bits x cycles), comm, formulation-a, weighted sums such as "
        "registers+0.01*latency; each method minimises some of them (see the README)",
        parse=parse_objective,
        values="`latency`, `peak`, `registers`, `lifetimes`, `comm`, `formulation-a`, weighted sums",
        details="`peak` minimises the units to build under `latency-bound`; `registers` / `lifetimes` "
        "keep the file's limits, need `latency-bound` on acyclic problems and run at the II on "
        "modulo ones (methods gaus, sms, cpsat, hybrid; lp: lifetimes)",
    )
    ii: int | None = option(
        None,
        "initiation interval of cyclic problems / pipelined loops: auto or N",
        parse=parse_ii,
        values="`auto` or N",
        words=("auto",),
    )
    time_limit: float | None = option(
        None,
        "time limit in seconds of the whole pass for {methods}, shared equally by the regions / instances",
        parse=parse_positive_float,
        method=ONLY,
        values="seconds",
        details="a wall-clock cap and a deterministic work budget (see *Guarantees and limits*)",
    )
    seed: int = option(
        0, "random seed (0 to 2147483647) of {methods}", parse=parse_seed, method=ONLY, values="N"
    )
    device: str = option("auto", "torch device of {methods}", choices=("auto", "cpu", "cuda"), method=ONLY)
    priority: str = option(
        "alap",
        "priority of the list scheduling of {methods}",
        choices=("alap", "asap", "mobility", "tail", "index"),
        method=ONLY,
    )
    iterations: int | None = option(
        None,
        "optimiser iterations of {methods} (default by size)",
        parse=parse_nonneg_int,
        method=ONLY,
        values="N",
    )
    lr: float = option(
        0.1, "Adam learning rate of {methods}", parse=parse_positive_float, method=ONLY, values="float"
    )
    batch: int | None = option(
        None, "multi-start batch size of {methods}", parse=parse_positive_int, method=ONLY, values="N"
    )
    init: str = option("informed", "initialisation of {methods}", choices=("informed", "random"), method=ONLY)
    rounds: int = option(
        2,
        "relax -> legalize -> re-initialise rounds of {methods} under objective=registers|lifetimes",
        parse=parse_nonneg_int,
        method=ONLY,
        values="N",
    )
    sigma: str = option(
        "anneal",
        "spread of the Gaussians of {methods} under objective=registers|lifetimes: annealed or learned",
        choices=("anneal", "learned"),
        method=ONLY,
    )
    log: str = option(
        "", "per-iteration JSON log file of {methods}", method=ONLY, values="file", output_file=True
    )
    gantt: str = option(
        "",
        "write a Gantt / resource-usage chart of the schedules (PNG)",
        values="PNG file",
        output_file=True,
        details="the resource usage is per cycle (per congruence class for pipelined loops)",
    )
    last_op_name: str = option("", "objective op (default: the last op)", scope=SSP, values="name")
    latency_bound: str = option(
        "",
        "time-constrained dual: every op finishes within N steps (or Fx times the critical path)",
        parse=parse_latency_bound,
        method=NEVER,  # the pass makes the time-constrained problem itself
        values="N or `F`x (e.g. `1.1x`)",
        details="with the default `objective=peak` the file's limits are ignored and the peak users "
        "per step of each resource are minimised and written back as the resource limits; with "
        "`objective=registers|lifetimes` the limits stay (on MLIR input: every straight-line region)",
    )
    cycle_time: float | None = option(
        None, "cycle time of chaining problems", parse=parse_positive_float, scope=SSP, values="float"
    )

    def apply_ssp(self, module: SSPModule) -> None:
        from .ssp_passes import run_schedule

        run_schedule(module, self)

    def apply_mlir(self, module_op: ir.Operation | list[ir.Operation], run: MLIRRun) -> None:
        from .mlir_passes import run_schedule

        run_schedule(module_op, self, run)

    def check(self, kind: str) -> None:
        """:meth:`Pass.check`; then an option the chosen method cannot use (by
        its signature) is an error located at the option."""
        super().check(kind)
        methods = {self.method}
        if kind == MLIR:  # list/ims stand in for each other on (non-)pipelined regions
            from .mlir_passes import region_methods

            methods = region_methods(self.method)
        accepted = set()
        for m in methods:
            accepted |= set(METHODS[m].options())
        for f in self.fields():
            if f.metadata["method"] == ONLY and f.name in self.explicit and f.name not in accepted:
                raise pipeline_error(
                    f"option '{option_name(f)}' does not apply to method '{self.method}' "
                    f"(it applies to: {', '.join(methods_taking(f.name))})",
                    self.col(f.name),
                )
        registers = bool(self.objective) and uses_registers(self.objective)
        for name in REGISTER_ONLY:
            if name in self.explicit and not registers:
                raise pipeline_error(
                    f"option '{name}' applies with objective=registers or lifetimes "
                    f"(objective is {self.objective or 'latency'})",
                    self.col(name),
                )
        if kind == MLIR and self.latency_bound and not registers:
            raise pipeline_error(
                "option 'latency-bound' applies to MLIR input with objective=registers or lifetimes "
                "(straight-line regions minimise registers within it); SSP input takes it with any objective",
                self.col("latency_bound"),
            )

    def method_options(self, problem: Problem, objective: str | None = None) -> dict[str, Any]:
        """The options to hand to the chosen method: each one set in the
        pipeline whose name is a keyword of the method's signature."""
        spec = METHODS[self.method]
        accepted = set(spec.options(problem, objective) if objective else spec.options())
        kwargs = {}
        for f in self.fields():
            if f.metadata["method"] == NEVER or f.name not in self.explicit:
                continue
            if f.name == "ii" and not problem.cyclic:
                continue  # ii= fixes cyclic regions only (acyclic ones: a remark or an error)
            if f.name in accepted:
                kwargs[f.name] = getattr(self, f.name)
        if self.ii is not None and problem.cyclic and "ii" not in accepted:
            raise UnsupportedProblemError(f"method '{self.method}' cannot fix the II")
        return kwargs


@dataclass(frozen=True)
class GausVerify(ExtractionPass):
    name: ClassVar[str] = "gaus-verify"
    summary: ClassVar[str] = (
        "check the schedules already in the input (t<>/II<> or gaus.* attributes) against a fresh extraction"
    )

    last_op_name: str = option(
        "", "objective op of SSP instances (default: the last op)", scope=SSP, values="name"
    )

    def apply_ssp(self, module: SSPModule) -> None:
        from .ssp_passes import run_verify

        run_verify(module, self)

    def apply_mlir(self, module_op: ir.Operation | list[ir.Operation], run: MLIRRun) -> None:
        from .mlir_passes import run_verify

        run_verify(module_op, self, run)


@dataclass(frozen=True)
class GausExtract(ExtractionPass):
    name: ClassVar[str] = "gaus-extract"
    summary: ClassVar[str] = "print each MLIR region's scheduling problem as a CIRCT ssp.instance"

    output: str = option(
        "",
        "write the SSP text to this file and keep the IR (default: the SSP text replaces the IR on the output)",
        values="file",
        output_file=True,
    )

    def apply_mlir(self, module_op: ir.Operation | list[ir.Operation], run: MLIRRun) -> None:
        from .mlir_passes import run_extract

        run_extract(module_op, self, run)


PASS_CLASSES: tuple[type[Pass], ...] = (GausSchedule, GausVerify, GausExtract)


@dataclass
class Outcome:
    """What scheduling one problem produced, for printing and the summary."""

    problem: object  # the problem actually scheduled (may be the time-constrained copy)
    schedule: Schedule
    lower_bound: int | None
    peaks: dict[str, int] | None = None
    log: str | None = None  # GauS's per-iteration log (log=), written by the driver

    def summary(self, name: str) -> str:
        p, s = self.problem, self.schedule
        parts = [f"@{name} ({p.kind}, {p.num_ops} ops): method={s.method}"]
        if self.peaks is not None:
            parts.append("peak=" + ",".join(f"{k}:{v}" for k, v in self.peaks.items()))
            parts.append(f"latency-bound={p.latency_bound}")
        else:
            parts.append(f"latency={s.latency(p)}")
            if s.ii is not None:
                parts.append(f"II={s.ii}")
            if self.lower_bound is not None:
                parts.append(f"lower-bound={self.lower_bound}")
        parts.append(format_registers(register_usage(p, s)))
        parts.append(f"status={s.status}")
        parts.extend(ended_by(s))
        parts.append(f"time={s.stats.get('wall_s', 0.0):.3f}s")
        return " ".join(parts)


def ended_by(schedule: Schedule) -> list[str]:
    """``ended-by=...`` when a method says what ended its search (e.g. a
    method sets ``stats["ended_by"] = "time-limit"`` when the wall clock, not
    its work budget, stopped it)."""
    why = schedule.stats.get("ended_by")
    return [f"ended-by={why}"] if why else []


def _one_of(names: list[str]) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return " or ".join(filter(None, (", ".join(names[:-1]), names[-1])))


def schedule_problem(problem: Problem, opts: GausSchedule) -> Outcome:
    """Apply ``opts`` to ``problem`` (in place: last op, cycle time) and schedule it.
    Raises SchedulingError (with a subject) on any failure."""
    if opts.last_op_name:
        problem.last_op_name = opts.last_op_name
        if opts.last_op_name not in problem.op_names:
            raise SchedulingError(f"last-op-name: no operation named '@{opts.last_op_name}'")
    if opts.cycle_time is not None:
        if not problem.chaining:
            raise UnsupportedProblemError(f"cycle-time applies to chaining problems, not to a {problem.kind}")
        problem.cycle_time = opts.cycle_time
    objective = _objective(opts)
    if uses_registers(objective):
        return _schedule_registers(problem, opts, objective)
    if "peak" in objective and not opts.latency_bound:
        raise UnsupportedProblemError(f"objective={objective} needs latency-bound=N")
    problem.check()
    kwargs = opts.method_options(problem)

    target = problem
    if opts.latency_bound:
        bound = _resolve_bound(problem, opts.latency_bound)
        if objective != "latency":
            target = time_constrained(problem, bound)
    result, log = _schedule_capturing_log(target, opts.method, kwargs)
    if objective != "latency" and opts.latency_bound:
        peaks = peak_usage(target, result.start)
        named = {}
        for r, res in enumerate(problem.resource_types):
            if res.limit is not None and (target.arrays.use_res == r).any():
                problem.set_limit(r, max(1, int(peaks[r])))
                named[res.name] = int(peaks[r])
        problem.verify(result)  # the printed limits are the units to build
        return Outcome(target, result, None, named, log)
    if opts.latency_bound:
        bound = _resolve_bound(problem, opts.latency_bound)
        got = result.makespan(problem)
        if got > bound:
            raise SchedulingError(
                f"method '{opts.method}' found no schedule within "
                f"latency-bound {bound} (its schedule ends at {got})"
            )
    lb = latency_lower_bound(problem) if not problem.cyclic else None
    if problem.cyclic:
        result.stats.setdefault("mii", mii(problem))
    return Outcome(problem, result, lb, None, log)


def _objective(opts: GausSchedule) -> str:
    """The objective string (default: peak under latency-bound, else latency;
    a method that minimises registers only, its first term), checked against
    what the chosen method minimises."""
    own = METHODS[opts.method].objectives
    default = "peak" if opts.latency_bound else "latency"
    objective = opts.objective or (default if default in own else own[0])
    terms = parse_objective_terms(objective, error=UnsupportedProblemError)
    takers = methods_for(terms)
    if opts.method not in takers:
        raise UnsupportedProblemError(
            f"objective={objective} needs method={_one_of(takers) if takers else 'none (mixes kinds)'}; "
            f"method '{opts.method}' minimises {_one_of(list(own))}"
        )
    mixed = sorted(set(terms) - set(REGISTER_TERMS) - {"latency"})
    if set(terms) & set(REGISTER_TERMS) and mixed:
        raise UnsupportedProblemError(
            f"objective={objective}: registers and lifetimes keep the file's resource limits, "
            f"{_one_of(mixed)} computes them; use one kind"
        )
    return objective


def _schedule_registers(problem: Problem, opts: GausSchedule, objective: str) -> Outcome:
    """Register objectives: modulo problems at their II; acyclic ones within
    latency-bound with the file's limits kept as constraints."""
    if problem.cyclic and opts.latency_bound:
        raise UnsupportedProblemError(
            f"latency-bound applies to acyclic problems under objective={objective}; a modulo "
            "schedule minimises MaxLive at its II"
        )
    if not problem.cyclic and not opts.latency_bound:
        raise UnsupportedProblemError(
            f"objective={objective} needs latency-bound=N or Fx on a {problem.kind} "
            "(acyclic problems minimise registers within a latency bound)"
        )
    problem.check()
    target = problem
    if not problem.cyclic:
        target = time_constrained(problem, _resolve_bound(problem, opts.latency_bound), keep_limits=True)
    kwargs = opts.method_options(target, objective)
    kwargs["objective"] = objective
    result, log = _schedule_capturing_log(target, opts.method, kwargs)
    if problem.cyclic:
        result.stats.setdefault("mii", mii(problem))
    return Outcome(target, result, None, None, log)


def _schedule_capturing_log(problem, method: str, kwargs: dict):
    """``schedule(...)``; a ``log`` path is replaced by a scratch file whose
    text is returned, so the real file is written only when the run succeeds."""
    if "log" not in kwargs:
        return schedule(problem, method, **kwargs), None
    import os
    import tempfile

    fd, scratch = tempfile.mkstemp(prefix="gaus-log-", suffix=".json")
    os.close(fd)
    try:
        result = schedule(problem, method, **dict(kwargs, log=scratch))
        with open(scratch, encoding="utf-8") as f:
            text = f.read()
    finally:
        os.unlink(scratch)
    return result, (text or None)


def _resolve_bound(problem, text: str) -> int:
    """``N`` or ``Fx``: F times the critical path length (all ops finished)."""
    if text.endswith("x"):
        a = problem.arrays
        length = int((asap_times(problem) + a.lat).max()) if a.n else 0
        return math.ceil(float(text[:-1]) * length - 1e-9)
    return int(text)
