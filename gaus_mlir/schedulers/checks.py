"""Checks of the method options shared by every route into a scheduler
(``schedule(problem, method, **options)`` from Python, gaus-schedule's
pipeline options and the Python pass API): the same value is accepted or
rejected whichever way it comes in."""

from __future__ import annotations

import math
import numbers

import numpy as np

from ..model import UnsupportedProblemError

SEED_MAX = 2**31 - 1  # CP-SAT's random_seed is an int32
MAX_ITERATIONS = 100_000  # larger ``iterations`` are rejected (a run that long is a typo)


def _int(v) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def _real(v) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def _positive_number(v) -> str | None:
    if not _real(v) or not (v > 0 and math.isfinite(v)):
        return "a positive finite number"
    return None


def _int_at_least(lo):
    def check(v) -> str | None:
        if not _int(v) or v < lo:
            return f"an integer >= {lo}"
        return None

    return check


def _seed(v) -> str | None:
    if not _int(v) or not 0 <= v <= SEED_MAX:
        return f"an integer from 0 to {SEED_MAX}"
    return None


def _ii(v) -> str | None:
    if v is not None and (not _int(v) or v < 1):
        return "None or an integer >= 1"
    return None


def _str_or_none(v) -> str | None:
    if v is not None and not isinstance(v, str):
        return "a path (str) or None"
    return None


_RULES = {
    "time_limit": _positive_number,
    "gaus_time": _positive_number,
    "lr": _positive_number,
    "cycle_time": _positive_number,
    "iterations": lambda v: None if v is None else _int_at_least(0)(v),
    "batch": lambda v: None if v is None else _int_at_least(1)(v),
    "workers": _int_at_least(1),
    "seed": _seed,
    "ii": _ii,
    "max_ii": lambda v: None if v is None else _int_at_least(1)(v),
    "log": _str_or_none,
}  # names (device, init, priority) are checked by each method: their sets differ


def check_method_options(method: str, options: dict) -> None:
    """Raise UnsupportedProblemError for a value no route may pass."""
    for name, value in options.items():
        rule = _RULES.get(name)
        why = rule(value) if rule is not None else None
        if why:
            raise UnsupportedProblemError(f"method '{method}': option '{name}' must be {why}, not {value!r}")


__all__ = ["SEED_MAX", "check_method_options"]


def check_relax_numbers(
    iterations: int | None, batch: int | None, time_limit: float | None, lr: float = 0.1
) -> None:
    """The numeric options of the relaxation methods (gaus, gs-schedule,
    hybrid) the CLI also validates, checked for API callers."""

    def bad(name, v, what):
        raise UnsupportedProblemError(f"{name}={v!r}: expected {what}")

    if iterations is not None:
        if isinstance(iterations, bool) or not isinstance(iterations, (int, np.integer)) or iterations < 0:
            bad("iterations", iterations, "an integer >= 0")
        if iterations > MAX_ITERATIONS:
            bad("iterations", iterations, f"at most {MAX_ITERATIONS}")
    if batch is not None and (
        isinstance(batch, bool) or not isinstance(batch, (int, np.integer)) or batch < 1
    ):
        bad("batch", batch, "an integer >= 1")
    if isinstance(lr, bool) or not isinstance(lr, (int, float)) or not math.isfinite(lr) or lr <= 0:
        bad("lr", lr, "a finite number > 0")
    if time_limit is not None and (
        isinstance(time_limit, bool)
        or not isinstance(time_limit, (int, float))
        or not math.isfinite(time_limit)
        or time_limit <= 0
    ):
        bad("time-limit", time_limit, "a finite number of seconds > 0")
