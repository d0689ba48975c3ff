"""Work budgets and wall-clock caps of the iterative methods (``gaus``,
``gs-schedule``, ``hybrid``, ``cpsat``).

Reproducibility contract: a method's output depends only on the problem and
its options, never on the machine's speed or load, unless the wall clock cut
the search short, and then ``Schedule.stats["ended_by"]`` says so:

* ``"work-budget"``: a deterministic work budget ended the search (GauS's
  optimiser iterations, the estimated cost of the legalization candidates,
  CP-SAT's deterministic time);
* ``"converged"``: the method finished before any budget ran out (a proven
  optimum, a trivial problem, a shortcut);
* ``"time-limit"``: the wall-clock cap ``time_limit`` stopped some step early;
  the output may then differ from run to run.

``time_limit`` (seconds) does both: it is the hard wall-clock cap of the whole
method (relaxation, legalization and CP-SAT together; each loop checks it) and
it sets the deterministic work budget, ``WORK_PER_SECOND * time_limit``
"deterministic seconds" (our cost model, calibrated so that the budget normally
runs out well before the cap on a loaded 2-core machine).  Without
``time_limit`` the work budget is the method's own (GauS: its iterations and
every legalization candidate; gs-schedule: its epochs) and there is no cap
(``cpsat`` and ``hybrid`` default to ``time_limit=10``).  Not interruptible,
so they can overrun a tiny limit: the baseline every method keeps as its
fallback (ALAP list schedule, list-bisect, IMS), torch's import, one
gs-schedule epoch, building a CP-SAT model.

Costs are estimates in deterministic seconds computed from the problem's size
only (:func:`list_cost`, :func:`relax_iteration_cost`, ...), so the steps a
budget allows are the same on every machine.  The clock is
:data:`_clock` (tests replace it with a fake one).
"""

from __future__ import annotations

import math
import time

_clock = time.perf_counter

# deterministic seconds of work per second of time_limit (GauS, gs-schedule)
WORK_PER_SECOND = 0.5
# CP-SAT deterministic time per second of time_limit (one worker: 0.03-0.3 per
# wall second here, depending on the model; see the README)
CPSAT_DET_PER_SECOND = 0.1

# cost model (deterministic seconds), calibrated on EPFL sin / arbiter
_RELAX_ELEM = 45e-9  # per element of B x (|V| + |E| + 20 uses) per iteration
_RELAX_STEP = 4e-3  # per iteration, whatever the size (torch dispatch, autograd)
_LIST_ELEM = 1.2e-6  # per element of |V| + |E| + uses (list / serial / greedy pass)
_SCAN_ELEM = 1e-8  # per load cell scanned by polish_moves
_FIXED = 0.8  # start-up (torch import, tensors) charged once per relaxation


def now() -> float:
    return _clock()


class Budget:
    """A wall-clock cap (``time_limit`` seconds from now, or none) and a
    deterministic work budget (``work`` deterministic seconds, or none)."""

    def __init__(self, time_limit: float | None = None, work: float | None = None):
        self.start = now()
        self.time_limit = None if time_limit is None else float(time_limit)
        self.deadline = None if time_limit is None else self.start + float(time_limit)
        self.work = None if work is None else float(work)
        self.used = 0.0
        self.time_hit = False
        self.work_hit = False

    @classmethod
    def for_time_limit(cls, time_limit: float | None, per_second: float = WORK_PER_SECOND) -> Budget:
        """Cap ``time_limit`` and work ``per_second * time_limit`` (none without it)."""
        if time_limit is None:
            return cls()
        return cls(time_limit, per_second * float(time_limit))

    # ------------------------------------------------------------ wall clock
    def elapsed(self) -> float:
        return now() - self.start

    def seconds_left(self) -> float:
        if self.deadline is None:
            return math.inf
        return max(0.0, self.deadline - now())

    def out_of_time(self) -> bool:
        """Whether the wall-clock cap has passed (records it)."""
        if self.deadline is not None and now() >= self.deadline:
            self.time_hit = True
            return True
        return False

    # ------------------------------------------------------------------ work
    def charge(self, cost: float) -> None:
        self.used += float(cost)

    def work_left(self) -> float:
        return math.inf if self.work is None else max(0.0, self.work - self.used)

    def afford(self, cost: float) -> bool:
        """Whether a step of estimated ``cost`` may start: work left for it
        (deterministic) and the cap not passed.  Charges it when it may."""
        if self.work is not None and self.used + cost > self.work:
            self.work_hit = True
            return False
        if self.out_of_time():
            return False
        self.used += float(cost)
        return True

    def ended_by(self, default: str = "work-budget") -> str:
        if self.time_hit:
            return "time-limit"
        if self.work_hit:
            return "work-budget"
        return default


# --------------------------------------------------------------- cost model
def relax_iteration_cost(batch: int, n: int, n_edges: int, n_uses: int) -> float:
    return _RELAX_STEP + _RELAX_ELEM * batch * (n + n_edges + 20 * n_uses)


def relax_fixed_cost() -> float:
    return _FIXED


def list_cost(n: int, n_edges: int, n_uses: int) -> float:
    """One list / serial / greedy schedule construction."""
    return _LIST_ELEM * (n + n_edges + n_uses)


def scan_cost(cells: int) -> float:
    return _SCAN_ELEM * cells


__all__ = [
    "Budget",
    "WORK_PER_SECOND",
    "CPSAT_DET_PER_SECOND",
    "list_cost",
    "relax_fixed_cost",
    "relax_iteration_cost",
    "scan_cost",
]


def memory_available(cuda: bool) -> int:
    """Bytes a relaxation may use: half the physical memory (and of an
    address-space limit), or of the GPU's memory."""
    if cuda:
        try:
            import torch

            return int(torch.cuda.get_device_properties(0).total_memory) // 2
        except Exception:  # pragma: no cover
            return 1 << 62
    import os

    avail = 1 << 62
    try:
        avail = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):  # pragma: no cover
        pass
    try:
        import resource

        soft = resource.getrlimit(resource.RLIMIT_AS)[0]
        if soft != resource.RLIM_INFINITY:
            avail = min(avail, soft)
    except (ImportError, ValueError, OSError):  # pragma: no cover
        pass
    return avail // 2
