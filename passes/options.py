"""Declared pass options (xDSL style): a dataclass per pass whose fields carry
the MLIR option name, a parser and a help line.  Unknown options and bad values
are located errors."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from gaus_mlir.schedulers.checks import SEED_MAX  # CP-SAT's random_seed is an int32

from .diagnostics import pipeline_error
from .pipeline import OptionItem


def option(
    default: Any,
    help: str,
    *,
    parse: Callable[[str], Any] = str,
    choices: tuple[str, ...] | None = None,
    name: str | None = None,
):
    """A pass option field; ``name`` defaults to the field name with dashes."""
    return field(default=default, metadata={"help": help, "parse": parse, "choices": choices, "name": name})


def option_name(f: dataclasses.Field) -> str:
    return f.metadata.get("name") or f.name.replace("_", "-")


def parse_int(text: str) -> int:
    return int(text, 10)


def parse_nonneg_int(text: str) -> int:
    v = int(text, 10)
    if v < 0:
        raise ValueError("expected a non-negative integer")
    return v


def parse_seed(text: str) -> int:
    v = int(text, 10)
    if not 0 <= v <= SEED_MAX:
        raise ValueError(f"expected an integer from 0 to {SEED_MAX}")
    return v


def parse_positive_int(text: str) -> int:
    v = int(text, 10)
    if v < 1:
        raise ValueError("expected a positive integer")
    return v


def parse_positive_float(text: str) -> float:
    v = float(text)
    if not (v > 0 and math.isfinite(v)):
        raise ValueError("expected a positive number")
    return v


def parse_ii(text: str) -> int | None:
    if text == "auto":
        return None
    v = int(text, 10)
    if v < 1:
        raise ValueError("expected 'auto' or an integer >= 1")
    return v


@dataclass
class PassOptions:
    """Base class: every pass options dataclass derives from it."""

    explicit: frozenset = field(default=frozenset(), repr=False, compare=False)
    cols: dict = field(default_factory=dict, repr=False, compare=False)  # option -> column

    @classmethod
    def fields(cls) -> list[dataclasses.Field]:
        return [f for f in dataclasses.fields(cls) if f.name not in ("explicit", "cols")]

    @classmethod
    def parse(cls, pass_name: str, items: list[OptionItem]) -> PassOptions:
        by_name = {option_name(f): f for f in cls.fields()}
        values, seen, cols = {}, set(), {}
        for it in items:
            f = by_name.get(it.key)
            if f is None:
                known = ", ".join(sorted(by_name)) or "none"
                raise pipeline_error(f"'{pass_name}' has no option '{it.key}' (options: {known})", it.col)
            if it.value is None:
                raise pipeline_error(f"option '{it.key}' of '{pass_name}' needs a value", it.col)
            choices = f.metadata.get("choices")
            if choices and it.value not in choices:
                raise pipeline_error(
                    f"invalid value '{it.value}' for option '{it.key}' "
                    f"of '{pass_name}'; expected one of: " + ", ".join(choices),
                    it.col,
                )
            try:
                values[f.name] = f.metadata["parse"](it.value)
            except ValueError as e:
                why = str(e) if "expected" in str(e) else "malformed value"
                raise pipeline_error(
                    f"invalid value '{it.value}' for option '{it.key}' of '{pass_name}': {why}", it.col
                ) from None
            seen.add(f.name)
            cols[f.name] = it.col
        return cls(explicit=frozenset(seen), cols=cols, **values)

    @classmethod
    def describe(cls) -> list[str]:
        out = []
        for f in cls.fields():
            choices = f.metadata.get("choices")
            extra = f" ({'|'.join(choices)})" if choices else ""
            default = "" if f.default in (None, "") else f" [default: {f.default}]"
            out.append(f"  {option_name(f)}{extra}: {f.metadata['help']}{default}")
        return out
