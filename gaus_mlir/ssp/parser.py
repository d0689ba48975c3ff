"""Parser for CIRCT's SSP dialect (custom syntax) into the problem model.

Design (speed): lark's LALR parser with the transformer applied inline parses
the file structure (modules, standalone libraries, instances, libraries); each
``graph { ... }`` region is lexed as a single token.  Its lines then go through
a compiled regular expression for the common one-line operation forms; a line
the regex does not take fully is parsed by the same lark grammar (start symbol
``op_chunk``), so anything unusual is still accepted, and every error carries
lark's (or our) exact line:column.
"""

from __future__ import annotations

import gc
import os
import re
import threading
from dataclasses import dataclass
from importlib import resources
from itertools import repeat
from pathlib import Path

import numpy as np
from lark import Lark, Token, Transformer
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken

from ..model import PROBLEM_KINDS, Problem, ProblemError, Schedule, Subject
from . import props as P
from .instance import Document, InstanceFormat, LibraryNode, ModuleNode, SSPInstance, SSPSyntaxError, TypeDef

# ------------------------------------------------------------------ raw nodes


@dataclass
class _Prop:
    name: str
    pos: tuple[int, int]
    text: str | None
    text_pos: tuple[int, int]


@dataclass
class _RawType:
    name: str
    name_pos: tuple[int, int]
    pos: tuple[int, int]
    props: list | None


@dataclass
class _RawBlock:
    name: str | None
    pos: tuple[int, int]
    entries: list


@dataclass
class _RawInstance:
    pos: tuple[int, int]
    name: str | None
    name_style: str
    name_pos: tuple[int, int]
    kind: str
    kind_pos: tuple[int, int]
    props: list | None
    library: _RawBlock
    resource: _RawBlock | None
    graph: tuple[str, int, int]


@dataclass
class _OpRec:
    pos: tuple[int, int]
    results: list  # [(name, count, pos)]
    type_ref: tuple | None  # (path, pos)
    pre: list  # [("name", str, pos) | ("uses", delim, [(path, pos)], pos)]
    operands: list  # [(is_value, name|path, result, props, pos)]
    uses_post: tuple | None
    props: list | None


# ---------------------------------------------------------------- transformer


class _SSPTransformer(Transformer):
    """Inline transformer: builds light raw nodes, never a parse tree."""

    def __init__(self, filename: str = "<stdin>"):
        super().__init__()
        self._state = threading.local()
        self._default = (filename, 0, 0)

    # (filename, line offset, column offset on the first line) of the text being
    # parsed; per thread, since one Lark object (and this transformer) is shared
    @property
    def where(self) -> tuple[str, int, int]:
        return getattr(self._state, "where", self._default)

    @where.setter
    def where(self, value):
        self._state.where = value

    @property
    def filename(self) -> str:
        return self.where[0]

    def _pos(self, tok: Token) -> tuple[int, int]:
        _, line_off, col_off = self.where
        line = tok.line
        return (line + line_off, tok.column + (col_off if line == 1 else 0))

    def _err(self, msg: str, pos) -> SSPSyntaxError:
        return SSPSyntaxError(msg, self.filename, pos[0], pos[1])

    def _symbol(self, tok: Token) -> str:
        name = P.symbol_name(str(tok))
        if not name:
            raise self._err("empty symbol name", self._pos(tok))
        return name

    # -- structure
    def file(self, items):
        return items

    def module(self, c):
        kw, name, *items = c
        node = ModuleNode(str(kw), self._symbol(name) if name is not None else None, self._pos(kw), items)
        node.symbols = _symbol_table(items, self)
        return node

    def _std_library(self, kind, c, ctx):
        kw, name, *entries = c
        node = LibraryNode(kind, self._symbol(name) if name is not None else None, self._pos(kw), [])
        for e in entries:
            props, order = _interpret_props(ctx, e.props, self)
            td = TypeDef(e.name, e.pos, props, order)
            if e.name in node.index:
                raise self._err(f"redefinition of symbol named '{e.name}'", e.name_pos)
            node.index[e.name] = td
            node.entries.append(td)
        return node

    def top_library(self, c):
        return self._std_library("library", c, "operator_type")

    def top_resource(self, c):
        return self._std_library("resource", c, "resource_type")

    def instance(self, c):
        kw, name, of_kw, kind, props, library, resource, graph = c
        if name is None:
            nm, style, npos = None, "none", self._pos(kw)
        elif name.type == "SYMBOL":
            nm, style, npos = self._symbol(name), "symbol", self._pos(name)
        else:
            nm, style, npos = P.string_value(str(name)), "string", self._pos(name)
        return _RawInstance(
            self._pos(kw),
            nm,
            style,
            npos,
            P.string_value(str(kind)),
            self._pos(kind),
            props,
            library,
            resource,
            graph,
        )

    def inst_name(self, c):
        return c[0]

    def library(self, c):
        kw, name, *entries = c
        return _RawBlock(self._symbol(name) if name is not None else None, self._pos(kw), entries)

    resource = library

    def graph(self, c):
        kw, body = c
        line, col = self._pos(body)
        return (str(body), line, col)

    def operator_type(self, c):
        kw, name, props = c
        return _RawType(self._symbol(name), self._pos(name), self._pos(kw), props)

    resource_type = operator_type

    def prop_list(self, c):
        return [p for p in c if p is not None]

    def prop(self, c):
        name, val = c
        if val is None:
            return _Prop(str(name), self._pos(name), None, self._pos(name))
        return _Prop(str(name), self._pos(name), str(val), self._pos(val))

    # -- graph ops
    def op_chunk(self, ops):
        return ops

    def op(self, c):
        results, kw, type_ref, pre, operands, uses_post, props = c
        pos = results[0][2] if results else self._pos(kw)
        return _OpRec(pos, results or [], type_ref, pre, operands, uses_post, props)

    def results(self, c):
        return c

    def result(self, c):
        val, count = c
        s = str(val)
        if "#" in s:
            raise self._err(f"expected a result name without '#', got '{s}'", self._pos(val))
        return (s[1:], int(count) if count is not None else 1, self._pos(val))

    def pre_items(self, c):
        out = []
        for x in c:
            if isinstance(x, Token):
                out.append(("name", self._symbol(x), self._pos(x)))
            else:
                out.append(x)
        return out

    def operands(self, c):
        return [x for x in c if x is not None]

    def operand(self, c):
        src, props = c
        if isinstance(src, Token):
            s = str(src)[1:]
            res = 0
            if "#" in s:
                s, r = s.split("#")
                res = int(r)
            return (True, s, res, props, self._pos(src))
        path, pos = src
        return (False, path, -1, props, pos)

    def uses_square(self, c):
        kw, *refs = c
        return ("uses", "[", [r for r in refs if r is not None], self._pos(kw))

    def uses_angle(self, c):
        kw, *refs = c
        return ("uses", "<", [r for r in refs if r is not None], self._pos(kw))

    def symref(self, c):
        return (tuple(self._symbol(t) for t in c), self._pos(c[0]))


def _symbol_table(items, tr) -> dict:
    table = {}
    for it in items:
        if isinstance(it, _RawInstance):
            name, pos = it.name, it.name_pos
            if it.name_style != "symbol":
                continue
        else:
            name, pos = it.name, it.pos
        if name is None:
            continue
        if name in table:
            raise tr._err(f"redefinition of symbol named '{name}'", pos)
        table[name] = it
    return table


def _interpret_props(context: str, plist, tr, allow_dup=False):
    """dict name -> value and the order written; errors located at the property."""
    out, order = {}, []
    if not plist:
        return out, ()
    what = P.CONTEXTS[context][0]
    for p in plist:
        try:
            val = P.interpret(context, p.name, p.text)
        except KeyError:
            raise tr._err(f"unknown property '{p.name}' for {what}", p.pos) from None
        except P.PropValueError as e:
            line, col = p.text_pos
            raise tr._err(e.message, (line, col + e.offset)) from None
        if p.name in out:
            raise tr._err(f"duplicate property '{p.name}'", p.pos)
        out[p.name] = val
        order.append(p.name)
    return out, tuple(order)


# ---------------------------------------------------------------- the parser

_GRAMMAR = resources.files(__package__).joinpath("ssp.lark").read_text()
_LARK: Lark | None = None
_TRANSFORMER = _SSPTransformer()

_READABLE = {
    "SYMBOL": "a symbol name (@name)",
    "STRING": "a string literal",
    "VALUE": "an SSA value (%name)",
    "INT": "an integer",
    "IDENT": "a property name",
    "PROPVAL": "a property value",
    "GRAPH_BODY": "'{'",
    "$END": "end of input",
    "MODULE_KW": "'module'",
    "OPERATION_KW": "'operation'",
}


def _lark() -> Lark:
    global _LARK
    if _LARK is None:
        _LARK = Lark(
            _GRAMMAR,
            parser="lalr",
            start=["file", "op_chunk"],
            transformer=_TRANSFORMER,
            maybe_placeholders=True,
        )
    return _LARK


_FIRST_WORD = re.compile(r"[%@]?\"?[A-Za-z0-9_$.\-]+|.").match


def _describe(name: str) -> str:
    if name in _READABLE:
        return _READABLE[name]
    try:
        pat = _lark().get_terminal(name).pattern
    except KeyError:
        return name
    if pat.type == "str":
        return f"'{pat.value}'"
    return name.lower()


def _lark_error(e: UnexpectedInput, filename: str, line_off=0, col_off=0) -> SSPSyntaxError:
    line, col = e.line, e.column
    if isinstance(e, UnexpectedToken) and e.token.type != "$END":
        line, col = e.token.line, e.token.column
    if not isinstance(line, int) or line < 1:
        line, col = 1, 1
    if line == 1:
        col += col_off
    line += line_off
    if isinstance(e, UnexpectedCharacters):
        ch = e.char
        allowed = sorted(_describe(a) for a in (e.allowed or ()))
        msg = f"unexpected character '{ch}'" if ch not in "\n" else "unexpected end of line"
    elif isinstance(e, UnexpectedToken):
        allowed = sorted({_describe(a) for a in e.expected})
        tok = str(e.token).split("\n")[0]
        if e.token.type in ("GRAPH_BODY", "PROPVAL") and e.token.type not in e.expected:
            # a catch-all token of another lexer state: show its first word only
            tok = _FIRST_WORD(tok).group(0)
        if len(tok) > 40:
            tok = tok[:40] + "..."
        msg = "unexpected end of input" if e.token.type == "$END" else f"unexpected '{tok}'"
    else:
        allowed = sorted({_describe(a) for a in getattr(e, "expected", ()) or ()})
        msg = "unexpected end of input"
    if allowed:
        if len(allowed) == 1:
            msg += f", expected {allowed[0]}"
        elif len(allowed) <= 8:
            msg += ", expected one of " + ", ".join(allowed)
    if isinstance(e, UnexpectedToken) and str(e.token).startswith('"ssp.'):
        word = str(e.token).split('"')[1]
        msg = (
            f"the generic form '\"{word}\"(...)' is not supported; write the custom "
            "form, e.g. operation<@opr>(%a, @b)"
        )
    elif allowed in (["'library'"], ["'graph'"], ["'graph'", "'resource'"]):
        msg += (
            "; an instance must contain the 'library' op, an optional 'resource' op "
            "and the 'graph' op, in this order"
        )
    return SSPSyntaxError(msg, filename, line, col)


def _run_lark(text: str, start: str, filename: str, line_off=0, col_off=0):
    tr = _TRANSFORMER
    saved = tr.where
    tr.where = (filename, line_off, col_off)
    try:
        return _lark().parse(text, start=start)
    except UnexpectedInput as e:
        raise _lark_error(e, filename, line_off, col_off) from None
    finally:
        tr.where = saved


def parse(text: str, filename: str = "<stdin>", *, fast: bool = True) -> list[SSPInstance]:
    """Parse SSP text into instances (in file order).  ``fast=False`` sends every
    graph line through lark (same result, slower; for testing)."""
    # Millions of small containers are allocated and all stay alive: pause the
    # cyclic GC, whose repeated full passes would cost a third of the time.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        try:
            items = _run_lark(text, "file", filename)
        except SSPSyntaxError as err:
            better = _graph_region_error(text, err, filename)
            raise (better or err) from None
        doc = Document(filename, items)
        doc.symbols = _symbol_table(items, _error_helper(filename))
        out: list[SSPInstance] = []
        _build_items(doc, doc.items, doc.symbols, out, filename, fast)
        return out
    finally:
        if gc_was_enabled:
            gc.enable()


class SSPInputError(SSPSyntaxError, OSError):
    """The file cannot be read (missing, unreadable, not UTF-8): a Diagnostic
    naming the file, and an OSError like the one it replaces."""

    def __init__(self, message: str, filename: str):
        SSPSyntaxError.__init__(self, message, filename)
        self.line = self.col = None

    def __str__(self) -> str:
        return SSPSyntaxError.__str__(self)


def parse_file(path: str | os.PathLike[str]) -> list[SSPInstance]:
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as e:
        raise SSPInputError(f"cannot open input file '{path}': {e.strerror or e}", str(path)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise SSPInputError(f"input is not valid UTF-8 (byte {e.start})", str(path)) from None
    return parse(text, str(path))


def _error_helper(filename):
    """A transformer used only for its error helpers, outside a lark run."""
    return _SSPTransformer(filename)


def _graph_region_error(text: str, err: SSPSyntaxError, filename: str):
    """When a `graph { ... }` region does not lex as one token (unbalanced or
    truncated), parse it as operations to find the precise error."""
    if "'{'" not in err.message or "unexpected" not in err.message:
        return None
    lines = text.split("\n")
    if err.line > len(lines):
        return None
    start = sum(len(s) + 1 for s in lines[: err.line - 1]) + err.col - 1
    if text[start : start + 1] != "{":
        return None
    rest = text[start + 1 :]
    try:
        _run_lark(rest, "op_chunk", filename, err.line - 1, err.col)
    except SSPSyntaxError as e2:
        return e2
    return None


def _build_items(doc, items, scope, out, filename, fast):
    for k, it in enumerate(items):
        if isinstance(it, ModuleNode):
            _build_items(doc, it.items, it.symbols, out, filename, fast)
        elif isinstance(it, _RawInstance):
            inst = _InstanceBuilder(doc, it, scope, filename).build(fast)
            items[k] = inst
            if it.name_style == "symbol" and it.name is not None:
                scope[it.name] = inst
            out.append(inst)


# ------------------------------------------------------------ fast op lines

# Possessive quantifiers throughout: no backtracking state, ~1/3 faster on big
# files; they can only make the regex reject more (-> lark), never accept more.
_ID = r"[A-Za-z_][A-Za-z0-9_$.]*+"
_VAL = r"%[A-Za-z0-9_$.\-]++(?:#[0-9]++)?+"
_OPND = rf"(?:{_VAL}|@{_ID})(?:[ \t]*+\[dist<[-+]?[0-9]++>\])?+"
_OPNDS = rf"{_OPND}(?:[ \t]*+,[ \t]*+{_OPND})*+"
_USES = rf"@{_ID}(?:[ \t]*+,[ \t]*+@{_ID})*+"
_FLT = (
    r"[-+]?[0-9]++(?:\.[0-9]*+)?+(?:[eE][-+]?[0-9]++)?+"
    r"(?:[ \t]*+:[ \t]*+(?:f16|bf16|f32|f64))?+"
)
_PROP1 = rf"(?:t<[-+]?[0-9]++>|z<{_FLT}>)"
_FAST_OP_RE = (
    r"([ \t]*+)"  # 1 indentation
    r"(?:%([A-Za-z0-9_$.\-]++)[ \t]*+=[ \t]*+)?+"  # 2 result
    rf"(?:ssp\.)?+operation<(?:@({_ID}))?+>"  # 3 operator type
    rf"(?:[ \t]*+uses\[({_USES})\])?+"  # 4 uses (before name)
    rf"(?:[ \t]*+@({_ID}))?+"  # 5 name
    rf"[ \t]*+\(((?:{_OPNDS})?+)\)"  # 6 operands
    rf"(?:[ \t]*+uses\[({_USES})\])?+"  # 7 uses (after operands)
    rf"(?:[ \t]*+\[({_PROP1}(?:[ \t]*+,[ \t]*+{_PROP1})*+)\])?+"  # 8 t / z
    r"[ \t\r]*+(?://.*)?+"
)
_FAST_OP = re.compile(_FAST_OP_RE, re.ASCII).fullmatch
_OPND_ITER = re.compile(_OPND, re.ASCII).finditer


class _Bail(Exception):
    """The fast path met a line layout it cannot split safely."""


class _InstanceBuilder:
    def __init__(self, doc: Document, raw: _RawInstance, scope: dict, filename: str):
        self.doc, self.raw, self.scope, self.filename = doc, raw, scope, filename

    def err(self, msg, pos) -> SSPSyntaxError:
        return SSPSyntaxError(msg, self.filename, pos[0], pos[1])

    # ---------------------------------------------------------------- build
    def build(self, fast: bool) -> SSPInstance:
        raw = self.raw
        cls = PROBLEM_KINDS.get(raw.kind)
        if cls is None:
            raise self.err(
                f"unknown problem '{raw.kind}'; expected one of " + ", ".join(PROBLEM_KINDS), raw.kind_pos
            )
        p = self.p = cls(raw.name if raw.name is not None else "")
        tr = _error_helper(self.filename)
        self.tr = tr
        fmt = self.fmt = InstanceFormat(
            name_style=raw.name_style,
            library_name=raw.library.name,
            has_resource_block=raw.resource is not None,
            resource_name=raw.resource.name if raw.resource else None,
        )
        iprops, _ = _interpret_props("instance", raw.props, tr)
        p.locations[Subject("instance")] = raw.pos
        self.otype_order = fmt.otype_order
        for e in raw.library.entries:
            props, order = _interpret_props("operator_type", e.props, tr)
            self._add_otype(e.name, props, order, e.pos, e.name_pos)
        if raw.resource is not None:
            for e in raw.resource.entries:
                props, order = _interpret_props("resource_type", e.props, tr)
                try:
                    p.add_resource_type(e.name, props.get("limit"))
                except ProblemError as pe:
                    raise self.err(pe.message, e.name_pos) from None
                p.locations[Subject("resource_type", e.name)] = e.pos
        self.type_cache: dict = {}
        self.ext_types: dict = {}
        self.res_cache: dict = {}
        self.ext_res: dict = {}
        self.uses_text_cache: dict = {}
        self.sentinel: int | None = None

        body, line, col = raw.graph
        if fast:
            try:
                self._graph_fast(body, line, col)
            except _Bail:
                self._graph_slow(body, line, col)
        else:
            self._graph_slow(body, line, col)
        self._commit()

        inst = SSPInstance(
            p,
            None,
            raw.name if raw.name is not None else "",
            raw.pos,
            self.filename,
            ii=iprops.get("II"),
            fmt=fmt,
            document=self.doc,
        )
        n = p.num_ops
        if self.t:
            start = np.full(n, -1, dtype=np.int64)
            idx = np.fromiter(self.t.keys(), dtype=np.int64, count=len(self.t))
            start[idx] = np.fromiter(self.t.values(), dtype=np.int64, count=len(self.t))
            z = None
            if fmt.z_values:
                z = np.full(n, np.nan)
                for i, v in fmt.z_values.items():
                    z[i] = float(v)
            if len(self.t) < n:
                inst.missing_start = [i for i in range(n) if i not in self.t]
            inst.schedule = Schedule(start, ii=inst.ii, z=z, method="input")
        return inst

    def _add_otype(self, name, props, order, pos, name_pos, model_name=None) -> int:
        p = self.p
        try:
            idx = p.add_operator_type(
                model_name or name,
                props.get("latency"),
                incoming_delay=props.get("incDelay"),
                outgoing_delay=props.get("outDelay"),
                blocking=props.get("blocking"),
                limit=props.get("limit"),
            )
        except ProblemError as pe:
            raise self.err(pe.message, name_pos) from None
        p.locations[Subject("operator_type", model_name or name)] = pos
        if order:
            self.otype_order[idx] = order
        return idx

    # ------------------------------------------------------- symbol lookup
    def _lookup_external(self, path, kind):
        """A TypeDef in a standalone library reached through ``path`` from the
        scope around the instance (MLIR's nearest symbol table)."""
        node = self.scope.get(path[0])
        for part in path[1:-1]:
            if not isinstance(node, ModuleNode):
                return None
            node = node.symbols.get(part)
        if not isinstance(node, LibraryNode) or node.kind != kind:
            return None
        return node.index.get(path[-1])

    def resolve_type(self, path: tuple, pos) -> int:
        idx = self.type_cache.get(path)
        if idx is not None:
            return idx
        p = self.p
        if len(path) == 1:
            idx = p.operator_type_index(path[0])
            if idx is not None and idx in self.fmt.external_otypes:
                idx = None
        elif (len(path) == 2 and self.fmt.library_name == path[0]) or (
            len(path) == 3 and self._is_self(path[0]) and self.fmt.library_name == path[1]
        ):
            # @Lib::@Opr, or @Instance::@Lib::@Opr (CIRCT's fully qualified form)
            idx = p.operator_type_index(path[-1])
            if idx is not None and idx in self.fmt.external_otypes:
                idx = None
        else:
            td = self._lookup_external(path, "library")
            if td is not None:
                idx = self.ext_types.get(id(td))
                if idx is None:
                    idx = self._add_otype(
                        td.name, td.props, td.order, td.pos, td.pos, model_name=P.format_symref(path)[1:]
                    )
                    self.fmt.external_otypes[idx] = path
                    self.ext_types[id(td)] = idx
        if idx is None:
            raise self.err(f"operation references unknown operator type '{P.format_symref(path)}'", pos)
        self.type_cache[path] = idx
        return idx

    def _is_self(self, name: str) -> bool:
        """Whether symbol ``name`` is this instance (it has a symbol name)."""
        raw = self.raw
        return raw.name_style == "symbol" and raw.name is not None and raw.name == name

    def canonical_type_path(self, idx) -> tuple:
        ext = self.fmt.external_otypes.get(idx)
        return ext if ext is not None else (self.p.operator_types[idx].name,)

    def resolve_res(self, path: tuple, pos) -> int:
        idx = self.res_cache.get(path)
        if idx is not None:
            return idx
        p = self.p
        if len(path) == 1:
            idx = p.resource_type_index(path[0])
        elif self.fmt.has_resource_block and (
            (len(path) == 2 and self.fmt.resource_name == path[0])
            or (len(path) == 3 and self._is_self(path[0]) and self.fmt.resource_name == path[1])
        ):
            idx = p.resource_type_index(path[-1])
        else:
            idx = None
        if idx is not None and idx in self.fmt.external_rtypes:
            idx = None
        if idx is None and len(path) > 1:
            td = self._lookup_external(path, "resource")
            if td is not None:
                idx = self.ext_res.get(id(td))
                if idx is None:
                    name = P.format_symref(path)[1:]
                    try:
                        idx = p.add_resource_type(name, td.props.get("limit"))
                    except ProblemError as pe:
                        raise self.err(pe.message, pos) from None
                    p.locations[Subject("resource_type", name)] = td.pos
                    self.fmt.external_rtypes[idx] = path
                    self.ext_res[id(td)] = idx
        if idx is None:
            raise self.err(f"operation uses unknown resource type '{P.format_symref(path)}'", pos)
        self.res_cache[path] = idx
        return idx

    def canonical_res_path(self, idx) -> tuple:
        ext = self.fmt.external_rtypes.get(idx)
        return ext if ext is not None else (self.p.resource_types[idx].name,)

    def sentinel_type(self) -> int:
        """Operator type of ``operation<>``: unnamed and without latency, so
        ``check()`` reports it; printed back as ``operation<>``."""
        if self.sentinel is None:
            idx = self.p.operator_type_index("")
            if idx is None:
                idx = self.p.add_operator_type("")
            self.sentinel = idx
        return self.sentinel

    # ---------------------------------------------------------- graph state
    def _reset_graph(self):
        self.op_type: list[int] = []
        self.op_name: list = []
        self.op_uses: list = []
        self.op_results: list[int] = []
        self.op_pos: list = []
        # per op: None (no operands), the operand text of a fast-path line, or
        # the operand tuples of a lark-parsed op; resolved once all are defined
        self.op_args: list = []
        self.values: dict[str, int] = {}
        self.value_groups: dict[str, tuple[int, int, int]] = {}
        self.syms: dict[str, int] = {}
        self.t: dict[int, int] = {}
        self.fmt.z_values = {}
        self.fmt.op_type_refs = {}
        self.fmt.op_uses_refs = {}
        self.uses_seen = None  # (pos, delim, decided)
        self._region = ("", 0)  # (text between the braces, its first line)
        self._region_lines = None

    def _note_uses_style(self, where: str, delim: str, named: bool):
        """The first op with `uses` decides where the printer puts them; an
        unnamed op cannot tell "pre" from "mid", so a later named one may."""
        seen = self.uses_seen
        if seen is None or (not seen[2] and named and where != "post"):
            self.uses_seen = (where, delim, named or where == "post")
            self.fmt.uses_pos, self.fmt.uses_delim = where, delim

    # ------------------------------------------------------------ fast path
    def _graph_fast(self, body: str, line0: int, col0: int):
        self._reset_graph()
        inner = body[1:-1]
        self._region = (inner, line0)
        lines = self._region_lines = inner.split("\n")
        nlines = len(lines)
        match = _FAST_OP
        op_type, op_name, op_uses, op_results, op_pos, op_args = (
            self.op_type,
            self.op_name,
            self.op_uses,
            self.op_results,
            self.op_pos,
            self.op_args,
        )
        values, syms = self.values, self.syms
        type_cache = self.type_cache
        uses_cache = self.uses_text_cache
        last_fast = False
        k = 0
        while k < nlines:
            line = lines[k]
            m = match(line) if k else None
            if m is None:
                s = line.strip()
                if not s or s.startswith("//"):
                    k += 1
                    continue
                if last_fast and not s.startswith(("%", "operation", "ssp.operation")):
                    raise _Bail  # may continue the previous op: parse the region with lark
                k = self._slow_chunk(lines, k, line0, col0)
                last_fast = False
                continue
            last_fast = True
            ind, res, ty, uses_a, name, args, uses_b, props = m.groups()
            i = len(op_type)
            if ty is None:
                oi = self.sentinel_type()
            else:
                oi = type_cache.get((ty,))
                if oi is None:
                    oi = self.resolve_type((ty,), (line0 + k, m.start(3)))
            op_type.append(oi)
            op_name.append(name)
            if name is not None:
                if name in syms:
                    raise self.err(f"redefinition of symbol named '{name}'", (line0 + k, m.start(5)))
                syms[name] = i
            if res is not None:
                if res in values or res in self.value_groups:
                    raise self.err(f"redefinition of SSA value '%{res}'", (line0 + k, m.start(2)))
                values[res] = i
                op_results.append(1)
            else:
                op_results.append(0)
            if uses_b is None and uses_a is None:
                op_uses.append(())
            else:
                op_uses.append(self._fast_uses(m, uses_a, uses_b, name, line0 + k, uses_cache))
            op_args.append(args or None)
            if props:
                self._fast_props(i, props, line0 + k)
            op_pos.append((line0 + k, len(ind) + 1))
            k += 1

    def _fast_uses(self, m, uses_a, uses_b, name, lineno, cache):
        if uses_a is not None and uses_b is not None:
            raise self.err("operation has more than one 'uses' list", (lineno, m.start(7) - 4))
        u = uses_b if uses_b is not None else uses_a
        ut = cache.get(u)
        if ut is None:
            g = 7 if uses_b is not None else 4
            ut = tuple(
                self.resolve_res((s[1:],), (lineno, m.start(g) + off + 1))
                for s, off in _split_with_offsets(u)
            )
            cache[u] = ut
        if self.uses_seen is None or not self.uses_seen[2]:
            self._note_uses_style("post" if uses_b is not None else "pre", "[", name is not None)
        return ut

    def _fast_props(self, i, text, lineno):
        seen = set()
        for part, off in _split_with_offsets(text):
            name, val = part.split("<", 1)
            if name in seen:
                col = _FAST_OP(self._line(lineno)).start(8) + 1
                raise self.err(f"duplicate property '{name}'", (lineno, col + off))
            seen.add(name)
            try:
                v = P.interpret("operation", name, val[:-1])
            except P.PropValueError as e:
                col = _FAST_OP(self._line(lineno)).start(8) + 1
                raise self.err(e.message, (lineno, col + off + len(name) + 1 + e.offset)) from None
            if name == "t":
                self.t[i] = v
            else:
                self.fmt.z_values[i] = v

    def _line(self, lineno) -> str:
        """Text of a line of the graph region (for error positions)."""
        inner, line0 = self._region
        if self._region_lines is None:
            self._region_lines = inner.split("\n")
        return self._region_lines[lineno - line0]

    def _fast_operand_pos(self, lineno, j):
        line = self._line(lineno)
        m = _FAST_OP(line)
        starts = [mm.start() for mm in _OPND_ITER(line, m.start(6), m.end(6))]
        return (lineno, starts[j] + 1 if j < len(starts) else m.start(6) + 1)

    def _slow_chunk(self, lines, k, line0, col0) -> int:
        """Parse lines[k:e] with lark, where e is the next line the fast path
        takes; on an error at the end of the chunk, take one more line."""
        nlines = len(lines)
        e = k + 1
        while e < nlines and _FAST_OP(lines[e]) is None:
            e += 1
        while True:
            text = "\n".join(lines[k:e])
            col_off = col0 if k == 0 else 0
            try:
                recs = _run_lark(text, "op_chunk", self.filename, line0 + k - 1, col_off)
                break
            except SSPSyntaxError as err:
                if "end of input" not in err.message:
                    raise
                if e >= nlines:
                    # the region ends inside this op: point at its closing brace
                    try:
                        _run_lark(text + "}", "op_chunk", self.filename, line0 + k - 1, col_off)
                    except SSPSyntaxError as err2:
                        raise err2 from None
                    raise
                e += 1
        for rec in recs:
            self._add_rec(rec)
        return e

    # ------------------------------------------------------------ slow path
    def _graph_slow(self, body: str, line0: int, col0: int):
        self._reset_graph()
        try:
            recs = _run_lark(body[1:-1], "op_chunk", self.filename, line0 - 1, col0)
        except SSPSyntaxError as err:
            if "end of input" not in err.message:
                raise
            # the region ends inside an op: point at its closing brace
            _run_lark(body[1:], "op_chunk", self.filename, line0 - 1, col0)
            raise
        for rec in recs:
            self._add_rec(rec)

    def _add_rec(self, rec: _OpRec):
        """Check one parsed op and append it to the graph being built (its
        operands are resolved later, once every value is defined)."""
        i = len(self.op_type)
        props, _ = _interpret_props("operation", rec.props, self.tr)
        oi = self._rec_type(rec, props, i)
        name, uses, where = self._rec_name_uses(rec, props)
        if name is not None:
            if name in self.syms:
                pos = next(it[2] for it in rec.pre if it[0] == "name")
                raise self.err(f"redefinition of symbol named '{name}'", pos)
            self.syms[name] = i
        if uses is None:
            ut = ()
        else:
            ut = tuple(self.resolve_res(path_, pos_) for path_, pos_ in uses[2])
            canon = tuple(self.canonical_res_path(r) for r in ut)
            written = tuple(path_ for path_, _ in uses[2])
            if written != canon:
                self.fmt.op_uses_refs[i] = written
            if uses[1] is not None and uses[2]:
                self._note_uses_style(where, uses[1], name is not None)
        total = self._rec_results(rec, i)
        opnds = self._rec_operands(rec)
        self.op_type.append(oi)
        self.op_name.append(name)
        self.op_uses.append(ut)
        self.op_results.append(total)
        self.op_pos.append(rec.pos)
        self.op_args.append(opnds or None)
        if "t" in props:
            self.t[i] = props["t"]
        if "z" in props:
            self.fmt.z_values[i] = props["z"]

    def _rec_type(self, rec: _OpRec, props: dict, i: int) -> int:
        """The operator type of op i (operation<...> or opr<...>, not both);
        a non-canonical spelling is kept for the printer."""
        if rec.type_ref is not None:
            if "opr" in props:
                raise self.err(
                    "operator type given twice (operation<...> and opr<...>)",
                    next(pp.pos for pp in rec.props if pp.name == "opr"),
                )
            path, pos = rec.type_ref
        elif "opr" in props:
            path = props["opr"]
            pos = next(pp.text_pos for pp in rec.props if pp.name == "opr")
        else:
            path = None
        if path is None:
            return self.sentinel_type()
        oi = self.resolve_type(path, pos)
        if path != self.canonical_type_path(oi):
            self.fmt.op_type_refs[i] = path
        return oi

    def _rec_name_uses(self, rec: _OpRec, props: dict):
        """(name, uses item, where the uses list stood: pre / mid / post) of an
        op; at most one name and one uses list (or rsrcs<...>)."""
        name, uses, where, named_before = None, None, None, False
        for item in rec.pre:
            if item[0] == "name":
                if name is not None:
                    raise self.err("operation has more than one name", item[2])
                name = item[1]
                named_before = True
            else:
                if uses is not None:
                    raise self.err("operation has more than one 'uses' list", item[3])
                uses, where = item, ("mid" if named_before else "pre")
        if rec.uses_post is not None:
            if uses is not None:
                raise self.err("operation has more than one 'uses' list", rec.uses_post[3])
            uses, where = rec.uses_post, "post"
        if "rsrcs" in props:
            if uses is not None:
                raise self.err(
                    "resource types given twice (uses and rsrcs<...>)",
                    next(pp.pos for pp in rec.props if pp.name == "rsrcs"),
                )
            ppos = next(pp.text_pos for pp in rec.props if pp.name == "rsrcs")
            uses = ("uses", None, [(path_, ppos) for path_ in props["rsrcs"]], ppos)
        return name, uses, where

    def _rec_results(self, rec: _OpRec, i: int) -> int:
        """Define op i's result values; returns their number."""
        total = 0
        for rname, count, rpos in rec.results:
            if rname in self.values or rname in self.value_groups:
                raise self.err(f"redefinition of SSA value '%{rname}'", rpos)
            if count < 1:
                raise self.err("a result group needs at least one value", rpos)
            if len(rec.results) == 1:
                self.values[rname] = i
            else:
                self.value_groups[rname] = (i, total, count)
            total += count
        return total

    def _rec_operands(self, rec: _OpRec) -> list:
        """The operands' form checked now (value operands before auxiliary
        ones, flat symbols); they are resolved once everything is defined."""
        seen_aux = False
        opnds = []
        for is_value, ref, r, oprops, pos in rec.operands:
            dprops, _ = _interpret_props("dependence", oprops, self.tr)
            if is_value:
                if seen_aux:
                    raise self.err(_interleave_msg(f"%{ref}"), pos)
            else:
                seen_aux = True
                if len(ref) != 1:
                    raise self.err(
                        "an auxiliary dependence needs a flat symbol reference "
                        f"(got '{P.format_symref(ref)}')",
                        pos,
                    )
                ref = ref[0]
            opnds.append((is_value, ref, r, dprops.get("dist", 0), pos))
        return opnds

    # ------------------------------------------------------------- operands
    def _edges_bulk(self):
        """All operands plain `%name` (the common case): resolve with C-level
        string and dict operations.  None if anything needs the general path."""
        op_args = self.op_args
        ops = [i for i, a in enumerate(op_args) if a is not None]
        if not ops:
            return [], [], [], [], []
        chunks = [op_args[i] for i in ops]
        if not all(type(c) is str for c in chunks):
            return None
        joined = ",".join(chunks)
        if "@" in joined or "[" in joined or "#" in joined:
            return None
        counts = [c.count(",") + 1 for c in chunks]
        names = joined.replace(" ", "").replace("\t", "").replace("%", "").split(",")
        src = list(map(self.values.get, names))
        if None in src:
            return None
        m = len(src)
        dst = np.repeat(np.asarray(ops, dtype=np.int64), counts).tolist()
        return src, dst, [0] * m, [False] * m, [0] * m

    def _edges_general(self):
        e_src, e_dst, e_dist, e_aux, e_res = [], [], [], [], []
        values, groups, syms, results = (self.values, self.value_groups, self.syms, self.op_results)
        for i, spec in enumerate(self.op_args):
            if spec is None:
                continue
            if type(spec) is str:
                spec = self._operands_of_text(i, spec)
            for is_value, name, r, dist, pos in spec:
                if is_value:
                    src = values.get(name)
                    if src is not None:
                        count, base = results[src], 0
                    else:
                        g = groups.get(name)
                        if g is None:
                            raise self.err(f"use of undefined value '%{name}'", self._pos_of(pos))
                        src, base, count = g
                    if r >= count:
                        raise self.err(
                            f"result #{r} of '%{name}' does not exist (it has "
                            f"{count} result{'s' if count != 1 else ''})",
                            self._pos_of(pos),
                        )
                    e_res.append(base + r)
                else:
                    src = syms.get(name)
                    if src is None:
                        raise self.err(
                            f"auxiliary dependence references unknown operation '{P.format_symbol(name)}'",
                            self._pos_of(pos),
                        )
                    e_res.append(-1)
                e_src.append(src)
                e_dst.append(i)
                e_dist.append(dist)
                e_aux.append(not is_value)
        return e_src, e_dst, e_dist, e_aux, e_res

    def _operands_of_text(self, i, args):
        """Operand tuples of a fast-path line; positions stay symbolic
        (line, operand ordinal) until an error needs them."""
        lineno = self.op_pos[i][0]
        out = []
        seen_aux = False
        for j, a in enumerate(args.split(",")):
            a = a.strip()
            dist = 0
            if a[-1] == "]":
                a, d = a.split("[", 1)
                a = a.rstrip()
                try:
                    dist = P.interpret("dependence", "dist", d[5:-2])
                except P.PropValueError as e:
                    line, col = self._fast_operand_pos(lineno, j)
                    opnd = self._line(lineno)[col - 1 :]
                    raise self.err(e.message, (line, col + opnd.index("dist<") + 5)) from None
            if a[0] == "%":
                if seen_aux:
                    raise self.err(_interleave_msg(a), self._fast_operand_pos(lineno, j))
                r = 0
                if "#" in a:
                    a, rs = a.split("#")
                    r = int(rs)
                out.append((True, a[1:], r, dist, (lineno, None, j)))
            else:
                seen_aux = True
                out.append((False, a[1:], -1, dist, (lineno, None, j)))
        return out

    def _pos_of(self, pos):
        if len(pos) == 2:
            return pos
        return self._fast_operand_pos(pos[0], pos[2])

    # ---------------------------------------------------------------- commit
    def _commit(self):
        edges = self._edges_bulk()
        if edges is None:
            edges = self._edges_general()
        p = self.p
        _extend_problem(p, self.op_type, self.op_name, self.op_uses, self.op_results, *edges)
        locs = p.locations
        locs.update(zip(map(Subject, repeat("op"), range(len(self.op_pos))), self.op_pos))
        if self.sentinel is not None and self.sentinel in self.op_type:
            # `operation<>`: errors about its (unnamed) type point at the first such op
            locs[Subject("operator_type", "")] = self.op_pos[self.op_type.index(self.sentinel)]


def _interleave_msg(operand: str) -> str:
    return (
        f"value operand '{operand}' follows a symbol operand; CIRCT rejects auxiliary "
        "dependences interleaved with SSA operands"
    )


def _extend_problem(p, op_type, op_name, op_uses, op_results, src, dst, dist, aux, res):
    """Append ops and dependences to ``p``: in bulk into its lists when it has
    the layout of model.problem.Problem, else through add_op/add_dependence."""
    fields = ("op_type", "op_names", "op_uses", "op_results", "_src", "_dst", "_dist", "_aux", "_result")
    if (
        type(p).add_op is Problem.add_op
        and type(p).add_dependence is Problem.add_dependence
        and all(isinstance(getattr(p, f, None), list) for f in fields)
    ):
        p.op_type.extend(op_type)
        p.op_names.extend(op_name)
        p.op_uses.extend(op_uses)
        p.op_results.extend(op_results)
        p._src.extend(src)
        p._dst.extend(dst)
        p._dist.extend(dist)
        p._aux.extend(aux)
        p._result.extend(res)
        if isinstance(getattr(p, "op_bits", None), list):
            p.op_bits.extend([1] * len(op_type))  # SSP has no widths: 1 bit per value
        p._arrays = None
        return
    for ot, nm, us, nr in zip(op_type, op_name, op_uses, op_results):
        p.add_op(ot, nm, us, nr)
    for s, d, di, ax, r in zip(src, dst, dist, aux, res):
        p.add_dependence(s, d, di, aux=ax, result=max(r, 0))


def _split_with_offsets(text: str):
    """Comma-separated parts (stripped) with their offsets in ``text``."""
    off = 0
    for part in text.split(","):
        stripped = part.lstrip()
        yield stripped.rstrip(), off + len(part) - len(stripped)
        off += len(part) + 1
