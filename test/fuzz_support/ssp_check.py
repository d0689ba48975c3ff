"""Brute-force checker of printed SSP schedules, in plain Python ints.

Independent of ``gaus_mlir.model``'s ``verify``: the problem is a
:class:`~.ssp_gen.Spec` (generated, or converted from the project's parser with
:func:`spec_from_instance`), the schedule is read from the printed text with
regular expressions, and every constraint is checked exactly:

* precedence ``t_j + dist*II >= t_i + lat_i`` (``dist`` only in cyclic kinds);
* resources: at most ``limit`` ops of one resource type busy in any step
  (``blocking`` steps from the start; an op that lists a resource twice counts
  once, as CIRCT's ``verifyUtilization``), folded modulo II for ModuloProblem;
  swept over intervals, so huge numbers cost nothing;
* chaining: within a step a value is ready at ``z_i + delay_i`` (``z_i`` only
  for zero-latency producers) and ``z_j`` must not be earlier; ``z >= 0``;
  with a cycle time ``z_j + incDelay_j <= cycle time``.
"""

from __future__ import annotations

import re

from .ssp_gen import Op, OType, Spec

EPS = 1e-4
_T = re.compile(r"\bt<(-?\d+)>")
_Z = re.compile(r"\bz<\s*([-+0-9.eE]+|nan|inf)")
_II = re.compile(r"\bII<(-?\d+)>")
_NAME = re.compile(r"operation<[^>]*>\s*(?:uses[\[<][^\]>]*[\]>]\s*)?(@[A-Za-z0-9_$.]+)")
_INST = re.compile(r'ssp\.instance\s+(@[A-Za-z0-9_$.]+|"[^"]*")?\s*of\s*"(\w+)"')


def split_instances(text: str) -> list[tuple[str, str, str]]:
    """[(name, header line, body)] of each printed ``ssp.instance``."""
    out = []
    ms = list(_INST.finditer(text))
    for k, m in enumerate(ms):
        end = ms[k + 1].start() if k + 1 < len(ms) else len(text)
        header = text[m.start() : text.find("\n", m.start())]
        out.append(((m.group(1) or "").lstrip("@").strip('"'), header, text[m.start() : end]))
    return out


def read_schedule(body: str):
    """(II or None, [(op name or None, t or None, z or None)]) in print order."""
    header = body[: body.find("\n")]
    m = _II.search(header)
    ii = int(m.group(1)) if m else None
    ops = []
    for line in body.splitlines():
        if "operation<" not in line:
            continue
        name = _NAME.search(line)
        # the trailing property list holds t<>/z<>; operand lists hold dist<> only
        t = _T.findall(line)
        z = _Z.findall(line)
        ops.append(
            (name.group(1)[1:] if name else None, int(t[-1]) if t else None, float(z[-1]) if z else None)
        )
    return ii, ops


def _max_overlap(intervals: list[tuple[int, int]]) -> tuple[int, int]:
    """(max number of half-open intervals covering one point, such a point)."""
    ev = []
    for a, b in intervals:
        if b > a:
            ev.append((a, 1))
            ev.append((b, -1))
    ev.sort(key=lambda e: (e[0], e[1]))
    cur = best = 0
    where = 0
    for x, d in ev:
        cur += d
        if cur > best:
            best, where = cur, x
    return best, where


def check(spec: Spec, text: str, cycle_time: float | None = None) -> list[str]:
    """Violations of the printed schedule of ``spec`` in ``text`` (empty: sound)."""
    inst = [b for name, _, b in split_instances(text) if name == spec.name]
    if len(inst) != 1:
        return [f"instance @{spec.name} printed {len(inst)} times"]
    ii, printed = read_schedule(inst[0])
    bad: list[str] = []
    if len(printed) != len(spec.ops):
        return [f"@{spec.name}: {len(printed)} operations printed, {len(spec.ops)} in the input"]
    t, z = [], []
    for k, (name, tk, zk) in enumerate(printed):
        if name is not None and spec.ops[k].name is not None and name != spec.ops[k].name:
            return [f"@{spec.name}: op {k} printed as @{name}, expected @{spec.ops[k].name}"]
        if tk is None:
            bad.append(f"@{spec.name}: op @{spec.ops[k].name} has no t<>")
        elif tk < 0:
            bad.append(f"@{spec.name}: op @{spec.ops[k].name} has t<{tk}> < 0")
        t.append(tk)
        z.append(zk)
    if bad:
        return bad
    if spec.cyclic:
        if ii is None:
            return [f"@{spec.name}: no II<> on a {spec.kind}"]
        if ii < 1:
            return [f"@{spec.name}: II<{ii}> < 1"]
    lat = [spec.otypes[op.otype].latency for op in spec.ops]
    # precedence
    for j, op in enumerate(spec.ops):
        for i, dist, _aux in op.deps:
            d = dist if spec.cyclic else 0
            if t[j] + d * (ii or 0) < t[i] + lat[i]:
                bad.append(
                    f"@{spec.name}: precedence @{spec.ops[i].name} -> "
                    f"@{op.name} (dist {d}): t={t[i]}+lat {lat[i]} > "
                    f"{t[j]}+{d}*II({ii})"
                )
    # resources
    if spec.shared:
        users: dict[str, list[int]] = {}
        limits: dict[str, int] = {}
        for r, lim in spec.rtypes:
            limits["r:" + r] = lim
        for o in spec.otypes:
            if o.limit is not None:
                limits["t:" + o.name] = o.limit
        for j, op in enumerate(spec.ops):
            keys = {"r:" + spec.rtypes[r][0] for r in op.uses}
            ot = spec.otypes[op.otype]
            if ot.limit is not None:
                keys.add("t:" + ot.name)
            for key in keys:
                users.setdefault(key, []).append(j)
        for key, ops in users.items():
            lim = limits[key]
            iv = []
            base = 0
            for j in ops:
                b = spec.otypes[spec.ops[j].otype].blocking or 1
                if spec.kind == "ModuloProblem":
                    base += b // ii
                    r = b % ii
                    s = t[j] % ii
                    if s + r <= ii:
                        iv.append((s, s + r))
                    else:
                        iv += [(s, ii), (0, s + r - ii)]
                else:
                    iv.append((t[j], t[j] + b))
            peak, where = _max_overlap(iv)
            if base + peak > lim:
                unit = (
                    f"congruence class {where} (mod {ii})"
                    if spec.kind == "ModuloProblem"
                    else f"step {where}"
                )
                bad.append(
                    f"@{spec.name}: resource {key[2:]} limit {lim} exceeded in {unit}: {base + peak} users"
                )
    # chaining
    if spec.chaining:
        ct = cycle_time  # only what was passed as cycle-time=
        for j, op in enumerate(spec.ops):
            if z[j] is None:
                bad.append(f"@{spec.name}: op @{op.name} has no z<>")
                continue
            if z[j] < -EPS or z[j] != z[j]:
                bad.append(f"@{spec.name}: op @{op.name} has z<{z[j]}>")
            if ct is not None and z[j] + spec.otypes[op.otype].inc > ct + EPS:
                bad.append(f"@{spec.name}: op @{op.name}: z {z[j]} + incDelay > cycle time {ct}")
        if not bad:
            for j, op in enumerate(spec.ops):
                for i, dist, aux in op.deps:
                    if aux:
                        continue
                    d = dist if spec.cyclic else 0
                    if t[i] + lat[i] != t[j] + d * (ii or 0):
                        continue
                    o = spec.otypes[spec.ops[i].otype]
                    ready = (z[i] if lat[i] == 0 else 0.0) + o.out
                    if z[j] + EPS < ready:
                        bad.append(
                            f"@{spec.name}: chaining @{spec.ops[i].name} -> @{op.name}: z {z[j]} < {ready}"
                        )
    return bad


def spec_from_instance(inst) -> Spec | None:
    """A :class:`Spec` from an instance of the project's SSP parser (used for
    inputs the fuzzer did not generate, e.g. mutated text), or None when the
    instance uses something this checker does not model."""
    p = inst.problem
    kind = p.kind
    if kind == "SharedResourcesProblem":
        kind = "SharedOperatorsProblem"
    otypes = [
        OType(
            o.name,
            o.latency if o.latency is not None else 0,
            o.incoming_delay,
            o.outgoing_delay,
            o.blocking,
            o.limit,
        )
        for o in p.operator_types
    ]
    rtypes = []
    rmap = {}
    for k, r in enumerate(p.resource_types):
        if r.implicit:
            continue
        rmap[k] = len(rtypes)
        rtypes.append((r.name, r.limit if r.limit is not None else 1 << 80))
    ops = [
        Op(
            p.op_names[i] if p.op_names[i] is not None else None,
            p.op_type[i],
            [rmap[r] for r in p.op_uses[i] if r in rmap],
        )
        for i in range(p.num_ops)
    ]
    for e in range(p.num_deps):
        ops[p._dst[e]].deps.append((p._src[e], p._dist[e], p._aux[e]))
    return Spec(kind, inst.name, otypes, rtypes, ops, p.cycle_time)
