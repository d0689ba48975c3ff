"""Fuzzing support: random SSP and MLIR inputs, hostile mutations, the
``gaus-opt`` contract and brute-force schedule checkers that do not use the
project's own verifier (``gaus_mlir.model.problem.verify``, ``gaus-verify``).

* :mod:`.ssp_gen` / :mod:`.ssp_check`: random SSP instances of every kind and a
  plain-int checker of the printed ``t<>`` / ``II<>`` / ``z<>``;
* :mod:`.mlir_gen` / :mod:`.mlir_check`: random affine/scf kernels and an
  interpreter that runs the scheduled IR element by element and checks every
  def-use and memory dependence and every port / op-class limit per cycle;
* :mod:`.contract`: run ``gaus-opt`` (in process or as a subprocess with a time
  and memory budget) and classify the outcome.

Shared by ``test/test_fuzz_*.py`` (small, derandomized) and
``benchmarks/fuzz_campaign.py`` (long runs).
"""
