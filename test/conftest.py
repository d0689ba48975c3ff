"""Shared fixtures: where the read-only benchmark folder is (``../shared`` from
the repo root) and how tests skip when a user's clone lacks it."""

from __future__ import annotations

import csv
import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
BENCHMARKS = Path(os.environ.get("GAUS_BENCHMARKS", REPO.parent / "shared" / "benchmarks"))
HAVE_BENCHMARKS = (BENCHMARKS / "manifest.csv").is_file()
needs_benchmarks = pytest.mark.skipif(
    not HAVE_BENCHMARKS,
    reason=f"shared benchmarks not found at {BENCHMARKS} (set GAUS_BENCHMARKS)")


def manifest_rows(suite: str | None = None) -> list[dict]:
    if not HAVE_BENCHMARKS:
        return []
    with open(BENCHMARKS / "manifest.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r for r in rows if suite is None or r["suite"] == suite]


def benchmark_files(suite: str) -> list[Path]:
    return [BENCHMARKS / r["file"] for r in manifest_rows(suite)]
