"""Bounded allocation: does the program allocate only a bounded amount from
the arena in all? Then it needs no collector, and the runtime's bump
allocator serves it (docs/DESIGN.md, Memory).

The verdict is computed on sema's typed program and must be sound: a wrong
"bounded" turns a working program into a MemoryError. So every construct
is "unbounded" unless listed here:

- Each expression and statement gets a cost: NONE (never allocates), SOME
  (allocates a bounded amount each time it runs) or UNBOUNDED. Only the
  operations listed below are NONE (arithmetic and comparisons on numbers,
  variables, list items, object fields, print() of numbers and strings,
  sleeps, LEDs and pins, Event/Lock/Semaphore methods, ...); a few are SOME
  (literals of lists, dicts, tuples, built strings, create_task, objects,
  primitives, raise); everything else, any call the analysis cannot follow
  included, is UNBOUNDED.
- A loop whose body costs more than NONE is UNBOUNDED unless it runs a
  count known at compile time (range() of constants, a literal list).
- A call costs what the callee's body costs (a coroutine given to
  create_task or run included); a function on a call cycle (recursion,
  which also puts coroutine frames in the arena) is UNBOUNDED, and so are
  closures and generators (their environments and frames are arena blocks).
- An exception raised and not caught leaves every loop it is raised in, so
  it is allocated once per run of the code around them: raising costs no
  more than the raise's own SOME. Catching is what can repeat it, so a
  try statement costs at least SOME (in a loop: UNBOUNDED), whatever its
  body raises, implicitly (IndexError, OverflowError...) or not.

The program is bounded when its module-level code (which runs everything
else) is at most SOME.
"""
from . import astnodes as A
from . import types as T

NONE, SOME, UNBOUNDED = 0, 1, 2

NUMBERS = (T.INT, T.FLOAT, T.BOOL)
PRINTABLE = NUMBERS + (T.STR, T.NONE)   # print() streams them: nothing is built

# Runtime calls that never allocate (their arguments are costed apart).
QUIET_CALLS = {
    "asyncio.sleep", "asyncio.sleep_ms", "asyncio.run.sleep", "native.call", "native.new",
    "time.ticks_ms", "time.ticks_us", "time.ticks_cpu", "time.ticks_diff", "time.ticks_add",
    "time.sleep", "time.sleep_ms", "time.sleep_us",
    "prim.event.set", "prim.event.clear", "prim.event.is_set", "prim.event.wait",
    "prim.tsflag.set", "prim.tsflag.clear", "prim.tsflag.wait",
    "prim.lock.acquire", "prim.lock.release", "prim.lock.locked",
    "prim.sem.acquire", "prim.sem.release", "prim.sem.locked",
}
# Runtime calls that allocate a bounded amount each time and call no user code.
ALLOCATING_CALLS = {"asyncio.create_task", "loop.create_task", "asyncio.run", "prim.new",
                    "list.append", "list.insert", "list.pop", "list.clear"}
# Modules whose import runs no code of the program.
RUNTIME_MODULES = {"asyncio", "uasyncio", "pyb", "machine", "time", "utime", "micropython"}


def allocation_is_bounded(prog):
    """True when the program provably allocates a bounded amount in all."""
    return Analysis().block(prog.module_body) <= SOME


class Analysis:
    def __init__(self):
        self.costs = {}        # id(instance) -> cost of one call
        self.active = set()    # instances being analysed: a call back to one is recursion

    # ------------------------------------------------------------- calls
    def instance(self, inst):
        key = id(inst)
        if key in self.active:
            return UNBOUNDED
        if key not in self.costs:
            func = inst.func
            if func.is_generator or func.captured or func.has_env:
                self.costs[key] = UNBOUNDED
            else:
                self.active.add(key)
                self.costs[key] = self.block(inst.body)
                self.active.discard(key)
        return self.costs[key]

    def call(self, e):
        kind = getattr(e, "kind", None)
        if kind == "user":
            return max(self.instance(e.instance), self.exprs(e.bound_args))
        if kind == "new":
            init = e.init_instance
            args = self.exprs(e.bound_args) if init is not None else NONE
            return max(SOME, args, self.instance(init) if init is not None else NONE)
        if kind == "builtin.print":
            return max(self.printed(a) for a in e.args + [k.value for k in e.keywords] or [None])
        if kind == "builtin.len" and isinstance(_type(e.args[0]), (T.ListT, T.TupleT)):
            return self.expr(e.args[0])
        if kind == "native.new":
            return self.exprs([e.id_expr] + _native_values(e.init_args))
        if kind == "native.call":
            return self.exprs([e.native_self] + _native_values(e.native_args))
        if kind == "exc.new" and getattr(e, "exc_init", None) is None:   # no __init__ of the program
            return max(SOME, self.exprs(e.args + [k.value for k in e.keywords]))
        if kind in QUIET_CALLS or kind in ALLOCATING_CALLS:
            cost = self.exprs(e.args + [k.value for k in e.keywords] + [_receiver(e)])
            return max(cost, SOME) if kind in ALLOCATING_CALLS else cost
        return UNBOUNDED

    def printed(self, a):
        """print()'s argument a: numbers and strings are written out as
        they are, an f-string piece by piece; nothing is built."""
        if a is None:
            return NONE
        if isinstance(a, A.JoinedStr):
            return self.formatted(a)
        return self.expr(a) if _type(a) in PRINTABLE else UNBOUNDED

    def formatted(self, s):
        """An f-string's fields, when each formats a number or a string
        (anything else may run a user method)."""
        fields = [p for p in s.parts if isinstance(p, A.FormattedValue)]
        if all(p.conversion is None and _type(p.value) in PRINTABLE for p in fields):
            return self.exprs(p.value for p in fields)
        return UNBOUNDED

    # ------------------------------------------------------- expressions
    def exprs(self, items):
        return max([self.expr(x) for x in items if x is not None] or [NONE])

    def expr(self, e):
        t = _type(e)
        if isinstance(e, (A.Constant, A.Name)):
            return NONE
        if isinstance(e, A.Attribute):
            vt = _type(e.value)
            if getattr(e, "prim_of", None) is not None or (
                    isinstance(vt, T.InstT) and e.attr in vt.cls.fields and vt.cls.lookup(e.attr) is None):
                return self.expr(e.value)
            return UNBOUNDED
        if isinstance(e, A.Subscript):
            if isinstance(_type(e.value), (T.ListT, T.TupleT)) and _type(e.index) in (T.INT, T.BOOL):
                return self.exprs([e.value, e.index])
            return UNBOUNDED
        if isinstance(e, A.BinOp):
            return max(self.operation(_type(e.left), _type(e.right), t), self.exprs([e.left, e.right]))
        if isinstance(e, A.UnaryOp):
            return self.expr(e.operand) if _type(e.operand) in NUMBERS else UNBOUNDED
        if isinstance(e, (A.BoolOp, A.Compare)):
            operands = e.values if isinstance(e, A.BoolOp) else [e.left] + e.comparators
            quiet = all(_type(x) in NUMBERS for x in operands) or (
                isinstance(e, A.Compare) and all(op in ("is", "is not") for op in e.ops))
            return self.exprs(operands) if quiet else UNBOUNDED
        if isinstance(e, A.IfExp):
            return self.exprs([e.test, e.body, e.orelse])
        if isinstance(e, A.Await):   # a coroutine, a task, a sleep or a wait (not an __await__ method)
            v = e.value
            if isinstance(_type(v), T.TaskT) or isinstance(v, A.Call) and (
                    v.kind in QUIET_CALLS or v.kind == "user" and v.instance.func.is_async):
                return self.expr(v)
            return UNBOUNDED
        if isinstance(e, A.Call):
            return self.call(e)
        if isinstance(e, (A.List, A.Tuple)):
            return max(SOME, self.exprs(e.elts))
        if isinstance(e, A.JoinedStr):
            return max(SOME, self.formatted(e))
        return UNBOUNDED

    @staticmethod
    def operation(left, right, result):
        """A binary operator's own cost: numbers never allocate, str and
        list results are one new block, anything else may run user code."""
        if left in NUMBERS and right in NUMBERS:
            return NONE
        if result is T.STR and left is T.STR and right in (T.STR, T.INT):
            return SOME
        if isinstance(result, T.ListT) and isinstance(left, T.ListT) and (right is T.INT or
                                                                          isinstance(right, T.ListT)):
            return SOME
        return UNBOUNDED

    # -------------------------------------------------------- statements
    def block(self, stmts):
        return max([self.stmt(s) for s in stmts] or [NONE])

    def stmt(self, s):
        if isinstance(s, (A.Pass, A.Break, A.Continue, A.Global)):
            return NONE
        if isinstance(s, A.Import):
            return NONE if all(a.name in RUNTIME_MODULES for a in s.names) else UNBOUNDED
        if isinstance(s, A.ImportFrom):
            return NONE if s.level == 0 and s.module in RUNTIME_MODULES else UNBOUNDED
        if isinstance(s, A.FunctionDef):   # module level, or a method: code, not a value
            return NONE
        if isinstance(s, A.ClassDef):
            return self.block(s.body)
        if isinstance(s, A.ExprStmt):
            return self.expr(s.value)
        if isinstance(s, A.Return):
            return self.expr(s.value) if s.value is not None else NONE
        if isinstance(s, A.Assign):
            return max(self.expr(s.value), *(self.target(t) for t in s.targets))
        if isinstance(s, A.AnnAssign):
            return max(self.expr(s.value) if s.value is not None else NONE, self.target(s.target))
        if isinstance(s, A.AugAssign):
            t = _type(s.target)
            return max(self.operation(t, _type(s.value), t), self.expr(s.value), self.target(s.target))
        if isinstance(s, A.If):
            return max(self.expr(s.test), self.block(s.body), self.block(s.orelse))
        if isinstance(s, A.While):
            return max(self.repeated(max(self.expr(s.test), self.block(s.body)), bounded=False),
                       self.block(s.orelse))
        if isinstance(s, A.For):
            return self.for_loop(s)
        if isinstance(s, A.Raise):
            return max(SOME, self.exprs([s.exc, s.cause]))
        if isinstance(s, A.Try):
            parts = [s.body, s.orelse, s.finalbody] + [h.body for h in s.handlers]
            return max(SOME, *(self.block(p) for p in parts),
                       self.exprs(h.type for h in s.handlers))
        if isinstance(s, A.Assert):
            return self.exprs([s.test, s.msg])
        return UNBOUNDED

    def target(self, t):
        """Storing to t (its subexpressions evaluated)."""
        if isinstance(t, A.Name):
            return NONE
        if isinstance(t, (A.Attribute, A.Subscript)):
            return self.expr(t)
        if isinstance(t, A.Tuple):
            return max([self.target(x) for x in t.elts] or [NONE])
        return UNBOUNDED

    def for_loop(self, s):
        if getattr(s, "desugared", None) is not None or s.kind not in ("range", "seq"):
            return UNBOUNDED
        seqs = s.seqs
        if s.kind == "range":
            counted = all(_const_int(a) for a in seqs)
        else:
            counted = isinstance(seqs[0], (A.List, A.Tuple))
            if not (counted or isinstance(_type(seqs[0]), (T.ListT, T.TupleT))):
                return UNBOUNDED
        body = max(self.block(s.body), self.target(s.target))
        return max(self.exprs(seqs), self.repeated(body, bounded=counted), self.block(s.orelse))

    @staticmethod
    def repeated(cost, bounded):
        """The cost of a loop body run a bounded or an unknown number of times."""
        return cost if bounded or cost == NONE else UNBOUNDED


def _type(e):
    return T.resolve(e.type) if e is not None and e.type is not None else None


def _receiver(e):
    """The object a method call is made on (not a module or class)."""
    f = e.func
    if isinstance(f, A.Attribute) and not isinstance(_type(f.value), (T.ModuleT, T.ClassT, T.NativeClassT,
                                                                       T.NativeNsT, T.LoopT)):
        return f.value
    return None


def _native_values(args):
    """A native call's argument expressions; an interrupt callback is none:
    it runs in interrupt context, where nothing allocates (sema.check_isr)."""
    return [a for kind, a in args if kind != "callback"]


def _const_int(e):
    if isinstance(e, A.UnaryOp) and e.op == "-":
        e = e.operand
    return isinstance(e, A.Constant) and type(e.value) is int
