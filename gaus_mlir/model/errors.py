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


class VerificationError(SchedulingError):
    """A schedule violates a constraint (raised by ``verify()``)."""


class UnsupportedProblemError(SchedulingError):
    """A scheduler was given a problem kind or option it does not handle."""


class InfeasibleError(SchedulingError):
    """A scheduler proved or concluded that no schedule exists within its limits."""
