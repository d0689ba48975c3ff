"""What a parsed SSP file turns into: instances (a problem model plus the
schedule already in the file) and the few facts about the text the printer
needs to write it back the same way."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..diagnostics import Diagnostic
from ..model import Problem, Schedule, Subject, VerificationError


class SSPSyntaxError(Diagnostic):
    """Malformed SSP text, or a reference that does not resolve; positions are
    1-based like MLIR's diagnostics."""

    def __init__(self, message: str, filename: str = "<stdin>", line: int = 1, col: int = 1):
        super().__init__(message, filename, line, col)


@dataclass
class InstanceFormat:
    """Spelling details of an instance that the problem model does not hold."""

    # how the instance was named: "symbol" (@name), "string" ("name", older
    # CIRCT) or "none" (anonymous)
    name_style: str = "symbol"
    library_name: str | None = None  # `library @myLib {`
    # CIRCT's loader needs a `resource {}` block (it may be empty); only files
    # read without one (older CIRCT) print back without it
    has_resource_block: bool = True
    resource_name: str | None = None
    # where `uses[...]` goes: "post" (after the operands, this project's files
    # and some CIRCT versions), "pre" (right after `operation<...>`) or "mid"
    # (between the op's name and its operands); and its bracket: "[" or "<"
    uses_pos: str = "post"
    uses_delim: str = "["
    # operator/resource types that live in standalone libraries: model index ->
    # the symbol reference path used to name them (e.g. ("Lib", "MemPort"))
    external_otypes: dict[int, tuple[str, ...]] = field(default_factory=dict)
    external_rtypes: dict[int, tuple[str, ...]] = field(default_factory=dict)
    # ops that spelled a type/resource reference differently from the canonical
    # one (e.g. `@myLib::@x` for a local `@x`): op index -> path(s)
    op_type_refs: dict[int, tuple[str, ...]] = field(default_factory=dict)
    op_uses_refs: dict[int, tuple[tuple[str, ...], ...]] = field(default_factory=dict)
    # z<...> as written (FloatValue keeps the text): op index -> value
    z_values: dict = field(default_factory=dict)
    # operator type index -> its properties in the order written
    otype_order: dict[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass(eq=False)
class SSPInstance:
    """One ``ssp.instance``.

    ``schedule`` holds the ``t<>``/``z<>``/``II<>`` found in the file (None when
    no op has ``t``).  When only some ops have ``t``, the others get start -1 and
    are listed in ``missing_start``; :meth:`start_time_error` reports the first.
    ``loc`` is the (line, col) of ``ssp.instance``; ``ii`` is the instance's
    ``II<>`` property as written (also in ``schedule.ii``).
    """

    problem: Problem
    schedule: Schedule | None = None
    name: str = ""
    loc: tuple[int, int] = (1, 1)
    filename: str = "<stdin>"
    missing_start: list[int] = field(default_factory=list)
    ii: int | None = None
    fmt: InstanceFormat = field(default_factory=InstanceFormat, repr=False)
    document: object = field(default=None, repr=False)

    @property
    def kind(self) -> str:
        return self.problem.kind

    @property
    def has_complete_schedule(self) -> bool:
        return self.schedule is not None and not self.missing_start

    def start_time_error(self) -> VerificationError | None:
        """A VerificationError for the first op without ``t<>`` when the file
        gives start times to some ops but not all (None otherwise)."""
        if self.schedule is None or not self.missing_start:
            return None
        i = self.missing_start[0]
        return VerificationError(f"operation {self.problem.op_label(i)} has no start time", Subject("op", i))

    def schedule_to_verify(self, schedule: Schedule | None) -> Schedule:
        """What gaus-verify checks: ``schedule`` (from an earlier pass, or the
        file's own ``t<>``).  Raises VerificationError in CIRCT's order: a cyclic
        problem without a valid II (at the instance), then the first operation
        without ``t<>`` (at that operation).  An empty graph needs no ``t<>``."""
        p = self.problem
        from_file = schedule is None or schedule is self.schedule
        if from_file and (schedule is None or self.missing_start):
            ii = self.ii if schedule is None else schedule.ii
            if p.cyclic and (ii is None or ii < 1):
                return Schedule(np.zeros(p.num_ops, dtype=np.int64), ii=ii)  # II error
            if schedule is None:
                if p.num_ops == 0:
                    return Schedule(np.zeros(0, dtype=np.int64), ii=ii)
                raise VerificationError(f"operation {p.op_label(0)} has no start time", Subject("op", 0))
            raise self.start_time_error()
        return schedule


@dataclass
class TypeDef:
    """An ``operator_type``/``resource_type`` of a standalone library."""

    name: str
    pos: tuple[int, int]
    props: dict
    order: tuple[str, ...]


@dataclass
class LibraryNode:
    """A standalone ``ssp.library`` (kind "library") or ``ssp.resource``."""

    kind: str
    name: str | None
    pos: tuple[int, int]
    entries: list[TypeDef]
    index: dict[str, TypeDef] = field(default_factory=dict)


@dataclass
class ModuleNode:
    """A ``module``/``builtin.module``; ``symbols`` is its symbol table."""

    keyword: str
    name: str | None
    pos: tuple[int, int]
    items: list
    symbols: dict = field(default_factory=dict)


@dataclass
class Document:
    """A parsed file: its top-level items (LibraryNode, ModuleNode, SSPInstance)
    in order, so standalone libraries and modules print back too."""

    filename: str
    items: list
    symbols: dict = field(default_factory=dict)


def location_of(instance: SSPInstance | Problem, subject: Subject | None) -> tuple[int, int]:
    """(line, col) of what ``subject`` names in ``instance`` (an SSPInstance, or a
    Problem with ``locations`` filled by the parser); falls back to the
    instance's location (or (1, 1))."""
    if isinstance(instance, SSPInstance):
        problem, fallback = instance.problem, instance.loc
    else:
        problem = instance
        fallback = problem.locations.get(Subject("instance"), (1, 1))
    locs = problem.locations
    if subject is None:
        return fallback
    loc = locs.get(subject)
    if loc is not None:
        return loc
    if subject.kind == "dependence":
        dst = getattr(problem, "_dst", None)
        try:
            loc = locs.get(Subject("op", int(dst[int(subject.key)])))
        except (TypeError, IndexError, ValueError):
            loc = None
    elif subject.kind == "resource_type":
        loc = locs.get(Subject("operator_type", subject.key))  # implicit resource
    elif subject.kind == "operator_type":
        loc = locs.get(Subject("resource_type", subject.key))
    return loc if loc is not None else fallback
