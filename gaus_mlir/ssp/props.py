"""SSP properties: which ones exist where, how their values are read and printed.

A property is ``name<value>``.  Values are lexed as raw text (so that a bad value
gets its own error location) and interpreted here, the same way for the lark
path and the line-based fast path.
"""

from __future__ import annotations

import re

import numpy as np

from ..model.problem import MAX_INT

INT, FLOAT, SYMREF, SYMREF_LIST = "int", "float", "symref", "symref_list"

# Which properties each kind of entity accepts, and their value kinds.
OPERATOR_TYPE_PROPS = {"latency": INT, "incDelay": FLOAT, "outDelay": FLOAT, "limit": INT, "blocking": INT}
RESOURCE_TYPE_PROPS = {"limit": INT}
OPERATION_PROPS = {"t": INT, "z": FLOAT, "opr": SYMREF, "rsrcs": SYMREF_LIST}
DEPENDENCE_PROPS = {"dist": INT}
INSTANCE_PROPS = {"II": INT}

CONTEXTS = {
    "operator_type": ("an operator type", OPERATOR_TYPE_PROPS),
    "resource_type": ("a resource type", RESOURCE_TYPE_PROPS),
    "operation": ("an operation", OPERATION_PROPS),
    "dependence": ("a dependence", DEPENDENCE_PROPS),
    "instance": ("an instance", INSTANCE_PROPS),
}

# Integer properties: the name used in range errors and the least valid value
# (smaller values down to -2^62 parse; check()/verify report them, located).
_INT_RANGE = {
    "latency": ("latency", 0),
    "blocking": ("blocking time", 1),
    "limit": ("limit", 1),
    "t": ("start time", 0),
    "dist": ("distance", 0),
    "II": ("initiation interval", 1),
}

# Print order of operator type properties when the input gave none.
OPERATOR_TYPE_ORDER = ("latency", "blocking", "incDelay", "outDelay", "limit")

BARE_ID = re.compile(r"[A-Za-z_][A-Za-z0-9_$.]*\Z")
_INT_RE = re.compile(r"[-+]?[0-9]+\Z")
_FLOAT_RE = re.compile(
    r"([-+]?[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?)"
    r"(?:[ \t]*:[ \t]*(f16|bf16|f32|f64))?\Z"
)
_SYM = r'@(?:[A-Za-z_][A-Za-z0-9_$.]*|"(?:[^"\\\n]|\\.)*")'
_SYMREF_RE = re.compile(rf"{_SYM}(?:[ \t]*::[ \t]*{_SYM})*\Z")
_SYM_ONE = re.compile(_SYM)


class PropValueError(ValueError):
    """A bad property value; ``offset`` is where in the value text it is."""

    def __init__(self, message: str, offset: int = 0):
        super().__init__(message)
        self.message = message
        self.offset = offset


class FloatValue(float):
    """A float property value that remembers how it was written."""

    text: str

    def __new__(cls, value: float, text: str):
        obj = super().__new__(cls, value)
        obj.text = text
        return obj

    def __reduce__(self):  # pickling / deepcopy keep the text
        return (FloatValue, (float(self), self.text))


def interpret(
    context: str, name: str, text: str | None
) -> int | FloatValue | tuple[str, ...] | list[tuple[str, ...]]:
    """The value of property ``name`` (given as ``text``) on ``context``.
    Raises KeyError for an unknown property and PropValueError for a bad value."""
    kind = CONTEXTS[context][1][name]  # KeyError: unknown property
    if text is None or not text.strip():
        raise PropValueError(f"missing value for property '{name}'")
    raw = text.rstrip()
    if kind == INT:
        if not _INT_RE.match(raw):
            raise PropValueError(f"property '{name}' expects an integer, got '{raw}'")
        v = int(raw)
        if abs(v) > MAX_INT:
            what, lo = _INT_RANGE.get(name, (name, 0))
            raise PropValueError(f"{what} {raw} is outside the supported range [{lo}, 2^62]")
        return v
    if kind == FLOAT:
        m = _FLOAT_RE.match(raw)
        if not m:
            raise PropValueError(f"property '{name}' expects a floating-point value, got '{raw}'")
        v = float(m.group(1))
        if v in (float("inf"), float("-inf")):
            raise PropValueError(f"property '{name}' is out of the floating-point range, got '{raw}'")
        return FloatValue(v, raw)
    if kind == SYMREF:
        if not _SYMREF_RE.match(raw):
            raise PropValueError(f"property '{name}' expects a symbol reference, got '{raw}'")
        return parse_symref(raw)
    # SYMREF_LIST: [@a, @b::@c]
    if not (raw.startswith("[") and raw.endswith("]")):
        raise PropValueError(f"property '{name}' expects a list of symbol references, got '{raw}'")
    inner = raw[1:-1].strip()
    out = []
    if inner:
        for part in _split_top(inner):
            part = part.strip()
            if not _SYMREF_RE.match(part):
                raise PropValueError(
                    f"property '{name}' expects a list of symbol references, got '{raw}'", raw.find(part)
                )
            out.append(parse_symref(part))
    return out


def _split_top(text: str) -> list[str]:
    """Split at commas outside quoted names."""
    parts, cur, q, esc = [], [], False, False
    for ch in text:
        if q:
            cur.append(ch)
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                q = False
        elif ch == '"':
            q = True
            cur.append(ch)
        elif ch == ",":
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    parts.append("".join(cur))
    return parts


# ------------------------------------------------------------------ symbols
def unescape(body: str) -> str:
    """The value of an MLIR string literal body (between the quotes)."""
    if "\\" not in body:
        return body
    out, i, n = [], 0, len(body)
    while i < n:
        ch = body[i]
        if ch != "\\" or i + 1 >= n:
            out.append(ch)
            i += 1
            continue
        nxt = body[i + 1]
        simple = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}
        if nxt in simple:
            out.append(simple[nxt])
            i += 2
        elif i + 2 < n and all(c in "0123456789abcdefABCDEF" for c in body[i + 1 : i + 3]):
            out.append(chr(int(body[i + 1 : i + 3], 16)))
            i += 3
        else:
            out.append(nxt)
            i += 2
    return "".join(out)


def symbol_name(token: str) -> str:
    """``@name`` or ``@"quoted name"`` -> the name."""
    s = token[1:] if token.startswith("@") else token
    if s.startswith('"'):
        return unescape(s[1:-1])
    return s


def string_value(token: str) -> str:
    return unescape(token[1:-1])


def parse_symref(text: str) -> tuple[str, ...]:
    return tuple(symbol_name(m.group(0)) for m in _SYM_ONE.finditer(text))


def escape(s: str) -> str:
    out = []
    for ch in s:
        if ch == '"' or ch == "\\":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif " " <= ch <= "~" or ord(ch) > 127:
            out.append(ch)
        else:
            out.append(f"\\{ord(ch):02X}")
    return "".join(out)


def format_symbol(name: str) -> str:
    """``@name``, quoted when it is not a bare identifier (as MLIR prints it)."""
    if BARE_ID.match(name):
        return "@" + name
    return f'@"{escape(name)}"'


def format_symref(path: tuple[str, ...]) -> str:
    return "::".join(format_symbol(p) for p in path)


def format_string(s: str) -> str:
    return f'"{escape(s)}"'


# ------------------------------------------------------------------- floats
def format_float(value: float, ftype: str | None = "f32") -> str:
    """A float attribute as MLIR prints it: ``2.340000e+00 : f32`` when six
    digits round-trip in the type, else the shortest round-tripping digits.
    ``ftype`` None or "f64" is MLIR's default float type and is not printed."""
    v = float(value)
    if ftype in (None, "f64"):
        s = f"{v:.6e}"
        if float(s) != v:
            s = _with_point(repr(v))
        return s
    cast = {"f32": np.float32, "f16": np.float16}.get(ftype, np.float32)
    fv = cast(v)
    s = f"{float(fv):.6e}"
    if cast(s) != fv:
        s = _with_point(
            np.format_float_positional(fv, unique=True, trim="0")
            if 1e-4 <= abs(float(fv)) < 1e16
            else np.format_float_scientific(fv, unique=True, trim="0")
        )
    return f"{s} : {ftype}"


def _with_point(s: str) -> str:
    if "." in s or "n" in s:
        return s
    if "e" in s:
        mant, exp = s.split("e")
        return f"{mant}.0e{exp}"
    return s + ".0"


def float_text(value: float, default_type: str = "f32") -> str:
    """The text to print for a float property: the input's own spelling when the
    value is unchanged, else MLIR's ``f32`` form."""
    if isinstance(value, FloatValue):
        return value.text
    return format_float(value, default_type)
