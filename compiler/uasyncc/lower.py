"""Lowering: each function instance becomes a FunctionIR.

- `await` is pulled out of expressions (operands evaluated before an await
  are spilled to temporaries, keeping Python's evaluation order), so every
  suspension point is an AwaitStmt with a numbered state.
- `for` loops become ForRange / ForSeq with explicit hidden variables.
- A liveness analysis decides which variables must survive a suspension:
  those become frame fields, the rest stay C locals.
"""
from dataclasses import dataclass, field
from typing import List, Optional

from . import astnodes as A
from . import types as T
from .sema import VarInfo, _bound_names, _scope_walk

I64 = T.Prim("i64", "int64_t")


@dataclass(eq=False)
class AwaitStmt:
    span: object
    kind: str                     # coro, sleep, sleep_ms, task, gather
    target: Optional[VarInfo]
    value: A.Expr                 # the awaited expression (a Call, or a task expr)
    state: int = 0
    label: str = ""
    member: str = ""              # the union member holding the child frame(s)


@dataclass(eq=False)
class ForRange:
    span: object
    target: A.Expr
    counter: VarInfo
    stop: VarInfo
    step: Optional[VarInfo]       # None: a step of 1
    start_expr: A.Expr
    stop_expr: A.Expr
    step_expr: Optional[A.Expr]
    body: list
    orelse: list


@dataclass(eq=False)
class ForSeq:
    """for over sequences: kind seq (one list, tuple or str), enumerate
    (one sequence, items numbered from start) or zip (several)."""
    span: object
    kind: str
    target: A.Expr
    index: VarInfo
    seqs: list                    # (VarInfo, expression) per sequence
    start: Optional[A.Expr]       # enumerate's start
    body: list
    orelse: list


@dataclass(eq=False)
class ForGen:
    """for over a generator: its frame (a hidden variable) resumed per item."""
    span: object
    target: A.Expr
    frame: VarInfo
    call: A.Call
    body: list
    orelse: list


@dataclass(eq=False)
class ForGenObj:
    """for over a generator object (a pointer to its frame, kept in holder)."""
    span: object
    target: A.Expr
    holder: VarInfo
    iter: A.Expr
    body: list
    orelse: list


@dataclass(eq=False)
class Append:
    """A comprehension's item appended to its result list (added to its set)."""
    span: object
    result: VarInfo
    value: A.Expr
    key: Optional[A.Expr] = None      # a dict comprehension's key


@dataclass(eq=False)
class FunctionIR:
    inst: object
    name: str                     # the Python name
    c_name: str
    is_async: bool
    params: List[VarInfo]
    frame_vars: List[VarInfo] = field(default_factory=list)
    c_locals: List[VarInfo] = field(default_factory=list)
    awaits: List[AwaitStmt] = field(default_factory=list)
    body: list = field(default_factory=list)
    return_type: object = None


class Lowerer:
    def __init__(self, inst):
        self.inst = inst
        self.n_temps = 0
        self.awaits = []
        self.temps = []

    def temp(self, name, type_, span):
        self.n_temps += 1
        v = VarInfo(f"{name}{self.n_temps}", type_, span, "temp")
        self.temps.append(v)
        return v

    def ref(self, var, span):
        n = A.Name(span, var.name)
        n.binding = var
        n.type = var.type
        return n

    # -------------------------------------------------------- statements
    def block(self, stmts):
        out = []
        for s in stmts:
            self.stmt(s, out)
        return out

    def stmt(self, s, out):
        if isinstance(s, A.FunctionDef):    # a nested function: compiled on its own
            if hasattr(s, "assign"):        # ... and its name a variable
                out.append(s.assign)
            return
        if isinstance(s, A.For) and hasattr(s, "desugared"):    # async for
            out.extend(self.block(s.desugared))
            return
        if not isinstance(s, (A.For, A.While, A.If, A.Try, A.With)):
            self.comprehensions(s)
        else:
            for part in ("iter", "test"):
                if hasattr(s, part):
                    self.comprehensions(getattr(s, part))
            for item in getattr(s, "items", []):
                self.comprehensions(item.context_expr)
            for a in getattr(s, "seqs", []):
                self.comprehensions(a)
        if isinstance(s, Append):
            out.append(s)
            return
        if isinstance(s, A.For):
            out.append(self.for_loop(s))
            return
        if isinstance(s, A.While):
            if _has_await(s.test):
                if s.orelse:
                    raise_unsupported(s.test, "'await' in a while condition with an else clause")
                pre = []
                test = self.extract(s.test, pre)
                brk = A.If(s.span, A.UnaryOp(s.span, "not", test), [A.Break(s.span)], [])
                brk.test.type = T.BOOL
                true = A.Constant(s.span, True)
                true.type = T.BOOL
                out.append(A.While(s.span, true, pre + [brk] + self.block(s.body), []))
                return
            s.body, s.orelse = self.block(s.body), self.block(s.orelse)
            out.append(s)
            return
        if isinstance(s, A.With):
            if hasattr(s, "desugared"):      # on an object: __aenter__/__aexit__
                out.extend(self.block(s.desugared))
            else:
                out.extend(self.async_with(s, s.items))
            return
        if isinstance(s, A.Try):
            s.body = self.block(s.body)
            for h in s.handlers:
                h.body = self.block(h.body)
            s.orelse, s.finalbody = self.block(s.orelse), self.block(s.finalbody)
            out.append(s)
            return
        if isinstance(s, A.Raise):
            if s.exc is not None:
                s.exc = self.extract(s.exc, out)
            out.append(s)
            return
        if isinstance(s, A.If):
            s.test = self.extract(s.test, out)
            s.body, s.orelse = self.block(s.body), self.block(s.orelse)
            out.append(s)
            return
        if isinstance(s, A.ExprStmt) and isinstance(s.value, A.Await):
            self.await_(s.value, None, out)
            return
        if isinstance(s, A.ExprStmt) and hasattr(s, "desugared"):     # yield from a sequence
            out.extend(self.block(s.desugared))
            return
        if isinstance(s, A.ExprStmt) and isinstance(s.value, A.YieldFrom):
            self.yield_from(s.value, None, out)
            return
        if isinstance(s, A.Assign) and isinstance(s.value, A.YieldFrom):
            self.yield_from(s.value, s.targets[0].binding, out)
            return
        if isinstance(s, A.ExprStmt) and isinstance(s.value, A.Yield):   # a generator's yield
            st = AwaitStmt(s.span, "yield", None, s.value.value)
            self.awaits.append(st)
            out.append(st)
            return
        if isinstance(s, A.Assign) and isinstance(s.value, A.Await) and len(s.targets) == 1 \
                and isinstance(s.targets[0], A.Name) and s.targets[0].binding.type is s.value.type:
            self.await_(s.value, s.targets[0].binding, out)
            return
        for name in ("value", "test", "msg"):
            if hasattr(s, name) and isinstance(getattr(s, name), A.Expr):
                setattr(s, name, self.extract(getattr(s, name), out))
        if isinstance(s, (A.Assign, A.AugAssign)):
            for t in (s.targets if isinstance(s, A.Assign) else [s.target]):
                if _has_await(t):
                    raise_unsupported(t, "'await' in an assignment target")
        out.append(s)

    def for_loop(self, s):
        for a in s.seqs:
            if _has_await(a):
                raise_unsupported(a, "'await' in a for loop's iterable")
        if s.kind == "range":
            args = s.seqs
            start, stop, step = (None, args[0], None) if len(args) == 1 else \
                (args[0], args[1], args[2] if len(args) > 2 else None)
            if start is None:
                start = A.Constant(s.span, 0)
                start.type = T.INT
            if step is None:    # the common range(n): a 32-bit counter and `i < stop`
                return ForRange(s.span, s.target, self.temp("i", T.INT, s.span), self.temp("stop", T.INT, s.span),
                                None, start, stop, None, self.block(s.body), self.block(s.orelse))
            return ForRange(s.span, s.target, self.temp("i", I64, s.span), self.temp("stop", I64, s.span),
                            self.temp("step", I64, s.span), start, stop, step,
                            self.block(s.body), self.block(s.orelse))
        if s.kind == "genobj":
            it = s.seqs[0]
            return ForGenObj(s.span, s.target, self.temp("gen", T.resolve(it.type), s.span), it,
                             self.block(s.body), self.block(s.orelse))
        if s.kind == "gen":
            call = s.seqs[0]
            return ForGen(s.span, s.target, self.temp("gen", T.CoroT(call.instance), s.span), call,
                          self.block(s.body), self.block(s.orelse))
        seq_exprs = s.seqs[:1] if s.kind == "enumerate" else s.seqs
        if s.kind == "seq" and isinstance(seq_exprs[0], A.SetItems):
            seq_exprs = [seq_exprs[0].value]     # walked in place, as CPython's set iterator
        seqs = [(self.temp("seq", T.resolve(e.type), s.span), e) for e in seq_exprs]
        start = s.seqs[1] if s.kind == "enumerate" and len(s.seqs) > 1 else None
        return ForSeq(s.span, s.kind, s.target, self.temp("idx", I64, s.span), seqs, start,
                      self.block(s.body), self.block(s.orelse))

    def async_with(self, s, items):
        """`async with lock: body` is `await lock.acquire()` then
        try: body / finally: lock.release()."""
        if not items:
            return self.block(s.body)
        ctx = items[0].context_expr
        pt = T.resolve(ctx.type)
        out = []
        holder = self.temp("ctx", pt, ctx.span)
        out.append(A.Assign(ctx.span, [self.ref(holder, ctx.span)], ctx))
        acquire = self.prim_call(holder, "acquire", T.AwaitableT("prim", T.BOOL), ctx.span)
        st = AwaitStmt(ctx.span, "prim", None, acquire)
        self.awaits.append(st)
        out.append(st)
        release = A.ExprStmt(ctx.span, self.prim_call(holder, "release", T.NONE, ctx.span))
        body = self.async_with(s, items[1:])
        out.append(A.Try(s.span, body, [], [], [release]))
        return out

    def prim_call(self, holder, method, type_, span):
        pt = T.resolve(holder.type)
        call = A.Call(span, A.Attribute(span, self.ref(holder, span), method), [], [])
        call.kind = f"prim.{pt.kind}.{method}"
        call.type = type_
        return call

    def comprehensions(self, s):
        """Give every comprehension in statement s its loop (e.lowered)."""
        for e in _scope_walk(s):
            if isinstance(e, (A.ListComp, A.GeneratorExp, A.SetComp, A.DictComp)) and not hasattr(e, "lowered"):
                if _has_await(e):
                    raise_unsupported(e, "'await' inside a comprehension")
                result = self.temp("comp", T.resolve(e.type), e.span)
                if isinstance(e, A.DictComp):
                    body = [Append(e.span, result, e.value, e.key)]
                else:
                    body = [Append(e.span, result, e.elt)]
                for gen in reversed(e.generators):
                    for cond in reversed(gen.ifs):
                        body = [A.If(e.span, cond, body, [])]
                    loop = A.For(e.span, gen.target, gen.iter, body, [])
                    loop.kind, loop.seqs = gen.kind, gen.seqs
                    body = [loop]
                e.lowered = (result, self.block(body))

    # ------------------------------------------------------------ awaits
    def yield_from(self, node, target, out):
        """`[x =] yield from g`: a suspension point that passes on g's items."""
        st = AwaitStmt(node.span, "yield_from", target, node.value)
        self.awaits.append(st)
        out.append(st)

    def await_(self, node, target, out):
        value = node.value
        kind = _await_kind(value)
        if kind == "task":
            value = self.extract(value, out)
        else:
            if kind == "prim":
                value.func.value = self.extract(value.func.value, out)
            if kind == "wait_for":
                inner = value.args[0]
                for i, a in enumerate(inner.bound_args):
                    inner.bound_args[i] = self.extract(a, out)
                value.args[1] = self.extract(value.args[1], out)
            else:
                for i, a in enumerate(_call_args(value)):
                    _set_call_arg(value, i, self.extract(a, out))
        st = AwaitStmt(node.span, kind, target, value)
        self.awaits.append(st)
        out.append(st)

    def extract(self, e, out):
        """Return e with every await replaced by a temporary assigned in `out`."""
        if not _has_await(e):
            return e
        if isinstance(e, A.Await):
            tmp = self.temp("awaited", e.type, e.span)
            self.await_(e, tmp, out)
            return self.ref(tmp, e.span)
        if isinstance(e, (A.BoolOp, A.IfExp)):
            first = e.values[0] if isinstance(e, A.BoolOp) else e.test
            if any(_has_await(x) for x in (e.values[1:] if isinstance(e, A.BoolOp) else [e.body, e.orelse])):
                raise_unsupported(e, "'await' inside 'and', 'or' or a conditional expression (after its first part)")
            if isinstance(e, A.BoolOp):
                e.values[0] = self.extract(first, out)
            else:
                e.test = self.extract(first, out)
            return e
        slots = _child_slots(e)
        last = max((i for i, (get, _) in enumerate(slots) if _has_await(get())), default=-1)
        for i, (get, put) in enumerate(slots):
            child = get()
            if i < last and not _has_await(child) and not isinstance(child, A.Constant):
                tmp = self.temp("arg", child.type, child.span)
                assign = A.Assign(child.span, [self.ref(tmp, child.span)], child)
                out.append(assign)
                put(self.ref(tmp, child.span))
            else:
                put(self.extract(child, out))
        return e


def raise_unsupported(node, what):
    from .diagnostics import CompileError, Diagnostic
    raise CompileError([Diagnostic("", node.span, f"{what} is not supported yet")])


def _has_await(e):
    return any(isinstance(n, A.Await) for n in A.walk(e)) if isinstance(e, A.Node) else False


def _await_kind(value):
    t = T.resolve(value.type)
    if isinstance(t, T.CoroT):
        return "coro"
    if isinstance(t, T.TaskT):
        return "task"
    if isinstance(t, T.AwaitableT) and t.kind in ("prim", "wait_for"):
        return t.kind
    return {"asyncio.sleep": "sleep", "asyncio.sleep_ms": "sleep_ms",
            "asyncio.gather": "gather"}[value.kind]


def is_generator_call(e):
    """gen(...) itself (its frame can be held by value), not a generator object."""
    return isinstance(e, A.Call) and getattr(e, "kind", None) == "user" and e.instance.func.is_generator


def _call_args(call):
    if getattr(call, "kind", None) == "user":
        return call.bound_args
    return call.args


def _set_call_arg(call, i, v):
    if getattr(call, "kind", None) == "user":
        call.bound_args[i] = v
    else:
        call.args[i] = v


def _child_slots(e):
    """(getter, setter) pairs for e's sub-expressions in evaluation order."""
    slots = []

    def field_slot(obj, name):
        slots.append((lambda: getattr(obj, name), lambda v: setattr(obj, name, v)))

    def list_slot(lst, i):
        slots.append((lambda: lst[i], lambda v: lst.__setitem__(i, v)))

    if isinstance(e, A.Call):
        args = _call_args(e)
        if isinstance(e.func, A.Attribute) and isinstance(T.resolve(e.func.value.type), T.ListT):
            field_slot(e.func, "value")
        for i in range(len(args)):
            list_slot(args, i)
        if getattr(e, "kind", None) != "user":
            for kw in e.keywords:
                field_slot(kw, "value")
    elif isinstance(e, A.BinOp):
        field_slot(e, "left"), field_slot(e, "right")
    elif isinstance(e, A.UnaryOp):
        field_slot(e, "operand")
    elif isinstance(e, A.Compare):
        field_slot(e, "left")
        for i in range(len(e.comparators)):
            list_slot(e.comparators, i)
    elif isinstance(e, (A.Tuple, A.List)):
        for i in range(len(e.elts)):
            list_slot(e.elts, i)
    elif isinstance(e, A.Subscript):
        field_slot(e, "value"), field_slot(e, "index")
    elif isinstance(e, A.JoinedStr):
        for p in e.parts:
            if isinstance(p, A.FormattedValue):
                field_slot(p, "value")
    elif isinstance(e, A.FormattedValue):
        field_slot(e, "value")
    elif isinstance(e, A.Attribute):
        field_slot(e, "value")
    return slots


# ------------------------------------------------------------------ liveness
def _local(n):
    """A C local or frame field (a captured variable lives in its environment)."""
    return isinstance(n, A.Name) and isinstance(n.binding, VarInfo) and n.binding.kind != "global" \
        and not getattr(n.binding, "cell", False)


def uses(e):
    if e is None:
        return set()
    return {n.binding for n in A.walk(e) if _local(n)}


def target_defs(t):
    if isinstance(t, A.Name):
        return {t.binding} if _local(t) else set()
    if isinstance(t, (A.Tuple, A.List)):
        return set().union(*(target_defs(x) for x in t.elts)) if t.elts else set()
    return set()


def target_uses(t):
    if isinstance(t, A.Subscript):
        return uses(t.value) | uses(t.index)
    if isinstance(t, (A.Tuple, A.List)):
        return set().union(*(target_uses(x) for x in t.elts)) if t.elts else set()
    return set()


class Liveness:
    """Backward liveness over the structured IR; records what is live
    across each suspension point."""

    def __init__(self):
        self.across = set()
        self.exc_live = [set()]     # live at the handlers of the enclosing try

    def block(self, stmts, live, loop):
        for s in reversed(stmts):
            live = self.stmt(s, live, loop) | self.exc_live[-1]
        return live

    def stmt(self, s, live, loop):
        if isinstance(s, AwaitStmt):
            after = (live | self.exc_live[-1]) - ({s.target} if s.target else set())
            self.across |= after
            return after | (uses(s.value) if s.kind == "task" else
                            set().union(*(uses(a) for a in _await_payload(s))) if _await_payload(s) else set())
        if isinstance(s, A.Assign):
            d = set().union(*(target_defs(t) for t in s.targets))
            u = set().union(*(target_uses(t) for t in s.targets))
            return (live - d) | u | uses(s.value)
        if isinstance(s, A.AugAssign):
            return live | uses(s.target) | target_uses(s.target) | uses(s.value)
        if isinstance(s, A.AnnAssign):
            if s.value is None:
                return live
            return (live - target_defs(s.target)) | uses(s.value)
        if isinstance(s, A.If):
            return uses(s.test) | self.block(s.body, live, loop) | self.block(s.orelse, live, loop)
        if isinstance(s, A.While):
            out_else = self.block(s.orelse, live, loop)
            return self.loop(uses(s.test), set(), s.body, live, out_else, loop, set())
        if isinstance(s, ForRange):
            out_else = self.block(s.orelse, live, loop)
            head_uses = {s.counter, s.stop} | ({s.step} if s.step else set())
            inner = self.loop(head_uses, target_defs(s.target), s.body, live, out_else, loop, {s.counter})
            return (inner - head_uses) | uses(s.start_expr) | uses(s.stop_expr) | uses(s.step_expr)
        if isinstance(s, ForSeq):
            out_else = self.block(s.orelse, live, loop)
            seq_vars = {v for v, _ in s.seqs}
            inner = self.loop({s.index} | seq_vars, target_defs(s.target), s.body, live, out_else, loop, {s.index})
            return (inner - {s.index} - seq_vars) | set().union(*(uses(e) for _, e in s.seqs)) | uses(s.start)
        if isinstance(s, Append):
            return live | uses(s.value) | (uses(s.key) if s.key is not None else set()) | {s.result}
        if isinstance(s, ForGen):
            out_else = self.block(s.orelse, live, loop)
            inner = self.loop({s.frame}, target_defs(s.target), s.body, live, out_else, loop, {s.frame})
            return (inner - {s.frame}) | set().union(*(uses(a) for a in s.call.bound_args))
        if isinstance(s, ForGenObj):
            out_else = self.block(s.orelse, live, loop)
            inner = self.loop({s.holder}, target_defs(s.target), s.body, live, out_else, loop, {s.holder})
            return (inner - {s.holder}) | uses(s.iter)
        if isinstance(s, A.Try):
            after_fin = live | set(loop[0]) | set(loop[1])
            fin_in = self.block(s.finalbody, after_fin, loop) if s.finalbody else set()
            cont = fin_in if s.finalbody else live
            handlers_in = set()
            for h in s.handlers:
                handlers_in |= self.block(h.body, cont, loop) - {getattr(h, "var", None)}
            else_in = self.block(s.orelse, cont, loop)
            self.exc_live.append(self.exc_live[-1] | handlers_in | fin_in)
            body_in = self.block(s.body, else_in, loop)
            exc = self.exc_live.pop()
            return body_in | exc
        if isinstance(s, A.Raise):
            return uses(s.exc) | uses(s.cause)
        if isinstance(s, A.Break):
            return set(loop[1])
        if isinstance(s, A.Continue):
            return set(loop[0])
        if isinstance(s, A.Return):
            return uses(s.value)
        if isinstance(s, A.ExprStmt):
            return live | uses(s.value)
        if isinstance(s, A.Assert):
            return live | uses(s.test) | uses(s.msg)
        return live

    def loop(self, head_uses, body_defs, body, live_out, else_live, outer, step_uses):
        """Fixpoint for a loop whose head reads head_uses; the body starts by
        defining body_defs (the for target) and ends by reading step_uses."""
        head = set(head_uses) | else_live
        while True:
            body_in = self.block(body, head | step_uses, (head | step_uses, live_out))
            new = set(head_uses) | else_live | (body_in - body_defs)
            if new == head:
                return head
            head = new


def _await_payload(s):
    if s.kind == "yield":
        return [s.value] if s.value is not None else []
    if s.kind == "yield_from":
        return list(s.value.bound_args) if is_generator_call(s.value) else [s.value]
    if s.kind == "task":
        return [s.value]
    if s.kind == "gather":
        if s.value.gather_mode != "static":
            return [s.value.args[0].value]
        return [a for c in s.value.args for a in c.bound_args]
    if s.kind == "prim":
        return [s.value.func.value] + list(s.value.args)
    if s.kind == "wait_for":
        return list(s.value.args[0].bound_args) + [s.value.args[1]]
    return list(_call_args(s.value))


# ------------------------------------------------------- definite assignment
class MaybeUnbound:
    """Forward analysis: which reads of a local may come before any
    assignment to it (Python raises UnboundLocalError there). Those reads
    get a runtime check against a flag the variable's assignments set."""

    def __init__(self, candidates):
        self.candidates = candidates      # id -> VarInfo of plain locals
        self.flagged = {}                 # id -> VarInfo needing a flag

    def reads(self, e, bound):
        if e is None:
            return
        for n in A.walk(e):
            if isinstance(n, A.Name) and id(n.binding) in self.candidates and id(n.binding) not in bound:
                n.check_bound = True
                self.flagged[id(n.binding)] = n.binding

    def target_reads(self, t, bound):
        """What an assignment target reads: the object and index of a[i]
        and a.b, not the names it binds."""
        if isinstance(t, (A.Tuple, A.List)):
            for x in t.elts:
                self.target_reads(x, bound)
        elif isinstance(t, A.Subscript):
            self.reads(t.value, bound)
            self.reads(t.index, bound)
        elif isinstance(t, A.Attribute):
            self.reads(t.value, bound)

    def defs(self, target, bound):
        names = [n for n in A.walk(target) if isinstance(n, A.Name)] \
            if isinstance(target, (A.Name, A.Tuple, A.List)) else []
        return bound | {id(n.binding) for n in names if id(n.binding) in self.candidates}

    def block(self, stmts, bound):
        for s in stmts:
            if bound is None:          # unreachable after return/raise/break
                return None
            bound = self.stmt(s, bound)
        return bound

    def stmt(self, s, bound):
        if isinstance(s, A.Assign):
            self.reads(s.value, bound)
            for t in s.targets:
                self.target_reads(t, bound)
                bound = self.defs(t, bound)
            return bound
        if isinstance(s, A.AugAssign):
            if isinstance(s.target, A.Name):
                self.reads(s.target, bound)
            else:
                self.target_reads(s.target, bound)
            self.reads(s.value, bound)
            return bound
        if isinstance(s, AwaitStmt):
            for e in _await_payload(s):
                self.reads(e, bound)
            return bound | ({id(s.target)} if s.target is not None and id(s.target) in self.candidates else set())
        if isinstance(s, A.If):
            self.reads(s.test, bound)
            a, b = self.block(s.body, bound), self.block(s.orelse, bound)
            return b if a is None else a if b is None else a & b
        if isinstance(s, A.While):
            self.reads(s.test, bound)
            self.block(s.body, bound)
            after = self.block(s.orelse, bound)
            return bound if after is None else after
        if isinstance(s, (ForRange, ForSeq, ForGen, ForGenObj)):
            exprs = ([s.start_expr, s.stop_expr, s.step_expr] if isinstance(s, ForRange) else
                     [e for _, e in s.seqs] + [s.start] if isinstance(s, ForSeq) else
                     [s.iter] if isinstance(s, ForGenObj) else list(s.call.bound_args))
            for e in exprs:
                self.reads(e, bound)
            self.block(s.body, self.defs(s.target, bound))
            after = self.block(s.orelse, bound)
            return bound if after is None else after
        if isinstance(s, A.Try):
            body = self.block(s.body + s.orelse, bound)
            ends = [body]
            for h in s.handlers:
                start = bound | ({id(h.var)} if getattr(h, "var", None) is not None and id(h.var) in self.candidates
                                 else set())
                ends.append(self.block(h.body, start))
            reached = [e for e in ends if e is not None]
            after = set.intersection(*reached) if reached else None
            if s.finalbody:
                fin = self.block(s.finalbody, bound)
                if fin is None:
                    return None
                after = None if after is None else after | fin
            return after
        if isinstance(s, (A.Return, A.Raise)):
            for name in ("value", "exc", "cause"):
                self.reads(getattr(s, name, None), bound)
            return None
        if isinstance(s, (A.Break, A.Continue)):
            return None
        for name in ("value", "test", "msg"):
            self.reads(getattr(s, name, None), bound)
        if isinstance(s, A.Delete):
            for t in s.targets:
                self.reads(t, bound)
        return bound


# ---------------------------------------------------------------- driving
def _mark_bound_cells(inst):
    """Cells assigned at the top of the function, before any statement that
    defines, makes or calls a closure, are bound whenever a closure reads
    them: they need no `bound` flag."""
    cells = {id(v) for v in inst.vars.values() if getattr(v, "cell", False)}
    if not cells or any(isinstance(n, A.Delete) for s in inst.body for n in _scope_walk(s)):
        return
    for s in inst.body:
        if any(isinstance(n, (A.Lambda, A.FunctionDef)) or (isinstance(n, A.Name) and n.id in inst.local_funcs)
               for n in _scope_walk(s)):
            return
        if isinstance(s, A.Assign) or (isinstance(s, A.AnnAssign) and s.value is not None):
            for t in (s.targets if isinstance(s, A.Assign) else [s.target]):
                for n in _bound_names(t):
                    if id(n.binding) in cells:
                        n.binding.always_bound = True


def lower_function(inst):
    _mark_bound_cells(inst)
    lw = Lowerer(inst)
    body = lw.block(inst.body)
    params = [inst.vars[p] for p in inst.params]
    # a generator is a state machine like a coroutine: its yields suspend it
    ir = FunctionIR(inst, inst.func.name, inst.c_name, inst.func.is_async or inst.func.is_generator, params,
                    body=body, return_type=T.finalize(inst.return_type))
    all_vars = [v for v in inst.vars.values() if v.kind != "param" and not getattr(v, "cell", False)] \
        + lw.temps + inst.comp_vars
    for v in list(inst.vars.values()) + lw.temps + inst.comp_vars:
        v.type = T.finalize(v.type)
    if ir.is_async:
        live = Liveness()
        live.block(body, set(), (set(), set()))
        # a task owned by a variable is released when the variable is
        # overwritten or the coroutine ends: its value must survive awaits
        keep = live.across | set(getattr(inst, "owned_tasks", []))
        ir.frame_vars = [v for v in all_vars if v in keep]
        ir.c_locals = [v for v in all_vars if v not in keep]
    else:
        ir.c_locals = all_vars
    ir.awaits = lw.awaits
    _number_awaits(ir)
    plain = {id(v): v for v in inst.vars.values() if v.kind == "local"}
    check = MaybeUnbound(plain)
    check.block(body, set())
    ir.unbound_checked = list(check.flagged.values())
    return ir


def lower_module(prog):
    """The module's init code as a plain function over globals."""
    lw = Lowerer(None)
    body = lw.block(prog.module_body)
    for v in lw.temps + prog.module_comp_vars:
        v.type = T.finalize(v.type)
    ir = FunctionIR(None, "<module>", f"{prog.module_name}_init", False, [], body=body,
                    return_type=T.NONE)
    ir.c_locals = lw.temps + prog.module_comp_vars
    return ir


def _number_awaits(ir):
    seen = {}
    for i, a in enumerate(ir.awaits, start=1):
        a.state = i
        line = a.span.line
        seen[line] = seen.get(line, 0) + 1
        suffix = "" if seen[line] == 1 else f"_{seen[line]}"
        a.label = f"{ir.name.upper()}_AWAIT_L{line}{suffix}"
        a.member = f"L{line}{suffix}"
