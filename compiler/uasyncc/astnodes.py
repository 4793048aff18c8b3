"""The abstract syntax tree the frontend produces: Python's shape, with spans.

Every node carries `span` (a diagnostics.Span). Sema annotates expressions in
place through the `type` attribute and names through `binding`; the frontend
leaves both None.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, Optional, Union
from typing import List as ListOf

from .diagnostics import Span


@dataclass(eq=False)
class Node:
    span: Span


# ---------------------------------------------------------------- expressions
@dataclass(eq=False)
class Expr(Node):
    def __post_init__(self):
        self.type = None      # set by sema
        self.binding = None   # set by sema where a name is resolved


@dataclass(eq=False)
class Name(Expr):
    id: str


@dataclass(eq=False)
class Constant(Expr):
    value: Any   # int, float, str, bool, None, bytes, or Ellipsis


@dataclass(eq=False)
class FormattedValue(Expr):
    value: Expr
    conversion: Optional[str]    # 'r', 's', 'a' or None
    format_spec: Optional[str]   # the text after ':' (no nested fields)


@dataclass(eq=False)
class JoinedStr(Expr):
    parts: ListOf[Union[str, FormattedValue]]


@dataclass(eq=False)
class BinOp(Expr):
    left: Expr
    op: str      # + - * / // % ** << >> & | ^ @
    right: Expr


@dataclass(eq=False)
class UnaryOp(Expr):
    op: str      # - + not ~
    operand: Expr


@dataclass(eq=False)
class BoolOp(Expr):
    op: str      # and, or
    values: ListOf[Expr]


@dataclass(eq=False)
class Compare(Expr):
    left: Expr
    ops: ListOf[str]   # < > == != <= >= in, not in, is, is not
    comparators: ListOf[Expr]


@dataclass(eq=False)
class Keyword(Node):
    arg: Optional[str]   # None for **kwargs
    value: Expr


@dataclass(eq=False)
class Starred(Expr):
    value: Expr


@dataclass(eq=False)
class Call(Expr):
    func: Expr
    args: ListOf[Expr]           # may contain Starred
    keywords: ListOf[Keyword]


@dataclass(eq=False)
class Attribute(Expr):
    value: Expr
    attr: str


@dataclass(eq=False)
class Slice(Expr):
    lower: Optional[Expr]
    upper: Optional[Expr]
    step: Optional[Expr]


@dataclass(eq=False)
class Subscript(Expr):
    value: Expr
    index: Expr   # an Expr, a Slice, or a Tuple for a[i, j]


@dataclass(eq=False)
class IfExp(Expr):
    test: Expr
    body: Expr
    orelse: Expr


@dataclass(eq=False)
class Await(Expr):
    value: Expr


@dataclass(eq=False)
class Yield(Expr):
    value: Optional[Expr]


@dataclass(eq=False)
class YieldFrom(Expr):
    value: Expr


@dataclass(eq=False)
class Tuple(Expr):
    elts: ListOf[Expr]


@dataclass(eq=False)
class List(Expr):
    elts: ListOf[Expr]


@dataclass(eq=False)
class Set(Expr):
    elts: ListOf[Expr]


@dataclass(eq=False)
class Dict(Expr):
    keys: ListOf[Optional[Expr]]   # None key means **mapping
    values: ListOf[Expr]


@dataclass(eq=False)
class Comprehension(Node):
    target: Expr
    iter: Expr
    ifs: ListOf[Expr]
    is_async: bool = False


@dataclass(eq=False)
class ListComp(Expr):
    elt: Expr
    generators: ListOf[Comprehension]


@dataclass(eq=False)
class SetComp(Expr):
    elt: Expr
    generators: ListOf[Comprehension]


@dataclass(eq=False)
class SetItems(Expr):
    """Made by sema: a set's items as a list, in CPython's iteration order
    (the iterable of a for loop, comprehension or builtin over a set)."""
    value: Expr


@dataclass(eq=False)
class GeneratorExp(Expr):
    elt: Expr
    generators: ListOf[Comprehension]


@dataclass(eq=False)
class DictComp(Expr):
    key: Expr
    value: Expr
    generators: ListOf[Comprehension]


@dataclass(eq=False)
class Param(Node):
    name: str
    default: Optional[Expr] = None
    annotation: Optional[Expr] = None
    kind: str = "normal"   # normal, vararg (*args), kwonly, kwarg (**kw)


@dataclass(eq=False)
class Lambda(Expr):
    params: ListOf[Param]
    body: Expr


# ----------------------------------------------------------------- statements
@dataclass(eq=False)
class Stmt(Node):
    pass


@dataclass(eq=False)
class Alias(Node):
    name: str                 # dotted name for `import a.b`
    asname: Optional[str]


@dataclass(eq=False)
class Import(Stmt):
    names: ListOf[Alias]


@dataclass(eq=False)
class ImportFrom(Stmt):
    module: str               # '' with level > 0 for `from . import x`
    names: ListOf[Alias]        # a single Alias('*') for `import *`
    level: int = 0


@dataclass(eq=False)
class FunctionDef(Stmt):
    name: str
    params: ListOf[Param]
    body: ListOf[Stmt]
    is_async: bool = False
    decorators: ListOf[Expr] = field(default_factory=list)
    returns: Optional[Expr] = None


@dataclass(eq=False)
class ClassDef(Stmt):
    name: str
    bases: ListOf[Expr]
    keywords: ListOf[Keyword]
    body: ListOf[Stmt]
    decorators: ListOf[Expr] = field(default_factory=list)


@dataclass(eq=False)
class Return(Stmt):
    value: Optional[Expr]


@dataclass(eq=False)
class Assign(Stmt):
    targets: ListOf[Expr]   # `a = b = v` has two targets
    value: Expr


@dataclass(eq=False)
class AugAssign(Stmt):
    target: Expr
    op: str               # the binary operator without '='
    value: Expr


@dataclass(eq=False)
class AnnAssign(Stmt):
    target: Expr
    annotation: Expr
    value: Optional[Expr]


@dataclass(eq=False)
class ExprStmt(Stmt):
    value: Expr


@dataclass(eq=False)
class If(Stmt):
    test: Expr
    body: ListOf[Stmt]
    orelse: ListOf[Stmt]    # `elif` is a nested If here


@dataclass(eq=False)
class While(Stmt):
    test: Expr
    body: ListOf[Stmt]
    orelse: ListOf[Stmt]


@dataclass(eq=False)
class For(Stmt):
    target: Expr
    iter: Expr
    body: ListOf[Stmt]
    orelse: ListOf[Stmt]
    is_async: bool = False


@dataclass(eq=False)
class Break(Stmt):
    pass


@dataclass(eq=False)
class Continue(Stmt):
    pass


@dataclass(eq=False)
class Pass(Stmt):
    pass


@dataclass(eq=False)
class Global(Stmt):
    names: ListOf[str]


@dataclass(eq=False)
class Nonlocal(Stmt):
    names: ListOf[str]


@dataclass(eq=False)
class ExceptHandler(Node):
    type: Optional[Expr]
    name: Optional[str]
    body: ListOf[Stmt]


@dataclass(eq=False)
class Try(Stmt):
    body: ListOf[Stmt]
    handlers: ListOf[ExceptHandler]
    orelse: ListOf[Stmt]
    finalbody: ListOf[Stmt]


@dataclass(eq=False)
class Raise(Stmt):
    exc: Optional[Expr]
    cause: Optional[Expr]


@dataclass(eq=False)
class WithItem(Node):
    context_expr: Expr
    optional_vars: Optional[Expr]


@dataclass(eq=False)
class With(Stmt):
    items: ListOf[WithItem]
    body: ListOf[Stmt]
    is_async: bool = False


@dataclass(eq=False)
class Assert(Stmt):
    test: Expr
    msg: Optional[Expr]


@dataclass(eq=False)
class Delete(Stmt):
    targets: ListOf[Expr]


@dataclass(eq=False)
class Module(Node):
    path: str
    body: ListOf[Stmt]


def walk(node):
    """Yield node and every Node below it, in source order."""
    yield node
    for f in fields(node):
        value = getattr(node, f.name)
        if isinstance(value, Node) and value is not node:
            yield from walk(value)
        elif isinstance(value, list):
            for item in value:
                if isinstance(item, Node):
                    yield from walk(item)
