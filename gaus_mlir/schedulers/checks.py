"""Checks of the method options shared by every route into a scheduler
(``schedule(problem, method, **options)`` from Python, gaus-schedule's
pipeline options and the Python pass API): the same value is accepted or
rejected whichever way it comes in."""

from __future__ import annotations

import math
import numbers

from ..model import UnsupportedProblemError

SEED_MAX = 2**31 - 1  # CP-SAT's random_seed is an int32


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
