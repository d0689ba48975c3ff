"""Printer for CIRCT's SSP dialect (custom syntax), the inverse of parser.py.

Values are renumbered ``%0, %1, ...`` in definition order (one number per op
with results, ``%k:n`` / ``%k#j`` for several results); each op lists its
incoming dependences in stored order, def-use (value) operands first.  With a
schedule, every op gets ``t<N>``, cyclic problems get ``II<N>`` and chaining
problems ``z<f>``, as ``circt-opt -ssp-schedule`` writes them.
"""

from __future__ import annotations

import numpy as np

from ..model import Problem, Schedule
from . import props as P
from .instance import Document, InstanceFormat, LibraryNode, ModuleNode, SSPInstance

_IND = "  "


def print_instances(instances: list[SSPInstance], schedules: list[Schedule | None] | None = None) -> str:
    """The text of ``instances``: each parsed file's standalone libraries and
    modules around them as in the input.  ``schedules[k]`` (if given and not
    None) replaces the t/z/II of ``instances[k]``."""
    if schedules is not None and len(schedules) != len(instances):
        raise ValueError("print_instances: one schedule (or None) per instance")
    wanted = {id(inst): (schedules[k] if schedules is not None else None) for k, inst in enumerate(instances)}
    out: list[str] = []
    done: set[int] = set()
    docs: list[Document] = []
    for inst in instances:
        d = inst.document
        if isinstance(d, Document) and all(d is not x for x in docs):
            docs.append(d)
    for d in docs:
        _print_items(d.items, 0, wanted, done, out)
    for inst in instances:
        if id(inst) not in done:
            done.add(id(inst))
            out.append(print_instance(inst, wanted[id(inst)]))
    return "".join(out)


def _print_items(items, depth, wanted, done, out):
    ind = _IND * depth
    for it in items:
        if isinstance(it, SSPInstance):
            if id(it) in wanted and id(it) not in done:
                done.add(id(it))
                out.append(print_instance(it, wanted[id(it)], depth))
        elif isinstance(it, LibraryNode):
            kw = "ssp.library" if it.kind == "library" else "ssp.resource"
            entry = "operator_type" if it.kind == "library" else "resource_type"
            name = f" {P.format_symbol(it.name)}" if it.name is not None else ""
            out.append(f"{ind}{kw}{name} {{\n")
            for td in it.entries:
                vals = td.props
                plist = [_prop(k, vals[k]) for k in td.order]
                ptxt = f" [{', '.join(plist)}]" if plist else ""
                out.append(f"{ind}{_IND}{entry} {P.format_symbol(td.name)}{ptxt}\n")
            out.append(f"{ind}}}\n")
        elif isinstance(it, ModuleNode):
            name = f" {P.format_symbol(it.name)}" if it.name is not None else ""
            out.append(f"{ind}{it.keyword}{name} {{\n")
            _print_items(it.items, depth + 1, wanted, done, out)
            out.append(f"{ind}}}\n")


def _prop(name, value) -> str:
    if isinstance(value, float):
        return f"{name}<{P.float_text(value)}>"
    if isinstance(value, tuple):
        return f"{name}<{P.format_symref(value)}>"
    if isinstance(value, list):
        return f"{name}<[{', '.join(P.format_symref(v) for v in value)}]>"
    return f"{name}<{value}>"


def _otype_props(o, order) -> list[str]:
    vals = {
        "latency": o.latency,
        "blocking": o.blocking,
        "incDelay": o.incoming_delay,
        "outDelay": o.outgoing_delay,
        "limit": o.limit,
    }
    names = list(order) + [k for k in P.OPERATOR_TYPE_ORDER if k not in order]
    out = []
    for k in names:
        v = vals[k]
        if v is None:
            continue
        if k in ("incDelay", "outDelay"):
            out.append(f"{k}<{P.float_text(v)}>")
        else:
            out.append(f"{k}<{int(v)}>")
    return out


def print_instance(inst: SSPInstance, schedule: Schedule | None = None, depth: int = 0) -> str:
    """One ``ssp.instance`` (see :func:`print_instances`)."""
    p: Problem = inst.problem
    fmt: InstanceFormat = inst.fmt if inst.fmt is not None else InstanceFormat()
    ind = _IND * depth
    ind1, ind2 = ind + _IND, ind + _IND * 2
    if schedule is inst.schedule:
        schedule = None
    out: list[str] = []

    # ---------------------------------------------------------- t, z, II
    n = p.num_ops
    if schedule is not None:
        start = np.asarray(schedule.start, dtype=np.int64).tolist()
        if len(start) != n:
            raise ValueError(f"schedule has {len(start)} start times for {n} operations")
        has_t = None  # every op
        z = np.asarray(schedule.z, dtype=float).tolist() if p.chaining and schedule.z is not None else None
        ii = schedule.ii if (p.cyclic and schedule.ii is not None) else inst.ii
    else:
        s = inst.schedule
        start = s.start.tolist() if s is not None else None
        has_t = set(inst.missing_start) if inst.missing_start else None
        z = None
        ii = inst.ii
    zvals = fmt.z_values

    # ---------------------------------------------------------- header
    kind = P.format_string(p.kind)
    if not inst.name:
        head = f"{ind}ssp.instance of {kind}"
    elif fmt.name_style == "string":
        head = f"{ind}ssp.instance {P.format_string(inst.name)} of {kind}"
    else:
        head = f"{ind}ssp.instance {P.format_symbol(inst.name)} of {kind}"
    if ii is not None:
        head += f" [II<{int(ii)}>]"
    out.append(head + " {\n")

    # ---------------------------------------------------------- library
    lib = f" {P.format_symbol(fmt.library_name)}" if fmt.library_name else ""
    out.append(f"{ind1}library{lib} {{\n")
    orders = fmt.otype_order
    for k, o in enumerate(p.operator_types):
        if o.name == "" or k in fmt.external_otypes:
            continue
        pl = _otype_props(o, orders.get(k, ()))
        ptxt = f" [{', '.join(pl)}]" if pl else ""
        out.append(f"{ind2}operator_type {P.format_symbol(o.name)}{ptxt}\n")
    out.append(f"{ind1}}}\n")

    # ---------------------------------------------------------- resources
    res_lines = []
    for k, r in enumerate(p.resource_types):
        if r.implicit or k in fmt.external_rtypes:
            continue
        ptxt = f" [limit<{int(r.limit)}>]" if r.limit is not None else ""
        res_lines.append(f"{ind2}resource_type {P.format_symbol(r.name)}{ptxt}\n")
    if fmt.has_resource_block or res_lines:
        rname = f" {P.format_symbol(fmt.resource_name)}" if fmt.resource_name else ""
        out.append(f"{ind1}resource{rname} {{\n")
        out.extend(res_lines)
        out.append(f"{ind1}}}\n")

    # ---------------------------------------------------------- graph
    out.append(f"{ind1}graph {{\n")
    if n:
        out.append(_print_ops(p, fmt, ind2, start, has_t, z, zvals, schedule is None))
    out.append(f"{ind1}}}\n")
    out.append(f"{ind}}}\n")
    return "".join(out)


def _value_names(p: Problem):
    """(results per op, value number per op, value names): an op feeding a
    value edge needs at least one result."""
    a = p.arrays
    src = a.src
    results = np.asarray(p.op_results, dtype=np.int64)
    if src.size:
        need = np.zeros(p.num_ops, dtype=bool)
        need[src[~a.aux]] = True
        results = np.where(need & (results < 1), 1, results)
    has_res = results > 0
    number = np.cumsum(has_res) - 1
    vname = [f"%{k}" for k in range(int(has_res.sum()))]
    return results.tolist(), number.tolist(), vname


def _symbols(p: Problem) -> list:
    """Printed symbol per op; an unnamed source of an auxiliary edge gets a
    generated one (the edge refers to it by name)."""
    a = p.arrays
    src = a.src
    names = list(p.op_names)
    if src.size and a.aux.any():
        taken = {x for x in names if x is not None}
        for s in np.unique(src[a.aux]).tolist():
            if names[s] is None:
                k, cand = s, f"op{s}"
                while cand in taken:
                    k += 1
                    cand = f"op{s}_{k}"
                names[s] = cand
                taken.add(cand)
    return [P.format_symbol(x) if x is not None else None for x in names]


def _operands(p: Problem, sym: list, res_l: list, num_l: list, vname: list):
    """Operand texts of the incoming edges grouped by destination (value edges
    first, else stored order) and the per-op pointer into them."""
    n = p.num_ops
    a = p.arrays
    src, dst = a.src, a.dst
    if not src.size:
        return [], [0] * (n + 1)
    order = np.lexsort((a.aux, dst))
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(dst, minlength=n), out=ptr[1:])
    s_l = src[order].tolist()
    aux_l = a.aux[order].tolist()
    dist_l = a.dist[order].tolist()
    r_l = a.result[order].tolist()
    opnd = []
    app = opnd.append
    for s, ax, d, r in zip(s_l, aux_l, dist_l, r_l):
        if ax:
            t = sym[s]
        elif res_l[s] > 1:
            t = f"{vname[num_l[s]]}#{r}"
        else:
            t = vname[num_l[s]]
        if d:
            t = f"{t} [dist<{d}>]"
        app(t)
    return opnd, ptr.tolist()


def _type_refs(p: Problem, fmt: InstanceFormat):
    """References to the operator and resource types, as the file spelled
    external ones."""
    tref = []
    for k, o in enumerate(p.operator_types):
        if o.name == "":
            tref.append("")
        elif k in fmt.external_otypes:
            tref.append(P.format_symref(fmt.external_otypes[k]))
        else:
            tref.append(P.format_symbol(o.name))
    rref = []
    for k, r in enumerate(p.resource_types):
        rref.append(
            P.format_symref(fmt.external_rtypes[k]) if k in fmt.external_rtypes else P.format_symbol(r.name)
        )
    return tref, rref


def _state_suffix(i: int, start, has_t, z, zvals, parsed_state: bool) -> str:
    """The ``[t<..>, z<..>]`` property list of op i: the new schedule's start
    (and z, keeping the file's spelling of an unchanged z), else the parsed z."""
    if start is not None and (has_t is None or i not in has_t):
        zt = None
        if z is not None:
            zi = z[i]
            if zi == zi:  # not NaN
                zv = zvals.get(i)
                zt = zv.text if (zv is not None and float(zv) == zi) else P.format_float(zi)
        elif parsed_state:
            zv = zvals.get(i)
            zt = P.float_text(zv) if zv is not None else None
        return f" [t<{start[i]}>, z<{zt}>]" if zt is not None else f" [t<{start[i]}>]"
    if parsed_state and i in zvals:
        return f" [z<{P.float_text(zvals[i])}>]"
    return ""


def _print_ops(p: Problem, fmt: InstanceFormat, ind: str, start, has_t, z, zvals, parsed_state: bool) -> str:
    """The ops of an instance, one line each, in the file's spelling where it
    still applies (uses position and delimiters, type references)."""
    n = p.num_ops
    res_l, num_l, vname = _value_names(p)
    sym = _symbols(p)
    opnd, ptr_l = _operands(p, sym, res_l, num_l, vname)
    tref, rref = _type_refs(p, fmt)
    open_d, close_d = ("[", "]") if fmt.uses_delim == "[" else ("<", ">")
    uses_pos = fmt.uses_pos
    uses_cache: dict = {}
    op_type = p.op_type
    op_uses = p.op_uses
    type_over = fmt.op_type_refs
    uses_over = fmt.op_uses_refs
    lines = []
    app = lines.append
    for i in range(n):
        nr = res_l[i]
        if nr == 1:
            head = f"{ind}{vname[num_l[i]]} = operation<"
        elif nr > 1:
            head = f"{ind}{vname[num_l[i]]}:{nr} = operation<"
        else:
            head = f"{ind}operation<"
        ot = op_type[i]
        tr = tref[ot]
        if type_over and i in type_over and _same_type(p, fmt, ot, type_over[i]):
            tr = P.format_symref(type_over[i])
        us = op_uses[i]
        ut = ""
        if us:
            if uses_over and i in uses_over and len(uses_over[i]) == len(us):
                ut = f"uses{open_d}{', '.join(P.format_symref(x) for x in uses_over[i])}{close_d}"
            else:
                ut = uses_cache.get(us)
                if ut is None:
                    ut = uses_cache[us] = f"uses{open_d}{', '.join(rref[r] for r in us)}{close_d}"
        nm = sym[i]
        b, e = ptr_l[i], ptr_l[i + 1]
        args = ", ".join(opnd[b:e]) if e > b else ""
        if ut and uses_pos != "post":
            if uses_pos == "pre" or nm is None:
                mid = f" {ut} {nm}(" if nm is not None else f" {ut}("
            else:
                mid = f" {nm} {ut}("
            line = f"{head}{tr}>{mid}{args})"
        else:
            line = f"{head}{tr}> {nm}({args})" if nm is not None else f"{head}{tr}>({args})"
            if ut:
                line = f"{line} {ut}"
        app(line + _state_suffix(i, start, has_t, z, zvals, parsed_state))
    lines.append("")
    return "\n".join(lines)


def _same_type(p, fmt, ot, path) -> bool:
    """An op's own spelling of its type reference is kept only if it still
    names the type the op has (the problem may have been edited)."""
    if ot in fmt.external_otypes:
        return fmt.external_otypes[ot][-1] == path[-1]
    return p.operator_types[ot].name == path[-1]
