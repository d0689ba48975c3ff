"""No function in the package is longer than MAX_LINES (issue 10: long
functions cost the next reader the most; split them into state objects or
named helpers)."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LINES = 100
# Functions another change of the same issue splits; empty this set when it
# lands (the second test fails once an entry is short or gone).
PENDING: set[str] = set()


def _lengths() -> dict[str, int]:
    out: dict[str, int] = {}
    for top in ("gaus_mlir", "passes"):
        for f in sorted((ROOT / top).rglob("*.py")):
            rel = f.relative_to(ROOT).as_posix()
            for node in ast.walk(ast.parse(f.read_text(), str(f))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    key = f"{rel}:{node.name}"
                    out[key] = max(out.get(key, 0), node.end_lineno - node.lineno + 1)
    return out


def test_no_function_over_the_limit():
    long = {k: v for k, v in _lengths().items() if v > MAX_LINES and k not in PENDING}
    assert not long, f"functions over {MAX_LINES} lines: {long}"


def test_pending_entries_are_still_long():
    lengths = _lengths()
    stale = sorted(k for k in PENDING if lengths.get(k, 0) <= MAX_LINES)
    assert not stale, f"remove from PENDING (now short or gone): {stale}"
