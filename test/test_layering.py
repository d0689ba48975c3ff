"""The package's layers import only downward, no module imports another
module's private names, and the heavy dependencies stay where they belong
(issue 10).  Every import statement counts: relative ones and those inside
functions too.

Layers (lowest first; a module may import its own layer and those below):

0. ``gaus_mlir.diagnostics`` (standard library only) and the package's
   ``__init__`` (its version);
1. ``gaus_mlir.model``: numpy only (no torch, mlir, ortools);
   ``gaus_mlir.circt``: the CIRCT child process (standard library only; its
   child module imports pycde, never the MLIR 22 bindings);
2. ``gaus_mlir.schedulers``: no mlir; torch only inside ``schedulers/gaus``
   at module level, elsewhere in the schedulers inside functions;
3. the front ends and outputs: ``gaus_mlir.ssp``, ``gaus_mlir.ir_bridge``,
   ``gaus_mlir.hardware`` (MLIR functions to CIRCT pipelines, Verilog, Yosys and
   Verilator), ``gaus_mlir.rw`` (reads RW graphs into model problems) and
   ``gaus_mlir.charts`` (draws model schedules): each imports the model only;
4. the user-facing layer: ``passes/`` (installed as ``gaus_mlir.passes``) and
   ``gaus_mlir.cli``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (prefix of a dotted module name, layer); the longest matching prefix wins
LAYERS = (
    ("gaus_mlir.diagnostics", 0),
    ("gaus_mlir.model", 1),
    ("gaus_mlir.circt", 1),
    ("gaus_mlir.schedulers", 2),
    ("gaus_mlir.ssp", 3),
    ("gaus_mlir.ir_bridge", 3),
    ("gaus_mlir.hardware", 3),
    ("gaus_mlir.rw", 3),
    ("gaus_mlir.charts", 3),
    ("gaus_mlir.passes", 4),
    ("gaus_mlir.cli", 4),
)


def _modules() -> dict[str, tuple[Path, bool]]:
    """{dotted name: (file, is a package)} of every module of the package."""
    out = {}
    for top, pkg in (("gaus_mlir", "gaus_mlir"), ("passes", "gaus_mlir.passes")):
        for f in sorted((ROOT / top).rglob("*.py")):
            parts = list(f.relative_to(ROOT / top).with_suffix("").parts)
            is_pkg = parts[-1] == "__init__"
            if is_pkg:
                parts = parts[:-1]
            out[".".join([pkg, *parts])] = (f, is_pkg)
    return out


MODULES = _modules()


def layer(name: str) -> int:
    if name == "gaus_mlir":
        return 0
    best, found = -1, None
    for prefix, lay in LAYERS:
        if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best:
            best, found = len(prefix), lay
    assert found is not None, f"module {name} has no layer: add it to LAYERS"
    return found


def _typing_only(tree: ast.Module) -> set[int]:
    """Ids of the statements under a module-level ``if TYPE_CHECKING:``."""
    out: set[int] = set()
    for n in tree.body:
        if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test):
            out.update(id(c) for stmt in n.body for c in ast.walk(stmt))
    return out


def _imports(name: str, *, runtime_only: bool = False):
    """(imported module, imported name or None, line, at module level) of every
    import (``runtime_only``: not those only for type checkers)."""
    path, is_pkg = MODULES[name]
    tree = ast.parse(path.read_text(), str(path))
    top_level = {id(n) for n in tree.body}
    # statements under a module-level if/try (e.g. TYPE_CHECKING) still run at import
    for n in tree.body:
        if isinstance(n, (ast.If, ast.Try)):
            top_level.update(id(c) for c in ast.walk(n))
    typing_only = _typing_only(tree)
    package = name if is_pkg else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if runtime_only and id(node) in typing_only:
            continue
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno, id(node) in top_level
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            for alias in node.names:
                sub = f"{mod}.{alias.name}"
                if sub in MODULES:  # from pkg import submodule
                    yield sub, None, node.lineno, id(node) in top_level
                else:
                    yield mod, alias.name, node.lineno, id(node) in top_level


def _ours(mod: str) -> bool:
    return mod == "gaus_mlir" or mod.startswith("gaus_mlir.")


def test_every_module_has_a_layer():
    for name in MODULES:
        layer(name)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_private_import(name):
    bad = [
        f"line {line}: {what} from {mod}"
        for mod, what, line, _ in _imports(name)
        if what and _ours(mod) and what.startswith("_") and not what.startswith("__") and mod != name
    ]
    assert not bad, f"{name} imports private names: {bad}"


@pytest.mark.parametrize("name", sorted(MODULES))
def test_imports_go_downward(name):
    mine = layer(name)
    bad = [
        f"line {line}: {mod} (layer {layer(mod)})"
        for mod, _, line, _ in _imports(name)
        if _ours(mod) and mod in MODULES and layer(mod) > mine
    ]
    assert not bad, f"{name} (layer {mine}) imports a higher layer: {bad}"


def _root(mod: str) -> str:
    return mod.split(".")[0]


@pytest.mark.parametrize("name", sorted(MODULES))
def test_heavy_dependencies_stay_in_their_layer(name):
    lay = layer(name)
    in_gaus = name.startswith("gaus_mlir.schedulers.gaus")
    bad = []
    for mod, _, line, module_level in _imports(name):
        root = _root(mod)
        if lay <= 1 and root in ("torch", "mlir", "ortools", "circt"):
            bad.append(f"line {line}: the model imports {mod}")
        if lay == 2 and root in ("mlir", "circt"):
            bad.append(f"line {line}: a scheduler imports {mod}")
        if root == "torch" and not name.startswith("gaus_mlir.schedulers"):
            bad.append(f"line {line}: torch outside the schedulers")
        if root == "torch" and module_level and not in_gaus:
            bad.append(f"line {line}: torch at module level outside schedulers/gaus")
    assert not bad, f"{name}: {bad}"


def test_no_import_cycle_in_the_model_and_the_schedulers():
    """No module of the model or the schedulers reaches itself through the
    imports (at module level or inside functions; typing-only ones aside):
    e.g. the time-constrained variants are picked by ``METHODS``, not by
    list_scheduling / cpsat importing time_constrained back."""
    scope = [m for m in MODULES if m.startswith(("gaus_mlir.model", "gaus_mlir.schedulers"))]
    succ = {
        m: sorted({mod for mod, _, _, _ in _imports(m, runtime_only=True) if mod in scope and mod != m})
        for m in scope
    }
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles = []

    def visit(m, path):
        state[m] = 1
        for nxt in succ[m]:
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt) :] + [m, nxt])
            elif nxt not in state:
                visit(nxt, path + [m])
        state[m] = 2

    for m in scope:
        if m not in state:
            visit(m, [])
    assert not cycles, f"import cycles: {cycles}"


def test_the_checks_see_relative_and_function_level_imports():
    """The import walker resolves relative imports and finds those inside functions."""
    found = {(mod, what, top) for mod, what, _, top in _imports("gaus_mlir.schedulers.gs_schedule")}
    assert ("torch", None, False) in found
    assert any(mod == "gaus_mlir.model" and top for mod, _, top in found)
