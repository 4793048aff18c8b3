"""Tests for the frontend: source text -> astnodes, and syntax diagnostics."""

import pytest

from uasyncc import astnodes as A
from uasyncc import frontend
from uasyncc.diagnostics import CompileError, SourceFile, Span


def parse(src):
    return frontend.parse(SourceFile("t.py", src))


def stmt(src):
    body = parse(src).body
    assert len(body) == 1, body
    return body[0]


def expr(src):
    s = stmt(src)
    assert isinstance(s, (A.ExprStmt, A.Assign)), s
    return s.value


def err(src):
    with pytest.raises(CompileError) as info:
        parse(src)
    (d,) = info.value.diagnostics
    assert d.path == "t.py"
    return d


def where(src):
    d = err(src)
    return d.span.line, d.span.col, d.message


def pos(node):
    return node.span.line, node.span.col, node.span.end_line, node.span.end_col


# ------------------------------------------------------------------ statements
def test_module_and_path():
    m = parse("x = 1\n\n# comment\ny = 2\n")
    assert isinstance(m, A.Module) and m.path == "t.py"
    assert [type(s) for s in m.body] == [A.Assign, A.Assign]
    assert m.body[1].span.line == 4


def test_expression_statement_span():
    s = stmt("  \n\nf(x)\n")
    assert isinstance(s, A.ExprStmt) and isinstance(s.value, A.Call)
    assert pos(s) == (3, 1, 3, 5)


def test_chained_assignment():
    s = stmt("a = b = c")
    assert isinstance(s, A.Assign)
    assert [t.id for t in s.targets] == ["a", "b"]
    assert s.value.id == "c"


def test_tuple_list_attribute_subscript_targets():
    s = stmt("a, b = (c, d) = [e, f] = x.y[0] = v")
    t0, t1, t2, t3 = s.targets
    assert isinstance(t0, A.Tuple) and [e.id for e in t0.elts] == ["a", "b"]
    assert isinstance(t1, A.Tuple) and pos(t1) == (1, 8, 1, 14)
    assert isinstance(t2, A.List)
    assert isinstance(t3, A.Subscript) and isinstance(t3.value, A.Attribute)


def test_starred_target():
    s = stmt("a, *rest = xs")
    assert isinstance(s.targets[0].elts[1], A.Starred)
    assert s.targets[0].elts[1].value.id == "rest"


@pytest.mark.parametrize("op", ["+", "-", "*", "@", "/", "//", "%", "&", "|", "^", "<<", ">>", "**"])
def test_augmented_assignment(op):
    s = stmt(f"x {op}= 2")
    assert isinstance(s, A.AugAssign) and s.op == op and s.target.id == "x"
    assert s.value.value == 2


def test_annotated_assignment():
    s = stmt("x: int = 5")
    assert isinstance(s, A.AnnAssign) and s.annotation.id == "int" and s.value.value == 5
    s = stmt("self.x: List[int]")
    assert isinstance(s.target, A.Attribute) and s.value is None
    assert isinstance(s.annotation, A.Subscript)


def test_del_pass_break_continue():
    s = stmt("del a, b[1], c.d")
    assert isinstance(s, A.Delete) and len(s.targets) == 3
    body = parse("while 1:\n    pass\n    break\n    continue\n").body[0].body
    assert [type(b) for b in body] == [A.Pass, A.Break, A.Continue]


def test_return_forms():
    f = stmt("def f():\n    return\n    return 1\n    return 1, 2\n")
    r0, r1, r2 = f.body
    assert r0.value is None and r1.value.value == 1
    assert isinstance(r2.value, A.Tuple) and len(r2.value.elts) == 2


def test_raise_forms():
    a, b, c = parse("raise\nraise E\nraise E('x') from err\n").body
    assert a.exc is None and a.cause is None
    assert b.exc.id == "E" and b.cause is None
    assert isinstance(c.exc, A.Call) and c.cause.id == "err"


def test_global_nonlocal_assert():
    g, n, a1, a2 = parse("global a, b\nnonlocal c\nassert x\nassert x, 'msg'\n").body
    assert g.names == ["a", "b"] and n.names == ["c"]
    assert a1.msg is None and a2.msg.value == "msg"


def test_imports():
    i, f1, f2, f3, f4 = parse(
        "import a.b as c, d\n"
        "from x import (a as b, c,)\n"
        "from . import x\n"
        "from x import *\n"
        "from ..pkg.mod import y\n").body
    assert [(a.name, a.asname) for a in i.names] == [("a.b", "c"), ("d", None)]
    assert f1.module == "x" and f1.level == 0
    assert [(a.name, a.asname) for a in f1.names] == [("a", "b"), ("c", None)]
    assert f2.module == "" and f2.level == 1 and f2.names[0].name == "x"
    assert [a.name for a in f3.names] == ["*"]
    assert f4.module == "pkg.mod" and f4.level == 2


def test_elif_nesting():
    s = stmt("if a:\n    x\nelif b:\n    y\nelif c:\n    z\nelse:\n    w\n")
    assert isinstance(s, A.If) and s.test.id == "a"
    e1 = s.orelse[0]
    assert isinstance(e1, A.If) and e1.test.id == "b" and e1.span.line == 3
    e2 = e1.orelse[0]
    assert isinstance(e2, A.If) and e2.test.id == "c"
    assert e2.orelse[0].value.id == "w"
    assert pos(s) == (1, 1, 8, 6)


def test_while_for_else():
    w, f = parse("while x:\n    pass\nelse:\n    y\nfor i, x in it:\n    pass\nelse:\n    z\n").body
    assert isinstance(w, A.While) and w.orelse[0].value.id == "y"
    assert isinstance(f, A.For) and isinstance(f.target, A.Tuple)
    assert [e.id for e in f.target.elts] == ["i", "x"] and f.orelse[0].value.id == "z"
    assert f.is_async is False


def test_try_except_forms():
    s = stmt("try:\n    a\nexcept ValueError:\n    b\nexcept (A, B) as e:\n    c\n"
             "except Exception as e2:\n    d\nexcept:\n    e\nelse:\n    f\nfinally:\n    g\n")
    assert isinstance(s, A.Try)
    h = s.handlers
    assert h[0].type.id == "ValueError" and h[0].name is None
    assert isinstance(h[1].type, A.Tuple) and h[1].name == "e"
    assert h[2].name == "e2"
    assert h[3].type is None
    assert s.orelse[0].value.id == "f" and s.finalbody[0].value.id == "g"
    t = stmt("try:\n    a\nfinally:\n    b\n")
    assert t.handlers == [] and t.finalbody[0].value.id == "b"


def test_with_and_async_forms():
    f = stmt("async def f():\n    async with a as b, c:\n        pass\n"
             "    async for x in y:\n        pass\n    with d as (e, g):\n        pass\n")
    assert isinstance(f, A.FunctionDef) and f.is_async
    w, fo, w2 = f.body
    assert isinstance(w, A.With) and w.is_async
    assert w.items[0].optional_vars.id == "b" and w.items[1].optional_vars is None
    assert pos(w) == (2, 5, 3, 13)
    assert isinstance(fo, A.For) and fo.is_async
    assert not w2.is_async and isinstance(w2.items[0].optional_vars, A.Tuple)


def test_def_params():
    f = stmt("def f(a, b: int = 1, *args, c, d=2, **kw) -> None:\n    pass\n")
    assert [(p.name, p.kind) for p in f.params] == [
        ("a", "normal"), ("b", "normal"), ("args", "vararg"),
        ("c", "kwonly"), ("d", "kwonly"), ("kw", "kwarg")]
    b = f.params[1]
    assert b.annotation.id == "int" and b.default.value == 1
    assert f.returns.value is None and f.is_async is False
    g = stmt("def g(a, *, k=3): pass")
    assert [(p.name, p.kind) for p in g.params] == [("a", "normal"), ("k", "kwonly")]


def test_decorators():
    f = stmt("@name\n@a.b\n@call(1, k=2)\ndef f():\n    pass\n")
    d0, d1, d2 = f.decorators
    assert isinstance(d0, A.Name) and isinstance(d1, A.Attribute) and isinstance(d2, A.Call)
    assert f.span.line == 4
    c = stmt("@dataclass\nclass C:\n    x: int\n")
    assert isinstance(c, A.ClassDef) and c.decorators[0].id == "dataclass"
    af = stmt("@d\nasync def f():\n    pass\n")
    assert af.is_async and af.decorators[0].id == "d"


def test_class_def():
    c = stmt("class Name(Base, metaclass=X):\n    def m(self): return 0\n")
    assert c.name == "Name" and [b.id for b in c.bases] == ["Base"]
    assert c.keywords[0].arg == "metaclass" and c.keywords[0].value.id == "X"
    assert isinstance(c.body[0], A.FunctionDef)
    assert stmt("class A: pass").bases == []


def test_semicolons_and_one_line_bodies():
    m = parse("a = 1; b = 2;\nif x: pass\nwhile y: a; b\n")
    assert [type(s) for s in m.body] == [A.Assign, A.Assign, A.If, A.While]
    assert isinstance(m.body[2].body[0], A.Pass)
    assert len(m.body[3].body) == 2
    assert m.body[1].span.col == 8


# ---------------------------------------------------------------- expressions
def test_power_binds_tighter_than_unary_minus():
    e = expr("-2**2")
    assert isinstance(e, A.UnaryOp) and e.op == "-"
    assert isinstance(e.operand, A.BinOp) and e.operand.op == "**"
    e = expr("2**-1")
    assert isinstance(e, A.BinOp) and isinstance(e.right, A.UnaryOp)
    e = expr("2**3**4")   # right-associative
    assert e.left.value == 2 and isinstance(e.right, A.BinOp)


def test_arith_precedence_and_left_assoc():
    e = expr("a - b - c * d")
    assert e.op == "-" and e.right.op == "*"
    assert e.left.op == "-" and e.left.left.id == "a"
    e = expr("a | b ^ c & d << 1 + 2 @ m // 3 % 4 / 5")
    assert e.op == "|" and e.right.op == "^" and e.right.right.op == "&"
    assert e.right.right.right.op == "<<"


def test_chained_comparison():
    e = expr("a < b <= c != d in e not in f is g is not h == i > j >= k")
    assert isinstance(e, A.Compare) and e.left.id == "a"
    assert e.ops == ["<", "<=", "!=", "in", "not in", "is", "is not", "==", ">", ">="]
    assert [c.id for c in e.comparators] == list("bcdefghijk")


def test_boolean_ops_and_not():
    e = expr("not a or b and c or d")
    assert isinstance(e, A.BoolOp) and e.op == "or" and len(e.values) == 3
    assert isinstance(e.values[0], A.UnaryOp) and e.values[0].op == "not"
    assert e.values[1].op == "and"


def test_conditional_and_lambda():
    e = expr("a if c else b")
    assert isinstance(e, A.IfExp) and e.test.id == "c" and e.body.id == "a"
    e = expr("lambda x, y=1, *a, k, **kw: x + y")
    assert isinstance(e, A.Lambda)
    assert [(p.name, p.kind) for p in e.params] == [
        ("x", "normal"), ("y", "normal"), ("a", "vararg"), ("k", "kwonly"), ("kw", "kwarg")]
    assert isinstance(e.body, A.BinOp)
    assert expr("lambda: 0").params == []


def test_unary_ops():
    assert [expr(f"{op}x").op for op in "-+~"] == ["-", "+", "~"]


def test_await_and_yield():
    f = stmt("async def f():\n    x = await g() ** 2\n    yield\n    y = yield a, b\n    yield from z\n")
    a = f.body[0].value
    assert isinstance(a, A.BinOp) and isinstance(a.left, A.Await)
    assert isinstance(f.body[1].value, A.Yield) and f.body[1].value.value is None
    assert isinstance(f.body[2].value.value, A.Tuple)
    assert isinstance(f.body[3].value, A.YieldFrom)


def test_calls():
    e = expr("f(a, *b, k=1, **kw)")
    assert isinstance(e, A.Call) and e.func.id == "f"
    assert isinstance(e.args[1], A.Starred)
    assert e.keywords[0].arg == "k" and e.keywords[1].arg is None
    assert pos(e) == (1, 1, 1, 20)


def test_generator_sole_argument():
    e = expr("sum(x for x in y if x)")
    g = e.args[0]
    assert isinstance(g, A.GeneratorExp) and g.generators[0].ifs[0].id == "x"


def test_attribute_subscript_slices():
    e = expr("a.b[1:2]")
    assert isinstance(e, A.Subscript) and isinstance(e.value, A.Attribute)
    s = e.index
    assert isinstance(s, A.Slice) and s.lower.value == 1 and s.upper.value == 2 and s.step is None
    s = expr("a[::2]").index
    assert s.lower is None and s.upper is None and s.step.value == 2
    assert isinstance(expr("a[i, j]").index, A.Tuple)
    assert isinstance(expr("a[:]").index, A.Slice)
    assert expr("a[i]").index.id == "i"


def test_paren_span_covers_brackets():
    e = expr("(a + b).c")
    assert isinstance(e, A.Attribute) and e.span.col == 1
    assert e.value.span.col == 2   # the BinOp itself excludes the parentheses


def test_tuple_displays():
    assert expr("()").elts == []
    t = expr("(x,)")
    assert isinstance(t, A.Tuple) and len(t.elts) == 1
    t = expr("x, y")
    assert isinstance(t, A.Tuple) and pos(t) == (1, 1, 1, 5)
    assert isinstance(expr("(x)"), A.Name)


def test_collections_and_comprehensions():
    assert isinstance(expr("[]"), A.List)
    assert isinstance(expr("[1, 2,]"), A.List)
    d = expr("{1: 2, **m}")
    assert isinstance(d, A.Dict) and d.keys[1] is None and d.values[1].id == "m"
    assert isinstance(expr("{}"), A.Dict)
    assert isinstance(expr("{1, 2}"), A.Set)
    lc = expr("[x * 2 for x in xs if x if y for z in x]")
    assert isinstance(lc, A.ListComp) and len(lc.generators) == 2
    assert len(lc.generators[0].ifs) == 2
    assert isinstance(expr("{x for x in y}"), A.SetComp)
    dc = expr("{k: v for k, v in items}")
    assert isinstance(dc, A.DictComp) and isinstance(dc.generators[0].target, A.Tuple)
    assert isinstance(expr("(x for x in y)"), A.GeneratorExp)


def test_starred_in_displays():
    e = expr("[*a, *b]")
    assert all(isinstance(x, A.Starred) for x in e.elts)


# ------------------------------------------------------------------- literals
@pytest.mark.parametrize("text,value", [
    ("0", 0), ("00", 0), ("123", 123), ("1_000_000", 1000000), ("0xFF", 255), ("0x_ff", 255),
    ("0o17", 15), ("0O1_7", 15), ("0b101", 5), ("0B1_0", 2), ("1.5", 1.5), ("1e3", 1000.0),
    ("1E-3", 0.001), (".5", 0.5), ("5.", 5.0), ("1_0.5e1_0", 10.5e10),
])
def test_numeric_literals(text, value):
    c = expr(text)
    assert isinstance(c, A.Constant) and c.value == value and type(c.value) is type(value)


def test_constants():
    assert expr("True").value is True and expr("False").value is False
    assert expr("None").value is None and expr("...").value is Ellipsis


@pytest.mark.parametrize("text,value", [
    ("'a'", "a"), ('"a"', "a"), ("'''a\nb'''", "a\nb"), ('"""x"""', "x"),
    (r"'\n\t\\\'\"'", "\n\t\\'\""), (r"'\x41\u00e9\0'", "Aé\0"), (r"'\101'", "A"),
    (r"r'\n'", "\\n"), (r"R'\d'", "\\d"), (r"u'x'", "x"),
    (r"b'ab\x41'", b"abA"), (r"rb'\d'", b"\\d"), (r"Br'\d'", b"\\d"), (r"BR'x'", b"x"),
    ("'a' \"b\" '''c'''", "abc"), ("b'a' b'b'", b"ab"), (r"'\q'", "\\q"),
    ("'a\\\nb'", "ab"),
])
def test_string_literals(text, value):
    c = expr(text)
    assert isinstance(c, A.Constant) and c.value == value


def test_string_concatenation_over_lines():
    c = expr("('a'\n 'b')")
    assert c.value == "ab" and pos(c) == (1, 2, 2, 5)


def test_fstring_basic_parts_and_spans():
    e = expr('x = f"a{x!r:>10}b{{}}"')
    assert isinstance(e, A.JoinedStr)
    assert e.parts[0] == "a" and e.parts[2] == "b{}"
    fv = e.parts[1]
    assert isinstance(fv, A.FormattedValue)
    assert fv.conversion == "r" and fv.format_spec == ">10"
    assert isinstance(fv.value, A.Name) and pos(fv.value) == (1, 9, 1, 10)


def test_fstring_expression_spans_are_file_positions():
    src = 'y = 1\nprint(f"{a + b[\'k\']}", F\'{c(1)}\')\n'
    call = parse(src).body[1].value
    first = call.args[0].parts[0].value
    assert isinstance(first, A.BinOp) and pos(first) == (2, 10, 2, 20)
    sub = first.right
    assert isinstance(sub, A.Subscript) and sub.index.value == "k"
    assert pos(sub.index) == (2, 16, 2, 19)
    second = call.args[1].parts[0].value
    assert isinstance(second, A.Call) and pos(second) == (2, 27, 2, 31)


def test_fstring_multiline_positions():
    e = parse("x = f'''\nab {\n  c +\n d} e'''\n").body[0].value
    fv = e.parts[1]
    assert e.parts[0] == "\nab " and e.parts[2] == " e"
    assert pos(fv.value.left) == (3, 3, 3, 4) and pos(fv.value.right) == (4, 2, 4, 3)


def test_fstring_concatenation_gives_one_joinedstr():
    e = expr("'a' f'{x}' \"b\" f'c{y:d}'")
    assert isinstance(e, A.JoinedStr)
    assert [p if isinstance(p, str) else p.value.id for p in e.parts] == ["a", "x", "bc", "y"]
    assert e.parts[3].format_spec == "d"
    assert isinstance(expr("f'plain'"), A.JoinedStr)


def test_fstring_escapes_and_raw():
    assert expr(r"f'\n{x}'").parts[0] == "\n"
    assert expr(r"rf'\n{x}'").parts[0] == "\\n"


# ---------------------------------------------------------------- lexical
def test_comments_blank_lines_and_continuations():
    m = parse("# head\n\nx = 1 + \\\n    2  # tail\ny = (1,\n     # inner\n     2)\n\n")
    x, y = m.body
    assert x.value.right.value == 2 and pos(x) == (3, 1, 4, 6)
    assert len(y.value.elts) == 2


def test_tabs_indent_to_multiples_of_eight():
    m = parse("if x:\n\tpass\n\tpass\n")
    assert len(m.body[0].body) == 2
    assert parse("if x:\n\tif y:\n\t\tz\n\tw\n").body[0].body[1].value.id == "w"
    # as CPython: levels that compare differently with tabs of 8 and of 1 are a TabError
    with pytest.raises(CompileError, match="inconsistent use of tabs and spaces"):
        parse("if x:\n\tpass\n        pass\n")


def test_no_trailing_newline_and_crlf():
    assert stmt("x = 1").value.value == 1
    m = parse("if x:\r\n    y\r\n")
    assert m.body[0].body[0].value.id == "y"


def test_deep_nesting_does_not_crash():
    e = expr("x = " + "(" * 200 + "1" + ")" * 200)
    assert e.value == 1
    # CPython's limits: 200 nested brackets, 99 nested blocks
    with pytest.raises(CompileError, match="too many nested parentheses"):
        expr("x = " + "(" * 201 + "1" + ")" * 201)
    src = "".join("    " * i + "if x:\n" for i in range(99)) + "    " * 99 + "pass\n"
    node = parse(src).body[0]
    depth = 0
    while isinstance(node, A.If):
        node, depth = node.body[0], depth + 1
    assert depth == 99
    with pytest.raises(CompileError, match="too many levels of indentation"):
        parse("".join("    " * i + "if x:\n" for i in range(100)) + "    " * 100 + "pass\n")
    e = expr("x = " + "-" * 3000 + "1")
    assert isinstance(e, A.UnaryOp)


def test_parser_is_built_once():
    src = ("async def worker(n, q):\n"
           "    for i in range(n):\n"
           "        x = await q.get()\n"
           "        if x > 3 and not done:\n"
           "            print(f'{i}: {x!r}', sep='')\n"
           "        else:\n"
           "            total += x * 2 ** i\n") * 28
    parse(src)
    m = parse(src)
    assert len(m.body) == 28
    assert frontend._get_parser() is frontend._get_parser()


def test_parse_expression():
    e = frontend.parse_expression(SourceFile("e.py", "a +\n b"))
    assert isinstance(e, A.BinOp) and pos(e.right) == (2, 2, 2, 3)


# -------------------------------------------------------------------- errors
@pytest.mark.parametrize("src,line,col,message", [
    ("x = 1 +\n", 1, 8, "invalid syntax"),
    ("x = 1\ny = (2 +\n", 2, 5, "'(' was never closed"),
    ("if x:\npass\n", 2, 1, "expected an indented block"),
    ("if x:\n", 1, 6, "expected an indented block"),
    ("x = 1\n    y = 2\n", 2, 1, "unexpected indent"),
    ("  x = 1\n", 1, 1, "unexpected indent"),
    ("if x:\n    a\n  b\n", 3, 1, "unindent does not match any outer indentation level"),
    ("x = 'abc\n", 1, 5, "unterminated string literal"),
    ("x = 1\ns = rb'abc\n", 2, 5, "unterminated string literal"),
    ('x = """abc\n\n', 1, 5, "unterminated triple-quoted string literal"),
    ("x = $y\n", 1, 5, "invalid character '$' (U+0024)"),
    ("x = 1]\n", 1, 6, "unmatched ']'"),
    ("x = (1]\n", 1, 7, "closing parenthesis ']' does not match opening parenthesis '('"),
    ("x = 012\n", 1, 5, "leading zeros in decimal integer literals are not permitted; "
                        "use an 0o prefix for octal integers"),
    ("x = 0x\n", 1, 5, "invalid hexadecimal literal"),
    ("x = 0b12\n", 1, 5, "invalid binary literal"),
    ("x = 1__0\n", 1, 5, "invalid decimal literal"),
    ("x = b'\\x4'\n", 1, 7, "truncated \\xXX escape"),
    ("x = b'caf\u00e9'\n", 1, 10, "bytes can only contain ASCII literal characters"),
    ("if x:\n    pass\nelse y\n", 3, 6, "invalid syntax"),
    ("else:\n    pass\n", 1, 1, "invalid syntax: unexpected 'else'"),
    ("for x in : pass\n", 1, 10, "invalid syntax: unexpected ':'"),
    ("x = 5 5\n", 1, 7, "invalid syntax"),
    ("class A: pass\ndef\n", 2, 4, "invalid syntax"),
    ("a\x00b\n", 1, 2, "source code cannot contain null bytes"),
    ("x = f'{a:{b}}'\n", 1, 10, "nested replacement fields in a format spec are not supported"),
    ("x = 1\ny = f'{a b}'\n", 2, 10, "invalid syntax"),
    ("x = f'''\n{a +}'''\n", 2, 2, "f-string: invalid expression"),
    ("x = f'{}'\n", 1, 8, "f-string: empty expression not allowed"),
    ("x = f'{a!x}'\n", 1, 10, "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
    ("x = f'}'\n", 1, 7, "f-string: single '}' is not allowed"),
    ("x = f'{a'\n", 1, 7, "f-string: expecting '}'"),
    ("f() = 1\n", 1, 1, "cannot assign to function call"),
    ("1 = x\n", 1, 1, "cannot assign to literal"),
    ("a, b += 1\n", 1, 1, "'tuple' is an illegal expression for augmented assignment"),
    ("del f()\n", 1, 5, "cannot delete function call"),
    ("def f(a=1, b): pass\n", 1, 12, "non-default argument follows default argument"),
    ("def f(a, a): pass\n", 1, 10, "duplicate argument 'a' in function definition"),
    ("def f(*): pass\n", 1, 7, "named arguments must follow bare *"),
    ("f(x for x in y, 1)\n", 1, 3, "generator expression must be parenthesized"),
    ("f(a=1, 2)\n", 1, 8, "positional argument follows keyword argument"),
    ("f(a.b=1)\n", 1, 3, 'expression cannot contain assignment, perhaps you meant "=="?'),
    ("x = 'a' b'b'\n", 1, 5, "cannot mix bytes and nonbytes literals"),
    ("x = 1.5j\n", 1, 5, "imaginary (complex) literals are not supported"),
    ("@a\nx = 1\n", 2, 1, "invalid syntax"),
    ("try:\n    pass\nexcept:\n    pass\nexcept E:\n    pass\n", 3, 1, "default 'except:' must be last"),
])
def test_errors(src, line, col, message):
    assert where(src) == (line, col, message)


def test_error_span_covers_token():
    d = err("if x:\n    pass\nelif:\n    pass\nwhile while\n")
    assert d.span == Span(3, 5, 3, 6)
    d = err("x = 1\nx = 1 if\n")
    assert (d.span.line, d.span.col) == (2, 9)


def test_unexpected_keyword_message_names_it():
    d = err("x = 1\nx = import\n")
    assert d.message == "invalid syntax: unexpected 'import'"
    assert d.span == Span(2, 5, 2, 11)


def test_unexpected_end_of_file_points_at_last_line():
    d = err("x = 1\nclass A(B,\n        C\n")
    assert d.message == "'(' was never closed" and (d.span.line, d.span.col) == (2, 8)
    d = err("x = [1,\n 2\n")
    assert (d.span.line, d.span.col) == (1, 5)
    d = err("def f():\n    x = 1\n    def g():\n\n\n")
    assert d.message == "expected an indented block"
    assert d.span.line == 3


def test_deep_error_never_raises_recursion_error():
    d = err("x = " + "(" * 200 + "1" + ")" * 199 + "\n")
    assert d.message == "'(' was never closed" and d.span.col == 5


def test_render_includes_path_and_caret():
    d = err("x = 1 +\n")
    assert d.render(["x = 1 +"]).startswith("t.py:1:8: error: invalid syntax")
