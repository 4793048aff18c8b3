"""Fixed lists: which list variables can be plain C arrays.

A variable qualifies when nothing in the program can tell a C array of N
items from the list object: every assignment to it is a literal of N items,
and every other use is an item read or write (`v[i]`, `v[i] = x`,
`v[i] += x`) or `len(v)`. The list never escapes (no alias, no call, no
method), so it cannot grow, shrink or be seen whole, and each assignment
makes a new list, which a copy into the array models exactly. Its items
must be numbers, booleans or native objects (ints in C), so the array
holds no pointer the arena's collector would have to find.

Such a list costs no allocation and no call per item access: the index is
checked against a constant, which the C compiler drops where it can prove
it (a loop over range(N)). The verdict is read off the lowered IR, the code
emit.py turns into C, so that a temporary the lowering introduced (holding
a list across an await) counts as the alias it is.

Conservative by construction: any place a candidate variable appears that
is not one of the listed uses disqualifies it, including places this module
does not know (a VarInfo held directly by a lowered statement).
"""
from dataclasses import fields, is_dataclass

from . import astnodes as A
from . import types as T
from .sema import VarInfo

SCALAR_ITEMS = (T.INT, T.FLOAT, T.BOOL)


def _scalar(t):
    """Items with no pointer in C: numbers, booleans, native objects (pyb.LED: an int)."""
    t = T.resolve(t)
    return t in SCALAR_ITEMS or isinstance(t, T.NativeObjT)


def fixed_lists(irs):
    """{id(VarInfo): item count} of the variables of the lowered functions
    (FunctionIR list, the module's included) that can be C arrays."""
    sizes = {}          # id -> the length of the literals assigned
    bad = set()         # ids disqualified

    def disqualify(v):
        bad.add(id(v))

    def assigned(v, n):
        if sizes.setdefault(id(v), n) != n:
            bad.add(id(v))

    def candidate(v):
        return (isinstance(v, VarInfo) and v.kind in ("local", "global") and not getattr(v, "cell", False)
                and isinstance(T.resolve(v.type), T.ListT) and _scalar(T.resolve(v.type).elem))

    def visit(node, parent, role):
        if isinstance(node, VarInfo):       # held by a lowered statement: not a use listed above
            if candidate(node):
                disqualify(node)
            return
        if isinstance(node, A.Name) and candidate(node.binding):
            v = node.binding
            if getattr(node, "check_bound", False):
                disqualify(v)
            elif role == "assigned" and isinstance(parent.value, A.List) and parent.value.elts \
                    and not any(isinstance(x, A.Starred) for x in parent.value.elts):
                assigned(v, len(parent.value.elts))
            elif role not in ("indexed", "len"):
                disqualify(v)
            return
        if isinstance(node, A.Delete):      # del v[i] shrinks the list
            for n in A.walk(node):
                if isinstance(n, A.Name) and candidate(n.binding):
                    disqualify(n.binding)
        for name, child in _children(node):
            for item in (child if isinstance(child, (list, tuple)) else [child]):
                if isinstance(item, (A.Node, VarInfo)) or (is_dataclass(item) and not isinstance(item, type)):
                    visit(item, node, _role(node, name, item))

    for ir in irs:
        for v in getattr(ir, "unbound_checked", []):
            if candidate(v):
                disqualify(v)
        for s in ir.body:
            visit(s, None, None)
    return {k: n for k, n in sizes.items() if k not in bad}


def _children(node):
    if not is_dataclass(node):
        return []
    return [(f.name, getattr(node, f.name)) for f in fields(node) if f.name != "span"]


def _role(parent, field, child):
    """How `parent` uses its child `field` when that child is a Name."""
    if not isinstance(child, A.Name):
        return None
    if isinstance(parent, (A.Assign, A.AnnAssign)) and field in ("targets", "target"):
        targets = parent.targets if isinstance(parent, A.Assign) else [parent.target]
        return "assigned" if len(targets) == 1 and parent.value is not None else None
    if isinstance(parent, A.Subscript) and field == "value" and not isinstance(parent.index, (A.Slice, A.Tuple)):
        return "indexed"
    if isinstance(parent, A.Call) and field == "args" and getattr(parent, "kind", None) == "builtin.len" \
            and len(parent.args) == 1 and not parent.keywords:
        return "len"
    return None
