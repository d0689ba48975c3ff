"""One fuzz case end to end: build the input, run ``gaus-opt``, check the
contract and, on success, the schedule.  Shared by the pytest fuzz tests and
``benchmarks/fuzz_campaign.py``.  Each function returns a list of
``(category, detail)`` findings (empty: the case passed)."""

from __future__ import annotations

import random

from . import contract
from .mlir_check import Unsupported, check_text
from .mlir_gen import mutate_mlir, random_kernel
from .ssp_check import check, spec_from_instance
from .ssp_gen import FAST_OPTS, KINDS, METHODS, mutate, random_spec, render

MLIR_METHODS = ["list", "ims", "cpsat", "gaus"]
# bounded by work, not wall-clock time, so a case is reproducible
MLIR_OPTS = {"cpsat": "time-limit=1", "gaus": "iterations=10 batch=2"}


def _runner(subprocess: bool):
    return contract.run_subprocess if subprocess else contract.run_inprocess


def ssp_case(
    seed: int,
    kind: str | None = None,
    method: str | None = None,
    *,
    instances: int = 1,
    max_ops: int = 10,
    big: bool = False,
    mutations: int = 0,
    subprocess: bool = False,
    timeout: float = 30.0,
    use_output_file: bool = False,
    twice: bool = False,
):
    """Returns (findings, text, pipeline, outcome); ``twice``: run again and
    require the same output."""
    rng = random.Random(seed)
    kind = kind or rng.choice(KINDS)
    method = method or rng.choice(METHODS[kind])
    specs = [random_spec(rng, kind, max_ops, name=f"p{k}", big=big) for k in range(instances)]
    text = "".join(render(s) for s in specs)
    opts = f"method={method} {FAST_OPTS[method]}".strip()
    ct = None
    if specs[0].chaining and specs[0].cycle_time is not None and method == "lp" and instances == 1:
        ct = specs[0].cycle_time
        opts += f" cycle-time={ct}"
    if mutations:
        text = mutate(rng, text, mutations)
    pipeline = f"builtin.module(gaus-schedule{{{opts}}})"
    run = _runner(subprocess)
    o = run(text, pipeline, timeout=timeout, use_output_file=use_output_file, suffix=".ssp.mlir")
    found = contract.contract_violations(o)
    if o.code == 0 and not found:
        found += check_ssp_output(text, o.text, specs if not mutations else None, ct)
        if twice:
            o2 = run(text, pipeline, timeout=timeout, use_output_file=use_output_file, suffix=".ssp.mlir")
            if o2.code != o.code or o2.text != o.text:
                found.append(
                    (
                        "nondeterministic",
                        f"second run: exit {o2.code}, output {'differs' if o2.text != o.text else 'same'}",
                    )
                )
    return found, text, pipeline, o


def check_ssp_output(text: str, out: str, specs=None, cycle_time=None):
    """Checker findings for the printed ``out`` of SSP input ``text``; without
    ``specs`` the input is read with the project's parser."""
    if specs is None:
        from gaus_mlir.ssp import parse

        try:
            insts = parse(text, "<input>")
        except Exception as e:  # noqa: BLE001 - gaus-opt accepted what the parser rejects
            return [("checker", f"gaus-opt accepted input its parser rejects: {e}")]
        specs = [spec_from_instance(i) for i in insts]
        names = [s.name for s in specs]
        if len(set(names)) != len(names) or any(not n for n in names):
            return []  # anonymous / duplicate names: cannot match output to input
    return [("unsound", v) for s in specs for v in check(s, out, cycle_time)]


def mlir_case(
    seed: int,
    method: str | None = None,
    *,
    ports: int | None = None,
    mutations: int = 0,
    functions: int = 1,
    max_depth: int = 3,
    budget: int = 40,
    alias: bool = True,
    resources: bool = False,
    twice: bool = False,
    subprocess: bool = False,
    timeout: float = 30.0,
    use_output_file: bool = False,
):
    """Returns (findings, text, pipeline, outcome).  ``resources``: also
    ``limits=`` on float ops and a latency library with blocking (not fully
    pipelined) dividers; ``twice``: run again and require the same output."""
    import json

    rng = random.Random(seed)
    method = method or rng.choice(MLIR_METHODS)
    ports = ports or rng.choice([1, 1, 2])
    text = random_kernel(rng, max_depth=max_depth, functions=functions, budget=budget, alias=alias)
    if mutations:
        text = mutate_mlir(rng, text)
    opts = f"method={method} mem-ports={ports} {MLIR_OPTS.get(method, '')}".strip()
    limits = lib = files = None
    if resources:
        limits = {c: rng.randint(1, 2) for c in rng.sample(["mulf", "addf", "divf"], 2)}
        lib = {
            "arith.divf": {"latency": rng.randint(4, 12), "blocking": rng.randint(2, 6)},
            "arith.mulf": rng.randint(1, 5),
        }
        files = {"keep-lib.json": json.dumps(lib)}
        opts += (
            " limits=" + ",".join(f"{k}:{v}" for k, v in limits.items()) + " latency-library=keep-lib.json"
        )
    pipeline = f"builtin.module(gaus-schedule{{{opts}}})"
    run = _runner(subprocess)
    o = run(text, pipeline, timeout=timeout, use_output_file=use_output_file, files=files)
    found = contract.contract_violations(o)
    if o.code == 0 and not found:
        found += check_mlir_output(o.text, ports=ports, limits=limits, lib=lib, strict=not mutations)
        if twice:
            o2 = run(text, pipeline, timeout=timeout, use_output_file=use_output_file, files=files)
            if o2.code != o.code or o2.text != o.text:
                found.append(
                    (
                        "nondeterministic",
                        f"second run: exit {o2.code}, output {'differs' if o2.text != o.text else 'same'}",
                    )
                )
    return found, text, pipeline, o


def check_mlir_output(out: str, ports: int = 1, limits=None, lib=None, strict=True):
    try:
        r = check_text(out, ports=ports, limits=limits, lib=lib)
    except Unsupported as e:
        return [("checker-unsupported", str(e))] if strict else []
    found = [("unsound", v) for v in r.violations]
    if strict and r.unscheduled:
        found.append(("unscheduled", f"{r.unscheduled} of {r.functions} functions left unscheduled"))
    return found


# ------------------------------------------------------- gaus-verify vs. checker
def _mutate_numbers(rng: random.Random, text: str, pattern: str) -> str:
    """Change one to three of the numbers captured by ``pattern`` (group 1):
    off by one or two, zero, doubled, or near 2**62 / 2**63."""
    import re

    for _ in range(rng.randint(1, 3)):
        ms = list(re.finditer(pattern, text))
        if not ms:
            break
        m = rng.choice(ms)
        v = int(m.group(1))
        new = max(0, rng.choice([v - 1, v + 1, v - 2, v + 3, 0, v * 2, v + 2**62, 2**63 - 1]))
        text = text[: m.start(1)] + str(new) + text[m.end(1) :]
    return text


def ssp_verify_case(seed: int, *, subprocess: bool = False):
    """Schedule a random instance, change some ``t<>`` / ``II<>``, and run
    ``gaus-verify``: it must accept exactly the schedules the plain-int
    checker accepts (both are exact).  Returns (findings, text, pipeline, outcome)."""
    rng = random.Random(seed)
    kind = rng.choice([k for k in KINDS if not k.startswith("Chaining")])
    method = {"Problem": "asap", "CyclicProblem": "asap"}.get(kind, "cpsat")
    spec = random_spec(rng, kind, 8, name="p")
    run = _runner(subprocess)
    pipe = f"builtin.module(gaus-schedule{{method={method} {FAST_OPTS[method]}}})"
    o = run(render(spec), pipe, suffix=".ssp.mlir")
    if o.code != 0:
        return contract.contract_violations(o), render(spec), pipe, o
    text = o.stdout
    if rng.random() < 0.8:
        text = _mutate_numbers(rng, text, r"\b(?:t|II)<(\d+)>")
    verdict = check(spec, text)
    pipe = "builtin.module(gaus-verify)"
    o2 = run(text, pipe, suffix=".ssp.mlir")
    found = contract.contract_violations(o2)
    if not found:
        if o2.code == 0 and verdict:
            found.append(("unsound", f"gaus-verify accepts a schedule the checker rejects: {verdict[0]}"))
        elif o2.code == 1 and not verdict and "outside the supported range" not in contract.first_error(o2):
            # a number beyond the documented range (2^62) is a located error,
            # whatever the checker (which knows no range) says
            found.append(
                (
                    "verify-false-alarm",
                    f"gaus-verify rejects a schedule the checker accepts: {contract.first_error(o2)}",
                )
            )
    return found, text, pipe, o2


def mlir_verify_case(seed: int, *, subprocess: bool = False):
    """Schedule a random kernel (no aliasing), change some ``gaus.start`` /
    ``gaus.ii``, run ``gaus-verify``: what it accepts the element-by-element
    checker must accept too (the verifier may be more conservative: the
    model's dependences over-approximate)."""
    rng = random.Random(seed)
    ports = rng.choice([1, 2])
    text = random_kernel(rng, max_depth=2, budget=16, alias=False)
    run = _runner(subprocess)
    method = rng.choice(["list", "cpsat time-limit=1"])
    pipe = f"builtin.module(gaus-schedule{{method={method} mem-ports={ports}}})"
    o = run(text, pipe)
    if o.code != 0:
        return contract.contract_violations(o), text, pipe, o
    out = _mutate_numbers(rng, o.stdout, r"gaus\.(?:start|ii) = (\d+) :")
    pipe = f"builtin.module(gaus-verify{{mem-ports={ports}}})"
    o2 = run(out, pipe)
    found = contract.contract_violations(o2)
    if not found and o2.code == 0:
        try:
            r = check_text(out, ports=ports)
        except Unsupported:
            return found, out, pipe, o2
        if r.violations:
            found.append(
                ("unsound", "gaus-verify accepts a schedule the checker rejects: " + r.violations[0])
            )
    return found, out, pipe, o2
