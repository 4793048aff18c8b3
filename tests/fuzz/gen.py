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

Deadlines.  Both sides run in virtual time: the clock only ever jumps to the
next timer deadline, nothing measures wall-clock time, so no output can
depend on host load or jitter.  Deadlines are whole milliseconds on both
sides (the CPython shim quantises `call_at` to ms) and equal deadlines fire
in insertion order on both sides, so even ties are deterministic.  Sleep
delays are drawn per sleep site in one of two modes (drawn per program):
"spread", where site number k sleeps 7*n + (k % 7) ms (distinct multiples of
7 with a per-site offset, so coinciding absolute deadlines are rare and a
divergence points at ordering of distinct timers), and "ties", where delays
come from {0, 1, 2, 5, 10} ms, which makes equal deadlines common to
exercise insertion-order tie breaking.  Second-based sleeps are exact
multiples of 1 ms written with three decimals (sleep(0.013)).
"""
import dataclasses
from dataclasses import dataclass, field

from hypothesis import strategies as st

INT, FLOAT, STR, BOOL, NONE = "int", "float", "str", "bool", "None"
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
    # not accepted yet: switch on as they land
    later_try_except: bool = False
    later_dicts: bool = False
    later_list_comp: bool = False
    later_slicing: bool = False
    later_str_methods: bool = False
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
            n = self.i(1, 4)
            return "[" + ", ".join(self.expr(sc, elem, 0) for _ in range(n)) + "]"
        raise AssertionError(t)

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
            ls = [n for n, vt in sc.vars.items() if vt.startswith("list[")]
            ss = self.vars_of(sc, STR)
            opts = []
            if ls:
                opts.append(f"len({self.pick(sorted(ls))})")
            if ss:
                opts.append(f"len({self.pick(ss)})")
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

    def callable_helpers(self, t):
        cur = self.cur
        return [fn for fn in self.funcs if not fn.is_async and not fn.is_callback and fn.ret == t
                and (cur is None or cur.is_async or fn is not cur and self.funcs.index(fn) < self.funcs.index(cur))]

    def call_helper(self, sc, t, depth):
        hs = self.callable_helpers(t)
        if not hs:
            return None
        fn = self.pick(hs)
        return f"{fn.name}({self.call_args(sc, fn, depth - 1)})"

    def callable_coros(self, t=None):
        cur = self.cur
        out = []
        for fn in self.funcs:
            if fn is cur:
                break
            if fn.is_async and (t is None or fn.ret == t):
                out.append(fn)
        return out

    # ------------------------------------------------------------ statements
    def sleep_stmt(self, ind):
        self.sleep_site += 1
        k = self.sleep_site
        if self.tie_mode:
            ms = self.pick([0, 1, 2, 5, 10])
        else:
            ms = 7 * self.i(0, 6) + (k % 7)
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
        ls = [x for x, vt in sc.vars.items() if vt.startswith("list[")]
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

    def stmt(self, ind, sc, depth, pending):
        fn = self.cur
        k = self.i(0, 15)
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
        coros = self.callable_coros()
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
            if self.f.fire_and_forget and self.i(0, 4) == 0:
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
                self.emit(ind, f"lp.call_later_ms({self.i(0, 40)}, {cb.name}{args})")
            else:
                self.emit(ind, f"lp.call_later({self.i(0, 40) / 1000:.3f}, {cb.name}{args})")
            return
        return self.sleep_stmt(ind)

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
        if lists and self.b():
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
        self.block(1, sc, self.f.max_depth, self.i(1 if fn.is_async else 0, self.f.max_stmts))
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

    def signature(self, name, is_async, ret=None, allow_defaults=True):
        n = self.i(0, 3)
        params = [(f"a{j}", self.pick(self.types_available())) for j in range(n)]
        defaults = {}
        if allow_defaults and n and self.b():
            for p, t in params[self.i(0, n - 1):]:
                defaults[p] = {INT: str(self.i(-5, 50)), FLOAT: "1.5", STR: "'dflt'", BOOL: "True"}[t]
        if ret is None:
            ret = self.pick([NONE] + list(self.types_available()))
        return Func(name, is_async, params, ret, defaults)

    def program(self):
        f = self.f
        self.tie_mode = self.b()
        imp = self.i(0, 2)
        header = ["# generated by tests/fuzz/gen.py"]
        if imp == 0:
            header.append("import asyncio")
        elif imp == 1:
            header.append("import uasyncio as asyncio")
        else:
            header += ["try:", "    import uasyncio as asyncio", "except ImportError:", "    import asyncio"]
        self.lines += header
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
        for j in range(self.i(0, f.max_coros)):
            fn = self.signature(f"c{j}", True)
            self.funcs.append(fn)
            self.function(fn)
        main = Func("main", True, [], self.pick([NONE, INT]))
        self.funcs.append(main)
        self.function(main)
        # tail: let fire-and-forget tasks and callbacks finish (or not)
        if self.b(2):
            idx = len(self.lines) - (2 if main.ret != NONE else 1)
            self.lines.insert(idx, "    await asyncio.sleep_ms(1000)")
        entry = self.i(0, 2) if f.loop_entry else 0
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
        return "\n".join(self.lines) + "\n"


class Scope2(Scope):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.in_loop = parent.in_loop if parent else False


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
