"""Cooperative cancellation for long solver calls (SIGINT / SIGTERM).

The driver turns SIGINT and SIGTERM into :class:`Interrupted` (a
``KeyboardInterrupt``) raised in the main thread.  Pure Python loops (GauS,
list scheduling, ...) stop at the next bytecode; native solvers that block in
C++ (CP-SAT) run through :func:`solve_cpsat`, which keeps the main thread
listening and stops the search when an interrupt arrives.  Code that may run
inside a native callback (an MLIR pass) can call :func:`check` to re-raise an
interrupt that a C++ frame swallowed.
"""

from __future__ import annotations

import signal
import threading

_requested: int | None = None


class Interrupted(KeyboardInterrupt):
    """The run was interrupted by signal ``signum`` (SIGINT or SIGTERM)."""

    def __init__(self, signum: int = signal.SIGINT):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        return 128 + int(self.signum)


def request(signum: int = signal.SIGINT) -> None:
    """Record an interrupt (called from a signal handler)."""
    global _requested
    _requested = signum


def requested() -> int | None:
    """The signal number of a pending interrupt, or None."""
    return _requested


def reset() -> None:
    global _requested
    _requested = None


def check() -> None:
    """Raise :class:`Interrupted` if an interrupt was requested."""
    if _requested is not None:
        raise Interrupted(_requested)


def _signum_of(exc: BaseException) -> int:
    return getattr(exc, "signum", None) or _requested or signal.SIGINT


def solve_cpsat(solver: object, model: object, callback: object | None = None) -> int:
    """``solver.Solve(model, callback)`` that an interrupt stops within ~0.1 s.

    CP-SAT's own SIGINT handling is switched off (it would end the search
    as if the time limit had been reached); on the main thread the solve runs
    in a worker thread while this thread waits for signals, and an interrupt
    calls ``StopSearch`` and re-raises :class:`Interrupted`."""
    solver.parameters.catch_sigint_signal = False
    check()
    if threading.current_thread() is not threading.main_thread():
        status = solver.Solve(model, callback)
        check()
        return status
    box: dict = {}
    done = threading.Event()

    def work():
        try:
            box["status"] = solver.Solve(model, callback)
        except BaseException as e:  # re-raised in the caller's thread
            box["error"] = e
        finally:
            done.set()

    # Wait on an Event, not Thread.join: a KeyboardInterrupt inside join() can
    # mark a running thread as stopped (CPython < 3.13).
    worker = threading.Thread(target=work, name="cpsat-solve", daemon=True)
    worker.start()
    try:
        while not done.wait(0.05):
            check()
    except KeyboardInterrupt as e:
        solver.StopSearch()
        while True:
            try:
                done.wait()
                break
            except KeyboardInterrupt:
                solver.StopSearch()
        raise Interrupted(_signum_of(e)) from None
    if "error" in box:
        raise box["error"]
    return box["status"]


__all__ = ["Interrupted", "check", "request", "requested", "reset", "solve_cpsat"]
