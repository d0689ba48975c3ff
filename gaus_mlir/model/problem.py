"""The scheduling problem family of CIRCT's ``lib/Scheduling``, array-based.

Semantics follow CIRCT's ``Problems.cpp``:

* ``Problem``: ops linked to operator types with an integer latency; dependences
  (def-use or auxiliary); ``t_i + lat_i <= t_j``.
* ``CyclicProblem``: dependences carry a distance; ``t_i + lat_i <= t_j + dist*II``.
* ``SharedOperatorsProblem``: limited resource types; at most ``limit`` users of a
  resource *start* in one step (one step per op unless its operator type has a
  ``blocking`` time > 1, our extension for operators that are not fully pipelined).
* ``ModuloProblem``: cyclic + shared, usage counted per congruence class ``t mod II``.
* ``ChainingProblem`` / ``ChainingCyclicProblem``: incoming/outgoing combinational
  delays and a start time in cycle ``z``.

The model is built op by op (Python lists) and frozen into numpy arrays on first
use, so a 214k-op / 430k-edge instance checks and verifies in well under a second.
Nothing here imports mlir or torch.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING

import numpy as np

from .errors import (
    ProblemError,
    ProblemTypeError,
    ProblemValueError,
    Subject,
    UnsupportedProblemError,
    VerificationError,
)

if TYPE_CHECKING:
    from .schedule import Schedule

# Supported range of every integer of a problem (latency, blocking, limit,
# distance, latency bound) and of a schedule (start time, II): magnitude at most
# 2^62.  ``check()`` also bounds the total: (sum over ops of latency + blocking)
# * (1 + largest distance) <= 2^62, so that any start time, II and sum along a
# chain a scheduler computes (t + lat, dist * II, ...) fits int64.  ``verify``
# is exact for any Python int (it never wraps around).
MAX_INT = 2**62
_SAFE = 2**61  # below this, three terms still add up within int64


def _int_arg(
    func: str,
    arg: str,
    value,
    *,
    optional: bool = False,
    lo: int = -MAX_INT,
    subject: Subject | None = None,
    what: str = "",
) -> int | None:
    """``value`` as a Python int: ProblemTypeError for anything that is not an
    integer (floats, bools, strings, nan), ProblemValueError when out of range."""
    if value is None and optional:
        return None
    if isinstance(value, (bool, np.bool_)):
        raise ProblemTypeError(f"{func}: {arg} must be an integer, got {value!r}", subject)
    try:
        v = operator.index(value)
    except TypeError:
        raise ProblemTypeError(
            f"{func}: {arg} must be an integer, got {value!r} ({type(value).__name__})", subject
        ) from None
    if not lo <= v <= MAX_INT:
        rng = f"[{max(lo, 0)}, 2^62]"
        raise ProblemValueError(f"{func}: {arg} {v}{what} is outside the supported range {rng}", subject)
    return v


def _real_arg(
    func: str, arg: str, value, *, optional: bool = False, subject: Subject | None = None
) -> float | None:
    """``value`` as a finite float (ints and floats; not bools, nan or inf)."""
    if value is None and optional:
        return None
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ProblemTypeError(f"{func}: {arg} must be a number, got {value!r}", subject)
    if not math.isfinite(float(value)):
        raise ProblemValueError(f"{func}: {arg} must be finite, got {value!r}", subject)
    return value if isinstance(value, float) else float(value)


def _bits_arg(func: str, bits, results: int) -> int | tuple[int, ...]:
    """Value widths of an op with ``results`` results: an int >= 0 (every
    result) or a sequence of exactly ``results`` such ints."""
    if isinstance(bits, np.ndarray) and bits.ndim == 0:
        bits = bits[()]
    if isinstance(bits, (str, bytes)):
        raise ProblemTypeError(
            f"{func}: bits must be an integer or a sequence of integers (one per result), got {bits!r}"
        )
    if not isinstance(bits, Iterable):
        return _int_arg(func, "bits", bits, lo=0)
    widths = tuple(_int_arg(func, "bits", b, lo=0) for b in bits)
    if len(widths) != results:
        raise ProblemValueError(
            f"{func}: bits lists {len(widths)} width{'s' if len(widths) != 1 else ''} "
            f"for an op with {results} result{'s' if results != 1 else ''}"
        )
    return widths


def _name_arg(func: str, arg: str, value, optional: bool = False) -> str | None:
    if value is None and optional:
        return None
    if not isinstance(value, str):
        raise ProblemTypeError(f"{func}: {arg} must be a string, got {value!r}")
    return value


# Most rows Problem.usage_table expands (one per blocked step of a limited use).
MAX_USAGE_ROWS = 1 << 22
_USAGE_TOO_MANY = (
    "the usage table of '{name}' would list {rows} blocked steps "
    "(at most {max}); its blocking times are too large to expand"
)


@dataclass
class OperatorType:
    """An operator type of the library.  ``limit`` is CIRCT's older spelling of a
    limit directly on the operator type (kept so such files round-trip); it acts
    as an implicit resource of the same name used by every op of this type."""

    name: str
    latency: int | None = None
    incoming_delay: float | None = None
    outgoing_delay: float | None = None
    blocking: int | None = None
    limit: int | None = None


@dataclass
class ResourceType:
    name: str
    limit: int | None = None
    implicit: bool = False  # created from an operator type's ``limit``


class Problem:
    """Acyclic latency problem; base of the family (see module docstring)."""

    kind = "Problem"
    cyclic = False
    shared = False
    chaining = False

    def __init__(self, name: str = "problem"):
        self.name = name
        self.operator_types: list[OperatorType] = []
        self.resource_types: list[ResourceType] = []
        self._otype_index: dict[str, int] = {}
        self._rtype_index: dict[str, int] = {}
        self._implicit_res: dict[int, int] = {}  # operator type -> resource
        self.op_names: list[str | None] = []
        self.op_type: list[int] = []
        self.op_uses: list[tuple[int, ...]] = []
        self.op_results: list[int] = []
        # Per-op weight of its resource uses (default 1): only the
        # time-constrained objective (weighted peak usage, see
        # :mod:`.objectives`) reads it; resource limits and ``verify`` count
        # users, unweighted.
        self.op_weight: list[float] = []
        # Per-op width in bits of the values it defines (default 1): an int
        # for every result, or a tuple with one width per result.  Only the
        # register count (:mod:`.registers`) reads it.
        self.op_bits: list[int | tuple[int, ...]] = []
        self._src: list[int] = []
        self._dst: list[int] = []
        self._dist: list[int] = []
        self._aux: list[bool] = []
        self._result: list[int] = []
        # Per-dependence communication weight (default 1; e.g. ICML'24
        # formulation A's ``edge parameter > 0``), read by
        # ``objectives.communication`` and the schedulers' ``comm`` terms.
        self._bits: list[float] = []
        self.last_op_name: str | None = None
        self.cycle_time: float | None = None
        self.latency_bound: int | None = None
        # register objectives keep the file's limits as constraints under a latency bound
        self.keep_limits: bool = False
        # Free-form data a bridge wants to keep (e.g. source locations).
        self.locations: dict[Subject, object] = {}
        self._arrays: SimpleNamespace | None = None

    # ------------------------------------------------------------------ build
    def add_operator_type(
        self,
        name: str,
        latency: int | None = None,
        *,
        incoming_delay: float | None = None,
        outgoing_delay: float | None = None,
        blocking: int | None = None,
        limit: int | None = None,
    ) -> int:
        f = "add_operator_type"
        _name_arg(f, "name", name)
        subj = Subject("operator_type", name)
        what = f" of operator type '@{name}'"
        latency = _int_arg(f, "latency", latency, optional=True, subject=subj, what=what)
        blocking = _int_arg(f, "blocking", blocking, optional=True, subject=subj, what=what)
        limit = _int_arg(f, "limit", limit, optional=True, subject=subj, what=what)
        if incoming_delay is not None:
            incoming_delay = _real_arg(f, "incoming_delay", incoming_delay, subject=subj)
        if outgoing_delay is not None:
            outgoing_delay = _real_arg(f, "outgoing_delay", outgoing_delay, subject=subj)
        if name in self._otype_index:
            raise ProblemError(f"redefinition of operator type '@{name}'", Subject("operator_type", name))
        self._arrays = None
        idx = len(self.operator_types)
        self.operator_types.append(
            OperatorType(name, latency, incoming_delay, outgoing_delay, blocking, limit)
        )
        self._otype_index[name] = idx
        if limit is not None:
            r = len(self.resource_types)
            self.resource_types.append(ResourceType(name, limit, implicit=True))
            self._implicit_res[idx] = r
        return idx

    def add_resource_type(self, name: str, limit: int | None = None) -> int:
        _name_arg("add_resource_type", "name", name)
        limit = _int_arg(
            "add_resource_type",
            "limit",
            limit,
            optional=True,
            subject=Subject("resource_type", name),
            what=f" of resource type '@{name}'",
        )
        if name in self._rtype_index:
            raise ProblemError(f"redefinition of resource type '@{name}'", Subject("resource_type", name))
        self._arrays = None
        idx = len(self.resource_types)
        self.resource_types.append(ResourceType(name, limit))
        self._rtype_index[name] = idx
        return idx

    def set_limit(self, r: int, limit: int | None) -> None:
        """Change resource ``r``'s limit (also on its operator type if implicit)."""
        r = _int_arg("set_limit", "resource", r, lo=0)
        if r >= len(self.resource_types):
            raise ProblemValueError(
                f"set_limit: no resource type with index {r} (there are {len(self.resource_types)})"
            )
        limit = _int_arg(
            "set_limit",
            "limit",
            limit,
            optional=True,
            subject=Subject("resource_type", self.resource_types[r].name),
        )
        self._arrays = None
        res = self.resource_types[r]
        res.limit = limit
        if res.implicit:
            self.operator_types[self._otype_index[res.name]].limit = limit

    def operator_type_index(self, name: str) -> int | None:
        return self._otype_index.get(name)

    def resource_type_index(self, name: str) -> int | None:
        return self._rtype_index.get(name)

    def add_op(
        self,
        op_type: int | str,
        name: str | None = None,
        uses: Iterable[int | str] = (),
        results: int = 1,
        *,
        weight: float = 1.0,
        bits: int | Iterable[int] = 1,
    ) -> int:
        """Add an op; ``weight`` scales each of its resource uses in the
        time-constrained objective (weighted peak usage) only; ``bits`` is the
        width of each value it defines (one int for all its results, or one per
        result), read by the register count (:mod:`.registers`)."""
        f = "add_op"
        if isinstance(op_type, str):
            idx = self._otype_index.get(op_type)
            if idx is None:
                raise ProblemValueError(
                    f"{f}: unknown operator type '{op_type}'"
                    + self._known(self._otype_index, "operator types")
                )
            op_type = idx
        else:
            op_type = _int_arg(f, "op_type", op_type, lo=0)
            if op_type >= len(self.operator_types):
                raise ProblemValueError(
                    f"{f}: no operator type with index {op_type} (there are {len(self.operator_types)})"
                )
        _name_arg(f, "name", name, optional=True)
        if isinstance(uses, (str, bytes)) or not isinstance(uses, Iterable):
            raise ProblemTypeError(
                f"{f}: uses must be a list of resource type names or indices, got {uses!r}"
            )
        res = []
        for u in uses:
            if isinstance(u, str):
                r = self._rtype_index.get(u)
                if r is None:
                    raise ProblemValueError(
                        f"{f}: unknown resource type '{u}'" + self._known(self._rtype_index, "resource types")
                    )
            else:
                r = _int_arg(f, "uses", u, lo=0)
                if r >= len(self.resource_types):
                    raise ProblemValueError(
                        f"{f}: no resource type with index {r} (there are {len(self.resource_types)})"
                    )
            res.append(r)
        results = _int_arg(f, "results", results, lo=0)
        weight = _real_arg(f, "weight", weight)
        bits = _bits_arg(f, bits, results)
        self._arrays = None
        self.op_bits.append(bits)
        self.op_names.append(name)
        self.op_type.append(op_type)
        self.op_uses.append(tuple(res))
        self.op_results.append(results)
        self.op_weight.append(weight)
        return len(self.op_type) - 1

    def add_dependence(
        self, src: int, dst: int, dist: int = 0, *, aux: bool = False, result: int = 0, bits: float = 1.0
    ) -> int:
        """Add ``src -> dst``; ``bits`` weighs the edge in the communication
        objective only (``objectives.communication``)."""
        f = "add_dependence"
        src = _int_arg(f, "src", src)
        dst = _int_arg(f, "dst", dst)
        dist = _int_arg(f, "dist", dist, subject=Subject("op", dst) if dst >= 0 else None)
        if not isinstance(aux, (bool, np.bool_)):
            raise ProblemTypeError(f"{f}: aux must be a bool, got {aux!r}")
        aux = bool(aux)
        result = _int_arg(f, "result", result, lo=0)
        bits = _real_arg(f, "bits", bits)
        self._arrays = None
        self._bits.append(bits)
        self._src.append(src)
        self._dst.append(dst)
        self._dist.append(dist)
        self._aux.append(aux)
        self._result.append(-1 if aux else result)
        return len(self._src) - 1

    @staticmethod
    def _known(index: dict, what: str) -> str:
        names = list(index)
        if not names:
            return f" (no {what} defined)"
        shown = ", ".join(f"'{n}'" for n in names[:8])
        return f" (known {what}: {shown}{', ...' if len(names) > 8 else ''})"

    # ------------------------------------------------------------ accessors
    @property
    def num_ops(self) -> int:
        return len(self.op_type)

    @property
    def num_deps(self) -> int:
        return len(self._src)

    @property
    def last_op(self) -> int | None:
        """The objective op: the one named by ``last_op_name``, else the last op."""
        if self.last_op_name is not None:
            try:
                return self.op_names.index(self.last_op_name)
            except ValueError:
                raise ProblemError(
                    f"no operation named '@{self.last_op_name}' to use as the objective"
                ) from None
        return self.num_ops - 1 if self.num_ops else None

    def op_label(self, i: int) -> str:
        name = self.op_names[i]
        return f"'@{name}'" if name is not None else f"#{i}"

    @property
    def arrays(self) -> SimpleNamespace:
        """Frozen numpy view: lat, src, dst, dist, aux, result, the CSR of
        effective resource uses (use_ptr/use_res), limit (-1 = unlimited),
        blocking per op, weight per op (float64, default 1: weighs its uses in
        the time-constrained objective), bits per dependence (float64, default
        1: its weight in the communication objective), and the values the ops
        define: ``value_ptr`` (n + 1; value ``value_ptr[i] + r`` is result r of
        op i) and ``value_bits`` (int64 width of each, default 1; see
        :mod:`.registers`)."""
        if self._arrays is None:
            self._arrays = self._freeze()
        return self._arrays

    def _freeze(self) -> SimpleNamespace:
        n = self.num_ops
        otype = np.asarray(self.op_type, dtype=np.int64)
        lat_t = np.array(
            [-1 if o.latency is None else o.latency for o in self.operator_types], dtype=np.int64
        )
        blk_t = np.array(
            [1 if o.blocking is None else o.blocking for o in self.operator_types], dtype=np.int64
        )
        # An op uses a resource at most once (``uses[@r, @r]`` is one use, as
        # CIRCT's verifyUtilization counts it).
        op_uses = [u if len(u) < 2 else tuple(dict.fromkeys(u)) for u in self.op_uses]
        counts = np.fromiter((len(u) for u in op_uses), dtype=np.int64, count=n)
        flat = [r for u in op_uses for r in u]
        if self._implicit_res:
            ptr_list, flat = [0], []
            for i in range(n):
                flat.extend(op_uses[i])
                r = self._implicit_res.get(self.op_type[i])
                if r is not None:
                    flat.append(r)
                ptr_list.append(len(flat))
            use_ptr = np.asarray(ptr_list, dtype=np.int64)
        else:
            use_ptr = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(counts, out=use_ptr[1:])
        use_res = np.asarray(flat, dtype=np.int64)
        use_op = np.repeat(np.arange(n, dtype=np.int64), np.diff(use_ptr))
        limit = np.array([-1 if r.limit is None else r.limit for r in self.resource_types], dtype=np.int64)
        return SimpleNamespace(
            n=n,
            otype=otype,
            lat=lat_t[otype] if n else np.zeros(0, np.int64),
            blocking=blk_t[otype] if n else np.zeros(0, np.int64),
            src=np.asarray(self._src, dtype=np.int64),
            dst=np.asarray(self._dst, dtype=np.int64),
            dist=np.asarray(self._dist, dtype=np.int64),
            aux=np.asarray(self._aux, dtype=bool),
            result=np.asarray(self._result, dtype=np.int64),
            use_ptr=use_ptr,
            use_res=use_res,
            use_op=use_op,
            limit=limit,
            weight=self._weights(n),
            bits=self._edge_bits(len(self._src)),
            **self._values(n),
        )

    def _values(self, n: int) -> dict:
        """The values ops define, numbered op by op: value ``value_ptr[i] + r``
        is result ``r`` of op ``i``, of width ``value_bits`` (int64).  An op has
        its declared results, and more when a data dependence reads a result
        beyond them (of the op's width if it gave one int, else 1)."""
        res = getattr(self, "op_results", None)
        counts = (
            np.asarray(res, dtype=np.int64) if res is not None and len(res) == n else np.ones(n, np.int64)
        )
        src = np.asarray(self._src, dtype=np.int64)
        if src.size and n:
            data = ~np.asarray(self._aux, dtype=bool) & (src >= 0) & (src < n)
            need = np.zeros(n, dtype=np.int64)
            np.maximum.at(need, src[data], np.asarray(self._result, dtype=np.int64)[data] + 1)
            counts = np.maximum(counts, need)
        ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(counts, out=ptr[1:])
        widths = getattr(self, "op_bits", None)
        if widths is None or len(widths) != n:  # built without add_op (e.g. by a bridge)
            return {"value_ptr": ptr, "value_bits": np.ones(int(ptr[-1]), dtype=np.int64)}
        if all(type(w) is int for w in widths):
            vb = np.repeat(np.asarray(widths, dtype=np.int64), counts)
        else:
            flat: list[int] = []
            for w, c in zip(widths, counts.tolist()):
                if type(w) is int:
                    flat.extend([w] * c)
                else:
                    flat.extend(w[:c])
                    flat.extend([1] * (c - len(w)))
            vb = np.asarray(flat, dtype=np.int64)
        return {"value_ptr": ptr, "value_bits": vb}

    def _weights(self, n: int) -> np.ndarray:
        w = getattr(self, "op_weight", None)
        if w is None or len(w) != n:  # built without add_op (e.g. by a bridge)
            return np.ones(n, dtype=np.float64)
        return np.asarray(w, dtype=np.float64)

    def _edge_bits(self, m: int) -> np.ndarray:
        b = getattr(self, "_bits", None)
        if b is None or len(b) != m:
            return np.ones(m, dtype=np.float64)
        return np.asarray(b, dtype=np.float64)

    @property
    def weighted(self) -> bool:
        """Whether some op has a resource-use weight other than 1."""
        return bool((self.arrays.weight != 1.0).any())

    def limited_uses(self) -> tuple[np.ndarray, np.ndarray]:
        """(op, resource) pairs for every use of a limited resource."""
        a = self.arrays
        if not self.shared or a.use_res.size == 0:
            return np.zeros(0, np.int64), np.zeros(0, np.int64)
        keep = a.limit[a.use_res] > 0
        return a.use_op[keep], a.use_res[keep]

    # ------------------------------------------------------------------ check
    def check(self) -> None:
        """Raise ProblemError if the input is not well formed.  The structural
        part is remembered on the frozen arrays (a pass and ``schedule()`` both
        check; any change to the problem re-freezes them)."""
        a = self.arrays
        if getattr(a, "checked", False):
            _ = self.last_op  # raises if last_op_name is unknown
            return
        if self.chaining and self.cyclic and a.src.size:
            bad = np.nonzero(~a.aux & (a.dist != 0))[0]
            if bad.size:
                j = int(a.dst[bad[0]])
                raise ProblemError(
                    f"def-use dependence into operation {self.op_label(j)} "
                    "cannot have a non-zero distance (make it auxiliary)",
                    Subject("op", j),
                )
        self._check_types()
        if self.shared:
            ops, res = self.limited_uses()
            bad = np.nonzero(a.lat[ops] == 0)[0]
            if bad.size:
                i, r = int(ops[bad[0]]), int(res[bad[0]])
                raise ProblemError(
                    f"operation {self.op_label(i)} has latency 0 but uses limited "
                    f"resource '@{self.resource_types[r].name}'",
                    Subject("op", i),
                )
        self._check_dependences()
        self._check_total()
        from .graph import find_zero_distance_cycle

        cyc = find_zero_distance_cycle(self)
        if cyc is not None:
            names = " -> ".join(self.op_label(i) for i in cyc[:6])
            more = " -> ..." if len(cyc) > 6 else ""
            raise ProblemError(
                f"dependence cycle with zero total distance: {names}{more}", Subject("op", cyc[0])
            )
        a.checked = True
        _ = self.last_op  # raises if last_op_name is unknown

    def _check_types(self) -> None:
        """The operator types the ops use (named, with a latency >= 0 and a
        blocking time >= 1), every type's delays under chaining, and the
        resource limits."""
        a = self.arrays
        n = a.n
        used_types = np.unique(a.otype) if n else np.zeros(0, np.int64)
        for t in used_types:
            o = self.operator_types[int(t)]
            first = int(np.argmax(a.otype == t))
            if o.name == "":
                raise ProblemError(
                    f"operation {self.op_label(first)} has no operator type", Subject("op", first)
                )
            if o.latency is None:
                raise ProblemError(
                    f"operator type '@{o.name}' of operation {self.op_label(first)} has no latency",
                    Subject("operator_type", o.name),
                )
            if o.latency < 0:
                raise ProblemError(
                    f"operator type '@{o.name}' has negative latency {o.latency}",
                    Subject("operator_type", o.name),
                )
            if o.blocking is not None and o.blocking < 1:
                raise ProblemError(
                    f"operator type '@{o.name}' has blocking time {o.blocking}; it must be >= 1",
                    Subject("operator_type", o.name),
                )
        if self.chaining:
            # CIRCT's ChainingProblem::check covers every operator type of the
            # library, used or not (the unnamed type of `operation<>` aside)
            for o in self.operator_types:
                if o.name != "":
                    self._check_delays(o)
        for r in self.resource_types:
            if r.limit is not None and r.limit < 1:
                subj = Subject("operator_type" if r.implicit else "resource_type", r.name)
                raise ProblemError(
                    f"resource type '@{r.name}' has limit {r.limit}; a limit must be >= 1", subj
                )

    def _check_dependences(self) -> None:
        """Dependences between existing ops, with distances >= 0, and none
        loop-carried in an acyclic problem."""
        a = self.arrays
        n = a.n
        if not a.src.size:
            return
        bad = np.nonzero((a.src < 0) | (a.src >= n) | (a.dst < 0) | (a.dst >= n))[0]
        if bad.size:
            raise ProblemError("dependence refers to a missing operation", Subject("dependence", int(bad[0])))
        neg = np.nonzero(a.dist < 0)[0]
        if neg.size:
            e = int(neg[0])
            raise ProblemError(
                f"dependence into operation {self.op_label(int(a.dst[e]))} "
                f"has negative distance {int(a.dist[e])}",
                Subject("op", int(a.dst[e])),
            )
        if not self.cyclic:
            pos = np.nonzero(a.dist > 0)[0]
            if pos.size:
                e = int(pos[0])
                raise ProblemError(
                    f"dependence into operation {self.op_label(int(a.dst[e]))} has a "
                    f"distance, but a {self.kind} has no loop-carried dependences",
                    Subject("op", int(a.dst[e])),
                )

    def _check_total(self) -> None:
        message = self.range_error()
        if message is not None:
            raise ProblemError(message)

    def range_error(self) -> str | None:
        """Why this problem is beyond the supported range, or None. Every chain a
        scheduler adds up must fit int64: (sum over ops of latency + blocking)
        * (1 + largest distance) <= 2^62 (see MAX_INT)."""
        a = self.arrays
        if a.n == 0:
            return None
        total_f = float(a.lat.sum(dtype=np.float64)) + float(a.blocking.sum(dtype=np.float64))
        dmax = int(a.dist.max()) if a.dist.size else 0
        if total_f * (1 + dmax) < _SAFE:
            return None
        total = sum(int(x) for x in a.lat.tolist()) + sum(int(x) for x in a.blocking.tolist())
        if total * (1 + dmax) <= MAX_INT:
            return None
        if dmax:
            return (
                f"problem exceeds the supported range: the sum of its latencies and "
                f"blocking times ({total}) times (1 + its largest distance {dmax}) is "
                "above 2^62"
            )
        return (
            f"problem exceeds the supported range: the sum of its latencies "
            f"and blocking times ({total}) is above 2^62"
        )

    def check_ii(self, ii: object) -> int:
        """A requested initiation interval as an int, in range for this problem:
        an integer >= 1 with (ops + largest distance) * II + (sum of latencies
        and blocking times) <= 2^62, so that start times and dist * II a
        scheduler forms at this II fit int64.  ProblemTypeError /
        ProblemValueError otherwise."""
        ii = _int_arg("schedule", "ii", ii, lo=1)
        a = self.arrays
        dmax = int(a.dist.max()) if a.dist.size else 0
        total = sum(int(x) for x in a.lat.tolist()) + sum(int(x) for x in a.blocking.tolist())
        if (a.n + dmax) * ii + total > MAX_INT:
            raise ProblemValueError(
                f"II {ii} exceeds the supported range for this problem: (operations {a.n} + "
                f"largest distance {dmax}) * II + total latency {total} is above 2^62"
            )
        return ii

    def _check_delays(self, o: OperatorType) -> None:
        subj = Subject("operator_type", o.name)
        if o.incoming_delay is None or o.outgoing_delay is None:
            raise ProblemError(f"missing delays for operator type '@{o.name}'", subj)
        if o.incoming_delay < 0 or o.outgoing_delay < 0:
            raise ProblemError(f"negative delays for operator type '@{o.name}'", subj)
        if o.latency == 0 and o.incoming_delay != o.outgoing_delay:
            raise ProblemError(
                f"incoming & outgoing delay must be equal for zero-latency operator type '@{o.name}'", subj
            )

    # ----------------------------------------------------------------- verify
    def verify(self, schedule: Schedule) -> None:
        """Raise VerificationError naming the op and constraint of the first violation."""
        errs = self.violations(schedule, limit=1)
        if errs:
            raise errs[0]

    def violations(self, schedule: Schedule, limit: int | None = None) -> list[VerificationError]:
        """Every violated constraint (the first ``limit``), checked exactly: with
        numbers too large for int64 sums, the arithmetic is done on Python ints."""
        a = self.arrays
        out: list[VerificationError] = []
        if schedule is None or not hasattr(schedule, "start"):
            raise TypeError(f"verify: expected a Schedule, got {schedule!r}")
        start = schedule.start
        if start is None or len(start) != a.n:
            return [VerificationError("schedule does not assign a start time to every operation")]
        ii = 0
        if self.cyclic:
            ii = schedule.ii
            if isinstance(ii, (bool, np.bool_)) or not isinstance(ii, (int, np.integer)) or ii < 1:
                got = "it has none" if ii is None else f"got {ii}"
                return [
                    VerificationError(f"invalid initiation interval: a {self.kind} needs an II >= 1, {got}")
                ]
            ii = int(ii)
        t = _as_int_array(start)
        out = self._op_errors(t < 0, "has negative start time {}", t, limit)
        if out:
            return out
        t, lat, dist, blk = self._exact_arrays(t, ii)
        if a.src.size:
            lhs = t[a.src] + lat[a.src]
            rhs = t[a.dst] + dist * ii
            for e in np.nonzero((lhs > rhs).astype(bool))[0][:limit]:
                i, j, d = int(a.src[e]), int(a.dst[e]), int(a.dist[e])
                dist_txt = f" + dist {d} * II {ii}" if d else ""
                out.append(
                    VerificationError(
                        f"precedence violated: operation {self.op_label(i)} starts at {int(t[i])} "
                        f"with latency {int(a.lat[i])}, but its successor {self.op_label(j)} starts "
                        f"at {int(t[j])}{dist_txt}",
                        Subject("op", j),
                    )
                )
        if limit is not None and len(out) >= limit:
            return out[:limit]
        if self.latency_bound is not None:
            late = np.nonzero((t + lat > self.latency_bound).astype(bool))[0]
            for i in late[:limit]:
                out.append(
                    VerificationError(
                        f"latency bound violated: operation {self.op_label(int(i))} finishes at "
                        f"{int(t[i] + lat[i])} > bound {self.latency_bound}",
                        Subject("op", int(i)),
                    )
                )
        if self.shared and (self.latency_bound is None or getattr(self, "keep_limits", False)):
            out.extend(self._resource_violations(t, ii if self.cyclic else 0, limit, blk))
        if limit is not None and len(out) >= limit:
            return out[:limit]
        if self.chaining:
            out.extend(self._chaining_violations(t, schedule.z, ii, limit, lat, dist))
        return out[:limit] if limit is not None else out

    def _exact_arrays(self, t, ii: int):
        """(t, lat, dist, blocking) as int64 when every sum the checks form stays
        below 2^63, else as object arrays of Python ints (exact, slower)."""
        a = self.arrays

        def mag(x):
            if x.size == 0:
                return 0
            return max(abs(int(x.max())), abs(int(x.min())))

        big = max(mag(t), mag(a.lat), mag(a.blocking))
        if t.dtype != object and big < _SAFE and mag(a.dist) * ii < _SAFE:
            return t, a.lat, a.dist, a.blocking
        return (_as_object(t), _as_object(a.lat), _as_object(a.dist), _as_object(a.blocking))

    def expanded_uses(
        self, limited_only: bool = True, too_many: str | None = None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(op, resource, offset) for each blocked step of each resource use (of
        the limited resources only, or of all): one row per step an op keeps a
        unit busy.  UnsupportedProblemError beyond ``MAX_USAGE_ROWS`` rows, with
        ``too_many`` (formatted with ``name``, ``rows`` and ``max``) as message
        when given."""
        a = self.arrays
        ops, res = self.limited_uses() if limited_only else (a.use_op, a.use_res)
        blk = a.blocking[ops]
        rows = int(blk.sum(dtype=object)) if blk.size else 0
        if rows > MAX_USAGE_ROWS:
            raise UnsupportedProblemError(
                (too_many or _USAGE_TOO_MANY).format(name=self.name, rows=rows, max=MAX_USAGE_ROWS)
            )
        rep = np.repeat(np.arange(ops.size), blk)
        offs = np.arange(rep.size) - np.repeat(np.cumsum(blk) - blk, blk)
        return ops[rep], res[rep], offs

    def usage_table(
        self, start: np.ndarray | Sequence[int], ii: int = 0
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Occupied (resource, step) keys: for each use of a limited resource and
        each blocked cycle, the op, resource and step (folded mod ii when ii > 0).
        One row per blocked step: UnsupportedProblemError beyond
        ``MAX_USAGE_ROWS`` rows (use ``objectives.peak_usage`` for peaks)."""
        ops, res, offs = self.expanded_uses(True)
        steps = np.asarray(start, dtype=np.int64)[ops] + offs
        if ii:
            steps = steps % ii
        return ops, res, steps

    def _resource_violations(self, t, ii, limit, blk=None):
        a = self.arrays
        ops, res = self.limited_uses()
        if ops.size == 0:
            return []
        if blk is None:
            blk = a.blocking
        blk = blk[ops]
        if t.dtype != object and int(blk.sum()) <= 4 * ops.size + 65536:
            found = self._over_expanded(t, ii, ops, res, blk)
        else:  # huge blocking times or numbers: sweep the intervals exactly
            found = self._over_swept(t, ii, ops, res, blk)
        out = []
        for r, s, cnt, users in found[:limit]:
            names = ", ".join(self.op_label(int(u)) for u in users[:8])
            where = f"congruence class {s} (mod II {ii})" if ii else f"step {s}"
            out.append(
                VerificationError(
                    f"resource limit violated: {cnt} operations use "
                    f"'@{self.resource_types[r].name}' (limit {int(a.limit[r])}) in {where}: "
                    f"{names}",
                    Subject("op", int(users[-1])),
                )
            )
        return out

    def _over_expanded(self, t, ii, ops, res, blk):
        """(resource, step, count, users) where a limit is exceeded, one row per
        blocked step (int64; the total of blocking times is small)."""
        a = self.arrays
        rep = np.repeat(np.arange(ops.size), blk)
        offs = np.arange(rep.size) - np.repeat(np.cumsum(blk) - blk, blk)
        ops, res = ops[rep], res[rep]
        steps = t[ops] + offs
        if ii:
            steps = steps % ii
        order = np.lexsort((steps, res))  # stable: users stay in op order
        rs, ss, us = res[order], steps[order], ops[order]
        new = np.ones(rs.size, dtype=bool)
        new[1:] = (rs[1:] != rs[:-1]) | (ss[1:] != ss[:-1])
        first = np.nonzero(new)[0]
        cnt = np.diff(np.append(first, rs.size))
        over = np.nonzero(cnt > a.limit[rs[first]])[0]
        return [
            (int(rs[first[k]]), int(ss[first[k]]), int(cnt[k]), np.unique(us[first[k] : first[k] + cnt[k]]))
            for k in over
        ]

    def _over_swept(self, t, ii, ops, res, blk):
        """Same as :meth:`_over_expanded`, exact on Python ints and linear in the
        number of uses: each use occupies the half-open interval [t, t + blocking)
        (folded mod II: blocking // II full turns plus a partial interval); the
        first step of each run where the count exceeds the limit is reported."""
        a = self.arrays
        per_res: dict[int, list] = {}
        for i, r, b in zip(ops.tolist(), res.tolist(), blk.tolist()):
            per_res.setdefault(r, []).append((i, int(t[i]), int(b)))
        found = []
        for r in sorted(per_res):
            cap = int(a.limit[r])
            uses = per_res[r]
            base, events = 0, []
            for _, s, b in uses:
                if ii:
                    k, rem = divmod(b, ii)
                    base += k
                    s0 = s % ii
                    parts = (
                        []
                        if rem == 0
                        else ([(s0, s0 + rem)] if s0 + rem <= ii else [(s0, ii), (0, s0 + rem - ii)])
                    )
                else:
                    parts = [(s, s + b)]
                for lo, hi in parts:
                    events.append((lo, 1))
                    events.append((hi, -1))
            events.sort()
            if ii and (not events or events[0][0] > 0):
                events.insert(0, (0, 0))
            count, over, k = base, False, 0
            while k < len(events):
                pos = events[k][0]
                while k < len(events) and events[k][0] == pos:
                    count += events[k][1]
                    k += 1
                if count > cap and not over and (not ii or pos < ii):
                    users = [i for i, s, b in uses if _covers(s, b, pos, ii)]
                    found.append((r, pos, count, np.asarray(users, dtype=np.int64)))
                over = count > cap
        return found

    def _op_errors(self, bad: np.ndarray, what: str, values: np.ndarray, limit) -> list[VerificationError]:
        """One error per op flagged in ``bad`` (up to ``limit``): "operation X
        ``what``", its ``{}`` filled with the op's value."""
        return [
            VerificationError(
                f"operation {self.op_label(int(i))} " + what.format(int(values[i]) if "{}" in what else ""),
                Subject("op", int(i)),
            )
            for i in np.nonzero(np.asarray(bad, dtype=bool))[0][:limit]
        ]

    def _chaining_violations(self, t, z, ii, limit, lat=None, dist=None):
        a = self.arrays
        out = []
        if lat is None:
            lat, dist = a.lat, a.dist
        if z is None or len(z) != a.n:  # CIRCT names the first op without z
            if a.n == 0:
                return []
            return [
                VerificationError(
                    f"operation {self.op_label(0)} has no non-negative start time in cycle", Subject("op", 0)
                )
            ]
        z = np.asarray(z, dtype=np.float64)
        out = self._op_errors(~(z >= 0), "has no non-negative start time in cycle", z, limit)
        if out:
            return out
        out_d = np.array([o.outgoing_delay or 0.0 for o in self.operator_types])[a.otype]
        in_d = np.array([o.incoming_delay or 0.0 for o in self.operator_types])[a.otype]
        if a.src.size:
            s, d = a.src, a.dst
            same = (~a.aux) & (t[s] + lat[s] >= t[d] + dist * ii).astype(bool)
            stic = np.where(a.lat[s] == 0, z[s], 0.0)
            viol = same & (stic + out_d[s] > z[d] + 1e-6)
            for e in np.nonzero(viol)[0][:limit]:
                i, j = int(s[e]), int(d[e])
                out.append(
                    VerificationError(
                        f"precedence violated in cycle {int(t[j])}: operation {self.op_label(i)} "
                        f"delivers its result at z={stic[e] + out_d[i]:g}, after its successor "
                        f"{self.op_label(j)} starts at z={z[j]:g}",
                        Subject("op", j),
                    )
                )
        if self.cycle_time is not None:
            end = z + np.where(a.lat == 0, out_d, in_d)
            for i in np.nonzero(end > self.cycle_time + 1e-6)[0][:limit]:
                out.append(
                    VerificationError(
                        f"operation {self.op_label(int(i))} exceeds the cycle time "
                        f"{self.cycle_time:g}: its combinational path ends at {end[i]:g}",
                        Subject("op", int(i)),
                    )
                )
        return out


def _covers(s: int, b: int, pos: int, ii: int) -> bool:
    """Whether a use starting at ``s`` and blocking ``b`` steps occupies ``pos``
    (a step, or a congruence class mod ``ii`` when ``ii`` > 0)."""
    if not ii:
        return s <= pos < s + b
    return b >= ii or (pos - s) % ii < b


def _as_int_array(start) -> np.ndarray:
    """Start times as int64 (object for Python ints beyond int64)."""
    arr = np.asarray(start)
    if arr.dtype == object:
        vals = arr.tolist()
        if any(isinstance(v, bool) or not isinstance(v, (int, np.integer)) for v in vals):
            raise TypeError("start times must be integers")
        try:
            return np.asarray(vals, dtype=np.int64)
        except OverflowError:
            return np.array([int(v) for v in vals], dtype=object)
    if arr.dtype.kind not in "iu":
        raise TypeError(f"start times must be integers, got {arr.dtype}")
    return arr.astype(np.int64, copy=False)


def _as_object(x: np.ndarray) -> np.ndarray:
    out = np.empty(x.shape, dtype=object)
    out[:] = [int(v) for v in x.tolist()]
    return out


class CyclicProblem(Problem):
    kind = "CyclicProblem"
    cyclic = True


class SharedOperatorsProblem(Problem):
    kind = "SharedOperatorsProblem"
    shared = True


class SharedResourcesProblem(SharedOperatorsProblem):
    """CIRCT's newer name for the same resource-constrained problem."""

    kind = "SharedResourcesProblem"


class ModuloProblem(CyclicProblem, SharedOperatorsProblem):
    kind = "ModuloProblem"


class ChainingProblem(Problem):
    kind = "ChainingProblem"
    chaining = True


class ChainingCyclicProblem(ChainingProblem, CyclicProblem):
    kind = "ChainingCyclicProblem"


PROBLEM_KINDS: dict[str, type[Problem]] = {
    cls.kind: cls
    for cls in (
        Problem,
        CyclicProblem,
        SharedOperatorsProblem,
        SharedResourcesProblem,
        ModuloProblem,
        ChainingProblem,
        ChainingCyclicProblem,
    )
}


def copy_as(problem: Problem, kind: type[Problem]) -> Problem:
    """A shallow structural copy of ``problem`` as another kind (lists are shared
    until either side is modified; arrays are re-frozen lazily)."""
    new = kind.__new__(kind)
    new.__dict__.update(problem.__dict__)
    for attr in (
        "operator_types",
        "resource_types",
        "op_names",
        "op_type",
        "op_uses",
        "op_results",
        "_src",
        "_dst",
        "_dist",
        "_aux",
        "_result",
        "op_weight",
        "_bits",
        "op_bits",
    ):
        if hasattr(problem, attr):
            setattr(new, attr, list(getattr(problem, attr)))
    new._otype_index = dict(problem._otype_index)
    new._rtype_index = dict(problem._rtype_index)
    new._implicit_res = dict(problem._implicit_res)
    new.locations = dict(problem.locations)
    new._arrays = None
    return new


def time_constrained(problem: Problem, latency_bound: int, keep_limits: bool = False) -> Problem:
    """The time-constrained dual: every op finishes within ``latency_bound`` steps.
    By default the file's limits are ignored by ``verify`` and the objective is
    the (weighted) peak usage per resource (see :mod:`objectives`); with
    ``keep_limits`` (register objectives) the limits stay constraints."""
    latency_bound = _int_arg("time_constrained", "latency_bound", latency_bound, lo=0)
    new = copy_as(problem, type(problem))
    new.latency_bound = latency_bound
    new.keep_limits = bool(keep_limits)
    return new
