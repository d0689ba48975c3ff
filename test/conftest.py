"""Shared fixtures: where the read-only benchmark folder is (``../shared/benchmarks``
from the repo root, or ``$GAUS_BENCHMARKS``) and how tests that need it skip
when a user's clone lacks it.

One marker does it: ``@needs_benchmarks`` (or ``pytestmark = needs_benchmarks``,
or ``@pytest.mark.needs_benchmarks`` without importing anything) skips the
test with :data:`NO_BENCHMARKS` as the reason.  A test parametrized over the
benchmarks takes its parameter list from :func:`benchmark_params`: without the
benchmarks that is one skipped parameter with the same reason, so the test is
reported as skipped instead of vanishing from the count."""

from __future__ import annotations

import csv
import os
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
BENCHMARKS = Path(os.environ.get("GAUS_BENCHMARKS") or REPO.parent / "shared" / "benchmarks")
HAVE_BENCHMARKS = (BENCHMARKS / "manifest.csv").is_file()
NO_BENCHMARKS = (
    f"shared benchmarks not found at {BENCHMARKS} "
    "(../shared/benchmarks from the repo root; set GAUS_BENCHMARKS)"
)
needs_benchmarks = pytest.mark.needs_benchmarks
_PARAM = type(pytest.param(None))


def pytest_collection_modifyitems(config, items):
    if HAVE_BENCHMARKS:
        return
    skip = pytest.mark.skip(reason=NO_BENCHMARKS)
    for item in items:
        if item.get_closest_marker("needs_benchmarks") is not None:
            item.add_marker(skip)


def benchmark_params(values: Iterable, ids=None, nargs: int = 1) -> list:
    """``values`` (drawn from the benchmarks; plain values, tuples of ``nargs``
    values or ``pytest.param``s) for ``pytest.mark.parametrize``, each marked
    ``needs_benchmarks``; ``ids`` a function of a value.  Without the benchmarks:
    one parameter (``nargs`` Nones, id ``no-benchmarks``) that skips with the
    reason, not an empty list."""
    if not HAVE_BENCHMARKS:
        return [pytest.param(*(None,) * nargs, id="no-benchmarks", marks=needs_benchmarks)]
    out = []
    for v in values:
        if isinstance(v, _PARAM):
            out.append(pytest.param(*v.values, id=v.id, marks=[*v.marks, needs_benchmarks]))
        else:
            args = (v,) if nargs == 1 else tuple(v)
            out.append(pytest.param(*args, id=ids(v) if callable(ids) else None, marks=needs_benchmarks))
    return out


def manifest_rows(suite: str | None = None) -> list[dict]:
    """The manifest's rows (of one suite); [] without the benchmarks."""
    if not HAVE_BENCHMARKS:
        return []
    with open(BENCHMARKS / "manifest.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r for r in rows if suite is None or r["suite"] == suite]


def benchmark_files(suite: str) -> list[Path]:
    return [BENCHMARKS / r["file"] for r in manifest_rows(suite)]


def run_cli(args, stdin_text: str | None = None) -> tuple[int, str, str]:
    """``gaus-opt ARGS`` in this process: (exit code, stdout, stderr)."""
    import io

    from gaus_mlir import cli

    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin
    if stdin_text is not None:
        sys.stdin = io.StringIO(stdin_text)
    try:
        code = cli.run([str(a) for a in args], stdout=out, stderr=err)
    finally:
        sys.stdin = old
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(autouse=True, scope="session")
def _no_circt_in_this_process():
    """pycde's CIRCT and the MLIR 22 bindings cannot share a process: CIRCT runs
    in a child (gaus_mlir.circt).  A test that imports pycde here would break
    every MLIR test after it, so it fails the run."""
    yield
    assert "pycde" not in sys.modules, "a test imported pycde into the MLIR process: use gaus_mlir.circt"
