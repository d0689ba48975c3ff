"""Pass options (gaus-schedule, gaus-verify, gaus-extract) and the front-end
independent core that applies gaus-schedule's to one problem (an SSP instance
or an extracted MLIR region)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from gaus_mlir.model import Schedule, SchedulingError, UnsupportedProblemError, time_constrained
from gaus_mlir.model.bounds import latency_lower_bound, mii
from gaus_mlir.model.graph import asap_times
from gaus_mlir.model.objectives import peak_usage
from gaus_mlir.schedulers import METHODS, schedule

from .diagnostics import pipeline_error
from .options import (
    PassOptions,
    option,
    parse_ii,
    parse_nonneg_int,
    parse_positive_float,
    parse_positive_int,
    parse_seed,
)

OBJECTIVES = ("latency", "peak")  # every method; GauS also takes comm, formulation-a, sums
_GAUS_TERMS = re.compile(r"(\d+(\.\d*)?\*)?(latency|peak|comm|formulation-a)")


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
        raise ValueError(
            "expected latency, peak, comm, formulation-a or a weighted sum such as latency+0.1*comm"
        )
    return text


def parse_limits(text: str) -> dict[str, int]:
    """``mulf:2,divf:1``: at most N ops of a class start per cycle."""
    out = {}
    for item in text.split(","):
        name, sep, count = item.partition(":")
        if not sep or not name or not re.fullmatch(r"[A-Za-z_][\w.]*", name):
            raise ValueError("expected op-class:N pairs such as mulf:2,divf:1")
        n = int(count, 10)
        if n < 1:
            raise ValueError(f"expected a limit >= 1 for '{name}'")
        out[name] = n
    return out


@dataclass
class ExtractionOptions(PassOptions):
    """How MLIR regions become problems (gaus-schedule, gaus-verify, gaus-extract)."""

    latency_library: str = option("", 'JSON file of op latencies (MLIR input): {"arith.mulf": 4, ...}')
    mem_ports: int = option(1, "read/write ports per memref (MLIR input)", parse=parse_positive_int)
    limits: dict = option(None, "op-class limits (MLIR input), e.g. mulf:2,divf:1", parse=parse_limits)

    MLIR_ONLY = ("latency_library", "mem_ports", "limits")


@dataclass
class ScheduleOptions(ExtractionOptions):
    method: str = option("list", "scheduling method", parse=parse_method)
    objective: str = option(
        "",
        "latency (default), peak (needs latency-bound); for gaus also comm, formulation-a and weighted sums",
        parse=parse_objective,
    )
    ii: int | None = option(None, "initiation interval of cyclic problems: auto or N", parse=parse_ii)
    time_limit: float | None = option(
        None,
        "time limit in seconds of the whole pass "
        "(cpsat, hybrid, fds, gaus, gs-schedule), shared "
        "equally by the regions / instances",
        parse=parse_positive_float,
    )
    seed: int = option(0, "random seed (0 to 2147483647)", parse=parse_seed)
    device: str = option("auto", "device for GauS", choices=("auto", "cpu", "cuda"))
    last_op_name: str = option("", "objective op (default: the last op)")
    latency_bound: str = option(
        "",
        "time-constrained dual: every op finishes within N steps (or Fx times the critical path)",
        parse=parse_latency_bound,
    )
    cycle_time: float | None = option(None, "cycle time of chaining problems", parse=parse_positive_float)
    priority: str = option(
        "alap", "list scheduling priority", choices=("alap", "asap", "mobility", "tail", "index")
    )
    iterations: int | None = option(
        None, "GauS optimiser iterations (default by size)", parse=parse_nonneg_int
    )
    lr: float = option(0.1, "GauS Adam learning rate", parse=parse_positive_float)
    batch: int | None = option(None, "GauS multi-start batch size", parse=parse_positive_int)
    init: str = option("informed", "GauS initialisation", choices=("informed", "random"))
    log: str = option("", "GauS per-iteration JSON log file")
    gantt: str = option("", "write a Gantt / resource-usage chart of the schedules (PNG)")


@dataclass
class VerifyOptions(ExtractionOptions):
    last_op_name: str = option("", "objective op of SSP instances (default: the last op)")


@dataclass
class ExtractOptions(ExtractionOptions):
    output: str = option(
        "",
        "write the SSP text to this file and keep the IR "
        "(default: the SSP text replaces the IR on the output)",
    )


# Options forwarded to a method when it accepts them (pass name -> method kwarg).
_FORWARD = {
    "ii": "ii",
    "time_limit": "time_limit",
    "seed": "seed",
    "device": "device",
    "priority": "priority",
    "cycle_time": "cycle_time",
    "iterations": "iterations",
    "lr": "lr",
    "batch": "batch",
    "init": "init",
    "log": "log",
    "objective": "objective",
}


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
        parts.append(f"status={s.status}")
        parts.extend(ended_by(s))
        parts.append(f"time={s.stats.get('wall_s', 0.0):.3f}s")
        return " ".join(parts)


def ended_by(schedule) -> list[str]:
    """``ended-by=...`` when a method says what ended its search (e.g. a
    method sets ``stats["ended_by"] = "time-limit"`` when the wall clock, not
    its work budget, stopped it)."""
    why = schedule.stats.get("ended_by")
    return [f"ended-by={why}"] if why else []


def schedule_problem(problem, opts: ScheduleOptions) -> Outcome:
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
    objective = opts.objective or ("peak" if opts.latency_bound else "latency")
    if objective not in OBJECTIVES and "objective" not in METHODS[opts.method].options():
        raise UnsupportedProblemError(
            f"objective={objective} needs method=gaus; method '{opts.method}' minimises latency or peak usage"
        )
    if "peak" in objective and not opts.latency_bound:
        raise UnsupportedProblemError(f"objective={objective} needs latency-bound=N")
    problem.check()
    spec = METHODS[opts.method]
    accepted = set(spec.options())
    kwargs = {}
    for field_name, kw in _FORWARD.items():
        value = getattr(opts, field_name)
        if field_name == "ii" and not problem.cyclic:
            continue  # ii= fixes cyclic regions only (acyclic ones: a remark or an error)
        if kw in accepted and (field_name in opts.explicit or kw == "priority"):
            kwargs[kw] = value
        elif field_name == "ii" and value is not None and problem.cyclic:
            raise UnsupportedProblemError(f"method '{opts.method}' cannot fix the II")

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


# Options of gaus-schedule that only some methods take (option -> method kwarg).
_METHOD_SPECIFIC = ("time_limit", "seed", "device", "iterations", "lr", "batch", "init", "log", "priority")
_SSP_ONLY = ("last_op_name", "cycle_time", "latency_bound")


def check_options(pass_name: str, opts: PassOptions, kind: str) -> None:
    """Checks that need no input, made when the pipeline is built (``kind``:
    "ssp" or "mlir"): an option the chosen method cannot use, an SSP-only
    option on MLIR input and a side file that cannot be written are errors
    located at the option."""
    from gaus_mlir.diagnostics import unwritable

    def col(name):
        return opts.cols.get(name, 1)

    for name in ("gantt", "log", "output"):
        path = getattr(opts, name, "")
        if path:
            why = unwritable(path)
            if why:
                raise pipeline_error(
                    f"option '{name}' of '{pass_name}': cannot open output file '{path}': {why}", col(name)
                )
    if not isinstance(opts, ScheduleOptions):
        return
    if kind == "mlir":
        for name in _SSP_ONLY:
            if name in opts.explicit:
                raise pipeline_error(
                    f"option '{name.replace('_', '-')}' of '{pass_name}' "
                    "applies to SSP input, not to MLIR regions",
                    col(name),
                )
    methods = {opts.method}
    if kind == "mlir":  # list/ims stand in for each other on (non-)pipelined regions
        methods |= {m for m in (_AS_MODULO.get(opts.method), _AS_ACYCLIC.get(opts.method)) if m}
    accepted = set()
    for m in methods:
        accepted |= set(METHODS[m].options())
    for name in _METHOD_SPECIFIC:
        if name in opts.explicit and _FORWARD[name] not in accepted:
            users = sorted(m for m, spec in METHODS.items() if _FORWARD[name] in spec.options())
            raise pipeline_error(
                f"option '{name.replace('_', '-')}' does not apply to "
                f"method '{opts.method}' (it applies to: "
                f"{', '.join(users)})",
                col(name),
            )


_AS_MODULO = {"list": "ims"}  # list scheduling of a pipelined loop = IMS
_AS_ACYCLIC = {"ims": "list"}


def _resolve_bound(problem, text: str) -> int:
    """``N`` or ``Fx``: F times the critical path length (all ops finished)."""
    if text.endswith("x"):
        a = problem.arrays
        length = int((asap_times(problem) + a.lat).max()) if a.n else 0
        return math.ceil(float(text[:-1]) * length - 1e-9)
    return int(text)
