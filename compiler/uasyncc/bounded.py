"""Bounded allocation: does the program make only a few allocations from the
arena in all? Then it needs no collector, and the runtime's bump allocator
serves it (docs/DESIGN.md, Memory).

The verdict is computed on sema's typed program and must be sound: a wrong
"bounded" turns a working program into a MemoryError. So every construct
is unbounded unless listed here:

- Each expression and statement gets a cost: an upper bound on the
  allocations one run of it makes, or UNBOUNDED. Only the operations this
  module lists cost 0 (arithmetic and comparisons on numbers, variables,
  list items, object fields, print() of numbers and strings (streamed),
  sleeps, pyb calls, Event/Lock/Semaphore methods...); a few cost a fixed
  count (literals of lists and tuples, built strings, objects, primitives,
  create_task, gather, an exception made or raised, list.append...);
  everything else, any call the analysis cannot follow included, is
  UNBOUNDED.
- A loop whose body allocates is UNBOUNDED unless its count is known at
  compile time (range() of constants, a literal list or tuple): then the
  body's cost is multiplied by it.
- A call costs what the callee's body costs (a coroutine given to
  create_task or run included). A function on a call cycle (recursion,
  which also puts coroutine frames in the arena) is UNBOUNDED, and so are
  closures and generators (environments and frames in the arena).
- An exception that is raised and not caught leaves every loop it is
  raised in, so only the code around them decides how often it happens:
  raising is free here except for the raise statement's own object.
  Catching is what can repeat it, so a try statement that catches (an
  except clause, or a finally that can break, continue or return) costs
  one exception (and its traceback) whatever its body raises, implicitly
  (IndexError, OverflowError...) or not; in a loop of unknown count that
  is UNBOUNDED. A finally that lets the exception go on costs nothing.

The program is bounded when its module-level code (which runs everything
else) costs at most MAX_ALLOCATIONS. Sizes are not counted: an allocation
whose size depends on data (a list or string built by joining or
concatenating others) counts as one, repetition by a non-constant count
(`[0] * n`) is UNBOUNDED.
"""
import math

from . import astnodes as A
from . import types as T

UNBOUNDED = math.inf
# Enough for a program that starts a hundred tasks, few enough that what
# it could leave as garbage (blocks of tens of bytes, as a rule) stays well
# inside the Pyboard's arena (~120 KB).
MAX_ALLOCATIONS = 1024
# Allocations per construct (upper bounds): an exception is its object,
# its arguments or fields, and its traceback grown 4, 8, 16, 32 entries as
# it propagates (exc.c); a list its header and items; a built string the
# string and the builder's buffer once it outgrows the stack (out.c); a
# task its block and the exception it may end with.
EXCEPTION = 6
LIST = 2
BUILT_STRING = 2
TASK = 1 + EXCEPTION

NUMBERS = (T.INT, T.FLOAT, T.BOOL)
PRINTABLE = NUMBERS + (T.STR, T.NONE)   # print() streams them: nothing is built

# Runtime calls that never allocate (their arguments are costed apart).
QUIET_CALLS = {
    "asyncio.sleep", "asyncio.sleep_ms", "asyncio.run.sleep", "native.call", "native.new",
    "micropython.const", "gc.collect", "gc.mem_free", "gc.mem_alloc", "gc.enable", "gc.disable",
    "gc.isenabled",
    "time.ticks_ms", "time.ticks_us", "time.ticks_cpu", "time.ticks_diff", "time.ticks_add",
    "time.sleep", "time.sleep_ms", "time.sleep_us",
    "prim.event.set", "prim.event.clear", "prim.event.is_set", "prim.event.wait",
    "prim.tsflag.set", "prim.tsflag.clear", "prim.tsflag.wait",
    "prim.lock.acquire", "prim.lock.release", "prim.lock.locked",
    "prim.sem.acquire", "prim.sem.release", "prim.sem.locked",
}
# Runtime calls that allocate and call no code of the program, with their
# allocations (a queue's buffer with a primitive; a list's items grown).
ALLOCATING_CALLS = {"asyncio.create_task": TASK, "loop.create_task": TASK, "asyncio.run": TASK,
                    "prim.new": 2, "list.append": 1, "list.insert": 1, "list.pop": 1, "list.clear": 1}
# Modules whose import runs no code of the program.
RUNTIME_MODULES = {"asyncio", "uasyncio", "pyb", "machine", "time", "utime", "micropython", "gc"}


def allocation_is_bounded(prog):
    """True when the program provably makes at most MAX_ALLOCATIONS."""
    return allocations(prog) <= MAX_ALLOCATIONS


def allocations(prog):
    """An upper bound on the allocations the program makes, or UNBOUNDED
    (an exception may end the module-level code too)."""
    return Analysis().block(prog.module_body) + EXCEPTION


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
            return self.instance(e.instance) + self.exprs(e.bound_args)
        if kind == "new":
            init = e.init_instance
            return 1 + (self.instance(init) + self.exprs(e.bound_args) if init is not None else 0)
        if kind == "exc.new" and e.exc_init is None:   # no __init__ of the program
            return EXCEPTION + self.exprs(e.args)
        if kind == "builtin.print":
            return sum(self.printed(a) for a in e.args + [k.value for k in e.keywords])
        if kind in ("builtin.str", "builtin.repr") and all(_type(a) in PRINTABLE for a in e.args):
            return BUILT_STRING + self.exprs(e.args)
        if kind == "builtin.len" and isinstance(_type(e.args[0]), (T.ListT, T.TupleT)):
            return self.expr(e.args[0])
        if kind == "native.new":
            return self.exprs([e.id_expr] + _native_values(e.init_args))
        if kind == "native.call":
            return self.exprs([e.native_self] + _native_values(e.native_args))
        if kind in QUIET_CALLS or kind in ALLOCATING_CALLS:
            return ALLOCATING_CALLS.get(kind, 0) + self.exprs(e.args + [k.value for k in e.keywords]
                                                              + [_receiver(e)])
        return UNBOUNDED

    def gather(self, e):
        """gather(coro(...), ...): one block holds the children's tasks; each
        child may end with an exception and adds its result to a list."""
        children = len(e.args)
        return 1 + LIST + children * (1 + EXCEPTION) + self.exprs(e.args)

    def printed(self, a):
        """print()'s argument a: numbers and strings are written out as
        they are, an f-string piece by piece; nothing is built."""
        if isinstance(a, A.JoinedStr):
            return self.formatted(a)
        return self.expr(a) if _type(a) in PRINTABLE else UNBOUNDED

    def formatted(self, s):
        """An f-string's fields, when each formats a number or a string
        (anything else may run a method of the program)."""
        fields = [p for p in s.parts if isinstance(p, A.FormattedValue)]
        if all(p.conversion is None and _type(p.value) in PRINTABLE for p in fields):
            return self.exprs(p.value for p in fields)
        return UNBOUNDED

    # ------------------------------------------------------- expressions
    def exprs(self, items):
        return sum(self.expr(x) for x in items if x is not None)

    def expr(self, e):
        if isinstance(e, (A.Constant, A.Name)):
            return 0
        if isinstance(e, A.Attribute):
            return self.attribute(e)
        if isinstance(e, A.Subscript):
            if isinstance(_type(e.value), (T.ListT, T.TupleT)) and _type(e.index) in (T.INT, T.BOOL):
                return self.exprs([e.value, e.index])
            return UNBOUNDED
        if isinstance(e, A.BinOp):
            return operation(e.left, e.op, e.right, _type(e)) + self.exprs([e.left, e.right])
        if isinstance(e, A.UnaryOp):
            return self.expr(e.operand) if _type(e.operand) in NUMBERS else UNBOUNDED
        if isinstance(e, (A.BoolOp, A.Compare)):
            operands = e.values if isinstance(e, A.BoolOp) else [e.left] + e.comparators
            quiet = all(_type(x) in NUMBERS for x in operands) or (
                isinstance(e, A.Compare) and all(op in ("is", "is not") for op in e.ops))
            return self.exprs(operands) if quiet else UNBOUNDED
        if isinstance(e, A.IfExp):
            return self.expr(e.test) + max(self.expr(e.body), self.expr(e.orelse))
        if isinstance(e, A.Await):   # a coroutine, a task, a sleep, a wait or a gather
            v = e.value
            if isinstance(_type(v), T.TaskT) or isinstance(v, A.Call) and (
                    v.kind in QUIET_CALLS or v.kind == "user" and v.instance.func.is_async):
                return self.expr(v)
            if isinstance(v, A.Call) and v.kind == "asyncio.gather" and getattr(v, "gather_mode", None) == "static":
                return self.gather(v)
            return UNBOUNDED
        if isinstance(e, A.Call):
            return self.call(e)
        if isinstance(e, A.List):
            return LIST + self.exprs(e.elts)
        if isinstance(e, A.Tuple):   # by value, but boxed in places
            return 1 + self.exprs(e.elts)
        if isinstance(e, A.JoinedStr):
            return BUILT_STRING + self.formatted(e)
        return UNBOUNDED

    def attribute(self, e):
        """Reading an attribute: the cases of emit's e_Attribute, in its order."""
        if _type(e) is T.EXC_ARGS or getattr(e, "class_of", False) or hasattr(e, "type_name"):
            return UNBOUNDED
        if isinstance(getattr(e, "binding", None), tuple) and e.binding[0] == "exc":   # asyncio.CancelledError
            return 0
        if getattr(e, "prim_of", None) is not None:   # the primitive an object derives from
            return self.expr(e.value)
        if hasattr(e, "prim_attribute"):
            return UNBOUNDED
        if hasattr(e, "property_call"):
            return self.expr(e.property_call)
        if hasattr(e, "field"):
            return self.expr(e.value)
        if hasattr(e, "exc_field"):
            return UNBOUNDED
        if hasattr(e, "const_expr"):   # a class constant, evaluated where it is read
            return self.expr(e.const_expr)
        return 0 if hasattr(e, "const_value") else UNBOUNDED

    # -------------------------------------------------------- statements
    def block(self, stmts):
        return sum(self.stmt(s) for s in stmts)

    def stmt(self, s):
        if isinstance(s, (A.Pass, A.Break, A.Continue, A.Global)):
            return 0
        if isinstance(s, A.Import):
            return 0 if all(a.name in RUNTIME_MODULES for a in s.names) else UNBOUNDED
        if isinstance(s, A.ImportFrom):
            return 0 if s.level == 0 and s.module in RUNTIME_MODULES else UNBOUNDED
        if isinstance(s, A.FunctionDef):   # code, not a value (a closure's cost is at its calls)
            return 0
        if isinstance(s, A.ClassDef):
            return self.block(s.body)
        if isinstance(s, (A.ExprStmt, A.Return)):
            return self.exprs([s.value])
        if isinstance(s, A.Assign):
            return self.expr(s.value) + sum(self.target(t) for t in s.targets)
        if isinstance(s, A.AnnAssign):
            return self.exprs([s.value]) + self.target(s.target)
        if isinstance(s, A.AugAssign):
            return operation(s.target, s.op, s.value, _type(s.target)) + self.expr(s.value) + self.target(s.target)
        if isinstance(s, A.If):
            return self.expr(s.test) + max(self.block(s.body), self.block(s.orelse))
        if isinstance(s, A.While):
            return repeated(self.expr(s.test) + self.block(s.body), None) + self.block(s.orelse)
        if isinstance(s, A.For):
            return self.for_loop(s)
        if isinstance(s, A.Raise):
            return EXCEPTION + self.exprs([s.exc, s.cause])
        if isinstance(s, A.Try):
            handlers = max([self.block(h.body) + self.exprs([h.type]) for h in s.handlers] or [0])
            caught = EXCEPTION if s.handlers or _may_end_propagation(s.finalbody) else 0
            return caught + self.block(s.body) + handlers + self.block(s.orelse) + self.block(s.finalbody)
        if isinstance(s, A.With) and getattr(s, "desugared", None) is not None:   # on an object
            return self.block(s.desugared)
        if isinstance(s, A.With) and s.is_async and all(   # acquire, the body, release
                isinstance(_type(i.context_expr), T.PrimT) and _type(i.context_expr).kind in ("lock", "sem")
                for i in s.items):
            return self.exprs(i.context_expr for i in s.items) + self.block(s.body)
        if isinstance(s, A.Assert):
            return self.exprs([s.test, s.msg])
        return UNBOUNDED

    def target(self, t):
        """Storing to t (its subexpressions evaluated)."""
        if isinstance(t, A.Name):
            return 0
        if isinstance(t, (A.Attribute, A.Subscript)):
            return self.expr(t)
        if isinstance(t, A.Tuple):
            return sum(self.target(x) for x in t.elts)
        return UNBOUNDED

    def for_loop(self, s):
        """range(), or a list, tuple or str: the kinds that iterate without
        allocating; the count is known for constants and literals."""
        if getattr(s, "desugared", None) is not None or s.kind not in ("range", "seq"):
            return UNBOUNDED
        seqs = s.seqs
        if s.kind == "range":
            bounds = [_const_int(a) for a in seqs]
            count = None if None in bounds else 0 if bounds[2:] == [0] else len(range(*bounds))
        elif isinstance(seqs[0], (A.List, A.Tuple)):
            count = len(seqs[0].elts)
        elif isinstance(_type(seqs[0]), (T.ListT, T.TupleT)):
            count = None
        else:
            return UNBOUNDED
        body = self.block(s.body) + self.target(s.target)
        return self.exprs(seqs) + repeated(body, count) + self.block(s.orelse)


def repeated(cost, count):
    """The cost of a loop body run count times (None: a count not known)."""
    if cost == 0:
        return 0
    return UNBOUNDED if count is None or cost == UNBOUNDED else cost * count


def operation(left, op, right, result):
    """A binary operator's own cost: numbers never allocate, a str or list
    result is one new object (repeated by a constant count only), anything
    else may run a method of the program."""
    lt, rt, result = _type(left), _type(right), T.resolve(result) if result is not None else None
    if lt in NUMBERS and rt in NUMBERS:
        return 0
    if result is T.STR or isinstance(result, T.ListT):
        joined = lt is T.STR and rt is T.STR or isinstance(lt, T.ListT) and isinstance(rt, T.ListT)
        if op == "+" and joined or op == "*" and _const_int(right) is not None:
            return LIST if isinstance(result, T.ListT) else 1
        if op == "%" and lt is T.STR and rt in PRINTABLE:
            return BUILT_STRING
    return UNBOUNDED


def _may_end_propagation(finalbody):
    """A finally block that can break, continue or return ends the
    propagation of the exception it runs for (so the try catches)."""
    return any(isinstance(n, (A.Break, A.Continue, A.Return)) for s in finalbody for n in A.walk(s))


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
    """The value of an int constant (or its negation), else None."""
    sign = 1
    if isinstance(e, A.UnaryOp) and e.op == "-":
        e, sign = e.operand, -1
    return sign * e.value if isinstance(e, A.Constant) and type(e.value) is int else None
