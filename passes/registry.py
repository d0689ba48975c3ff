"""The pass registry shared by every front end (SSP files now, MLIR later).

A pass declares its options (a PassOptions dataclass) and one runner per kind
of input it handles; the driver looks passes up here by their pipeline name.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from .options import PassOptions


@dataclass(frozen=True)
class PassInfo:
    name: str
    summary: str
    options: type[PassOptions]
    run_ssp: Callable | None = None  # (SSPModule, options) -> None
    run_mlir: Callable | None = None  # (mlir module op, options, ctx) -> None

    @property
    def display_name(self) -> str:
        return "".join(w.capitalize() for w in self.name.split("-"))


PASSES: dict[str, PassInfo] = {}


def register_pass(info: PassInfo) -> PassInfo:
    PASSES[info.name] = info
    return info


def lookup(name: str) -> PassInfo | None:
    _load_builtin_passes()
    return PASSES.get(name)


def all_passes() -> list[PassInfo]:
    _load_builtin_passes()
    return [PASSES[k] for k in sorted(PASSES)]


def _load_builtin_passes() -> None:
    from . import ssp_passes  # noqa: F401  (registers gaus-schedule, gaus-verify)
