"""The pass registry shared by every front end (SSP files now, MLIR later).

A pass declares its options (a PassOptions dataclass) and one runner per kind
of input it handles; the driver looks passes up here by their pipeline name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .options import PassOptions


@dataclass(frozen=True)
class PassInfo:
    name: str
    summary: str
    options: type[PassOptions]
    run_ssp: Callable | None = None  # (SSPModule, options) -> None
    run_mlir: Callable | None = None  # (mlir module op, options, MLIRRun) -> None

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
    if PASSES:
        return
    from . import mlir_passes, ssp_passes
    from .gaus_schedule import ExtractOptions, ScheduleOptions, VerifyOptions

    register_pass(
        PassInfo(
            "gaus-schedule",
            "schedule every ssp.instance / MLIR loop, branch and function body; write the start cycles back",
            ScheduleOptions,
            run_ssp=ssp_passes.run_schedule,
            run_mlir=mlir_passes.run_schedule,
        )
    )
    register_pass(
        PassInfo(
            "gaus-verify",
            "check the schedules already in the input "
            "(t<>/II<> or gaus.* attributes) against a fresh extraction",
            VerifyOptions,
            run_ssp=ssp_passes.run_verify,
            run_mlir=mlir_passes.run_verify,
        )
    )
    register_pass(
        PassInfo(
            "gaus-extract",
            "print each MLIR region's scheduling problem as a CIRCT ssp.instance",
            ExtractOptions,
            run_mlir=mlir_passes.run_extract,
        )
    )
