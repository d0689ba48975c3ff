"""The ``needs_benchmarks`` marker and ``benchmark_params`` (conftest.py): without
the benchmarks every test that needs them is reported as skipped with the
reason (a parametrized one as one ``no-benchmarks`` case, not an empty
parameter set); with them, each benchmark is one case that runs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

TESTS = """
import pytest
from conftest import benchmark_files, benchmark_params, needs_benchmarks


@pytest.mark.parametrize("path", benchmark_params(benchmark_files("s"), ids=lambda p: p.stem))
def test_each_file(path):
    assert path.read_text() == "x"


@needs_benchmarks
def test_marked():
    pass


@pytest.mark.needs_benchmarks
def test_marked_by_name():
    pass


def test_plain():
    pass
"""


def _pytest(folder: Path, benchmarks: Path) -> str:
    env = dict(os.environ, GAUS_BENCHMARKS=str(benchmarks))
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-rs",
            "-v",
            "-p",
            "no:cacheprovider",
            "-c",
            str(folder / "pytest.ini"),
            "--rootdir",
            str(folder),
            str(folder),
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc.stdout


def _setup(tmp_path: Path) -> Path:
    folder = tmp_path / "t"
    folder.mkdir()
    shutil.copy(HERE / "conftest.py", folder / "conftest.py")
    (folder / "pytest.ini").write_text("[pytest]\nmarkers =\n    needs_benchmarks: x\n")
    (folder / "test_x.py").write_text(TESTS)
    return folder


def test_without_benchmarks_every_test_skips_with_the_reason(tmp_path):
    folder = _setup(tmp_path)
    out = _pytest(folder, tmp_path / "nowhere")
    assert "test_each_file[no-benchmarks] SKIPPED" in out
    assert "1 passed, 3 skipped" in out
    reason = f"shared benchmarks not found at {tmp_path / 'nowhere'}"
    assert out.count(reason) == 3 and "set GAUS_BENCHMARKS" in out
    assert "empty parameter set" not in out


def test_with_benchmarks_each_file_is_a_case(tmp_path):
    folder = _setup(tmp_path)
    bench = tmp_path / "bench"
    bench.mkdir()
    (bench / "manifest.csv").write_text("suite,file\ns,a.mlir\ns,b.mlir\nother,c.mlir\n")
    for name in ("a", "b"):
        (bench / f"{name}.mlir").write_text("x")
    out = _pytest(folder, bench)
    assert "test_each_file[a] PASSED" in out and "test_each_file[b] PASSED" in out
    assert "5 passed" in out and "skipped" not in out
