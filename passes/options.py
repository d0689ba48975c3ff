"""Passes as classes (xDSL style): a frozen dataclass per pass whose fields are
its options.  Field metadata (see :func:`option`) carries the option's name,
help, parser, scope (MLIR input, SSP input or both) and how it reaches the
scheduling method; ``--list-passes`` and the README's option tables are
rendered from it.  Unknown options and bad values are located errors."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from gaus_mlir.diagnostics import Diagnostic
from gaus_mlir.schedulers.checks import SEED_MAX  # CP-SAT's random_seed is an int32

from .diagnostics import pipeline_error
from .pipeline import OptionItem

BOTH, MLIR, SSP = "both", "mlir", "ssp"  # scope: the inputs an option applies to
SCOPE_WORDS = {MLIR: "MLIR input", SSP: "SSP input"}

# How an option reaches the scheduling method (CIRCT's way: the method's own
# keyword-only parameters decide what it accepts):
ALSO = "also"  # the pass uses it and hands it on to a method whose signature takes it
ONLY = "only"  # a method option: set for a method that does not take it, a located error
NEVER = "never"  # the pass's own, even where a method has a parameter of that name


def option(
    default: Any,
    help: str,
    *,
    parse: Callable[[Any], Any] = str,
    choices: tuple[str, ...] | None = None,
    name: str | None = None,
    scope: str = BOTH,
    method: str = ALSO,
    values: str | Callable[[], str] | None = None,
    details: str = "",
    output_file: bool = False,
    words: tuple[str, ...] = (),
) -> Any:
    """A pass option field.  ``name`` defaults to the field name with dashes;
    ``parse`` takes the pipeline text or (Python API) a value of the field's
    type and raises ValueError("expected ...") on a bad one; ``help`` may say
    ``{methods}`` for the methods whose signature takes the option; ``values``
    and ``details`` are the README table's values column and extra text;
    ``output_file``: the value is a file the pass writes (checked up front);
    ``words``: text values the Python API also takes (``ii="auto"``)."""
    meta = {
        "help": help,
        "parse": parse,
        "choices": choices,
        "name": name,
        "scope": scope,
        "method": method,
        "values": values,
        "details": details,
        "output_file": output_file,
        "words": words,
    }
    return field(default=default, metadata=meta)


def option_name(f: dataclasses.Field) -> str:
    return f.metadata.get("name") or f.name.replace("_", "-")


def methods_taking(keyword: str) -> list[str]:
    """The scheduling methods whose signature has ``keyword`` (sorted)."""
    from gaus_mlir.schedulers import METHODS

    return sorted(m for m, spec in METHODS.items() if keyword in spec.options())


def _int(value: Any) -> int:
    return int(value, 10) if isinstance(value, str) else int(value)


def _float(value: Any) -> float:
    try:
        return float(value)
    except OverflowError:  # a huge Python int
        return math.inf


def parse_int(value: str | int) -> int:
    return _int(value)


def _int_from(lo: int, hi: int | None, message: str) -> Callable[[str | int], int]:
    """An option parser for integers in ``[lo, hi]`` (``hi`` None: unbounded)."""

    def parse(value: str | int) -> int:
        v = _int(value)
        if v < lo or (hi is not None and v > hi):
            raise ValueError(message)
        return v

    return parse


parse_nonneg_int = _int_from(0, None, "expected a non-negative integer")
parse_seed = _int_from(0, SEED_MAX, f"expected an integer from 0 to {SEED_MAX}")
parse_positive_int = _int_from(1, None, "expected a positive integer")


def parse_positive_float(value: str | float) -> float:
    v = _float(value)
    if not (v > 0 and math.isfinite(v)):
        raise ValueError("expected a positive number")
    return v


def parse_ii(value: str | int) -> int | None:
    if value == "auto":
        return None
    v = _int(value)
    if v < 1:
        raise ValueError("expected 'auto' or an integer >= 1")
    return v


# Python types each option accepts from the API, by its declared type.
_API_TYPES = {
    "bool": (bool,),
    "int": (int,),
    "int | None": (int,),
    "float": (int, float),
    "float | None": (int, float),
    "str": (str,),
    "dict": (dict,),
    "dict | None": (dict,),
}


def _shown(value: Any) -> str:
    """A Python value as the pipeline would spell it (for error messages)."""
    if isinstance(value, dict):
        return ",".join(f"{k}:{v}" for k, v in value.items())
    return str(value)


@dataclass(frozen=True)
class Pass:
    """Base class of every pass.  A subclass sets ``name`` and ``summary``,
    declares its options as :func:`option` fields and defines
    ``apply_ssp(self, module)`` and/or ``apply_mlir(self, module_op, run)``."""

    name: ClassVar[str] = ""
    summary: ClassVar[str] = ""

    explicit: frozenset = field(default=frozenset(), repr=False, compare=False, kw_only=True)
    cols: dict = field(default_factory=dict, repr=False, compare=False, kw_only=True)  # option -> column

    @classmethod
    def fields(cls) -> list[dataclasses.Field]:
        return [f for f in dataclasses.fields(cls) if f.name not in ("explicit", "cols")]

    @classmethod
    def display_name(cls) -> str:
        return "".join(w.capitalize() for w in cls.name.split("-"))

    @classmethod
    def runs_on(cls, kind: str) -> bool:
        """Whether the pass handles ``kind`` ("ssp" or "mlir") input."""
        return callable(getattr(cls, f"apply_{kind}", None))

    @classmethod
    def _value(cls, f: dataclasses.Field, key: str, value: Any, col: int) -> Any:
        choices = f.metadata.get("choices")
        if choices and value not in choices:
            raise pipeline_error(
                f"invalid value '{_shown(value)}' for option '{key}' "
                f"of '{cls.name}'; expected one of: " + ", ".join(choices),
                col,
            )
        try:
            return f.metadata["parse"](value)
        except (ValueError, TypeError) as e:
            why = str(e) if "expected" in str(e) else "malformed value"
            raise pipeline_error(
                f"invalid value '{_shown(value)}' for option '{key}' of '{cls.name}': {why}", col
            ) from None

    @classmethod
    def _unknown(cls, key: str, col: int) -> Diagnostic:
        known = ", ".join(sorted(option_name(f) for f in cls.fields())) or "none"
        return pipeline_error(f"'{cls.name}' has no option '{key}' (options: {known})", col)

    @classmethod
    def from_pipeline(cls, items: list[OptionItem]) -> Pass:
        """The pass with the options of its pipeline element (``{key=value ...}``)."""
        by_name = {option_name(f): f for f in cls.fields()}
        values, cols = {}, {}
        for it in items:
            f = by_name.get(it.key)
            if f is None:
                raise cls._unknown(it.key, it.col)
            if it.value is None:
                raise pipeline_error(f"option '{it.key}' of '{cls.name}' needs a value", it.col)
            values[f.name] = cls._value(f, it.key, it.value, it.col)
            cols[f.name] = it.col
        return cls(explicit=frozenset(values), cols=cols, **values)

    @classmethod
    def from_keywords(cls, **options: Any) -> Pass:
        """The pass from Python keywords (``mem_ports=2``, ``limits={"mulf": 2}``;
        None: the default), checked as the pipeline text would be; errors are
        located at column 1 of ``<Pass-Pipeline>``."""
        by_field = {f.name: f for f in cls.fields()}
        values = {}
        for key, value in options.items():
            if value is None:
                continue
            f = by_field.get(key.replace("-", "_"))
            if f is None:
                raise cls._unknown(key.replace("_", "-"), 1)
            word = isinstance(value, str) and value in f.metadata.get("words", ())
            allowed = (str,) if word else _API_TYPES.get(str(f.type), (object,))
            if (isinstance(value, bool) and bool not in allowed) or not isinstance(value, allowed):
                kinds = " or ".join(t.__name__ for t in allowed)
                raise Diagnostic(
                    f"option '{key}' of '{cls.name}' takes {kinds}, not {type(value).__name__} {value!r}",
                    "<api>",
                )
            values[f.name] = cls._value(f, option_name(f), value, 1)
        return cls(explicit=frozenset(values), cols=dict.fromkeys(values, 1), **values)

    def check(self, kind: str) -> None:
        """Checks that need no input, made when the pipeline is built (``kind``:
        "ssp" or "mlir"): an option of the other input kind and a side file
        that cannot be written are errors located at the option."""
        from gaus_mlir.diagnostics import unwritable

        given = sorted(self.explicit, key=self.col)
        scopes = {f.name: f.metadata.get("scope", BOTH) for f in self.fields()}
        names = {f.name: option_name(f) for f in self.fields()}
        for name in given:
            if kind == SSP and scopes[name] == MLIR:
                raise pipeline_error(
                    f"option '{names[name]}' of '{self.name}' applies to MLIR input, not to SSP files",
                    self.col(name),
                )
        files = {f.name for f in self.fields() if f.metadata.get("output_file")}
        for name in given:
            path = getattr(self, name)
            why = unwritable(path) if name in files and path else None
            if why:
                raise pipeline_error(
                    f"option '{names[name]}' of '{self.name}': cannot open output file '{path}': {why}",
                    self.col(name),
                )
        for name in given:
            if kind == MLIR and scopes[name] == SSP:
                raise pipeline_error(
                    f"option '{names[name]}' of '{self.name}' applies to SSP input, not to MLIR regions",
                    self.col(name),
                )

    def col(self, field_name: str) -> int:
        """The pipeline column of an option (1 if it was not written)."""
        return self.cols.get(field_name, 1)

    @classmethod
    def options_in_order(cls) -> list[dataclasses.Field]:
        """Options for listing: those of every input first, then MLIR-only, then SSP-only."""
        rank = {BOTH: 0, MLIR: 1, SSP: 2}
        return sorted(cls.fields(), key=lambda f: rank[f.metadata.get("scope", BOTH)])

    @classmethod
    def _scope(cls, f: dataclasses.Field) -> str:
        """The scope worth saying: none on a pass that runs on one kind of input only."""
        both = cls.runs_on(SSP) and cls.runs_on(MLIR)
        return f.metadata.get("scope", BOTH) if both else BOTH

    @classmethod
    def describe(cls) -> list[str]:
        """``--list-passes`` lines: the pass and one line per option."""
        out = [f"{cls.name}: {cls.summary}"]
        for f in cls.options_in_order():
            choices = f.metadata.get("choices")
            extra = f" ({'|'.join(choices)})" if choices else ""
            scope = cls._scope(f)
            where = f" ({SCOPE_WORDS[scope]} only)" if scope != BOTH else ""
            default = "" if f.default in (None, "") else f" [default: {f.default}]"
            out.append(f"  {option_name(f)}{extra}: {_help(f, str)}{where}{default}")
        return out

    @classmethod
    def options_table(cls) -> str:
        """The README's markdown table of the pass's options."""
        rows = ["| option | values | meaning |", "| --- | --- | --- |"]
        for f in cls.options_in_order():
            values = f.metadata.get("values")
            if callable(values):
                values = values()
            elif values is None and f.metadata.get("choices"):
                values = ", ".join(f"`{c}`" for c in f.metadata["choices"])
            scope = cls._scope(f)
            meaning = (SCOPE_WORDS[scope] + ": " if scope != BOTH else "") + _help(f, lambda m: f"`{m}`")
            if f.metadata.get("details"):
                meaning += "; " + f.metadata["details"]
            if f.default not in (None, ""):
                meaning += f" (default `{f.default}`)"
            rows.append(f"| `{option_name(f)}` | {values or ''} | {meaning} |")
        return "\n".join(rows) + "\n"


def _help(f: dataclasses.Field, quote: Callable[[str], str]) -> str:
    text = f.metadata["help"]
    if "{methods}" in text:
        text = text.replace("{methods}", ", ".join(quote(m) for m in methods_taking(f.name)))
    return text
