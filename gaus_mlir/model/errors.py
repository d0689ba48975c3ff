"""Errors raised by the problem model.

Each error names its *subject* (an op index, an operator or resource type, a
dependence, or the instance) so that an IR bridge can map it back to a source
location without the model knowing anything about text or MLIR.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Subject:
    """What an error is about: ``kind`` in {"op", "operator_type", "resource_type",
    "dependence", "instance"} and ``key`` (op index, type name, edge index)."""

    kind: str
    key: object = None


class SchedulingError(Exception):
    """Base class: a message plus the subject it is about."""

    def __init__(self, message: str, subject: Subject | None = None):
        super().__init__(message)
        self.message = message
        self.subject = subject or Subject("instance")


class ProblemError(SchedulingError):
    """The input problem is malformed (raised by ``check()``)."""


class ProblemValueError(ProblemError, ValueError):
    """An argument of the model's build API has a value out of its supported
    range (also a ValueError, so plain Python callers can catch it as one)."""


class ProblemTypeError(ProblemError, TypeError):
    """An argument of the model's build API has the wrong type (e.g. a float or
    a bool where an integer is expected); also a TypeError."""


class VerificationError(SchedulingError):
    """A schedule violates a constraint (raised by ``verify()``)."""


class UnsupportedProblemError(SchedulingError):
    """A scheduler was given a problem kind or option it does not handle."""


class InfeasibleError(SchedulingError):
    """A scheduler proved or concluded that no schedule exists within its limits."""
