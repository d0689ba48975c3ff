"""Run one (instance, method, seed) in a fresh forked process and measure it.

Each run is a child forked from the harness (which has already imported
numpy, torch, OR-Tools and the schedulers, so a child starts in milliseconds);
the child loads the problem, runs the method through the registry
(``gaus_mlir.schedulers.schedule``), verifies the schedule with
``problem.verify()`` and sends one JSON result back through a pipe.  The
parent enforces a wall-clock timeout (SIGKILL), reads the child's peak RSS
from ``wait4`` (``ru_maxrss``; it includes the harness's own resident memory
it touches, so the peak of a child that does nothing, measured once, is
reported as ``base_mb``) and turns a crash, an exception, a
timeout, an allocation failure (``RLIMIT_AS`` = the harness's address space +
``mem_mb``) or a schedule that fails ``verify()`` into a failure row.

Method variants (the names in the report):

=====================  ==============  ================================================
variant                registry method  options
=====================  ==============  ================================================
gaus / gaus-random     gaus            init informed / random; seed; relaxation
                                       ``time_limit`` = budget / 2 (legalization
                                       after it); rw: objective formulation A
gs-schedule(-random)   gs-schedule     the same options (those its signature accepts)
list, ims, lp          list, ims, lp   defaults (list on a time-constrained problem:
                                       binary search on the limits)
fds                    fds             time_limit = budget; rw: formulation A weights
cpsat                  cpsat           time_limit = budget, 2 workers; rw:
                                       ``schedule_cpsat_peak`` with formulation A
cpsat-ref              cpsat           time_limit = the long reference budget
hybrid                 hybrid          time_limit = budget, seed, device; rw: objective
circt                  circt           CIRCT's pipeline-schedule-linear (child process);
                                       no budget (not an anytime method)
=====================  ==============  ================================================
"""

from __future__ import annotations

import gc
import json
import os
import resource
import select
import signal
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass

import suite as S


@dataclass(frozen=True)
class Variant:
    name: str
    method: str  # registry name
    init: str | None  # "informed" / "random" for the differentiable schedulers
    seeded: bool  # run once per seed (else seed 0 only)
    budget: str  # "relax" (budget/2 to the relaxation), "full", "ref", "none"


VARIANTS: dict[str, Variant] = {
    v.name: v
    for v in (
        Variant("gaus", "gaus", "informed", True, "relax"),
        Variant("gaus-random", "gaus", "random", True, "relax"),
        Variant("gs-schedule", "gs-schedule", "informed", True, "relax"),
        Variant("gs-schedule-random", "gs-schedule", "random", True, "relax"),
        Variant("list", "list", None, False, "none"),
        Variant("ims", "ims", None, False, "none"),
        Variant("fds", "fds", None, False, "full"),
        Variant("lp", "lp", None, False, "none"),
        Variant("cpsat", "cpsat", None, False, "full"),
        Variant("cpsat-ref", "cpsat", None, False, "ref"),
        Variant("hybrid", "hybrid", None, False, "full"),
        Variant("sms", "sms", None, False, "full"),
        Variant("circt", "circt", None, False, "none"),
    )
}
# the register suite: the register-aware methods and the register-agnostic baselines
REGISTER_VARIANTS = ("list", "ims", "sms", "lp", "gaus", "cpsat", "hybrid")


# the objective terms each suite scores (a method that minimises none of them has no run there)
SUITE_TERMS = {
    "express": ("latency",),
    "latency": ("latency",),
    "chstone": ("latency",),
    "epfl": ("peak",),
    "rw": ("peak", "comm"),
}


def excluded(inst: S.Instance, vname: str) -> str | None:
    """Why a variant has no run on ``inst`` (None: it runs where supported)."""
    suite = inst.suite
    if suite == "registers":
        if vname not in REGISTER_VARIANTS:
            return "not a method of the registers suite"
        if vname == "list" and inst.setting == "1.2cp":
            return "list scheduling ignores the bound (its own latency is the @list setting)"
        return None
    from gaus_mlir.circt import circt_available
    from gaus_mlir.schedulers import METHODS

    if VARIANTS[vname].method == "circt" and not circt_available():
        return "CIRCT (pycde, the hardware extra) is not installed"
    own = METHODS[VARIANTS[vname].method].objectives
    if suite in SUITE_TERMS and not set(SUITE_TERMS[suite]) <= set(own):
        return f"it minimises {', '.join(own)}, not this suite's objective"
    return None


SCALING_METHODS = ("gaus", "gs-schedule")
FAILED = ("failed", "timeout", "oom", "crashed", "unverified")


@dataclass
class Config:
    budget: float = 5.0
    ref_budget: float = 30.0
    device: str = "auto"
    ratio: float = 1.0
    workers: int = 2
    iterations: int | None = None
    timeout: float = 300.0
    mem_mb: float | None = 8192.0
    scaling_iterations: int = 20
    scaling_relax_limit: float = 30.0
    scaling_timeout: float = 180.0


def preload(methods) -> dict[str, str]:
    """Import what the children need (so they fork warm); returns {method:
    error} for methods that fail to import (their runs will fail and say
    why)."""
    import numpy  # noqa: F401

    import gaus_mlir.rw  # noqa: F401
    import gaus_mlir.ssp  # noqa: F401
    from gaus_mlir.model import bounds  # noqa: F401
    from gaus_mlir.schedulers import (
        METHODS,
        time_constrained,  # noqa: F401
    )

    errors = {}
    for m in sorted(set(methods)):
        try:
            METHODS[m].load()
        except Exception as e:  # noqa: BLE001
            errors[m] = f"{type(e).__name__}: {e}"
    try:  # GauS imports torch lazily; import it once here, with what torch itself
        # imports on first use (torch.optim's first optimizer imports torch._dynamo:
        # seconds per process), so no child pays it inside its timed region
        import torch  # noqa: F401
        import torch._dynamo  # noqa: F401
        import torch.optim  # noqa: F401

        from gaus_mlir.schedulers.gaus import relax  # noqa: F401
    except Exception as e:  # noqa: BLE001
        errors.setdefault("gaus", f"{type(e).__name__}: {e}")
    return errors


def torch_device_name(device: str) -> str:
    try:
        import torch

        if device in ("auto", "cuda") and torch.cuda.is_available():
            return "cuda"
    except Exception:  # noqa: BLE001
        pass
    return "cpu"


# ------------------------------------------------------------- child bodies
def _plain(x):
    """json default: numpy scalars / arrays to Python."""
    import numpy as np

    if isinstance(x, np.generic):
        return x.item()
    if isinstance(x, np.ndarray):
        return x.tolist() if x.size <= 64 else f"<array {x.shape}>"
    return str(x)


def instance_job(inst: S.Instance) -> dict:
    """Child body: facts and lower bounds of an instance, and which registry
    methods support its problem (``supports``: method -> reason or None)."""
    from gaus_mlir.schedulers import METHODS

    p = S.load(inst)
    p.check()
    d = S.info(inst, p)
    objective = {"lp": "lifetimes"} if inst.suite == "registers" else {}
    d["supports"] = {
        m: spec.supports_for(p, objective.get(m, "registers") if inst.suite == "registers" else None)
        for m, spec in METHODS.items()
    }
    return d


def _budget(variant: Variant, cfg: Config) -> float | None:
    return {"relax": cfg.budget / 2.0, "full": cfg.budget, "ref": cfg.ref_budget, "none": None}[
        variant.budget
    ]


def method_options(variant: Variant, inst: S.Instance, seed: int, cfg: Config, accepted: set[str]) -> dict:
    """The options this variant passes, restricted to those the method accepts."""
    want: dict = {"seed": seed, "device": cfg.device, "workers": cfg.workers}
    if variant.init:
        want["init"] = variant.init
    tl = _budget(variant, cfg)
    if tl is not None:
        want["time_limit"] = tl
    if cfg.iterations is not None and variant.budget == "relax":
        want["iterations"] = cfg.iterations
    if inst.suite == "registers":  # the exact LP minimises lifetimes (it has no peak model)
        want["objective"] = "lifetimes" if variant.method == "lp" else "registers"
    if inst.suite == "rw":
        want["objective"] = S.rw_objective(cfg.ratio)
        if variant.method == "fds":
            want.update(weights=[cfg.ratio], comm_weight=1.0)
    return {k: v for k, v in want.items() if k in accepted}


def _stats_summary(stats: dict) -> dict:
    keep = (
        "iterations",
        "s_per_iter",
        "relax_s",
        "optimise_s",
        "batch",
        "depth",
        "chosen",
        "device",
        "gap",
        "time_to_gaus_objective",
        "cpsat_time_to_gaus_objective",
        "gaus_objective",
        "cpsat_objective",
        "source",
        "gaus_s",
        "cpsat_s",
        "relaxed_objective",
        "legalized_objective",
        "mii",
        "time_limit",
        "hint_used",
        "trajectory",
        "candidate",
        "relaxation_won",
        "best_baseline",
        "best_relaxation",
    )
    out = {k: stats[k] for k in keep if k in stats}
    if isinstance(out.get("trajectory"), list) and len(out["trajectory"]) > 50:
        out["trajectory"] = out["trajectory"][:50]
    return out


def _s_per_iter(stats: dict):
    """Seconds per optimiser iteration: ``s_per_iter`` (GauS), else the
    optimisation time (``relax_s`` / ``optimise_s``) over ``iterations``."""
    if stats.get("s_per_iter") is not None:
        return stats["s_per_iter"]
    its = stats.get("iterations")
    for k in ("relax_s", "optimise_s"):
        if its and stats.get(k) is not None:
            return stats[k] / its
    return None


def method_job(inst: S.Instance, vname: str, seed: int, cfg: Config) -> dict:
    """Child body: schedule, verify, score."""
    from gaus_mlir.model import VerificationError
    from gaus_mlir.schedulers import METHODS, schedule

    variant = VARIANTS[vname]
    p = S.load(inst)
    spec = METHODS[variant.method]
    opts = method_options(variant, inst, seed, cfg, set(spec.options()))
    accepted = set(spec.options(p, opts.get("objective")))  # the target that runs (register objectives)
    opts = {k: v for k, v in opts.items() if k in accepted}
    if getattr(p, "bench_ii", None) is not None and "ii" in accepted:
        opts["ii"] = p.bench_ii  # the register suite compares MaxLive at one II
    t0 = time.perf_counter()
    if inst.suite == "rw" and variant.method == "cpsat":
        # formulation A needs the weighted peak + comm model, not the registry's
        # unweighted time-constrained CP-SAT
        from gaus_mlir.schedulers.time_constrained import schedule_cpsat_peak

        p.check()
        s = schedule_cpsat_peak(
            p,
            time_limit=opts["time_limit"],
            workers=cfg.workers,
            seed=seed,
            weights=[cfg.ratio],
            comm_weight=1.0,
        )
        opts.update(weights=[cfg.ratio], comm_weight=1.0)
    else:
        s = schedule(p, variant.method, verify=False, **opts)
    wall = time.perf_counter() - t0
    out = {
        "wall_s": wall,
        "feasible": True,
        "solver_status": s.status,
        "bound": None if s.bound is None else float(s.bound),
        "device": s.stats.get("device") if s.stats.get("device") not in (None, "none") else "cpu",
        "options": {k: v for k, v in opts.items()},
        "stats": _stats_summary(s.stats),
    }
    out["iterations"] = s.stats.get("iterations")
    out["s_per_iter"] = _s_per_iter(s.stats)
    try:
        p.verify(s)
        out["verified"] = True
        out["error"] = ""
    except VerificationError as e:
        out["verified"] = False
        out["error"] = f"VerificationError: {e}"
    out.update(S.score(inst, p, s, cfg.ratio))
    return out


def scaling_job(inst: S.Instance, method: str, cfg: Config) -> dict:
    """Child body: a short run (``scaling_iterations`` iterations, batch 1) of
    a differentiable scheduler on a generated time-constrained problem; the
    per-iteration time is the relaxation's (``stats['s_per_iter']``)."""
    from gaus_mlir.model import VerificationError
    from gaus_mlir.schedulers import METHODS, schedule

    p = S.load(inst)
    accepted = set(METHODS[method].options())
    want = {
        "iterations": cfg.scaling_iterations,
        "batch": 1,
        "seed": 0,
        "device": cfg.device,
        "time_limit": cfg.scaling_relax_limit,
    }
    opts = {k: v for k, v in want.items() if k in accepted}
    t0 = time.perf_counter()
    s = schedule(p, method, verify=False, **opts)
    wall = time.perf_counter() - t0
    its = s.stats.get("iterations")
    spi = _s_per_iter(s.stats)
    out = {
        "wall_s": wall,
        "feasible": True,
        "solver_status": s.status,
        "bound": None,
        "device": s.stats.get("device") or "cpu",
        "iterations": its,
        "s_per_iter": spi,
        "options": opts,
        "stats": _stats_summary(s.stats),
    }
    try:
        p.verify(s)
        out["verified"], out["error"] = True, ""
    except VerificationError as e:
        out["verified"], out["error"] = False, f"VerificationError: {e}"
    out.update(S.score(inst, p, s, cfg.ratio))
    return out


# ---------------------------------------------------------------- isolation
def _vm_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def _oom_like(msg: str) -> bool:
    m = msg.lower()
    return (
        "can't allocate memory" in m
        or "cannot allocate memory" in m
        or "out of memory" in m
        or "memoryerror" in m
        or "unable to allocate" in m
    )


def noop() -> dict:
    return {}


def isolated(fn, *args, timeout: float, mem_mb: float | None = None) -> dict:
    """Run ``fn(*args)`` in a forked child.  Returns {"status": ok | failed |
    timeout | oom | crashed, "result" (fn's dict) or "error", "child_s",
    "peak_mb" (the child's ru_maxrss)}.  The peak includes what the child
    touches of the inherited harness (``isolated(noop)`` measures that base)."""
    sys.stdout.flush()
    sys.stderr.flush()
    gc.collect()
    gc.freeze()  # the child's collector then leaves the inherited heap alone (no COW storm)
    log = tempfile.TemporaryFile()
    r, w = os.pipe()
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # ------------------------------------------------- child
        code = 0
        try:
            os.close(r)
            os.dup2(log.fileno(), 1)
            os.dup2(log.fileno(), 2)
            if mem_mb:
                lim = _vm_bytes() + int(mem_mb * 2**20)
                _, hard = resource.getrlimit(resource.RLIMIT_AS)
                if hard != resource.RLIM_INFINITY:
                    lim = min(lim, hard)
                resource.setrlimit(resource.RLIMIT_AS, (lim, hard))
            try:
                res = {"status": "ok", "result": fn(*args)}
            except BaseException as e:  # noqa: BLE001
                msg = f"{type(e).__name__}: {e}"
                res = {
                    "status": "oom" if isinstance(e, MemoryError) or _oom_like(msg) else "failed",
                    "error": msg[:2000],
                    "traceback": traceback.format_exc()[-3000:],
                }
            data = json.dumps(res, default=_plain).encode()
            view = memoryview(data)
            while view:
                n = os.write(w, view)
                view = view[n:]
            os.close(w)
        except BaseException:  # noqa: BLE001
            code = 3
        finally:
            os._exit(code)
    # ------------------------------------------------------------- parent
    os.close(w)
    chunks, timed_out = [], False
    deadline = t0 + timeout
    while True:
        left = deadline - time.perf_counter()
        if left <= 0:
            timed_out = True
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            break
        ready, _, _ = select.select([r], [], [], min(left, 1.0))
        if ready:
            chunk = os.read(r, 1 << 16)
            if not chunk:
                break
            chunks.append(chunk)
    _, wstatus, usage = os.wait4(pid, 0)
    os.close(r)
    child_s = time.perf_counter() - t0
    out = {"child_s": child_s, "peak_mb": usage.ru_maxrss / 1024.0}
    if timed_out:
        out.update(status="timeout", error=f"no result after {timeout:.0f} s (killed)")
    elif chunks:
        try:
            out.update(json.loads(b"".join(chunks)))
        except ValueError as e:
            out.update(status="crashed", error=f"unreadable result: {e}")
    else:
        if os.WIFSIGNALED(wstatus):
            sig = os.WTERMSIG(wstatus)
            why = f"killed by signal {signal.Signals(sig).name}"
        else:
            why = f"exit status {os.WEXITSTATUS(wstatus)} without a result"
        log.seek(0, os.SEEK_END)
        size = log.tell()
        log.seek(max(0, size - 600))
        tail = log.read().decode(errors="replace").strip().replace("\n", " | ")
        out.update(
            status="oom" if _oom_like(tail) else "crashed",
            error=why + (f"; output: {tail[-400:]}" if tail else ""),
        )
    log.close()
    return out
