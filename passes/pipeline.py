"""Parse a textual pass pipeline, ``builtin.module(func.func(cse),gaus-schedule{method=list})``.

The tree keeps each pass's column so errors point into the pipeline string.
Upstream passes are kept as text (the MLIR bridge hands them to
``PassManager.parse``); ours are looked up in the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lark import Lark, Token, Transformer, v_args
from lark.exceptions import UnexpectedInput

from .diagnostics import pipeline_error

_GRAMMAR = r"""
start: pipeline?
pipeline: element ("," element)*
element: NAME options? nested?
nested: "(" pipeline? ")"
options: "{" option* "}"
option: KEY ("=" value)?
value: STRING | BRACED | BARE
NAME: /[A-Za-z_][A-Za-z0-9_.\-]*/
KEY: /[A-Za-z_][A-Za-z0-9_\-]*(?==|\s|\})/
STRING: /"(\\.|[^"\\])*"/
BRACED: /\{[^{}]*\}/
BARE: /[^\s{}"=]+/
%ignore /\s+/
"""


@dataclass
class OptionItem:
    key: str
    value: str | None
    col: int


@dataclass
class PassElement:
    """One pass or anchor in the pipeline: ``name{options}(nested...)``."""

    name: str
    col: int
    options: list[OptionItem] = field(default_factory=list)
    options_text: str = ""
    nested: list[PassElement] | None = None

    def text(self) -> str:
        """The element re-serialised (used to hand upstream passes to MLIR)."""
        s = self.name + self.options_text
        if self.nested is not None:
            s += "(" + ",".join(e.text() for e in self.nested) + ")"
        return s


class _Build(Transformer):
    def __init__(self, source: str):
        super().__init__()
        self.source = source

    def start(self, items):
        return items[0] if items else []

    def pipeline(self, items):
        return list(items)

    def nested(self, items):
        return items[0] if items else []

    def element(self, items):
        name: Token = items[0]
        el = PassElement(str(name), name.column)
        for it in items[1:]:
            if isinstance(it, tuple):
                el.options, el.options_text = it
            else:
                el.nested = it
        return el

    @v_args(meta=True)
    def options(self, meta, items):
        opts = [OptionItem(k, v, c) for k, v, c in items]
        return opts, self.source[meta.start_pos : meta.end_pos]

    def option(self, items):
        key: Token = items[0]
        return str(key), (items[1] if len(items) > 1 else None), key.column

    def value(self, items):
        tok: Token = items[0]
        text = str(tok)
        if tok.type == "STRING":
            text = text[1:-1].replace('\\"', '"').replace("\\\\", "\\")
        elif tok.type == "BRACED":
            text = text[1:-1]
        return text


_PARSER = Lark(_GRAMMAR, parser="lalr", propagate_positions=True)


MAX_NESTING = 32  # anchors inside anchors; MLIR's own are a few levels deep


def _check_nesting(text: str) -> None:
    """Reject pipelines nested deeper than :data:`MAX_NESTING` before the
    (recursive) tree building sees them."""
    depth, quoted, braces = 0, False, 0
    for col, ch in enumerate(text, 1):
        if quoted:
            quoted = ch != '"' or text[col - 2] == "\\"
        elif ch == '"':
            quoted = True
        elif ch == "{":
            braces += 1
        elif ch == "}":
            braces = max(0, braces - 1)
        elif ch == "(" and not braces:
            depth += 1
            if depth > MAX_NESTING:
                raise pipeline_error(f"pass pipeline nested more than {MAX_NESTING} levels deep", col)
        elif ch == ")" and not braces:
            depth -= 1


def parse_pipeline(text: str) -> list[PassElement]:
    """Parse ``text``; raise a located Diagnostic on a syntax error."""
    _check_nesting(text)
    try:
        tree = _PARSER.parse(text)
    except UnexpectedInput as e:
        got = getattr(e, "token", None) or getattr(e, "char", None)
        what = f"unexpected '{got}'" if got else "unexpected end of pipeline"
        raise pipeline_error(
            f"malformed pass pipeline: {what}", getattr(e, "column", len(text) + 1)
        ) from None
    return _Build(text).transform(tree)


def strip_module_anchor(elements: list[PassElement]) -> list[PassElement]:
    """``builtin.module(x, y)`` -> ``[x, y]``; a bare list is taken as is."""
    if (
        len(elements) == 1
        and elements[0].name in ("builtin.module", "module")
        and elements[0].nested is not None
    ):
        if elements[0].options:
            raise pipeline_error("'builtin.module' takes no options", elements[0].col)
        return elements[0].nested
    return elements
