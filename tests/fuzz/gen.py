"""Random, valid, terminating uasyncio programs, as Hypothesis strategies.

    from gen import programs, Features
    @given(programs())            # or programs(Features(floats=False, ...))
    def test(src): ...

Every choice is a Hypothesis draw (integers, booleans, sampled_from), so a
failing program shrinks: fewer functions, fewer statements, smaller
literals, earlier alternatives (the first alternative of each choice is the
simplest one).

What is generated (only the subset the compiler accepts today; anything
else sits behind a `Features` flag so it can be switched on as it lands):

* module-level plain `def`s (helpers, and `loop.call_*` callbacks), `async
  def`s c0..cN and `main`; a coroutine only calls/awaits lower-numbered ones
  and a helper only lower-numbered helpers, so the call graph is a DAG and
  every program terminates;
* each function has fixed parameter types and a fixed return type (int,
  float, str, bool or None) and is always called with exactly those types, so
  one specialisation per function, and a variable always keeps one type;
* loops are bounded: `for` over range() with small constant bounds or over
  a (never-mutated-while-iterated) list, `while` with a counter incremented
  first thing in the body (so `continue` cannot skip it);
* 32-bit safety: every int expression carries a bound on its absolute
  value; whatever could exceed VAR_BOUND is reduced (`% 9973`, `& 8191`)
  before it is stored anywhere (variables, list items, globals, arguments,
  return values), and no sub-expression can exceed ~2**26; `**` only on
  small bases with exponents 0..3; shifts by constants.  Floats likewise
  (`% 997.0`), so no inf/overflow;
* divisors are made non-zero (`(e) % 7 + 1`, non-zero constants) except
  for the rare deliberate `ZeroDivisionError` (Features.zero_div), which
  ends the program with status 1 on both sides;
* every function prints a trace line when it starts and ends and prints the
  values it computes, so a divergence shows where it happens.

Exceptions.  Each program defines AppError(Exception) with the subclasses
NetError and DataError. A `try` draws the class its body raises, handlers
that catch it (itself, an ancestor, or a tuple) plus unrelated ones, else
and finally blocks; a raise may also pass through a try/finally to an
enclosing handler of the same function (Scope.catches: what enclosing
handlers catch). Some coroutines and helpers are raisers (Func.raises):
they end with a conditional raise and are only called, awaited, made
tasks of or gathered where a handler catches their class, so exceptions
cross awaits, tasks and gather and are always caught.

Scenarios.  Primitives (Event, Lock, Semaphore, Queue of maxsize 0/1/2,
Condition), cancellation (before a task starts, while it sleeps, after it
finished; CancelledError caught or swallowed by the task) and wait_for are
statements built on small module-level coroutines (TEMPLATES) that always
finish: every waiter is woken, every queue gets its end marker. Classes K0
and K1(K0) get generated method bodies; coroutines build, mutate and call
them (methods never call coroutines, so the call graph stays a DAG).

Deadlines.  Both sides run in virtual time: the clock only ever jumps to the
next timer deadline, nothing measures wall-clock time, so no output can
depend on host load or jitter.  Deadlines are whole milliseconds on both
sides (the CPython shim quantises `call_at` to ms) and equal deadlines fire
in insertion order on both sides.  But plain asyncio only guarantees that
order for timers scheduled at the same instant (same delay, later call,
later deadline); two timers reaching one deadline from different instants
race on a real clock.  So timer delays are drawn per program in one of two
modes: "tick", where every sleep, call_later and scenario delay is 0 or the
program's one tick T (2, 5 or 10 ms), so every timer is scheduled at a
multiple of T and fires one T later: equal deadlines always come from the
same instant (wait_for timeouts are never a multiple of T, so they never
tie with a sleep); and "spread", where sleep site k sleeps 7*n + (k % 7)
ms, so coinciding deadlines are rare.  What is left (spread-mode
coincidences, timeouts meeting timeouts) is caught at run time: oracle.py
notes every racy tie that fired and diff.py reruns CPython with those ties
reversed; a program whose output changes is not a test (verdict "racy").
Second-based sleeps are exact multiples of 1 ms written with three decimals
(sleep(0.013)).
"""
import dataclasses
from dataclasses import dataclass, field

from hypothesis import strategies as st

INT, FLOAT, STR, BOOL, NONE = "int", "float", "str", "bool", "None"
DSI, DIS = "dict[str,int]", "dict[int,str]"
OBJ0, OBJ1 = "obj:K0", "obj:K1"
DKEYS_S = ["a", "b", "k1", "zz", ""]
DKEYS_I = [0, 1, 2, 7, -3]
# Exceptions: the class tree the generator knows (user classes are defined
# by every program with exceptions on) and the ones it raises.
EXC_PARENT = {"Exception": None, "ValueError": "Exception", "RuntimeError": "Exception",
              "LookupError": "Exception", "KeyError": "LookupError", "IndexError": "LookupError",
              "ArithmeticError": "Exception", "ZeroDivisionError": "ArithmeticError",
              "AppError": "Exception", "NetError": "AppError", "DataError": "AppError"}
RAISABLE = ["ValueError", "AppError", "NetError", "KeyError", "RuntimeError", "IndexError", "DataError",
            "ZeroDivisionError"]


def exc_ancestors(c):
    out = []
    while c:
        out.append(c)
        c = EXC_PARENT[c]
    return out


def covers(catches, c):
    """Some handler in `catches` (class names) catches an exception of class c."""
    return any(a in catches for a in exc_ancestors(c))
SCALARS = (INT, FLOAT, STR, BOOL)
VAR_BOUND = 10000          # |int| stored anywhere stays below this
EXPR_LIMIT = 1 << 26       # no int sub-expression may exceed this
FLOAT_BOUND = 1e6
STR_LEN = 40
WORDS = ["a", "b", "ab", "xy", "foo", "bar", "Q", "", " ", "z9", "hello", "it's", 'say "hi"', "tab\t", "%", "{}"]


@dataclass(frozen=True)
class Features:
    """Switches for what the generator may use. Defaults: what the compiler
    accepts today. The `later_*` flags are for features that have not landed."""
    floats: bool = True
    strings: bool = True
    lists: bool = True
    tuples: bool = True
    globals_: bool = True
    while_loops: bool = True
    fstrings: bool = True
    percent_format: bool = True
    str_format: bool = True
    print_sep_end: bool = True
    create_task: bool = True
    fire_and_forget: bool = True
    gather: bool = True
    callbacks: bool = True
    loop_entry: bool = True          # get_event_loop + run_until_complete / run_forever
    sleep_seconds: bool = True
    zero_div: bool = True            # rare deliberate ZeroDivisionError
    float_floordiv_mod: bool = True
    neg_pow: bool = True             # int ** -k -> float
    str_index: bool = True
    keyword_args: bool = True
    bool_ops_values: bool = True     # `a or b` on ints / strs (value, not bool)
    await_in_loops: bool = True
    while_else: bool = True
    empty_list_loop: bool = False    # `for i in []:` (the compiler cannot type i: reported)
    exceptions: bool = True          # try/except/else/finally, raise, user exception classes, raisers
    dicts: bool = True               # dict[str, int] / dict[int, str]: get, in, del, items
    list_comp: bool = True
    slicing: bool = True
    str_methods: bool = True
    primitives: bool = True          # Event, Lock, Semaphore, Queue, Condition scenarios
    cancellation: bool = True        # task.cancel(), CancelledError caught or propagated
    wait_for: bool = True            # asyncio.wait_for, timeouts that fire and that do not
    classes: bool = True             # two classes: fields, plain and async methods, super()
    run_leftovers: bool = True       # asyncio.run's main may return with tasks pending (it cancels them)
    # not accepted yet: switch on as they land
    later_exception_int_args: bool = False   # raise E(3): "an exception's argument must be a str here"
    later_type_name: bool = False            # type(e).__name__
    # sizes
    max_coros: int = 5
    max_helpers: int = 3
    max_stmts: int = 6
    max_depth: int = 2               # nesting of if/for/while
    max_expr_depth: int = 3

    def replace(self, **kw):
        return dataclasses.replace(self, **kw)


DEFAULT = Features()


@dataclass
class Func:
    name: str
    is_async: bool
    params: list            # [(name, type)]
    ret: str
    defaults: dict = field(default_factory=dict)   # param name -> constant text
    is_callback: bool = False
    raises: str = None      # a raiser: may raise this exception class (callers catch it)
    is_method: bool = False


class Scope:
    def __init__(self, parent=None):
        self.vars = dict(parent.vars) if parent else {}
        self.readonly = set(parent.readonly) if parent else set()   # lists being iterated, loop counters


def lit_int(v):
    return str(v)


def lit_float(v):
    s = repr(float(v))
    return s


class Gen:
    def __init__(self, draw, feat):
        self.draw = draw
        self.f = feat
        self.lines = []
        self.counter = 0
        self.sleep_site = 0
        self.funcs = []
        self.globals = {}           # name -> type
        self.cur = None
        self.uses_loop_var = False
        self.cbs = []
        self.wait_site = 0

    # ------------------------------------------------------------ draws
    def i(self, lo, hi):
        return self.draw(st.integers(lo, hi))

    def b(self, p_true_of_4=1):
        """True with probability about p_true_of_4 / 4; shrinks to False."""
        return self.draw(st.integers(0, 3)) >= 4 - p_true_of_4

    def rare(self, n):
        """True about once in n draws (Hypothesis favours the bounds of a
        range, so test for a value from the middle); shrinks to False."""
        return self.draw(st.integers(0, n)) == n // 2 + 1

    def pick(self, seq):
        return self.draw(st.sampled_from(list(seq)))

    def fresh(self, prefix):
        self.counter += 1
        return f"{prefix}{self.counter}"

    def emit(self, ind, text):
        self.lines.append("    " * ind + text)

    # ------------------------------------------------------------ expressions
    def types_available(self):
        ts = [INT, BOOL]
        if self.f.floats:
            ts.append(FLOAT)
        if self.f.strings:
            ts.append(STR)
        return ts

    def vars_of(self, sc, t):
        return sorted(n for n, vt in sc.vars.items() if vt == t)

    def expr(self, sc, t, depth=None):
        """Text of an expression of type t; ints and floats come bounded."""
        if depth is None:
            depth = self.i(0, self.f.max_expr_depth)
        if t == INT:
            text, bnd = self.int_expr(sc, depth)
            return self.reduce_int(text, bnd)
        if t == FLOAT:
            text, bnd = self.float_expr(sc, depth)
            return self.reduce_float(text, bnd)
        if t == STR:
            return self.str_expr(sc, depth)[0]
        if t == BOOL:
            return self.bool_expr(sc, depth)
        if t.startswith("list["):
            elem = t[5:-1]
            same = self.vars_of(sc, t)
            k = self.i(0, 3)
            if k == 1 and self.f.list_comp:
                return self.list_comp(sc, elem)
            if k == 2 and self.f.slicing and same:
                return f"{self.pick(same)}[{self.slice_text()}]"
            if k == 3 and elem == STR and self.f.str_methods:
                ss = self.vars_of(sc, STR)
                src = self.pick(ss) if ss else repr(self.pick(["a b  c", "x,y,,z", " lead trail ", "one"]))
                return f"{src}.split({self.pick(['', repr(','), repr(' ')])})"
            n = self.i(1, 4)
            return "[" + ", ".join(self.expr(sc, elem, 0) for _ in range(n)) + "]"
        if t in (DSI, DIS):
            keys = DKEYS_S if t == DSI else DKEYS_I
            n = self.i(1, 3)
            ks = []
            for _ in range(n):
                kk = self.pick(keys)
                if kk not in ks:
                    ks.append(kk)
            vt = INT if t == DSI else STR
            return "{" + ", ".join(f"{kk!r}: {self.expr(sc, vt, 0)}" for kk in ks) + "}"
        if t == OBJ0:
            return f"K0({self.expr(sc, INT, 0)}, {self.expr(sc, STR, 0)})"
        if t == OBJ1:
            return f"K1({self.expr(sc, INT, 0)})"
        raise AssertionError(t)

    def slice_text(self):
        a = self.pick(["", "0", "1", "-2", "2", "-1", "5"])
        b = self.pick(["", "3", "-1", "1", "0", "10"])
        step = self.pick(["", "", "1", "2", "-1", "-2"])
        return f"{a}:{b}" + (f":{step}" if step else "")

    def list_comp(self, sc, elem):
        v = self.fresh("e")
        srcs = [n for n, vt in sc.vars.items() if vt.startswith("list[")]
        inner = Scope2(sc)
        if srcs and self.b(2):
            src = self.pick(sorted(srcs))
            inner.vars[v] = sc.vars[src][5:-1]
        else:
            src = f"range({self.i(0, 6)})"
            inner.vars[v] = INT
        inner.readonly.add(v)
        body = self.expr(inner, elem, 1)
        cond = f" if {self.bool_expr(inner, 1)}" if self.b(2) else ""
        return f"[{body} for {v} in {src}{cond}]"

    def reduce_int(self, text, bnd):
        if bnd < VAR_BOUND:
            return text
        k = self.i(0, 2)
        if k == 0:
            return f"({text}) % 9973"
        if k == 1:
            return f"({text}) & 8191"
        return f"({text}) % -997"

    def reduce_float(self, text, bnd):
        if bnd < FLOAT_BOUND:
            return text
        return f"({text}) % 997.0"

    def paren(self, text):
        return f"({text})"

    def int_expr(self, sc, depth):
        """(text, bound)"""
        vs = self.vars_of(sc, INT)
        leaf = depth <= 0
        k = self.i(0, 2 if leaf else 14)
        if k == 0 or (k == 1 and not vs):
            v = self.i(-20, 100) if not self.b() else self.pick([0, 1, -1, 7, 255, 1000, -9999, 9999, 65535, 1 << 20])
            return lit_int(v), abs(v) + 1
        if k == 1:
            return self.pick(vs), VAR_BOUND
        if k == 2:
            ls = [n for n, vt in sc.vars.items() if vt.startswith(("list[", "dict["))]
            ss = self.vars_of(sc, STR)
            opts = []
            if ls:
                opts.append(f"len({self.pick(sorted(ls))})")
            if ss:
                opts.append(f"len({self.pick(ss)})")
                if self.f.str_methods:
                    opts.append(f"{self.pick(ss)}.{self.pick(['find', 'count'])}({self.pick(['a', 'o', ' ', 'ab'])!r})")
            for d in self.vars_of(sc, DSI):
                key = repr(self.pick(DKEYS_S))
                opts += [f"{d}.get({key}, {self.i(-3, 3)})", f"({d}[{key}] if {key} in {d} else -1)"]
            for o in self.vars_of(sc, OBJ0) + self.vars_of(sc, OBJ1):
                opts += [f"{o}.x", f"{o}.m({self.i(-5, 9)})"]
            for o in self.vars_of(sc, OBJ1):
                opts.append(f"{o}.extra")
            if not opts:
                return "3", 4
            return self.pick(opts), 1000
        d = depth - 1
        if k in (3, 4, 5):  # + - *
            op = self.pick(["+", "-", "*"])
            a, ba = self.int_expr(sc, d)
            b, bb = self.int_expr(sc, d)
            if op == "*":
                if ba * bb >= EXPR_LIMIT:
                    a, ba = self.reduce_small(a, ba)
                    b, bb = self.reduce_small(b, bb)
                return f"{self.paren(a)} * {self.paren(b)}", ba * bb
            if ba + bb >= EXPR_LIMIT:
                return self.int_expr(sc, 0)
            return f"{self.paren(a)} {op} {self.paren(b)}", ba + bb
        if k in (6, 7):  # // %
            op = self.pick(["//", "%"])
            a, ba = self.int_expr(sc, d)
            if self.f.zero_div and self.rare(60):
                b, bb = self.int_expr(sc, d)       # may be zero: deliberate
            else:
                style = self.i(0, 2)
                if style == 0:
                    cv = self.pick([1, 2, 3, 7, -3, -7, 10, 100, -1])
                    b, bb = lit_int(cv), abs(cv)
                else:
                    x, bx = self.int_expr(sc, d)
                    m = self.pick([7, 5, 13])
                    sign = "-" if style == 2 else ""
                    b, bb = f"{sign}(({x}) % {m} + 1)", m + 1
            return f"{self.paren(a)} {op} {self.paren(b)}", ba if op == "//" else min(ba, bb) + 1
        if k == 8:  # unary / abs
            a, ba = self.int_expr(sc, d)
            u = self.pick(["-", "abs", "~", "+"])
            if u == "abs":
                return f"abs({a})", ba
            return f"{u}{self.paren(a)}", ba + 1
        if k == 9:  # bit ops and shifts
            op = self.pick(["&", "|", "^", "<<", ">>"])
            a, ba = self.int_expr(sc, d)
            if op in ("<<", ">>"):
                s = self.i(0, 5)
                if op == "<<":
                    a, ba = self.reduce_small(a, ba)
                    return f"{self.paren(a)} << {s}", ba << s
                return f"{self.paren(a)} >> {s}", ba
            b, bb = self.int_expr(sc, d)
            bound = 1 << max(ba, bb).bit_length()
            return f"{self.paren(a)} {op} {self.paren(b)}", bound + 1
        if k == 10:  # ** small
            a, ba = self.int_expr(sc, d)
            e = self.i(0, 3)
            a2 = f"({a}) % 9" if ba > 9 else a
            return f"({a2}) ** {e}", 9 ** e + 1
        if k == 11:  # conditional
            c = self.bool_expr(sc, d)
            a, ba = self.int_expr(sc, d)
            b, bb = self.int_expr(sc, d)
            return f"{self.paren(a)} if {c} else {self.paren(b)}", max(ba, bb)
        if k == 12:  # conversions
            opts = ["bool"]
            if self.f.floats:
                opts.append("float")
            if self.f.strings:
                opts.append("str")
            src = self.pick(opts)
            if src == "float":
                x, bx = self.float_expr(sc, d)
                x = self.reduce_float(x, bx)
                return f"int({x})", int(FLOAT_BOUND)
            if src == "str":
                x, bx = self.int_expr(sc, d)
                return f"int(str({x}))", bx
            return f"int({self.bool_expr(sc, d)})", 2
        if k == 13:  # helper call / and-or value / indexing
            sub = self.i(0, 2)
            if sub == 0:
                call = self.call_helper(sc, INT, d)
                if call:
                    return call, VAR_BOUND
            if sub == 1 and self.f.bool_ops_values:
                a, ba = self.int_expr(sc, d)
                b, bb = self.int_expr(sc, d)
                return f"{self.paren(a)} {self.pick(['and', 'or'])} {self.paren(b)}", max(ba, bb)
            ls = self.vars_of(sc, "list[int]")
            if ls:
                l = self.pick(ls)
                return f"{l}[{self.index_for(sc, l, d)}]", VAR_BOUND
            return self.int_expr(sc, 0)
        # k == 14: tuple indexing of a literal
        if self.f.tuples:
            n = self.i(1, 3)
            items = [self.int_expr(sc, d) for _ in range(n)]
            j = self.i(-n, n - 1)
            return f"({', '.join(x for x, _ in items)},)[{j}]", max(bx for _, bx in items)
        return self.int_expr(sc, 0)

    def reduce_small(self, text, bnd):
        if bnd <= 100:
            return text, bnd
        return f"({text}) % 97", 97

    def index_for(self, sc, seq, depth):
        k = self.i(0, 2)
        if k == 0:
            return self.pick(["0", "-1"])
        x, bx = self.int_expr(sc, depth)
        return f"({x}) % len({seq})" if k == 1 else f"-1 - ({x}) % len({seq})"

    def float_expr(self, sc, depth):
        vs = self.vars_of(sc, FLOAT)
        k = self.i(0, 1 if depth <= 0 else 9)
        if k == 0 or (k == 1 and not vs):
            v = self.pick([0.0, 0.5, 1.0, -2.25, 3.14159, 0.1, 1e-5, 123.456, -0.0, 2.5, 1e5, 1.0 / 3.0])
            return lit_float(v), abs(v) + 1
        if k == 1:
            return self.pick(vs), FLOAT_BOUND
        d = depth - 1
        if k in (2, 3, 4):
            op = self.pick(["+", "-", "*", "/"])
            a, ba = self.float_expr(sc, d)
            if self.b():
                b, bb = self.int_expr(sc, d)
                b = self.reduce_int(b, bb)
                bb = min(bb, VAR_BOUND)
            else:
                b, bb = self.float_expr(sc, d)
            if op == "*":
                if ba * bb > 1e12:
                    a, ba = f"({a}) % 97.0", 97.0
                    b, bb = f"({b}) % 97", 97
                return f"{self.paren(a)} * {self.paren(b)}", ba * bb
            if op == "/":
                if self.f.zero_div and self.rare(60):
                    return f"{self.paren(a)} / {self.paren(b)}", 1e30
                return f"{self.paren(a)} / (abs({b}) + 0.5)", ba * 2
            return f"{self.paren(a)} {op} {self.paren(b)}", ba + bb
        if k == 5 and self.f.float_floordiv_mod:
            op = self.pick(["//", "%"])
            a, ba = self.float_expr(sc, d)
            cv = self.pick(["2.0", "0.5", "-3.0", "7", "-0.25"])
            return f"{self.paren(a)} {op} {cv}", ba * 4 + 1
        if k == 6:
            x, bx = self.int_expr(sc, d)
            x = self.reduce_int(x, bx)
            if self.b():
                return f"float({x})", VAR_BOUND
            y, by = self.int_expr(sc, d)
            return f"({x}) / (({y}) % 7 + 1)", VAR_BOUND
        if k == 7:
            a, ba = self.float_expr(sc, d)
            u = self.pick(["-", "abs"])
            return (f"abs({a})" if u == "abs" else f"-{self.paren(a)}"), ba
        if k == 8:
            c = self.bool_expr(sc, d)
            a, ba = self.float_expr(sc, d)
            b, bb = self.float_expr(sc, d)
            return f"{self.paren(a)} if {c} else {self.paren(b)}", max(ba, bb)
        if k == 9:
            if self.f.neg_pow and self.b():
                return f"({self.i(1, 5)}) ** -{self.i(1, 3)}", 1.0
            call = self.call_helper(sc, FLOAT, d)
            if call:
                return call, FLOAT_BOUND
            ls = self.vars_of(sc, "list[float]")
            if ls:
                l = self.pick(ls)
                return f"{l}[{self.index_for(sc, l, d)}]", FLOAT_BOUND
        return self.float_expr(sc, 0)

    def str_expr(self, sc, depth):
        """(text, max length)"""
        vs = self.vars_of(sc, STR)
        k = self.i(0, 1 if depth <= 0 else 8)
        if k == 0 or (k == 1 and not vs):
            w = self.pick(WORDS)
            return repr(w), len(w)
        if k == 1:
            return self.pick(vs), STR_LEN
        d = depth - 1
        if k == 2:
            a, la = self.str_expr(sc, d)
            b, lb = self.str_expr(sc, d)
            if la + lb > STR_LEN:
                return self.str_expr(sc, 0)
            return f"{self.paren(a)} + {self.paren(b)}", la + lb
        if k == 3:
            a, la = self.str_expr(sc, d)
            n = self.i(-1, 3)
            if la * max(n, 0) > STR_LEN:
                return self.str_expr(sc, 0)
            return (f"({a}) * {n}" if self.b(2) else f"{n} * ({a})"), la * max(n, 0)
        if k == 4:
            t = self.pick([INT, BOOL] + ([FLOAT] if self.f.floats else []))
            return f"{self.pick(['str', 'repr'])}({self.expr(sc, t, d)})", 30
        if k == 5:
            return self.format_expr(sc, d), 60
        if k == 6:
            c = self.bool_expr(sc, d)
            a, la = self.str_expr(sc, d)
            b, lb = self.str_expr(sc, d)
            return f"{self.paren(a)} if {c} else {self.paren(b)}", max(la, lb)
        if k == 7 and self.f.str_index:
            w = self.pick([w for w in WORDS if w])
            x, bx = self.int_expr(sc, d)
            return f"{w!r}[({x}) % {len(w)}]", 1
        if k == 7 and self.f.slicing and self.b(2):
            a, la = self.str_expr(sc, d)
            return f"({a})[{self.slice_text()}]", la
        if k == 7 and self.f.str_methods:
            a, la = self.str_expr(sc, d)
            m = self.i(0, 4)
            if m == 0:
                return f"({a}).{self.pick(['upper', 'lower', 'strip', 'lstrip', 'rstrip'])}()", la
            if m == 1 and la <= 20:
                return f"({a}).replace({self.pick(['a', 'o', ' ', 'l', ''])!r}, {self.pick(['', 'XY', '-'])!r})", 3 * la + 2
            if m == 2:
                ls = self.vars_of(sc, "list[str]")
                if ls:
                    return f"{self.pick(['-', '', ', '])!r}.join({self.pick(ls)}[:3])", 3 * STR_LEN
            if m == 3:
                ds = self.vars_of(sc, DIS)
                if ds:
                    return f"{self.pick(ds)}.get({self.pick(DKEYS_I)}, {self.pick(WORDS)!r})", STR_LEN
            for o in self.vars_of(sc, OBJ0) + self.vars_of(sc, OBJ1):
                return f"{o}.s", STR_LEN
            return f"({a}).strip()", la
        if k == 8:
            call = self.call_helper(sc, STR, d)
            if call:
                return call, STR_LEN
            ls = self.vars_of(sc, "list[str]")
            if ls:
                l = self.pick(ls)
                return f"{l}[{self.index_for(sc, l, d)}]", STR_LEN
        return self.str_expr(sc, 0)

    def bool_expr(self, sc, depth):
        vs = self.vars_of(sc, BOOL)
        k = self.i(0, 1 if depth <= 0 else 7)
        if k == 0 or (k == 1 and not vs):
            return self.pick(["True", "False"])
        if k == 1:
            return self.pick(vs)
        d = depth - 1
        if k in (2, 3):
            t = self.pick([INT] + ([FLOAT] if self.f.floats else []) + ([STR] if self.f.strings else []))
            n = self.i(1, 2)
            parts = [self.paren(self.expr(sc, t, d))]
            for _ in range(n):
                ops = ["<", "<=", ">", ">=", "==", "!="]
                if t == STR and self.f.strings:
                    ops += ["in", "not in"]
                parts.append(self.pick(ops))
                parts.append(self.paren(self.expr(sc, t, d)))
            return "(" + " ".join(parts) + ")"
        if k == 4:
            return f"not {self.paren(self.bool_expr(sc, d))}"
        if k == 5:
            n = self.i(2, 3)
            op = self.pick(["and", "or"])
            return "(" + f" {op} ".join(self.bool_expr(sc, d) for _ in range(n)) + ")"
        if k == 6:
            t = self.pick([INT, STR] if self.f.strings else [INT])
            return f"bool({self.expr(sc, t, d)})"
        if self.b(2):
            opts = []
            for dv in self.vars_of(sc, DSI):
                opts.append(f"{self.pick(DKEYS_S)!r} {self.pick(['in', 'not in'])} {dv}")
            for dv in self.vars_of(sc, DIS):
                opts.append(f"{self.pick(DKEYS_I)!r} {self.pick(['in', 'not in'])} {dv}")
            if self.f.str_methods:
                for sv in self.vars_of(sc, STR):
                    opts.append(f"{sv}.{self.pick(['startswith', 'endswith'])}({self.pick(['a', '', 'he', ' '])!r})")
                    opts.append(f"{sv}.{self.pick(['isdigit', 'isalpha'])}()")
            for o in self.vars_of(sc, OBJ0) + self.vars_of(sc, OBJ1):
                opts.append(f"isinstance({o}, {self.pick(['K0', 'K1'])})")
            if opts:
                return self.pick(opts)
        call = self.call_helper(sc, BOOL, d)
        return call or self.pick(["True", "False"])

    def format_expr(self, sc, depth):
        """An f-string / %-format / str.format expression."""
        kinds = [k for k, on in (("f", self.f.fstrings), ("pct", self.f.percent_format),
                                 ("fmt", self.f.str_format)) if on]
        if not kinds:
            return "str(1)"
        kind = self.pick(kinds)
        n = self.i(1, 3)
        items = []
        for _ in range(n):
            t = self.pick(self.types_available())
            items.append((t, self.expr(sc, t, max(depth - 1, 0))))
        if kind == "f":
            parts = []
            for t, e in items:
                spec = self.spec(t, "f")
                e2 = e if "'" not in e and '"' not in e else None
                if e2 is None:      # keep f-strings free of nested quotes
                    e2 = "1"
                    spec = self.spec(INT, "f")
                parts.append("{" + e2 + spec + "}")
            return "f\"" + " ".join(parts) + "|\""
        if kind == "fmt":
            fields = " ".join("{" + self.spec(t, "fmt") + "}" for t, _ in items)
            return f"\"{fields}|\".format({', '.join(e for _, e in items)})"
        conv = {INT: ["%d", "%5d", "%-4d", "%x", "%s", "%03d"], FLOAT: ["%f", "%.2f", "%8.3f", "%e", "%s", "%g"],
                STR: ["%s", "%r", "%6s", "%-6s"], BOOL: ["%s", "%d"]}
        fmt = " ".join(self.pick(conv[t]) for t, _ in items)
        return f"\"{fmt}|\" % ({', '.join(e for _, e in items)},)"

    def spec(self, t, kind):
        opts = {INT: ["", ":3d", ":03d", ":<5", ":>5", ":x", ":X", ":+d", ":^7", ":o", ":b", ":,"],
                FLOAT: ["", ":5.1f", ":.3f", ":8.2f", ":e", ":.2e", ":g", ":+.1f", ":.0f", ":10.4f"],
                STR: ["", "!r", ":>8", ":<6", ":^9"],
                BOOL: ["", "!r"]}[t]
        s = self.pick(opts)
        return s

    # ------------------------------------------------------------ calls
    def call_args(self, sc, fn, depth):
        args = []
        kw = []
        skipped = False
        for (p, t) in fn.params:
            if p in fn.defaults and self.b(2):
                skipped = True      # use the default: every later argument goes by keyword
                continue
            e = self.expr(sc, t, max(depth, 0))
            if kw or skipped or (self.f.keyword_args and p in fn.defaults and self.b(2)):
                kw.append(f"{p}={e}")
            else:
                args.append(e)
        return ", ".join(args + kw)

    def callable_helpers(self, t, sc=None):
        cur = self.cur
        return [fn for fn in self.funcs if not fn.is_async and not fn.is_callback and fn.ret == t
                and (cur is None or cur.is_async or cur not in self.funcs
                     or fn is not cur and self.funcs.index(fn) < self.funcs.index(cur))
                and (not fn.raises or sc is not None and covers(sc.catches, fn.raises))]

    def call_helper(self, sc, t, depth):
        hs = self.callable_helpers(t, sc)
        if not hs:
            return None
        fn = self.pick(hs)
        return f"{fn.name}({self.call_args(sc, fn, depth - 1)})"

    def callable_coros(self, t=None, sc=None):
        """Coroutines the current function may call: lower-numbered ones (a
        DAG, so programs terminate), and raisers only where a handler
        catches what they raise. Methods call no coroutines (coroutines
        call methods)."""
        cur = self.cur
        out = []
        if cur is not None and cur.is_method:
            return out
        for fn in self.funcs:
            if fn is cur:
                break
            if fn.is_async and (t is None or fn.ret == t) \
                    and (not fn.raises or sc is not None and covers(sc.catches, fn.raises)):
                out.append(fn)
        return out

    # ------------------------------------------------------------ statements
    def delay_ms(self):
        """A timer delay (see "Deadlines" above): in tick mode 0 or the
        program's one tick, else a multiple of 7 plus a per-site offset."""
        self.sleep_site += 1
        if self.tie_mode:
            return self.pick([0, self.tick])
        return 7 * self.i(0, 6) + (self.sleep_site % 7)

    def timeout_ms(self):
        """A wait_for timeout: in tick mode never a multiple of the tick, so
        it never ties with a sleep; in spread mode an odd-looking value."""
        self.wait_site += 1
        if self.tie_mode:
            return self.tick * self.i(0, 6) + 1 + self.wait_site % (self.tick - 1)
        return self.i(1, 60) + 3 * self.wait_site

    def sleep_stmt(self, ind):
        ms = self.delay_ms()
        form = self.i(0, 2 if self.f.sleep_seconds else 1)
        if form == 0:
            self.emit(ind, f"await asyncio.sleep_ms({ms})")
        elif form == 1:
            self.emit(ind, "await asyncio.sleep(0)" if ms == 0 else f"await asyncio.sleep_ms({ms})")
        else:
            self.emit(ind, f"await asyncio.sleep({ms / 1000:.3f})")

    def trace(self, ind, sc, label):
        """A print of some values."""
        n = self.i(0, 3)
        items = [repr(f"{self.cur.name}:{label}")]
        for _ in range(n):
            t = self.pick(self.types_available())
            vs = self.vars_of(sc, t)
            items.append(self.pick(vs) if vs and self.b(3) else self.expr(sc, t))
        ls = [x for x, vt in sc.vars.items() if vt.startswith(("list[", "dict["))]
        if ls and self.b():
            items.append(self.pick(sorted(ls)))
        if self.f.fstrings or self.f.percent_format or self.f.str_format:
            if self.b():
                items.append(self.format_expr(sc, 1))
        kws = ""
        if self.f.print_sep_end and self.b():
            sep = self.pick(["", ", ", "|", "\n", None])
            end = self.pick(["\n", "!\n", " ;\n", "", None])
            if sep is not None:
                kws += f", sep={sep!r}"
            if end is not None:
                kws += f", end={end!r}"
        self.emit(ind, f"print({', '.join(items)}{kws})")

    def assign_new(self, ind, sc):
        opts = list(self.types_available())
        if self.f.lists:
            opts += ["list[int]"] + (["list[str]"] if self.f.strings else []) + (["list[float]"] if self.f.floats else [])
        if self.f.dicts and self.f.strings:
            opts += [DSI, DIS]
        if self.f.classes and self.f.strings and self.cur.is_async and not self.cur.is_method:
            opts += [OBJ0, OBJ1]
        t = self.pick(opts)
        name = self.fresh(self.pick(["v", "n", "acc", "s", "x"]))
        if t.startswith("list["):
            self.emit(ind, f"{name} = {self.expr(sc, t)}")
        else:
            self.emit(ind, f"{name} = {self.expr(sc, t)}")
        sc.vars[name] = t
        return name

    def assign_existing(self, ind, sc):
        cands = sorted(n for n, t in sc.vars.items() if n not in sc.readonly)
        if not cands:
            return self.assign_new(ind, sc)
        name = self.pick(cands)
        t = sc.vars[name]
        if t == INT and self.b(2):
            op = self.pick(["+=", "-=", "*=", "//=", "%=", "&=", "|=", "^=", ">>="])
            e, be = self.int_expr(sc, 1)
            e = self.reduce_int(e, be)
            if op == "*=":
                e = f"({e}) % 5"
            if op in ("//=", "%="):
                e = f"({e}) % 11 + 1"
            if op == ">>=":
                e = str(self.i(0, 4))
            self.emit(ind, f"{name} {op} {e}")
            self.emit(ind, f"{name} %= 9973" if self.b(2) else f"{name} = {name} % -9973")
            return
        if t == FLOAT and self.b(2):
            op = self.pick(["+=", "-=", "*=", "/="])
            e = self.expr(sc, FLOAT, 1)
            if op in ("*=", "/="):
                e = f"(abs({e}) % 3.0 + 0.5)"
            self.emit(ind, f"{name} {op} {e}")
            self.emit(ind, f"{name} %= 997.0")
            return
        if t == STR and self.b(2):
            self.emit(ind, f"{name} += {self.str_expr(sc, 0)[0]}")
            self.emit(ind, f"{name} = str(len({name})) if len({name}) > {STR_LEN} else {name}")
            return
        if t in (DSI, DIS):
            return self.dict_update(ind, sc, name, t)
        if t in (OBJ0, OBJ1):
            e, be = self.int_expr(sc, 1)
            self.emit(ind, f"{name}.x = ({name}.x + {self.reduce_int(e, be)}) % 9973")
            return
        if t.startswith("list["):
            elem = t[5:-1]
            if self.b(2):
                self.emit(ind, f"if len({name}) < 50:")
                self.emit(ind + 1, f"{name}.append({self.expr(sc, elem)})")
            else:
                self.emit(ind, f"{name}[{self.index_for(sc, name, 1)}] = {self.expr(sc, elem)}")
            return
        self.emit(ind, f"{name} = {self.expr(sc, t)}")

    def block(self, ind, sc, depth, n=None):
        """A list of statements; returns nothing. Always emits >= 1 line."""
        if n is None:
            n = self.i(1, self.f.max_stmts)
        start = len(self.lines)
        pending_tasks = []
        for _ in range(n):
            self.stmt(ind, sc, depth, pending_tasks)
        for tv, t in pending_tasks:
            self.await_task(ind, sc, tv, t)
        if len(self.lines) == start:
            self.emit(ind, "pass")

    def await_task(self, ind, sc, tv, t):
        if t == NONE:
            self.emit(ind, f"await {tv}")
        else:
            r = self.fresh("r")
            self.emit(ind, f"{r} = await {tv}")
            self.emit(ind, f"print({self.cur.name + ':task'!r}, {r})")
            sc.vars[r] = t

    def extra_stmts(self, sc, depth):
        """The statement kinds of the later features that fit here."""
        fn, f = self.cur, self.f
        out = []
        if f.exceptions:
            if depth > 0:
                out.append(self.try_stmt)
            if any(covers(sc.catches, c) for c in RAISABLE):
                out.append(self.raise_stmt)
        if f.dicts and (self.vars_of(sc, DSI) or self.vars_of(sc, DIS)):
            out.append(self.dict_stmt)
        scenario = fn.is_async and not fn.is_method and (f.await_in_loops or not sc.in_loop)
        if scenario and f.primitives:
            out += [self.primitive_stmt] * 2       # five kinds share it
        if scenario and f.cancellation:
            out.append(self.cancel_stmt)
        if scenario and f.wait_for:
            out.append(self.wait_for_stmt)
        if scenario and f.classes and f.strings:
            out.append(self.object_stmt)
        return out

    def stmt(self, ind, sc, depth, pending):
        fn = self.cur
        extras = self.extra_stmts(sc, depth)
        k = self.i(0, 15 + len(extras))
        if k > 15:
            return extras[k - 16](ind, sc, depth)
        if k <= 1:
            return self.assign_new(ind, sc)
        if k == 2:
            return self.assign_existing(ind, sc)
        if k == 3:
            return self.trace(ind, sc, "t")
        if k == 4 and depth > 0:
            return self.if_stmt(ind, sc, depth)
        if k == 5 and depth > 0:
            return self.for_stmt(ind, sc, depth)
        if k == 6 and depth > 0 and self.f.while_loops:
            return self.while_stmt(ind, sc, depth)
        if k == 7 and self.globals and self.f.globals_:
            g = self.pick(sorted(self.globals))
            t = self.globals[g]
            if g not in fn.globals_decl:
                fn.globals_decl.add(g)
            if t == INT:
                e, be = self.int_expr(sc, 1)
                self.emit(ind, f"{g} = ({g} + {self.reduce_int(e, be)}) % 9973")
            else:
                self.emit(ind, f"{g} = {self.expr(sc, STR, 0)} if len({g}) > 20 else {g} + {self.expr(sc, STR, 0)}")
            return
        if k == 8:
            t = self.pick(self.types_available())
            call = self.call_helper(sc, t, 1)
            if call:
                v = self.fresh("h")
                self.emit(ind, f"{v} = {call}")
                sc.vars[v] = t
                return
            return self.trace(ind, sc, "nohelper")
        if k == 14 and self.f.tuples:
            ts = self.pick(self.types_available())
            a, b = self.fresh("p"), self.fresh("q")
            self.emit(ind, f"{a}, {b} = {self.expr(sc, ts)}, {self.expr(sc, ts)}")
            sc.vars[a] = sc.vars[b] = ts
            if self.b(2):
                self.emit(ind, f"{a}, {b} = {b}, {a}")
            if self.b(2):
                tv = self.fresh("tp")
                self.emit(ind, f"{tv} = ({a}, {b}, {a})")
                self.emit(ind, f"print({fn.name + ':tuple'!r}, {tv}, {tv}[{self.i(-3, 2)}], len({tv}))")
            return
        if k == 15 and self.f.zero_div and self.rare(40):
            self.emit(ind, f"print({fn.name + ':div'!r}, {self.expr(sc, INT, 1)} // ({self.expr(sc, INT, 0)} - {self.expr(sc, INT, 0)}))")
            return
        if not fn.is_async or (not self.f.await_in_loops and sc.in_loop):
            return self.assign_new(ind, sc)
        # ---- async statements
        if k in (9, 10):
            return self.sleep_stmt(ind)
        coros = self.callable_coros(sc=sc)
        if k == 11 and coros:
            c = self.pick(coros)
            call = f"{c.name}({self.call_args(sc, c, 1)})"
            if c.ret == NONE:
                self.emit(ind, f"await {call}")
            else:
                r = self.fresh("w")
                self.emit(ind, f"{r} = await {call}")
                sc.vars[r] = c.ret
                self.emit(ind, f"print({fn.name + ':got'!r}, {r})")
            return
        if k == 12 and coros and self.f.create_task:
            c = self.pick(coros)
            call = f"{c.name}({self.call_args(sc, c, 1)})"
            if self.f.fire_and_forget and not c.raises and self.i(0, 4) == 0:
                self.emit(ind, f"asyncio.create_task({call})")
                return
            tv = self.fresh("task")
            self.emit(ind, f"{tv} = asyncio.create_task({call})")
            if self.b(2):
                self.await_task(ind, sc, tv, c.ret)
            else:
                pending.append((tv, c.ret))
            return
        if k == 13 and coros and self.f.gather:
            rt = self.pick(sorted({c.ret for c in coros}))
            cs = [c for c in coros if c.ret == rt]
            n = self.i(1, 4)
            calls = [f"{c.name}({self.call_args(sc, c, 0)})" for c in (self.pick(cs) for _ in range(n))]
            if rt == NONE or self.b():
                self.emit(ind, f"await asyncio.gather({', '.join(calls)})")
            else:
                r = self.fresh("rs")
                self.emit(ind, f"{r} = await asyncio.gather({', '.join(calls)})")
                self.emit(ind, f"print({fn.name + ':gather'!r}, {r}, len({r}))")
                if rt in (INT, FLOAT, STR):
                    sc.vars[r] = f"list[{rt}]"
                    sc.readonly.add(r)      # never appended to: keep gather results as they are
            return
        if k == 13 and self.f.callbacks and self.cbs:
            cb = self.pick(self.cbs)
            args = ", ".join(self.expr(sc, t, 0) for _, t in cb.params)
            args = (", " + args) if args else ""
            which = self.i(0, 2)
            self.emit(ind, "lp = asyncio.get_event_loop()")
            sc.vars["lp"] = "loop"
            sc.readonly.add("lp")
            if which == 0:
                self.emit(ind, f"lp.call_soon({cb.name}{args})")
            elif which == 1:
                self.emit(ind, f"lp.call_later_ms({self.delay_ms()}, {cb.name}{args})")
            else:
                self.emit(ind, f"lp.call_later({self.delay_ms() / 1000:.3f}, {cb.name}{args})")
            return
        return self.sleep_stmt(ind)

    # ------------------------------------------------------------ exceptions
    def exc_arg(self, sc):
        k = self.i(0, 3)
        if k == 0:
            return ""
        if k == 1 or not self.f.later_exception_int_args:
            return self.expr(sc, STR, 0)
        return self.expr(sc, INT, 0)

    def raise_stmt(self, ind, sc, depth=0):
        """`if cond: raise C(...)` for a class some handler catches."""
        cls = self.pick([c for c in RAISABLE if covers(sc.catches, c)])
        self.emit(ind, f"if {self.bool_expr(sc, 1)}:")
        self.emit(ind + 1, f"raise {cls}({self.exc_arg(sc)})" if self.b(3) else f"raise {cls}")

    def handler_print(self, ind, ev, label):
        shown = self.pick([f"repr({ev})", f"str({ev})", f"{ev}"]
                          + ([f"type({ev}).__name__"] if self.f.later_type_name else []))
        self.emit(ind, f"print({self.cur.name + ':' + label!r}, {shown})")

    def try_stmt(self, ind, sc, depth):
        """try/except/else/finally around a block that may raise (its own
        `raise`, raisers it calls, awaited tasks and gathers of raisers).
        Handlers catch what the body raises, unless an enclosing handler
        does: then the exception may pass through (finally still runs)."""
        cls = self.pick(RAISABLE)
        handlers = []       # lists of class names, one list per except clause
        for _ in range(self.i(0, 2)):
            handlers.append([self.pick(list(EXC_PARENT))])
        escapes = covers(sc.catches, cls) and self.b(1)
        if not escapes:
            catch = [self.pick(exc_ancestors(cls))]
            if self.b():
                catch.append(self.pick(list(EXC_PARENT)))
            handlers.insert(self.i(0, len(handlers)), catch)
        has_finally = not handlers or self.b(2)
        inner = Scope2(sc)
        inner.catches = sc.catches | {c for h in handlers for c in h}
        self.emit(ind, "try:")
        if not covers(inner.catches, cls):
            cls = None      # a handler for it got lost: raise nothing of its own
        at_start = self.b(2)
        if cls and at_start:
            self.emit(ind + 1, f"if {self.bool_expr(sc, 1)}:")
            self.emit(ind + 2, f"raise {cls}({self.exc_arg(sc)})")
        self.block(ind + 1, inner, depth - 1)
        if inner.in_loop and self.b():
            self.emit(ind + 1, f"if {self.bool_expr(sc, 1)}:")
            self.emit(ind + 2, self.pick(["break", "continue"]))
        if cls and not at_start:
            self.emit(ind + 1, f"if {self.bool_expr(sc, 1)}:")
            self.emit(ind + 2, f"raise {cls}({self.exc_arg(sc)})")
        for h in handlers:
            ev = self.fresh("err")
            spec = h[0] if len(h) == 1 else "(" + ", ".join(h) + ")"
            hs = Scope2(sc)
            if self.b(3):
                self.emit(ind, f"except {spec} as {ev}:")
                self.handler_print(ind + 1, ev, "except")
            else:
                self.emit(ind, f"except {spec}:")
                self.emit(ind + 1, f"print({self.cur.name + ':except ' + spec!r})")
            if self.b():
                self.block(ind + 1, hs, depth - 1)
            if all(covers(sc.catches, c) for c in h) and self.b():
                self.emit(ind + 1, f"if {self.bool_expr(sc, 1)}:")
                self.emit(ind + 2, "raise")
        if handlers and self.b():
            self.emit(ind, "else:")
            self.emit(ind + 1, f"print({self.cur.name + ':else'!r})")
            if self.b():
                self.block(ind + 1, Scope2(sc), depth - 1)
        if has_finally:
            self.emit(ind, "finally:")
            self.emit(ind + 1, f"print({self.cur.name + ':finally'!r})")
            if self.b():
                fs = Scope2(sc)
                fs.catches = frozenset()     # nothing raised from finally
                self.block(ind + 1, fs, depth - 1)

    # ------------------------------------------------------------ dicts
    def dict_update(self, ind, sc, name, t):
        key = repr(self.pick(DKEYS_S if t == DSI else DKEYS_I))
        k = self.i(0, 3)
        if k == 0:
            self.emit(ind, f"{name}[{key}] = {self.expr(sc, INT if t == DSI else STR)}")
        elif k == 1:
            self.emit(ind, f"if {key} in {name}:")
            self.emit(ind + 1, f"del {name}[{key}]")
        elif k == 2 and t == DSI:
            e, be = self.int_expr(sc, 1)
            self.emit(ind, f"{name}[{key}] = ({name}.get({key}, 0) + {self.reduce_int(e, be)}) % 9973")
        else:
            self.emit(ind, f"print({self.cur.name + ':dict'!r}, {name}, len({name}), {key} in {name})")

    def dict_stmt(self, ind, sc, depth=0):
        ds = [d for d in self.vars_of(sc, DSI) + self.vars_of(sc, DIS) if d not in sc.readonly]
        if not ds:
            return self.trace(ind, sc, "dict")
        d = self.pick(ds)
        self.dict_update(ind, sc, d, sc.vars[d])

    # ------------------------------------------------------------ scenarios (coroutines only)
    def coro_call(self, sc, allow_raisers=True):
        """(call text, Func) of a coroutine this one may call, or None."""
        coros = [c for c in self.callable_coros(sc=sc) if allow_raisers or not c.raises]
        if not coros:
            return None
        c = self.pick(coros)
        return f"{c.name}({self.call_args(sc, c, 0)})", c

    def primitive_stmt(self, ind, sc, depth=0):
        fn = self.cur.name
        kind = self.pick(["event", "lock", "sem", "queue", "cond"])
        self.used_primitives.add(kind)
        n = self.i(1, 3)
        if kind == "event":
            ev = self.fresh("ev")
            ts = self.fresh("ws")
            self.emit(ind, f"{ev} = asyncio.Event()")
            self.emit(ind, f"{ts} = [asyncio.create_task(ev_waiter({ev}, {fn!r} + str(j))) for j in range({n})]")
            self.sleep_stmt(ind)
            self.emit(ind, f"print({fn + ':set'!r}, {ev}.is_set())")
            self.emit(ind, f"{ev}.set()")
            w = self.fresh("w")
            self.emit(ind, f"for {w} in {ts}:")
            self.emit(ind + 1, f"await {w}")
            if self.b():
                self.emit(ind, f"{ev}.clear()")
                self.emit(ind, f"print({fn + ':clear'!r}, {ev}.is_set())")
        elif kind in ("lock", "sem"):
            v = self.fresh("lk")
            self.emit(ind, f"{v} = " + ("asyncio.Lock()" if kind == "lock" else f"asyncio.Semaphore({self.i(1, 2)})"))
            calls = ", ".join(f"{kind}_worker({v}, {fn + str(j)!r}, {self.delay_ms()})" for j in range(n + 1))
            self.emit(ind, f"await asyncio.gather({calls})")
            if kind == "lock":
                self.emit(ind, f"print({fn + ':locked'!r}, {v}.locked())")
        elif kind == "queue":
            q = self.fresh("q")
            self.emit(ind, f"{q} = asyncio.Queue({self.pick(['', '1', '2', '0'])})")
            pt = self.fresh("pt")
            self.emit(ind, f"{pt} = asyncio.create_task(producer({q}, {self.i(0, 4)}, {self.delay_ms()}))")
            r = self.fresh("tot")
            self.emit(ind, f"{r} = await consumer({q}, {fn!r}, {self.delay_ms()})")
            self.emit(ind, f"await {pt}")
            self.emit(ind, f"print({fn + ':queue'!r}, {r}, {q}.qsize(), {q}.empty())")
            sc.vars[r] = INT
        else:
            cv, box = self.fresh("cv"), self.fresh("box")
            self.emit(ind, f"{cv} = asyncio.Condition()")
            self.emit(ind, f"{box} = [0]")
            waiters = ", ".join(f"cond_waiter({cv}, {box}, {fn + str(j)!r})" for j in range(n))
            self.emit(ind, f"await asyncio.gather({waiters}, cond_notifier({cv}, {box}, {self.i(1, 9)}, "
                           f"{self.delay_ms()}))")

    def cancel_stmt(self, ind, sc, depth=0):
        """Cancel a task: before it starts, while it sleeps, or after it is
        done; the awaiting side catches CancelledError or sees a result."""
        fn = self.cur.name
        target = self.coro_call(sc) if self.b(2) else None
        if target is None:
            self.used_primitives.add("sleeper")
            d = self.tick * self.i(1, 6) if self.tie_mode else self.delay_ms() + 7 * self.i(0, 4)
            target = (f"sleeper({fn!r}, {d}, {self.pick(['True', 'False'])})",
                      Func("sleeper", True, [], INT))
        call, c = target
        tk = self.fresh("tk")
        self.emit(ind, f"{tk} = asyncio.create_task({call})")
        when = self.i(0, 2)
        if when == 1:
            self.emit(ind, "await asyncio.sleep(0)")
        elif when == 2:
            self.sleep_stmt(ind)
        self.emit(ind, f"print({fn + ':cancel'!r}, {tk}.cancel())")
        self.emit(ind, "try:")
        if c.ret == NONE:
            self.emit(ind + 1, f"await {tk}")
            self.emit(ind + 1, f"print({fn + ':not cancelled'!r})")
        else:
            r = self.fresh("cr")
            self.emit(ind + 1, f"{r} = await {tk}")
            self.emit(ind + 1, f"print({fn + ':not cancelled'!r}, {r})")
        self.emit(ind, "except asyncio.CancelledError:")
        self.emit(ind + 1, f"print({fn + ':cancelled'!r}, {tk}.cancelled(), {tk}.done())")
        if c.raises and not covers(sc.catches, c.raises):
            self.emit(ind, f"except {c.raises} as {self.fresh('err')}:")
            self.emit(ind + 1, f"print({fn + ':raised'!r})")

    def wait_for_stmt(self, ind, sc, depth=0):
        fn = self.cur.name
        target = self.coro_call(sc)
        if target is None:
            self.used_primitives.add("sleeper")
            target = (f"sleeper({fn!r}, {self.delay_ms()}, False)", Func("sleeper", True, [], INT))
        call, c = target
        self.emit(ind, "try:")
        ms = self.timeout_ms()
        if c.ret == NONE:
            self.emit(ind + 1, f"await asyncio.wait_for({call}, {ms / 1000:.3f})")
            self.emit(ind + 1, f"print({fn + ':in time'!r})")
        else:
            r = self.fresh("wr")
            self.emit(ind + 1, f"{r} = await asyncio.wait_for({call}, {ms / 1000:.3f})")
            self.emit(ind + 1, f"print({fn + ':in time'!r}, {r})")
        self.emit(ind, "except asyncio.TimeoutError:")
        self.emit(ind + 1, f"print({fn + ':timeout'!r})")
        if c.raises and not covers(sc.catches, c.raises):
            self.emit(ind, f"except {c.raises} as {self.fresh('err')}:")
            self.emit(ind + 1, f"print({fn + ':raised'!r})")

    def object_stmt(self, ind, sc, depth=0):
        fn = self.cur.name
        objs = self.vars_of(sc, OBJ0) + self.vars_of(sc, OBJ1)
        if not objs or self.b():
            t = self.pick([OBJ0, OBJ1])
            o = self.fresh("o")
            self.emit(ind, f"{o} = {self.expr(sc, t)}")
            sc.vars[o] = t
            objs.append(o)
        o = self.pick(objs)
        k = self.i(0, 2)
        if k == 0:
            self.emit(ind, f"print({fn + ':obj'!r}, {o}.x, {o}.s, {o}.m({self.expr(sc, INT, 1)}))")
        elif k == 1:
            r = self.fresh("ar")
            self.emit(ind, f"{r} = await {o}.am({self.expr(sc, INT, 1)})")
            self.emit(ind, f"print({fn + ':am'!r}, {r}, {o}.x)")
            sc.vars[r] = INT
        else:
            self.emit(ind, f"{o}.s = {self.expr(sc, STR, 0)}")
            self.emit(ind, f"print({fn + ':obj.s'!r}, {o}.s)")

    def if_stmt(self, ind, sc, depth):
        self.emit(ind, f"if {self.bool_expr(sc, self.i(0, 2))}:")
        self.block(ind + 1, Scope2(sc), depth - 1)
        for _ in range(self.i(0, 2)):
            self.emit(ind, f"elif {self.bool_expr(sc, self.i(0, 2))}:")
            self.block(ind + 1, Scope2(sc), depth - 1)
        if self.b(2):
            self.emit(ind, "else:")
            self.block(ind + 1, Scope2(sc), depth - 1)

    def loop_body(self, ind, sc, depth):
        inner = Scope2(sc)
        inner.in_loop = True
        if self.b():
            self.emit(ind, f"if {self.bool_expr(inner, 1)}:")
            self.emit(ind + 1, self.pick(["continue", "break"]))
        self.block(ind, inner, depth - 1)
        if self.b():
            self.emit(ind, f"if {self.bool_expr(inner, 1)}:")
            self.emit(ind + 1, self.pick(["break", "continue"]))

    def for_stmt(self, ind, sc, depth):
        v = self.fresh("i")
        lists = sorted(n for n, t in sc.vars.items() if t.startswith("list["))
        dicts = self.vars_of(sc, DSI) + self.vars_of(sc, DIS)
        if dicts and self.b(2):
            dv = self.pick(dicts)
            kt, vt = (STR, INT) if sc.vars[dv] == DSI else (INT, STR)
            inner_sc = Scope2(sc)
            inner_sc.readonly |= {v, dv}
            inner_sc.vars[v] = kt
            form = self.i(0, 2)
            if form == 0:
                self.emit(ind, f"for {v} in {dv}:")
            elif form == 1:
                w = self.fresh("val")
                self.emit(ind, f"for {v}, {w} in {dv}.items():")
                inner_sc.vars[w] = vt
                inner_sc.readonly.add(w)
            else:
                self.emit(ind, f"for {v} in {dv}.{self.pick(['keys', 'values'])}():")
                inner_sc.vars[v] = kt if "keys" in self.lines[-1] else vt
        elif lists and self.b():
            l = self.pick(lists)
            self.emit(ind, f"for {v} in {l}:")
            inner_sc = Scope2(sc)
            inner_sc.vars[v] = sc.vars[l][5:-1]
            inner_sc.readonly |= {v, l}
        else:
            form = self.i(0, 3)
            if form == 0:
                rng = f"range({self.i(0, 5)})"
            elif form == 1:
                rng = f"range({self.i(-3, 3)}, {self.i(-3, 6)})"
            elif form == 2:
                a, b = self.i(-5, 5), self.i(-5, 5)
                rng = f"range({a}, {b}, {self.pick([1, 2, 3, -1, -2])})"
            else:
                xs = [str(self.i(-9, 9)) for _ in range(self.i(0 if self.f.empty_list_loop else 1, 4))]
                rng = "[" + ", ".join(xs) + "]"
            self.emit(ind, f"for {v} in {rng}:")
            inner_sc = Scope2(sc)
            inner_sc.vars[v] = INT
            inner_sc.readonly.add(v)
        self.loop_body(ind + 1, inner_sc, depth)
        # the loop variable and anything first assigned in the body may be unbound after it:
        # the outer scope (sc) does not learn them.

    def while_stmt(self, ind, sc, depth):
        c = self.fresh("c")
        self.emit(ind, f"{c} = 0")
        sc.vars[c] = INT
        lim = self.i(0, 5)
        cond = f"{c} < {lim}"
        if self.b():
            cond = f"{c} < {lim} and {self.bool_expr(sc, 1)}"
        self.emit(ind, f"while {cond}:")
        inner = Scope2(sc)
        inner.readonly.add(c)
        self.emit(ind + 1, f"{c} += 1")
        self.loop_body(ind + 1, inner, depth)
        if self.f.while_else and self.b(1):
            self.emit(ind, "else:")
            self.emit(ind + 1, f"print({self.cur.name + ':while-else'!r}, {c})")

    # ------------------------------------------------------------ functions
    def function(self, fn):
        self.cur = fn
        fn.globals_decl = set()
        sc = Scope2(None)
        for p, t in fn.params:
            sc.vars[p] = t
        header_at = len(self.lines)
        params = ", ".join(f"{p}={fn.defaults[p]}" if p in fn.defaults else p for p, _ in fn.params)
        self.emit(0, f"{'async ' if fn.is_async else ''}def {fn.name}({params}):")
        body_at = len(self.lines)
        shown = ", ".join(p for p, _ in fn.params)
        self.emit(1, f"print({fn.name + ' start'!r}{', ' if shown else ''}{shown})")
        if fn.raises:
            sc.catches = frozenset([fn.raises])
            if self.b():
                self.raise_stmt(1, sc)
        self.block(1, sc, self.f.max_depth, self.i(1 if fn.is_async else 0, self.f.max_stmts))
        if fn.raises:
            self.raise_stmt(1, sc)
        if fn.ret != NONE:
            self.emit(1, f"print({fn.name + ' end'!r})")
            self.emit(1, f"return {self.expr(sc, fn.ret)}")
        else:
            self.emit(1, f"print({fn.name + ' end'!r})")
        if fn.globals_decl:
            self.lines.insert(body_at, f"    global {', '.join(sorted(fn.globals_decl))}")
        self.lines.insert(header_at, "")
        self.lines.insert(header_at, "")
        self.cur = None

    def method(self, cls, name, is_async, body_scope, ret_expr=None):
        """A method of cls at indent 1; its body sees self.x, self.s (and
        what body_scope adds) and one int parameter v."""
        fn = Func(f"{cls}.{name}", is_async, [("v", INT)], INT, is_method=True)
        fn.globals_decl = set()
        self.cur = fn
        sc = Scope2(None)
        sc.vars.update(body_scope)
        sc.vars["v"] = INT
        self.emit(1, f"{'async ' if is_async else ''}def {name}(self, v):")
        body_at = len(self.lines)
        self.emit(2, f"print({fn.name + ' start'!r}, v)")
        self.block(2, sc, 1, self.i(0, 3))
        self.emit(2, f"return {ret_expr or self.expr(sc, INT)}")
        if fn.globals_decl:
            self.lines.insert(body_at, f"        global {', '.join(sorted(fn.globals_decl))}")
        self.lines.append("")
        self.cur = None

    def classes(self):
        """K0 (fields x: int, s: str; m and async am) and K1(K0) (field
        extra; __init__ through super(), m overridden calling super().m)."""
        fields = {"self.x": INT, "self.s": STR}
        self.lines += ["", "", "class K0:", "    def __init__(self, a, s):", "        self.x = a",
                       "        self.s = s", ""]
        self.method("K0", "m", False, fields)
        self.method("K0", "am", True, fields)
        self.lines += ["", "class K1(K0):", "    def __init__(self, a):",
                       f"        super().__init__(a, {self.pick(WORDS)!r})",
                       f"        self.extra = (a * {self.i(1, 9)}) % 97", ""]
        if self.b(3):
            self.method("K1", "m", False, {**fields, "self.extra": INT},
                        ret_expr=f"(super().m(v) + self.extra) % 9973")
        if self.b(2):
            self.method("K1", "am", True, {**fields, "self.extra": INT},
                        ret_expr="(await super().am(v) + 1) % 9973")

    def signature(self, name, is_async, ret=None, allow_defaults=True):
        n = self.i(0, 3)
        params = [(f"a{j}", self.pick(self.types_available())) for j in range(n)]
        defaults = {}
        if allow_defaults and n and self.b():
            for p, t in params[self.i(0, n - 1):]:
                defaults[p] = {INT: str(self.i(-5, 50)), FLOAT: "1.5", STR: "'dflt'", BOOL: "True"}[t]
        if ret is None:
            ret = self.pick([NONE] + list(self.types_available()))
        raises = self.pick(RAISABLE) if self.f.exceptions and name[0] in "cf" and not name.startswith("cb") \
            and self.b() else None
        return Func(name, is_async, params, ret, defaults, raises=raises)

    def program(self):
        f = self.f
        self.tie_mode = self.b()
        self.tick = self.pick([2, 5, 10])
        imp = self.i(0, 2)
        header = ["# generated by tests/fuzz/gen.py"]
        if imp == 0:
            header.append("import asyncio")
        elif imp == 1:
            header.append("import uasyncio as asyncio")
        else:
            header += ["try:", "    import uasyncio as asyncio", "except ImportError:", "    import asyncio"]
        self.lines += header
        if f.exceptions:
            self.lines += ["", "", "class AppError(Exception):", "    pass", "", "",
                           "class NetError(AppError):", "    pass", "", "",
                           "class DataError(AppError):", "    pass"]
        templates_at = len(self.lines)
        self.used_primitives = set()
        # globals
        if f.globals_:
            for j in range(self.i(0, 2)):
                t = STR if f.strings and self.b() else INT
                g = f"g{j}"
                self.globals[g] = t
                self.lines.append(f"{g} = {self.i(-5, 5) if t == INT else repr(self.pick(WORDS))}")
        # callbacks: plain defs run from the loop
        self.cbs = []
        if f.callbacks:
            for j in range(self.i(0, 2)):
                fn = self.signature(f"cb{j}", False, NONE, allow_defaults=False)
                fn.is_callback = True
                self.cbs.append(fn)
                self.funcs.append(fn)
                self.function(fn)
        for j in range(self.i(0, f.max_helpers)):
            fn = self.signature(f"f{j}", False)
            self.funcs.append(fn)
            self.function(fn)
        if f.classes and f.strings:
            self.classes()
        for j in range(self.i(0, f.max_coros)):
            fn = self.signature(f"c{j}", True)
            self.funcs.append(fn)
            self.function(fn)
        main = Func("main", True, [], self.pick([NONE, INT]))
        self.funcs.append(main)
        self.function(main)
        # tail: let fire-and-forget tasks and callbacks finish (or not)
        entry = self.i(0, 2) if f.loop_entry else 0
        idx = len(self.lines) - (2 if main.ret != NONE else 1)
        if entry == 0 and not f.run_leftovers:
            # (virtual time: a long sleep costs nothing) nothing is left for
            # asyncio.run to cancel
            self.lines.insert(idx, "    await asyncio.sleep(100)")
        elif self.b(2):
            self.lines.insert(idx, "    await asyncio.sleep_ms(1000)")
        self.lines += ["", ""]
        res = "res = " if main.ret != NONE else ""
        if entry == 0:
            self.lines.append(f"{res}asyncio.run(main())")
        elif entry == 1:
            self.lines += ["loop = asyncio.get_event_loop()", f"{res}loop.run_until_complete(main())"]
        else:
            res = ""
            self.lines += ["loop = asyncio.get_event_loop()", "",
                           "", "async def runner():", "    await main()", "    print('runner done')", "    loop.stop()",
                           "", "", "loop.create_task(runner())", "loop.run_forever()"]
        if res:
            self.lines.append("print('main returned', res)")
        if self.globals:
            self.lines.append("print('globals', " + ", ".join(sorted(self.globals)) + ")")
        self.lines.append("print('done')")
        templates = []
        for kind in sorted(self.used_primitives):
            templates += ["", ""] + TEMPLATES[kind].strip("\n").splitlines()
        self.lines[templates_at:templates_at] = templates + (["", ""] if templates else [])
        return "\n".join(self.lines) + "\n"


# Coroutines the primitive and cancellation scenarios use (module level,
# emitted when used). Delays come in as arguments (chosen like every sleep).
TEMPLATES = {
    "event": """
async def ev_waiter(ev, name):
    print(name, 'waits', ev.is_set())
    await ev.wait()
    print(name, 'woke', ev.is_set())
""",
    "lock": """
async def lock_worker(lock, name, d):
    async with lock:
        print(name, 'has the lock', lock.locked())
        await asyncio.sleep_ms(d)
    print(name, 'released')
""",
    "sem": """
async def sem_worker(sem, name, d):
    async with sem:
        print(name, 'in')
        await asyncio.sleep_ms(d)
        print(name, 'out')
""",
    "queue": """
async def producer(q, n, d):
    for i in range(n):
        await q.put(i * 3 + 1)
        print('put', i, q.qsize(), q.full())
        await asyncio.sleep_ms(d)
    await q.put(-1)


async def consumer(q, name, d):
    total = 0
    while True:
        item = await q.get()
        if item < 0:
            break
        total += item
        print(name, 'got', item)
        await asyncio.sleep_ms(d)
    return total
""",
    "cond": """
async def cond_waiter(cond, box, name):
    async with cond:
        while box[0] == 0:
            await cond.wait()
        print(name, 'sees', box[0])


async def cond_notifier(cond, box, v, d):
    await asyncio.sleep_ms(d)
    async with cond:
        box[0] = v
        print('notify', v)
        cond.notify_all()
""",
    "sleeper": """
async def sleeper(name, d, swallow):
    print(name, 'sleeps', d)
    try:
        await asyncio.sleep_ms(d)
        print(name, 'slept')
        return 1
    except asyncio.CancelledError:
        print(name, 'cancelled')
        if swallow:
            return 2
        raise
    finally:
        print(name, 'finally')
""",
}


class Scope2(Scope):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.in_loop = parent.in_loop if parent else False
        # exception classes some enclosing handler (or the raiser's caller) catches
        self.catches = parent.catches if parent else frozenset()


@st.composite
def programs(draw, features=DEFAULT):
    """A strategy for program source texts."""
    return Gen(draw, features).program()


def sample(seed=0, n=10, features=DEFAULT):
    """n programs for a seed, without running anything (for eyeballing)."""
    from hypothesis import given, settings, seed as hseed, HealthCheck, Phase
    out = []

    @hseed(seed)
    @settings(database=None, max_examples=n, phases=[Phase.generate], suppress_health_check=list(HealthCheck),
              deadline=None)
    @given(programs(features))
    def t(src):
        out.append(src)
    t()
    return out


if __name__ == "__main__":
    import sys
    print(sample(int(sys.argv[1]) if len(sys.argv) > 1 else 0, 10)[-1])
