"""Register pressure of a schedule: the one definition every scheduler, bridge
summary, benchmark and test uses.

Each op defines values, one per result, of a width in bits
(``Problem.add_op(..., bits=)``, default 1; ``problem.arrays.value_bits``).
The value of result r of op i lives over the half-open interval

    [t_i + lat_i,  max_j (t_j + d_ij * II))

over its data consumers j (the non-auxiliary dependences from (i, r); an
auxiliary dependence carries no value).  A value without a consumer, or whose
last consumer starts no later than it is born (e.g. a combinational use in the
same cycle), has no lifetime.  The registers at step d are the sum of the
widths of the values live at d:

* acyclic (``ii == 0``): ``peak`` is the largest sum over all steps;
* modulo (``ii > 0``): steps fold modulo II (MaxLive): a value live over L
  steps occupies floor(L / II) registers in every congruence class plus one
  in the L mod II classes from its birth on, i.e. once per overlapping
  iteration.

``total`` is sum_i bits_i * lifetime_i, the flip-flop bits of a fully
pipelined datapath.  Both are computed by a sweep over the lifetimes' ends:
time and memory grow with the number of values, never with the magnitude of
the start times, II or lifetimes (exact for any Python int).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .errors import ProblemTypeError, ProblemValueError
from .problem import MAX_INT, Problem
from .schedule import Schedule

# int64 arithmetic is used while every sum stays below this; beyond, Python ints.
_FAST = 2**60


@dataclass(frozen=True)
class RegisterUsage:
    """``peak``: most live bits in one step (acyclic) or congruence class mod
    ``ii`` (MaxLive); ``total``: sum of bits x lifetime; ``values``: how many
    values have a non-empty lifetime."""

    peak: int
    total: int
    values: int
    ii: int = 0


def lifetimes(
    problem: Problem, start: Schedule | np.ndarray | Sequence[int], ii: int | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(birth, death, bits) per value (indexed like ``problem.arrays.value_bits``),
    ``death == birth`` for a value without a lifetime.  ``start`` is a Schedule
    (its II is used when ``ii`` is None) or a sequence of start times.  int64
    arrays, or object arrays of Python ints when the times are beyond int64."""
    t, ii = _inputs(problem, start, ii, "lifetimes")
    birth, death, bits = _lifetimes(problem, t, ii)
    return birth, death, bits.copy()  # not the problem's frozen array


def register_usage(
    problem: Problem, start: Schedule | np.ndarray | Sequence[int], ii: int | None = None
) -> RegisterUsage:
    """Peak live bits (MaxLive when ``ii`` > 0) and total bits x cycles of a
    schedule; see the module docstring.  ``start`` is a Schedule (its II is
    used when ``ii`` is None) or a sequence of start times; a cyclic problem
    needs an II >= 1."""
    t, ii = _inputs(problem, start, ii, "register_usage")
    birth, death, bits = _lifetimes(problem, t, ii)
    if birth.dtype != object:
        length = death - birth
        keep = (length > 0) & (bits > 0)
        b, L, s = bits[keep], length[keep], birth[keep]
        if float(np.dot(b.astype(np.float64), L.astype(np.float64))) < _FAST:
            return RegisterUsage(_peak_fast(s, L, b, ii), int(np.dot(b, L)), int(keep.sum()), ii)
    return _usage_exact(birth.tolist(), death.tolist(), bits.tolist(), ii)


@dataclass(frozen=True)
class ValueTable:
    """The values that have data consumers, as flat arrays for the schedulers:
    defining op and width per value, and one row per consumer edge (value,
    consumer op, distance)."""

    op: np.ndarray
    bits: np.ndarray
    con_val: np.ndarray
    con_op: np.ndarray
    con_dist: np.ndarray


def value_table(problem: Problem) -> ValueTable:
    """Values with at least one data consumer (indexed 0..k-1), for schedulers
    that track lifetimes incrementally (same definition as :func:`lifetimes`)."""
    a = problem.arrays
    ptr = a.value_ptr
    value_op = np.repeat(np.arange(a.n, dtype=np.int64), np.diff(ptr))
    data = ~a.aux
    val = ptr[a.src[data]] + a.result[data]
    used, con_val = np.unique(val, return_inverse=True)
    return ValueTable(value_op[used], a.value_bits[used], con_val.astype(np.int64), a.dst[data], a.dist[data])


def compact_span(problem: Problem) -> int:
    """An acyclic schedule never needs to end later than ``sum_i max(1, lat_i,
    blocking_i)``: a step in which no op runs can be removed without breaking a
    dependence or a limit and without lengthening any lifetime."""
    a = problem.arrays
    return int(np.maximum(1, np.maximum(a.lat, a.blocking)).astype(object).sum()) if a.n else 0


def format_registers(usage: RegisterUsage) -> str:
    """The summary fields of a scheduled region (bits)."""
    return f"registers={usage.peak} lifetimes={usage.total}"


# ---------------------------------------------------------------- internals
def _inputs(problem: Problem, start, ii, func: str) -> tuple[np.ndarray, int]:
    if isinstance(start, Schedule):
        if ii is None and start.ii is not None:
            ii = start.ii
        t = start.start
    else:
        t = Schedule(start).start
    if ii is None:
        ii = 0
    if isinstance(ii, (bool, np.bool_)):
        raise ProblemTypeError(f"{func}: ii must be an integer, got {ii!r}")
    try:
        ii = operator.index(ii)
    except TypeError:
        raise ProblemTypeError(f"{func}: ii must be an integer, got {ii!r} ({type(ii).__name__})") from None
    if not 0 <= ii <= MAX_INT:
        raise ProblemValueError(f"{func}: ii {ii} is outside the supported range [0, 2^62]")
    if problem.cyclic and ii < 1:
        raise ProblemValueError(f"{func}: a {problem.kind} needs an II >= 1 to count its registers")
    n = problem.num_ops
    if len(t) != n:
        raise ProblemValueError(f"{func}: {len(t)} start times for {n} operations")
    return t, ii


def _lifetimes(problem: Problem, t: np.ndarray, ii: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    a = problem.arrays
    n = a.n
    ptr, bits = a.value_ptr, a.value_bits
    value_op = np.repeat(np.arange(n, dtype=np.int64), np.diff(ptr))
    data = ~a.aux & (a.src >= 0) & (a.src < n) & (a.dst >= 0) & (a.dst < n)
    src, dst, dist = a.src[data], a.dst[data], a.dist[data]
    val = ptr[src] + a.result[data]

    def mag(x) -> int:
        return max(abs(int(x.max())), abs(int(x.min()))) if x.size else 0

    fast = t.dtype != object and mag(t) + mag(a.lat) < _FAST and mag(dist) * ii < _FAST
    if fast:
        birth = t[value_op] + a.lat[value_op]
        death = birth.copy()
        if val.size:
            np.maximum.at(death, val, t[dst] + dist * ii)
        return birth, death, bits
    tl, lat = [int(x) for x in t.tolist()], a.lat.tolist()
    birth_l = [tl[i] + lat[i] for i in value_op.tolist()]
    death_l = list(birth_l)
    for v, j, d in zip(val.tolist(), dst.tolist(), dist.tolist()):
        end = tl[j] + d * ii
        if end > death_l[v]:
            death_l[v] = end
    return _objects(birth_l), _objects(death_l), bits


def _peak_fast(s: np.ndarray, length: np.ndarray, b: np.ndarray, ii: int) -> int:
    """Sweep on int64 (every sum below 2^60)."""
    base = 0
    if ii:
        full, length = np.divmod(length, ii)
        base = int(np.dot(full, b))
        s = s % ii
        wrap = s + length > ii  # the partial turn wraps past the last class
        e = np.concatenate((np.minimum(s + length, ii), (s + length - ii)[wrap]))
        s = np.concatenate((s, np.zeros(int(wrap.sum()), np.int64)))
        b = np.concatenate((b, b[wrap]))
    else:
        e = s + length
    keep = e > s
    pos = np.concatenate((s[keep], e[keep]))
    if not pos.size:
        return base
    delta = np.concatenate((b[keep], -b[keep]))
    order = np.argsort(pos, kind="stable")
    pos, cum = pos[order], np.cumsum(delta[order])
    last = np.append(pos[1:] != pos[:-1], True)  # the count after each position
    return base + max(int(cum[last].max()), 0)


def _usage_exact(birth: list, death: list, bits: list, ii: int) -> RegisterUsage:
    """The same on Python ints (times, lifetimes or sums beyond int64)."""
    base = total = count = 0
    events: list[tuple[int, int]] = []
    for s, e, b in zip(birth, death, bits):
        length = e - s
        if length <= 0 or b <= 0:
            continue
        count += 1
        total += b * length
        if ii:
            full, length = divmod(length, ii)
            base += full * b
            s %= ii
            if s + length > ii:
                events += [(s, b), (ii, -b), (0, b), (s + length - ii, -b)]
            elif length:
                events += [(s, b), (s + length, -b)]
        else:
            events += [(s, b), (e, -b)]
    events.sort()
    peak = cur = 0
    for k, (pos, d) in enumerate(events):
        cur += d
        if k + 1 == len(events) or events[k + 1][0] != pos:
            peak = max(peak, cur)
    return RegisterUsage(base + peak, total, count, ii)


def _objects(vals: list) -> np.ndarray:
    out = np.empty(len(vals), dtype=object)
    out[:] = vals
    return out
