"""The pass registry shared by every front end (SSP files and MLIR input).

Each pass is a class (see :class:`~gaus_mlir.passes.options.Pass`): its fields
are its options and it has one ``apply_*`` method per kind of input it
handles; the registry maps pipeline names to those classes.
"""

from __future__ import annotations

from .gaus_schedule import PASS_CLASSES as SCHEDULING_PASSES
from .hardware_passes import HARDWARE_PASSES
from .options import Pass

PASS_CLASSES: tuple[type[Pass], ...] = SCHEDULING_PASSES + HARDWARE_PASSES

PASSES: dict[str, type[Pass]] = {cls.name: cls for cls in PASS_CLASSES}


def lookup(name: str) -> type[Pass] | None:
    return PASSES.get(name)


def all_passes() -> list[type[Pass]]:
    return [PASSES[k] for k in sorted(PASSES)]


def list_passes() -> str:
    """The ``--list-passes`` text: each pass and its options."""
    return "".join(line + "\n" for cls in all_passes() for line in cls.describe())


def options_tables() -> str:
    """The README's option tables, one per pass, from the pass classes."""
    return "\n".join(f"`{cls.name}` options:\n\n{cls.options_table()}" for cls in PASS_CLASSES)
