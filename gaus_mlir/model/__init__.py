"""Problem model layer: no mlir, no torch."""

from .errors import (
    InfeasibleError,
    ProblemError,
    SchedulingError,
    Subject,
    UnsupportedProblemError,
    VerificationError,
)
from .problem import (
    PROBLEM_KINDS,
    ChainingCyclicProblem,
    ChainingProblem,
    CyclicProblem,
    ModuloProblem,
    OperatorType,
    Problem,
    ResourceType,
    SharedOperatorsProblem,
    SharedResourcesProblem,
    copy_as,
    time_constrained,
)
from .schedule import Schedule

__all__ = [
    "ChainingCyclicProblem",
    "ChainingProblem",
    "CyclicProblem",
    "InfeasibleError",
    "ModuloProblem",
    "OperatorType",
    "PROBLEM_KINDS",
    "Problem",
    "ProblemError",
    "ResourceType",
    "Schedule",
    "SchedulingError",
    "SharedOperatorsProblem",
    "SharedResourcesProblem",
    "Subject",
    "UnsupportedProblemError",
    "VerificationError",
    "copy_as",
    "time_constrained",
]
