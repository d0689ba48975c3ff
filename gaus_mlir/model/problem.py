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

from dataclasses import dataclass
from types import SimpleNamespace
from typing import Iterable

import numpy as np

from .errors import ProblemError, Subject, VerificationError


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
        # Free-form data a bridge wants to keep (e.g. source locations).
        self.locations: dict[Subject, object] = {}
        self._arrays: SimpleNamespace | None = None

    # ------------------------------------------------------------------ build
    def add_operator_type(self, name: str, latency: int | None = None, *,
                          incoming_delay: float | None = None,
                          outgoing_delay: float | None = None,
                          blocking: int | None = None,
                          limit: int | None = None) -> int:
        if name in self._otype_index:
            raise ProblemError(f"redefinition of operator type '@{name}'",
                               Subject("operator_type", name))
        self._arrays = None
        idx = len(self.operator_types)
        self.operator_types.append(OperatorType(name, latency, incoming_delay,
                                                outgoing_delay, blocking, limit))
        self._otype_index[name] = idx
        if limit is not None:
            r = len(self.resource_types)
            self.resource_types.append(ResourceType(name, limit, implicit=True))
            self._implicit_res[idx] = r
        return idx

    def add_resource_type(self, name: str, limit: int | None = None) -> int:
        if name in self._rtype_index:
            raise ProblemError(f"redefinition of resource type '@{name}'",
                               Subject("resource_type", name))
        self._arrays = None
        idx = len(self.resource_types)
        self.resource_types.append(ResourceType(name, limit))
        self._rtype_index[name] = idx
        return idx

    def set_limit(self, r: int, limit: int | None) -> None:
        """Change resource ``r``'s limit (also on its operator type if implicit)."""
        self._arrays = None
        res = self.resource_types[r]
        res.limit = limit
        if res.implicit:
            self.operator_types[self._otype_index[res.name]].limit = limit

    def operator_type_index(self, name: str) -> int | None:
        return self._otype_index.get(name)

    def resource_type_index(self, name: str) -> int | None:
        return self._rtype_index.get(name)

    def add_op(self, op_type: int | str, name: str | None = None,
               uses: Iterable[int | str] = (), results: int = 1, *,
               weight: float = 1.0) -> int:
        """Add an op; ``weight`` scales each of its resource uses in the
        time-constrained objective (weighted peak usage) only."""
        if isinstance(op_type, str):
            op_type = self._otype_index[op_type]
        res = tuple(self._rtype_index[u] if isinstance(u, str) else int(u) for u in uses)
        self._arrays = None
        self.op_names.append(name)
        self.op_type.append(int(op_type))
        self.op_uses.append(res)
        self.op_results.append(results)
        self.op_weight.append(float(weight))
        return len(self.op_type) - 1

    def add_dependence(self, src: int, dst: int, dist: int = 0, *,
                       aux: bool = False, result: int = 0, bits: float = 1.0) -> int:
        """Add ``src -> dst``; ``bits`` weighs the edge in the communication
        objective only (``objectives.communication``)."""
        self._arrays = None
        self._bits.append(float(bits))
        self._src.append(src)
        self._dst.append(dst)
        self._dist.append(dist)
        self._aux.append(aux)
        self._result.append(-1 if aux else result)
        return len(self._src) - 1

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
                raise ProblemError(f"no operation named '@{self.last_op_name}' "
                                   "to use as the objective") from None
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
        1: its weight in the communication objective)."""
        if self._arrays is None:
            self._arrays = self._freeze()
        return self._arrays

    def _freeze(self) -> SimpleNamespace:
        n = self.num_ops
        otype = np.asarray(self.op_type, dtype=np.int64)
        lat_t = np.array([-1 if o.latency is None else o.latency
                          for o in self.operator_types], dtype=np.int64)
        blk_t = np.array([1 if o.blocking is None else o.blocking
                          for o in self.operator_types], dtype=np.int64)
        counts = np.fromiter((len(u) for u in self.op_uses), dtype=np.int64, count=n)
        flat = [r for u in self.op_uses for r in u]
        if self._implicit_res:
            ptr_list, flat = [0], []
            for i in range(n):
                flat.extend(self.op_uses[i])
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
        limit = np.array([-1 if r.limit is None else r.limit
                          for r in self.resource_types], dtype=np.int64)
        return SimpleNamespace(
            n=n, otype=otype,
            lat=lat_t[otype] if n else np.zeros(0, np.int64),
            blocking=blk_t[otype] if n else np.zeros(0, np.int64),
            src=np.asarray(self._src, dtype=np.int64),
            dst=np.asarray(self._dst, dtype=np.int64),
            dist=np.asarray(self._dist, dtype=np.int64),
            aux=np.asarray(self._aux, dtype=bool),
            result=np.asarray(self._result, dtype=np.int64),
            use_ptr=use_ptr, use_res=use_res, use_op=use_op, limit=limit,
            weight=self._weights(n), bits=self._edge_bits(len(self._src)))

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
            self.last_op  # raises if last_op_name is unknown
            return
        n = a.n
        used_types = np.unique(a.otype) if n else np.zeros(0, np.int64)
        for t in used_types:
            o = self.operator_types[int(t)]
            first = int(np.argmax(a.otype == t))
            if o.name == "":
                raise ProblemError(f"operation {self.op_label(first)} has no operator type",
                                   Subject("op", first))
            if o.latency is None:
                raise ProblemError(f"operator type '@{o.name}' of operation "
                                   f"{self.op_label(first)} has no latency",
                                   Subject("operator_type", o.name))
            if o.latency < 0:
                raise ProblemError(f"operator type '@{o.name}' has negative latency "
                                   f"{o.latency}", Subject("operator_type", o.name))
            if o.blocking is not None and o.blocking < 1:
                raise ProblemError(f"operator type '@{o.name}' has blocking time "
                                   f"{o.blocking}; it must be >= 1",
                                   Subject("operator_type", o.name))
            if self.chaining:
                self._check_delays(o)
        for r in self.resource_types:
            if r.limit is not None and r.limit < 1:
                subj = Subject("operator_type" if r.implicit else "resource_type", r.name)
                raise ProblemError(f"resource type '@{r.name}' has limit {r.limit}; "
                                   "a limit must be >= 1", subj)
        if self.shared:
            ops, res = self.limited_uses()
            bad = np.nonzero(a.lat[ops] == 0)[0]
            if bad.size:
                i, r = int(ops[bad[0]]), int(res[bad[0]])
                raise ProblemError(
                    f"operation {self.op_label(i)} has latency 0 but uses limited "
                    f"resource '@{self.resource_types[r].name}'", Subject("op", i))
        if a.src.size:
            bad = np.nonzero((a.src < 0) | (a.src >= n) | (a.dst < 0) | (a.dst >= n))[0]
            if bad.size:
                raise ProblemError("dependence refers to a missing operation",
                                   Subject("dependence", int(bad[0])))
            neg = np.nonzero(a.dist < 0)[0]
            if neg.size:
                e = int(neg[0])
                raise ProblemError(f"dependence into operation {self.op_label(int(a.dst[e]))} "
                                   f"has negative distance {int(a.dist[e])}",
                                   Subject("op", int(a.dst[e])))
            if not self.cyclic:
                pos = np.nonzero(a.dist > 0)[0]
                if pos.size:
                    e = int(pos[0])
                    raise ProblemError(
                        f"dependence into operation {self.op_label(int(a.dst[e]))} has a "
                        f"distance, but a {self.kind} has no loop-carried dependences",
                        Subject("op", int(a.dst[e])))
        from .graph import find_zero_distance_cycle
        cyc = find_zero_distance_cycle(self)
        if cyc is not None:
            names = " -> ".join(self.op_label(i) for i in cyc[:6])
            more = " -> ..." if len(cyc) > 6 else ""
            raise ProblemError(f"dependence cycle with zero total distance: {names}{more}",
                               Subject("op", cyc[0]))
        a.checked = True
        self.last_op  # raises if last_op_name is unknown

    def _check_delays(self, o: OperatorType) -> None:
        subj = Subject("operator_type", o.name)
        if o.incoming_delay is None or o.outgoing_delay is None:
            raise ProblemError(f"missing delays for operator type '@{o.name}'", subj)
        if o.incoming_delay < 0 or o.outgoing_delay < 0:
            raise ProblemError(f"negative delays for operator type '@{o.name}'", subj)
        if o.latency == 0 and o.incoming_delay != o.outgoing_delay:
            raise ProblemError("incoming & outgoing delay must be equal for zero-latency "
                               f"operator type '@{o.name}'", subj)

    # ----------------------------------------------------------------- verify
    def verify(self, schedule) -> None:
        """Raise VerificationError naming the op and constraint of the first violation."""
        errs = self.violations(schedule, limit=1)
        if errs:
            raise errs[0]

    def violations(self, schedule, limit: int | None = None) -> list[VerificationError]:
        a = self.arrays
        out: list[VerificationError] = []
        start = schedule.start
        if start is None or len(start) != a.n:
            return [VerificationError("schedule does not assign a start time to every operation")]
        t = np.asarray(start, dtype=np.int64)
        neg = np.nonzero(t < 0)[0]
        for i in neg[:limit]:
            out.append(VerificationError(
                f"operation {self.op_label(int(i))} has negative start time {int(t[i])}",
                Subject("op", int(i))))
        if out:
            return out
        ii = 0
        if self.cyclic:
            ii = schedule.ii
            if ii is None or ii < 1:
                return [VerificationError(f"{self.kind} needs an initiation interval >= 1, "
                                          f"got {ii}")]
        if a.src.size:
            lhs = t[a.src] + a.lat[a.src]
            rhs = t[a.dst] + a.dist * ii
            for e in np.nonzero(lhs > rhs)[0][:limit]:
                i, j, d = int(a.src[e]), int(a.dst[e]), int(a.dist[e])
                dist_txt = f" + dist {d} * II {ii}" if d else ""
                out.append(VerificationError(
                    f"precedence violated: operation {self.op_label(i)} starts at {int(t[i])} "
                    f"with latency {int(a.lat[i])}, but its successor {self.op_label(j)} starts "
                    f"at {int(t[j])}{dist_txt}", Subject("op", j)))
        if limit is not None and len(out) >= limit:
            return out[:limit]
        if self.latency_bound is not None:
            late = np.nonzero(t + a.lat > self.latency_bound)[0]
            for i in late[:limit]:
                out.append(VerificationError(
                    f"latency bound violated: operation {self.op_label(int(i))} finishes at "
                    f"{int(t[i] + a.lat[i])} > bound {self.latency_bound}", Subject("op", int(i))))
        elif self.shared:
            out.extend(self._resource_violations(t, ii if self.cyclic else 0, limit))
        if self.chaining and schedule.z is not None:
            out.extend(self._chaining_violations(t, np.asarray(schedule.z, float), ii, limit))
        elif self.chaining:
            out.append(VerificationError(f"{self.kind} needs a start time in cycle (z) "
                                         "for every operation"))
        return out[:limit] if limit is not None else out

    def usage_table(self, start, ii: int = 0):
        """Occupied (resource, step) keys: for each use of a limited resource and
        each blocked cycle, the op, resource and step (folded mod ii when ii > 0)."""
        a = self.arrays
        ops, res = self.limited_uses()
        blk = a.blocking[ops]
        rep = np.repeat(np.arange(ops.size), blk)
        offs = np.arange(rep.size) - np.repeat(np.cumsum(blk) - blk, blk)
        ops, res = ops[rep], res[rep]
        steps = np.asarray(start, dtype=np.int64)[ops] + offs
        if ii:
            steps = steps % ii
        return ops, res, steps

    def _resource_violations(self, t, ii, limit):
        a = self.arrays
        ops, res, steps = self.usage_table(t, ii)
        if ops.size == 0:
            return []
        base = int(steps.max()) + 1
        key = res * base + steps
        uniq, inv, cnt = np.unique(key, return_inverse=True, return_counts=True)
        over = np.nonzero(cnt > a.limit[uniq // base])[0]
        out = []
        for k in over[:limit]:
            r, s = int(uniq[k] // base), int(uniq[k] % base)
            users = ops[inv == k]
            names = ", ".join(self.op_label(int(u)) for u in users[:8])
            where = f"congruence class {s} (mod II {ii})" if ii else f"step {s}"
            out.append(VerificationError(
                f"resource limit violated: {int(cnt[k])} operations use "
                f"'@{self.resource_types[r].name}' (limit {int(a.limit[r])}) in {where}: "
                f"{names}", Subject("op", int(users[-1]))))
        return out

    def _chaining_violations(self, t, z, ii, limit):
        a = self.arrays
        out = []
        bad = np.nonzero(~(z >= 0))[0]
        for i in bad[:limit]:
            out.append(VerificationError(
                f"operation {self.op_label(int(i))} has no non-negative start time in cycle",
                Subject("op", int(i))))
        out_d = np.array([o.outgoing_delay or 0.0 for o in self.operator_types])[a.otype]
        in_d = np.array([o.incoming_delay or 0.0 for o in self.operator_types])[a.otype]
        if a.src.size:
            s, d = a.src, a.dst
            same = (~a.aux) & (t[s] + a.lat[s] >= t[d] + a.dist * ii)
            stic = np.where(a.lat[s] == 0, z[s], 0.0)
            viol = same & (stic + out_d[s] > z[d] + 1e-6)
            for e in np.nonzero(viol)[0][:limit]:
                i, j = int(s[e]), int(d[e])
                out.append(VerificationError(
                    f"precedence in cycle violated: operation {self.op_label(i)} delivers its "
                    f"result at {stic[e] + out_d[i]:g} in step {int(t[j])}, after its successor "
                    f"{self.op_label(j)} starts at z={z[j]:g}", Subject("op", j)))
        if self.cycle_time is not None:
            end = z + np.where(a.lat == 0, out_d, in_d)
            for i in np.nonzero(end > self.cycle_time + 1e-6)[0][:limit]:
                out.append(VerificationError(
                    f"operation {self.op_label(int(i))} exceeds the cycle time "
                    f"{self.cycle_time:g}: its combinational path ends at {end[i]:g}",
                    Subject("op", int(i))))
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
    cls.kind: cls for cls in (Problem, CyclicProblem, SharedOperatorsProblem,
                              SharedResourcesProblem, ModuloProblem, ChainingProblem,
                              ChainingCyclicProblem)
}


def copy_as(problem: Problem, kind: type[Problem]) -> Problem:
    """A shallow structural copy of ``problem`` as another kind (lists are shared
    until either side is modified; arrays are re-frozen lazily)."""
    new = kind.__new__(kind)
    new.__dict__.update(problem.__dict__)
    for attr in ("operator_types", "resource_types", "op_names", "op_type", "op_uses",
                 "op_results", "_src", "_dst", "_dist", "_aux", "_result",
                 "op_weight", "_bits"):
        if hasattr(problem, attr):
            setattr(new, attr, list(getattr(problem, attr)))
    new._otype_index = dict(problem._otype_index)
    new._rtype_index = dict(problem._rtype_index)
    new._implicit_res = dict(problem._implicit_res)
    new.locations = dict(problem.locations)
    new._arrays = None
    return new


def time_constrained(problem: Problem, latency_bound: int) -> Problem:
    """The time-constrained dual: every op finishes within ``latency_bound`` steps;
    the file's limits are ignored by ``verify`` and the objective is the (weighted)
    peak usage per resource (see :mod:`objectives`)."""
    new = copy_as(problem, type(problem))
    new.latency_bound = int(latency_bound)
    return new
