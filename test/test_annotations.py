"""Every public function and method in CHECKED has type hints (issue 10: the
signatures are the first documentation a reader has).  Public: no leading
underscore (``__init__`` counts, for its parameters), at module level or in a
public class; every parameter but a method's ``self``/``cls`` is annotated,
and so is the return (except ``__init__``)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHECKED = [
    "gaus_mlir/model",
    "gaus_mlir/schedulers",
    "gaus_mlir/ssp",
    "gaus_mlir/ir_bridge",
    "passes",
    "gaus_mlir/rw.py",
    "gaus_mlir/charts.py",
    "gaus_mlir/diagnostics.py",
    "gaus_mlir/cli.py",
]

_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _is_static(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    return any(isinstance(d, ast.Name) and d.id == "staticmethod" for d in fn.decorator_list)


def _missing(fn: ast.FunctionDef | ast.AsyncFunctionDef, method: bool) -> list[str]:
    """The unannotated parameters of ``fn`` ('->' for its return)."""
    a = fn.args
    params = [*a.posonlyargs, *a.args]
    if method and params and params[0].arg in ("self", "cls") and not _is_static(fn):
        params = params[1:]
    params += [*a.kwonlyargs, *(p for p in (a.vararg, a.kwarg) if p is not None)]
    bad = [p.arg for p in params if p.annotation is None]
    if fn.returns is None and fn.name != "__init__":
        bad.append("->")
    return bad


def unannotated(source: str, where: str = "<string>") -> list[str]:
    """``where:line:Class.name: [params]`` for each public function or method
    of ``source`` that misses an annotation."""
    out: list[str] = []

    def visit(node: ast.AST, prefix: str, method: bool) -> None:
        for n in ast.iter_child_nodes(node):
            if isinstance(n, ast.ClassDef) and not n.name.startswith("_"):
                visit(n, f"{prefix}{n.name}.", True)
            elif isinstance(n, _FUNCS) and (not n.name.startswith("_") or n.name == "__init__"):
                bad = _missing(n, method)
                if bad:
                    out.append(f"{where}:{n.lineno}:{prefix}{n.name}: {bad}")

    visit(ast.parse(source, where), "", False)
    return out


def _files() -> list[Path]:
    files: list[Path] = []
    for entry in CHECKED:
        p = ROOT / entry
        assert p.exists(), f"CHECKED names a missing path: {entry}"
        files += sorted(p.rglob("*.py")) if p.is_dir() else [p]
    return files


def test_public_functions_are_annotated():
    offenders = [
        line for f in _files() for line in unannotated(f.read_text(), f.relative_to(ROOT).as_posix())
    ]
    assert not offenders, "public functions missing type hints:\n" + "\n".join(offenders)


def test_checker_finds_what_is_missing():
    src = """
def ok(a: int, *args: str, b: int = 0, **kw: float) -> None: ...
def no_return(a: int): ...
def bare(a, b: int) -> int: ...
def _private(a): ...
class C:
    def __init__(self, x): ...
    def m(self, y: int) -> int: ...
    @classmethod
    def make(cls) -> "C": ...
    @staticmethod
    def s(self) -> None: ...
    def _helper(self, z): ...
    class Inner:
        def f(self, *rest) -> None: ...
class _Hidden:
    def f(self, x): ...
def outer() -> None:
    def inner(x): ...
"""
    got = [line.split(":", 2)[2] for line in unannotated(src)]
    assert got == [
        "no_return: ['->']",
        "bare: ['a']",
        "C.__init__: ['x']",
        "C.s: ['self']",
        "C.Inner.f: ['rest']",
    ]
