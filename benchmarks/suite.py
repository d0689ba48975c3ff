"""Benchmark instances: which files, how each suite becomes a problem, how a
schedule is scored, and the per-instance lower bounds.

Suites (read from ``../shared/benchmarks`` or ``$GAUS_BENCHMARKS``):

* ``express``: the SharedOperatorsProblem as given; objective = latency (start
  of ``@last``).
* ``latency``: the express graphs with their resource limits dropped (the
  problem CIRCT's ``pipeline-schedule-linear``, ``method=circt``, takes);
  objective = latency (start of ``@last``), lower bound = the critical path.
* ``chstone``: the ModuloProblem as given, distinct graphs only (rows with
  ``duplicate_of`` skipped); objective = (II, latency) lexicographically.
* ``epfl``: the time-constrained dual with ``L = ceil(1.1 x critical path)``
  (``gaus_mlir.model.time_constrained``); objective = sum over resources of the
  peak users per step (here: the and_unit peak).
* ``rw``: ICML'24 formulation A on the GML graphs (``gaus_mlir.rw.read_gml``);
  objective = ``ratio * weighted peak + communication``.
* ``registers``: register pressure (``gaus_mlir.model.registers``), objective =
  peak live bits (MaxLive for modulo schedules); ``lifetimes`` (total bits x
  cycles) is recorded beside it.  Settings, one instance each:
  ``registers/chstone/<loop>`` at the minimal II that IMS finds (every method
  gets ``ii``); ``registers/express/<g>@list`` and ``@1.2cp`` and the same for
  EPFL circuits (acyclic, the file's limits kept, latency bound = the list
  schedule's latency or ``ceil(1.2 x critical path)``); ``registers/rw/<g>``
  (formulation B: value width = node parameter, depth = longest path).

Plus the synthetic ``layered<N>`` DAGs of :mod:`gaus_mlir.model.generate` (and
EPFL div/hyp) in time-constrained form for the scaling measurements.

Not a package module: ``benchmarks/run.py`` puts this folder on ``sys.path``.
"""

from __future__ import annotations

import csv
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BENCH = Path(os.environ.get("GAUS_BENCHMARKS", REPO.parent / "shared" / "benchmarks"))
SUITES = ("express", "latency", "chstone", "epfl", "rw", "registers", "hardware")
#: suites of MLIR kernels run through gaus-opt and the hardware tools
#: (benchmarks/hardware.py), not of scheduling problems
KERNEL_SUITES = ("hardware",)

# default size caps without --large (ops; None = no cap)
DEFAULT_MAX_OPS = {
    "express": None,
    "latency": None,
    "chstone": None,
    "epfl": 3500,
    "rw": None,
    "registers": 3500,
}
LARGE_MAX_OPS = {"registers": 12000}  # the register suite's EPFL cap with --large
DEFAULT_RW_SIZES = (1000,)
LARGE_RW_SIZES = (1000, 5000, 10000)
# --quick: the smallest instances of each suite
QUICK_COUNT = {"express": 1, "latency": 1, "chstone": 1, "epfl": 1, "rw": 1, "registers": 2}
REGISTER_SETTINGS = ("list", "1.2cp")  # latency bounds of the acyclic register instances


def have_benchmarks() -> bool:
    return (BENCH / "manifest.csv").is_file()


def manifest(suite: str | None = None, distinct: bool = True) -> list[dict]:
    """Manifest rows of ``suite`` (all suites if None); ``distinct`` drops the
    chstone rows that duplicate an earlier graph (``duplicate_of``)."""
    with open(BENCH / "manifest.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    return [
        r for r in rows if (suite is None or r["suite"] == suite) and not (distinct and r.get("duplicate_of"))
    ]


@dataclass
class Instance:
    name: str  # e.g. "express/hal", "rw/rand_graph_1000_1", "layered1000"
    suite: str
    path: str  # file, or "" for generated problems
    ops: int
    ref: dict = field(default_factory=dict)  # manifest row (express/chstone/epfl)
    setting: str = ""  # registers suite: "modulo", "list", "1.2cp" or "formulation-b"

    @property
    def stem(self) -> str:
        return self.name.split("/")[-1]


def _register_instances(rw_sizes) -> list[Instance]:
    out = [
        Instance(f"registers/chstone/{i.stem}", "registers", i.path, i.ops, i.ref, "modulo")
        for i in instances("chstone")
    ]
    for suite in ("express", "epfl"):
        for i in instances(suite):
            out += [
                Instance(f"registers/{suite}/{i.stem}@{b}", "registers", i.path, i.ops, i.ref, b)
                for b in REGISTER_SETTINGS
            ]
    for i in _rw_instances(rw_sizes):
        out.append(Instance(f"registers/rw/{i.stem}", "registers", i.path, i.ops, {}, "formulation-b"))
    return out + _mlir_instances()


def _mlir_regions(path: str) -> dict:
    """{function/region name: problem} of the innermost regions (no nested
    regions) of an MLIR example, with the types' widths; needs the MLIR bindings."""
    from mlir import ir

    from gaus_mlir.ir_bridge import Config, ExtractionError, FunctionAnalysis, build_problem

    out, config = {}, Config()
    with ir.Context() as ctx, ir.Location.unknown():
        ctx.allow_unregistered_dialects = True
        module = ir.Module.parse(Path(path).read_text())
        for op in module.body.operations:
            if op.operation.name != "func.func" or not op.regions[0].blocks:
                continue
            try:  # kernels that need upstream lowering first (linalg) are left out
                root = FunctionAnalysis(op.operation, config).function_region()
            except ExtractionError:
                continue
            for r in root.walk():
                if r.remark is None and not r.children:
                    out[r.name] = build_problem(r, config)
    return out


def _mlir_instances() -> list[Instance]:
    """The example kernels' innermost regions: pipelined loops at IMS's II
    ("modulo"), straight-line bodies at the list latency ("list")."""
    try:
        import mlir  # noqa: F401
    except ImportError:
        return []
    out = []
    for f in sorted((REPO / "examples").glob("*.mlir")):
        if f.name.endswith(".ssp.mlir"):
            continue
        for name, p in _mlir_regions(str(f)).items():
            if p.num_ops > 1:
                setting = "modulo" if p.cyclic else "list"
                out.append(
                    Instance(f"registers/mlir/{f.stem}:{name}", "registers", str(f), p.num_ops, {}, setting)
                )
    return out


def _rw_instances(sizes) -> list[Instance]:
    stats = {}
    with open(BENCH / "rw" / "stats.csv", newline="") as f:
        for r in csv.DictReader(f):
            stats[r["file"]] = int(r["nodes"])
    out = []
    for s in sizes:
        for kind in ("rand_graph", "rand_graph_sparse"):
            for p in sorted((BENCH / "rw").glob(f"{kind}_{s}_[0-9].gml")):
                rel = f"rw/{p.name}"
                out.append(Instance(f"rw/{p.stem}", "rw", str(p), stats.get(rel, 0)))
    return out


def instances(suite: str, *, rw_sizes=DEFAULT_RW_SIZES) -> list[Instance]:
    """Every instance of ``suite`` (before size filters)."""
    if suite == "rw":
        return _rw_instances(rw_sizes)
    if suite == "registers":
        return _register_instances(rw_sizes)
    if suite == "latency":  # the express graphs, limits dropped
        return [
            Instance(f"latency/{Path(r['file']).stem}", suite, str(BENCH / r["file"]), int(r["ops"]))
            for r in manifest("express")
        ]
    return [
        Instance(f"{suite}/{Path(r['file']).stem}", suite, str(BENCH / r["file"]), int(r["ops"]), r)
        for r in manifest(suite)
    ]


def select(
    suites, *, min_ops=None, max_ops=None, names=None, quick=False, large=False, rw_sizes=None
) -> list[Instance]:
    """Instances of ``suites`` filtered by size (``max_ops`` None: the suite's
    default cap unless ``large`` or ``names``), by name (substrings of the instance name) and,
    with ``quick``, cut to the few smallest per suite."""
    out = []
    for suite in suites:
        if suite in KERNEL_SUITES:
            continue
        sizes = rw_sizes or (LARGE_RW_SIZES if large else DEFAULT_RW_SIZES)
        insts = instances(suite, rw_sizes=sizes)
        default_cap = LARGE_MAX_OPS.get(suite) if large else DEFAULT_MAX_OPS[suite]
        cap = max_ops if max_ops is not None else (None if names else default_cap)
        insts = [i for i in insts if (min_ops is None or i.ops >= min_ops) and (cap is None or i.ops <= cap)]
        if names:
            insts = [i for i in insts if any(n == i.stem or n in i.name for n in names)]
        if quick and suite == "registers":  # one modulo and one acyclic instance, each with some values
            insts = [
                min((i for i in insts if i.setting == k and i.ops >= 30), key=lambda i: (i.ops, i.name))
                for k in ("modulo", "list")
            ]
        elif quick:
            insts = sorted(insts, key=lambda i: (i.ops, i.name))[: QUICK_COUNT[suite]]
        out += sorted(insts, key=lambda i: (i.ops, i.name))
    return out


# ------------------------------------------------------------------ problems
def epfl_latency_bound(problem) -> int:
    """L = ceil(1.1 x critical path) of the time-constrained EPFL set-up."""
    from gaus_mlir.model.bounds import critical_path

    return math.ceil(1.1 * critical_path(problem))


def as_time_constrained(problem):
    from gaus_mlir.model import time_constrained

    return time_constrained(problem, epfl_latency_bound(problem))


def generated(name: str):
    """Problem of a generated scaling instance: ``layered<N>`` (time-constrained
    layered DAG) or ``epfl-<circuit>`` (time-constrained EPFL circuit)."""
    from gaus_mlir.model.generate import layered_dag

    m = re.fullmatch(r"layered(\d+)", name)
    if m:
        return as_time_constrained(layered_dag(int(m.group(1)), 0))
    if name.startswith("epfl-"):
        from gaus_mlir.ssp import parse_file

        return as_time_constrained(parse_file(BENCH / "epfl" / f"{name[5:]}.mlir")[0].problem)
    raise ValueError(f"unknown generated instance '{name}'")


def register_problem(inst: Instance):
    """The register-suite problem of ``inst`` (see the module docstring); a
    modulo instance carries the II every method gets as ``problem.bench_ii``."""
    from gaus_mlir.model import time_constrained
    from gaus_mlir.model.bounds import critical_path
    from gaus_mlir.schedulers import schedule
    from gaus_mlir.ssp import parse_file

    if inst.setting == "formulation-b":
        from gaus_mlir.rw import read_gml

        return read_gml(inst.path, value_bits=True)[0]
    if "/mlir/" in inst.name:
        p = _mlir_regions(inst.path)[inst.name.rsplit(":", 1)[1]]
    else:
        p = parse_file(inst.path)[0].problem
    if inst.setting == "modulo":
        p.bench_ii = int(schedule(p, "ims").ii)
        return p
    if inst.setting == "list":
        bound = int(schedule(p, "list").makespan(p))
    else:
        bound = math.ceil(1.2 * critical_path(p))
    return time_constrained(p, bound, keep_limits=True)


def load(inst: Instance):
    """The problem the suite schedules (see the module docstring)."""
    if inst.suite == "registers":
        return register_problem(inst)
    if inst.suite == "rw":
        from gaus_mlir.rw import read_gml

        return read_gml(inst.path)[0]
    if inst.suite == "scaling":
        return generated(inst.name)
    from gaus_mlir.ssp import parse_file

    p = parse_file(inst.path)[0].problem
    if inst.suite == "latency":
        return without_limits(p)
    return as_time_constrained(p) if inst.suite == "epfl" else p


def without_limits(problem):
    """``problem`` as a plain ``Problem``: its resources (and limits) are ignored."""
    from gaus_mlir.model import Problem, copy_as

    return copy_as(problem, Problem)


def rw_objective(ratio: float) -> str:
    """GauS objective string of formulation A."""
    return f"{ratio:g}*peak+comm"


def score(inst: Instance, problem, sched, ratio: float = 1.0) -> dict:
    """objective / latency / ii of a schedule under the suite's objective."""
    latency = int(sched.latency(problem))
    ii = int(sched.ii) if sched.ii is not None else None
    if inst.suite == "rw":
        from gaus_mlir.rw import formulation_a_cost

        obj = float(formulation_a_cost(problem, sched.start, ratio=ratio))
    elif inst.suite == "registers":
        from gaus_mlir.model.registers import register_usage

        use = register_usage(problem, sched.start, sched.ii)
        return {"objective": float(use.peak), "lifetimes": int(use.total), "latency": latency, "ii": ii}
    elif inst.suite in ("epfl", "scaling"):
        from gaus_mlir.model.objectives import time_constrained_cost

        obj = float(time_constrained_cost(problem, sched.start))
    else:
        obj = float(latency)
    return {"objective": obj, "latency": latency, "ii": ii}


def info(inst: Instance, problem) -> dict:
    """Per-instance facts for the report: ops, latency bound, lower bounds and
    the manifest's reference."""
    from gaus_mlir.model import bounds

    d = {
        "instance": inst.name,
        "suite": inst.suite,
        "ops": inst.ops,
        "num_ops": problem.num_ops,
        "num_deps": problem.num_deps,
        "latency_bound": problem.latency_bound,
        "lower_bound": None,
    }
    if inst.suite == "registers":
        d["setting"] = inst.setting
        d["ii"] = getattr(problem, "bench_ii", None)
        return d
    if inst.suite in ("express", "latency"):
        d["lower_bound"] = bounds.latency_lower_bound(problem)
    elif inst.suite == "chstone":
        d["rec_mii"] = bounds.rec_mii(problem)
        d["res_mii"] = bounds.res_mii(problem)
        d["mii"] = max(d["rec_mii"], d["res_mii"])
    elif inst.suite == "epfl":
        from gaus_mlir.schedulers.time_constrained import peak_lower_bound

        d["lower_bound"] = int(sum(peak_lower_bound(problem).values()))
    r = inst.ref
    if r and inst.suite in ("express", "chstone"):  # same problem as the manifest's
        d["ref_value"] = int(r["ref_value"]) if r.get("ref_value") else None
        d["ref_status"] = r.get("ref_status") or None
        d["ref_ii"] = int(r["ref_ii"]) if r.get("ref_ii") else None
    return d


def manifest_proven(inst: Instance) -> bool:
    """Whether the manifest holds a proven optimum of this suite's problem."""
    return inst.suite in ("express", "chstone") and inst.ref.get("ref_status") == "OPTIMAL"
