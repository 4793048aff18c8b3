"""Frontend: Python source text -> astnodes.Module.

The grammar lives in grammar/python.lark. The parser is lark LALR(1) with a
basic lexer, a postlexer (PyIndenter, a lark Indenter) that produces
_INDENT/_DEDENT and checks brackets, and an *inline* transformer (ToAst): lark
calls it at every reduction, so building the AST needs no recursion and deeply
nested input cannot overflow the Python stack.

f-strings are lexed as one STRING token; ToAst splits them and parses every
replacement field with the `fstring_expr` start rule, shifting positions so
that spans point into the real file.

Public API: parse(source) -> Module, parse_expression(source) -> Expr.
Every syntax error is raised as diagnostics.CompileError (built with
SourceFile.error) with a precise Span; no lark exception escapes.
"""
from __future__ import annotations

import keyword
import os
import re
import unicodedata
from typing import List, Optional

import lark
from lark import Token
from lark.exceptions import UnexpectedCharacters, UnexpectedInput, UnexpectedToken
from lark.indenter import Indenter

from . import astnodes as A
from .diagnostics import SourceFile, Span

__all__ = ["parse", "parse_expression"]

_GRAMMAR_PATH = os.path.join(os.path.dirname(__file__), "grammar", "python.lark")
_KEYWORDS = frozenset(keyword.kwlist)
_LAYOUT = frozenset(("_NEWLINE", "_INDENT", "_DEDENT", "$END"))
_OPEN = {"LPAR": "(", "LSQB": "[", "LBRACE": "{"}
_CLOSE = {"RPAR": "(", "RSQB": "[", "RBRACE": "{"}


class _Error(Exception):
    """Internal: a syntax error with an absolute position."""

    def __init__(self, message: str, line: int, col: int, end_line: int = 0, end_col: int = 0):
        super().__init__(message)
        self.message = message
        self.span = Span(line, col, end_line or line, end_col or col + 1)


class _Ctx:
    """Per-parse state shared with the inline transformer.

    (line, col) is the absolute position of the parsed text's first character:
    (1, 1) for a file, the field's position for an f-string replacement field.
    """

    def __init__(self, line: int = 1, col: int = 1, paren_level: int = 0):
        self.line = line
        self.col = col
        self.paren_level = paren_level

    def pos(self, line: int, col: int):
        if line == 1:
            return self.line, self.col + col - 1
        return self.line + line - 1, col


_ctx_stack: List[_Ctx] = [_Ctx()]


def _ctx() -> _Ctx:
    return _ctx_stack[-1]


# ------------------------------------------------------------------ postlexer
MAX_PAREN_DEPTH = 200
MAX_INDENT_DEPTH = 100


class PyIndenter(Indenter):
    """Python's layout rules on top of lark's Indenter interface.

    Emits _INDENT/_DEDENT after each logical line, drops _NEWLINE inside
    brackets, expands tabs to the next multiple of 8, and reports bracket
    mismatches and inconsistent dedents with positions. All state lives in
    the generator, so nested parses (f-string fields) are safe.
    """

    NL_type = "_NEWLINE"
    OPEN_PAREN_types = list(_OPEN)
    CLOSE_PAREN_types = list(_CLOSE)
    INDENT_type = "_INDENT"
    DEDENT_type = "_DEDENT"
    tab_len = 8

    def process(self, stream):
        return self._layout(stream, _ctx().paren_level)

    @staticmethod
    def _width(indent: str, tab: int = 8) -> int:
        w = 0
        for ch in indent:
            if ch == "\t":
                w = (w // tab + 1) * tab
            elif ch == "\f":
                w = 0
            else:
                w += 1
        return w

    def _layout(self, stream, paren_level):
        ctx = _ctx()
        brackets: List[Token] = []
        indents = [0]
        alts = [0]              # the same levels measured with tabs of 1
        last = None
        for tok in stream:
            t = tok.type
            if t == "_NEWLINE":
                if brackets or paren_level:
                    continue
                yield tok
                indent = tok.value.rsplit("\n", 1)[-1] if "\n" in tok.value else None
                if indent is None:      # a comment with no newline (end of text)
                    continue
                line = tok.end_line
                width = self._width(indent)
                # CPython's TabError: the comparison must agree with tabs of 8 and of 1
                alt = self._width(indent, 1)
                top_alt = alts[-1]
                if (width > indents[-1]) != (alt > top_alt) or (width == indents[-1]) != (alt == top_alt):
                    l, c = ctx.pos(line, 1)
                    raise _Error("inconsistent use of tabs and spaces in indentation", l, c)
                if width > indents[-1]:
                    alts.append(alt)
                    indents.append(width)
                    if len(indents) > MAX_INDENT_DEPTH:  # CPython's own limit
                        l, c = ctx.pos(line, 1)
                        raise _Error("too many levels of indentation", l, c)
                    yield Token("_INDENT", indent, tok.end_pos, line, 1, line, len(indent) + 1, tok.end_pos)
                elif width < indents[-1]:
                    while width < indents[-1]:
                        indents.pop()
                        alts.pop()
                        yield Token("_DEDENT", "", tok.end_pos, line, len(indent) + 1, line, len(indent) + 1, tok.end_pos)
                    if width != indents[-1]:
                        l, c = ctx.pos(line, 1)
                        raise _Error("unindent does not match any outer indentation level",
                                     l, c, l, c + max(len(indent), 1))
                continue
            if t in _OPEN:
                brackets.append(tok)
                if len(brackets) > MAX_PAREN_DEPTH:     # CPython's own limit
                    l, c = ctx.pos(tok.line, tok.column)
                    raise _Error("too many nested parentheses", l, c)
            elif t in _CLOSE:
                if not brackets:
                    l, c = ctx.pos(tok.line, tok.column)
                    raise _Error(f"unmatched '{tok.value}'", l, c)
                opener = brackets.pop()
                if _CLOSE[t] != opener.value:
                    l, c = ctx.pos(tok.line, tok.column)
                    ol, oc = ctx.pos(opener.line, opener.column)
                    where = f" on line {ol}" if ol != l else ""
                    raise _Error(f"closing parenthesis '{tok.value}' does not match "
                                 f"opening parenthesis '{opener.value}'{where}", l, c)
            last = tok
            yield tok
        if brackets:
            opener = brackets[-1]
            l, c = ctx.pos(opener.line, opener.column)
            raise _Error(f"'{opener.value}' was never closed", l, c)
        while len(indents) > 1:
            indents.pop()
            if last is not None:
                yield Token("_DEDENT", "", last.end_pos, last.end_line, last.end_column,
                            last.end_line, last.end_column, last.end_pos)
            else:
                yield Token("_DEDENT", "")


# -------------------------------------------------------------- span helpers
def _tok_start(tok: Token):
    return _ctx().pos(tok.line, tok.column)


def _tok_end(tok: Token):
    return _ctx().pos(tok.end_line, tok.end_column)


def _tok_span(tok: Token) -> Span:
    l, c = _tok_start(tok)
    el, ec = _tok_end(tok)
    return Span(l, c, el, ec)


def _outer(node: A.Node) -> Span:
    return getattr(node, "_paren_span", None) or node.span


def _first(items):
    for it in items:
        if isinstance(it, Token):
            if it.type not in _LAYOUT:
                return _tok_start(it)
        elif isinstance(it, A.Node):
            s = _outer(it)
            return s.line, s.col
        elif isinstance(it, list):
            p = _first(it)
            if p:
                return p
    return None


def _last(items):
    for it in reversed(items):
        if isinstance(it, Token):
            if it.type not in _LAYOUT:
                return _tok_end(it)
        elif isinstance(it, A.Node):
            s = _outer(it)
            return s.end_line, s.end_col
        elif isinstance(it, list):
            p = _last(it)
            if p:
                return p
    return None


def _span(items) -> Span:
    a = _first(items) or (1, 1)
    b = _last(items) or a
    return Span(a[0], a[1], b[0], b[1])


def _err_at(message: str, where) -> _Error:
    s = where if isinstance(where, Span) else (_tok_span(where) if isinstance(where, Token) else _outer(where))
    return _Error(message, s.line, s.col, s.end_line, s.end_col)


def _nodes(children):
    return [c for c in children if not isinstance(c, Token)]


def _toks(children):
    return [c for c in children if isinstance(c, Token) and c.type not in _LAYOUT]


def _has(children, value: str) -> bool:
    return any(isinstance(c, Token) and c.value == value and c.type != "STRING" for c in children)


# --------------------------------------------------------- literal decoding
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "\\": "\\", "'": "'", '"': '"', "a": "\a",
                   "b": "\b", "f": "\f", "v": "\v", "r": "\r", "\n": ""}
_OCT = "01234567"
_HEX = "0123456789abcdefABCDEF"


def _decode(text: str, is_bytes: bool, posfn):
    """Decode backslash escapes as Python does. posfn(i) -> (line, col)."""
    if "\\" not in text and not is_bytes:
        return text
    out = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch != "\\":
            if is_bytes and ord(ch) > 127:
                l, c = posfn(i)
                raise _Error("bytes can only contain ASCII literal characters", l, c)
            out.append(ch)
            i += 1
            continue
        nxt = text[i + 1] if i + 1 < n else ""
        if not nxt:
            out.append("\\")
            i += 1
        elif nxt in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[nxt])
            i += 2
        elif nxt in _OCT:
            j = i + 1
            while j < n and j < i + 4 and text[j] in _OCT:
                j += 1
            out.append(chr(int(text[i + 1:j], 8)))
            i = j
        elif nxt == "x" or (not is_bytes and nxt in "uU"):
            width = {"x": 2, "u": 4, "U": 8}[nxt]
            digits = text[i + 2:i + 2 + width]
            if len(digits) < width or any(d not in _HEX for d in digits):
                l, c = posfn(i)
                raise _Error(f"truncated \\{nxt}{'X' * width} escape", l, c, l, c + 2 + len(digits))
            code = int(digits, 16)
            if code > 0x10FFFF:
                l, c = posfn(i)
                raise _Error("illegal Unicode character", l, c, l, c + 2 + width)
            out.append(chr(code))
            i += 2 + width
        elif nxt == "N" and not is_bytes:
            m = re.compile(r"\{([^}]*)\}").match(text, i + 2)
            try:
                if not m:
                    raise KeyError
                out.append(unicodedata.lookup(m.group(1)))
            except KeyError:
                l, c = posfn(i)
                raise _Error("malformed \\N character escape", l, c, l, c + 2) from None
            i = m.end()
        else:   # unknown escape: kept verbatim, as Python does
            out.append("\\")
            i += 1
    s = "".join(out)
    return s


_STRING_RE = re.compile(r"([a-zA-Z]*)('''|\"\"\"|'|\")")


def _pos_in_token(tok: Token, index: int):
    """Absolute (line, col) of character `index` of a token's text."""
    text = tok.value
    nl = text.count("\n", 0, index)
    if nl == 0:
        return _ctx().pos(tok.line, tok.column + index)
    last = text.rfind("\n", 0, index)
    return _ctx().pos(tok.line + nl, index - last)


class _StrPiece:
    __slots__ = ("is_bytes", "parts")

    def __init__(self, is_bytes, parts):
        self.is_bytes = is_bytes
        self.parts = parts   # list of str / FormattedValue


def _string_piece(tok: Token) -> _StrPiece:
    m = _STRING_RE.match(tok.value)
    prefix, quote = m.group(1).lower(), m.group(2)
    start = m.end()
    body = tok.value[start:len(tok.value) - len(quote)]
    raw, is_bytes, is_f = "r" in prefix, "b" in prefix, "f" in prefix

    def posfn(i):
        return _pos_in_token(tok, start + i)

    if not is_f:
        value = body if raw else _decode(body, is_bytes, posfn)
        if is_bytes:
            if raw and any(ord(ch) > 127 for ch in body):
                l, c = _tok_start(tok)
                raise _Error("bytes can only contain ASCII literal characters", l, c)
            value = value.encode("latin-1")
        return _StrPiece(is_bytes, [value])
    return _StrPiece(False, _fstring_parts(tok, body, raw, posfn))


def _fstring_parts(tok: Token, body: str, raw: bool, posfn):
    parts: list = []
    lit: List[str] = []
    lit_start = 0

    def flush(end):
        if lit:
            text = "".join(lit)
            parts.append(text if raw else _decode(text, False, lambda k: posfn(lit_start + k)))
            lit.clear()

    i, n = 0, len(body)
    while i < n:
        ch = body[i]
        if ch == "{" and body.startswith("{{", i):
            lit.append("{")
            i += 2
        elif ch == "}" and body.startswith("}}", i):
            lit.append("}")
            i += 2
        elif ch == "}":
            l, c = posfn(i)
            raise _Error("f-string: single '}' is not allowed", l, c)
        elif ch == "{":
            flush(i)
            i = _fstring_field(body, i, posfn, parts)
            lit_start = i
        elif ch == "\\" and not raw and i + 1 < n:
            lit.append(body[i:i + 2])
            i += 2
        else:
            lit.append(ch)
            i += 1
    flush(n)
    return parts


def _fstring_field(body: str, i: int, posfn, parts) -> int:
    """Parse the replacement field starting at body[i] == '{'; return the
    index after its closing '}'."""
    n = len(body)
    open_l, open_c = posfn(i)
    j, depth, quote = i + 1, 0, None
    while j < n:
        c = body[j]
        if quote:
            if body.startswith(quote, j):
                j += len(quote)
                quote = None
            else:
                j += 1
            continue
        if c == "\\":
            l, cc = posfn(j)
            raise _Error("f-string expression part cannot include a backslash", l, cc)
        if c in "'\"":
            quote = c * 3 if body.startswith(c * 3, j) else c
            j += len(quote)
            continue
        if c == "#":
            l, cc = posfn(j)
            raise _Error("f-string expression part cannot include '#'", l, cc)
        if c in "([{":
            depth += 1
        elif c in ")]}":
            if depth == 0:
                if c == "}":
                    break
                l, cc = posfn(j)
                raise _Error(f"f-string: unmatched '{c}'", l, cc)
            depth -= 1
        elif depth == 0 and c == "!" and not body.startswith("!=", j):
            break
        elif depth == 0 and c == ":":
            break
        j += 1
    if j >= n:
        raise _Error("f-string: expecting '}'", open_l, open_c)
    expr_text = body[i + 1:j]
    if not expr_text.strip():
        l, c = posfn(j)
        raise _Error("f-string: empty expression not allowed", l, c)
    el, ec = posfn(i + 1)
    value = _parse_text(expr_text, "fstring_expr", _Ctx(el, ec, paren_level=1))
    conversion = None
    if body[j] == "!":
        conversion = body[j + 1:j + 2]
        if conversion not in ("r", "s", "a") or not conversion:
            l, c = posfn(j + 1)
            raise _Error("f-string: invalid conversion character: expected 's', 'r', or 'a'", l, c)
        j += 2
    spec = None
    if j < n and body[j] == ":":
        k = j + 1
        while k < n and body[k] != "}":
            if body[k] == "{":
                l, c = posfn(k)
                raise _Error("nested replacement fields in a format spec are not supported", l, c)
            k += 1
        spec = body[j + 1:k]
        j = k
    if j >= n or body[j] != "}":
        l, c = posfn(min(j, n - 1)) if n else (open_l, open_c)
        raise _Error("f-string: expecting '}'", l, c)
    cl, cc = posfn(j)
    parts.append(A.FormattedValue(Span(open_l, open_c, cl, cc + 1), value, conversion, spec))
    return j + 1


_NUM_KIND = {"x": "hexadecimal", "o": "octal", "b": "binary"}


def _number(tok: Token):
    text = tok.value
    low = text.lower()
    if low.endswith("j") and not low.startswith(("0x", "0o", "0b")):
        raise _err_at("imaginary (complex) literals are not supported", tok)
    if re.fullmatch(r"[0-9_]+", text) and len(text.replace("_", "")) > 4300:   # CPython's limit
        raise _err_at("integer literal exceeds the limit of 4300 digits", tok)
    try:
        return int(text, 0)
    except ValueError:
        pass
    if low.startswith(("0x", "0o", "0b")):
        raise _err_at(f"invalid {_NUM_KIND[low[1]]} literal", tok)
    if re.fullmatch(r"0[0-9_]*[0-9][0-9_]*", text) and not re.fullmatch(r"0[0_]*", text):
        raise _err_at("leading zeros in decimal integer literals are not permitted; "
                      "use an 0o prefix for octal integers", tok)
    if re.fullmatch(r"[0-9_.eE+-]+", text):
        try:
            return float(text)
        except ValueError:
            pass
    raise _err_at("invalid decimal literal", tok)


# ---------------------------------------------------------------- targets
_TARGET_NAMES = [
    (A.Call, "function call"), (A.Constant, "literal"), (A.JoinedStr, "f-string expression"),
    (A.BinOp, "expression"), (A.UnaryOp, "expression"), (A.BoolOp, "expression"),
    (A.Compare, "comparison"), (A.Lambda, "lambda"), (A.IfExp, "conditional expression"),
    (A.Await, "await expression"), (A.Yield, "yield expression"), (A.YieldFrom, "yield expression"),
    (A.Dict, "dict literal"), (A.Set, "set display"), (A.ListComp, "list comprehension"),
    (A.SetComp, "set comprehension"), (A.DictComp, "dict comprehension"),
    (A.GeneratorExp, "generator expression"),
]


def _check_target(node, verb="assign to", allow_star=True):
    if isinstance(node, (A.Name, A.Attribute, A.Subscript)):
        if isinstance(node, A.Name) and node.id == "__debug__":
            raise _err_at(f"cannot {verb} __debug__", node)
        return
    if isinstance(node, (A.Tuple, A.List)):
        if isinstance(node, A.Tuple) and not node.elts and verb != "assign to":
            raise _err_at(f"cannot {verb} ()", node)
        stars = [e for e in node.elts if isinstance(e, A.Starred)]
        if len(stars) > 1:
            raise _err_at("multiple starred expressions in assignment", stars[1])
        for e in node.elts:
            _check_target(e, verb, allow_star)
        return
    if isinstance(node, A.Starred):
        if not allow_star:
            raise _err_at(f"cannot {verb} starred", node)
        _check_target(node.value, verb, allow_star)
        return
    what = "expression"
    for cls, name in _TARGET_NAMES:
        if isinstance(node, cls):
            what = name
            break
    if isinstance(node, A.Constant) and node.value is None:
        what = "None"
    elif isinstance(node, A.Constant) and isinstance(node.value, bool):
        what = str(node.value)
    elif isinstance(node, A.Constant) and node.value is Ellipsis:
        what = "ellipsis"
    raise _err_at(f"cannot {verb} {what}", node)


def _check_params(params: List[A.Param]):
    seen = set()
    have_default = False
    have_star = False
    have_kwarg = False
    for p in params:
        if have_kwarg:
            raise _err_at("arguments cannot follow var-keyword argument", p)
        if p.name and p.name in seen:
            raise _err_at(f"duplicate argument '{p.name}' in function definition", p)
        if p.name:
            seen.add(p.name)
        if p.kind == "vararg":
            if have_star:
                raise _err_at("* argument may appear only once", p)
            have_star = True
        elif p.kind == "kwarg":
            have_kwarg = True
        elif have_star:
            p.kind = "kwonly"
        elif p.default is not None:
            have_default = True
        elif have_default:
            raise _err_at("non-default argument follows default argument", p)
    # A bare `*` only marks the following parameters keyword-only; it is not
    # a parameter itself, but it must be followed by one.
    for i, p in enumerate(params):
        if p.kind == "vararg" and p.name == "":
            if i + 1 >= len(params) or params[i + 1].kind != "kwonly":
                raise _err_at("named arguments must follow bare *", p)
    return [p for p in params if not (p.kind == "vararg" and p.name == "")]


# ----------------------------------------------------------- the transformer
class ToAst(lark.Transformer):
    """Inline transformer: one method per rule or alias in python.lark."""

    # ---- start rules
    def file_input(self, c):
        body = []
        for item in c:
            if isinstance(item, list):
                body.extend(item)
            elif isinstance(item, A.Stmt):
                body.append(item)
        return body

    def fstring_expr(self, c):
        return _nodes(c)[0]

    # ---- simple statements
    def simple_stmt(self, c):
        return [s for s in c if isinstance(s, A.Stmt)]

    def expr_stmt(self, c):
        return A.ExprStmt(_span(c), _nodes(c)[0])

    def assign_stmt(self, c):
        exprs = _nodes(c)
        for t in exprs[:-1]:
            if isinstance(t, (A.Yield, A.YieldFrom)):
                raise _err_at("assignment to yield expression not possible", t)
            _check_target(t)
        return A.Assign(_span(c), exprs[:-1], exprs[-1])

    def augassign_stmt(self, c):
        target, value = _nodes(c)
        if not isinstance(target, (A.Name, A.Attribute, A.Subscript)):
            kind = "tuple" if isinstance(target, A.Tuple) else "list" if isinstance(target, A.List) else None
            if kind:
                raise _err_at(f"'{kind}' is an illegal expression for augmented assignment", target)
            _check_target(target, "assign to", allow_star=False)
            raise _err_at("illegal expression for augmented assignment", target)
        op = next(t for t in c if isinstance(t, Token) and t.type == "AUGASSIGN")
        return A.AugAssign(_span(c), target, op.value[:-1], value)

    def annassign_stmt(self, c):
        n = _nodes(c)
        target, ann = n[0], n[1]
        value = n[2] if len(n) > 2 else None
        if isinstance(target, (A.Tuple, A.List)):
            raise _err_at("only single target (not tuple) can be annotated", target)
        _check_target(target, allow_star=False)
        return A.AnnAssign(_span(c), target, ann, value)

    def del_stmt(self, c):
        targets = _nodes(c)
        for t in targets:
            _check_target(t, "delete", allow_star=False)
        return A.Delete(_span(c), targets)

    def pass_stmt(self, c):
        return A.Pass(_span(c))

    def break_stmt(self, c):
        return A.Break(_span(c))

    def continue_stmt(self, c):
        return A.Continue(_span(c))

    def return_stmt(self, c):
        n = _nodes(c)
        return A.Return(_span(c), n[0] if n else None)

    def raise_stmt(self, c):
        n = _nodes(c)
        return A.Raise(_span(c), n[0] if n else None, n[1] if len(n) > 1 else None)

    def global_stmt(self, c):
        return A.Global(_span(c), [t.value for t in c if isinstance(t, Token) and t.type == "NAME"])

    def nonlocal_stmt(self, c):
        return A.Nonlocal(_span(c), [t.value for t in c if isinstance(t, Token) and t.type == "NAME"])

    def assert_stmt(self, c):
        n = _nodes(c)
        return A.Assert(_span(c), n[0], n[1] if len(n) > 1 else None)

    def dotted_name(self, c):
        return c   # list of tokens; consumers join

    def dotted_as_name(self, c):
        parts = c[0]
        names = [t for t in c[1:] if isinstance(t, Token) and t.type == "NAME"]
        dotted = "".join(t.value for t in parts)
        return A.Alias(_span(c), dotted, names[0].value if names else None)

    def import_name(self, c):
        return A.Import(_span(c), [a for a in c if isinstance(a, A.Alias)])

    def import_as_name(self, c):
        names = [t for t in c if isinstance(t, Token) and t.type == "NAME"]
        return A.Alias(_span(c), names[0].value, names[1].value if len(names) > 1 else None)

    def import_as_names(self, c):
        return [a for a in c if isinstance(a, A.Alias)]

    def import_star(self, c):
        return [A.Alias(_span(c), "*", None)]

    def import_from(self, c):
        level = 0
        module = ""
        names = []
        i = 1
        while i < len(c) and isinstance(c[i], Token) and c[i].value in (".", "..."):
            level += len(c[i].value)
            i += 1
        for item in c[i:]:
            if isinstance(item, list) and item and isinstance(item[0], Token):
                module = "".join(t.value for t in item)
            elif isinstance(item, list):
                names = item
        return A.ImportFrom(_span(c), module, names, level)

    # ---- compound statements
    def suite(self, c):
        body = []
        for item in c:
            if isinstance(item, list):
                body.extend(item)
            elif isinstance(item, A.Stmt):
                body.append(item)
        return body

    def if_stmt(self, c):
        # c: 'if' test ':' suite (elif_clause)* [else_clause]
        test, body = c[1], c[3]
        clauses = c[4:]
        orelse: list = []
        for clause in reversed(clauses):
            if clause[0] == "else":
                orelse = clause[1]
            else:
                _, tok, etest, ebody = clause
                end = _last([ebody, orelse]) or _last([etest])
                start = _tok_start(tok)
                orelse = [A.If(Span(start[0], start[1], end[0], end[1]), etest, ebody, orelse)]
        return A.If(_span(self._clause_items(c)), test, body, orelse)

    def elif_clause(self, c):
        return ("elif", c[0], c[1], c[3])

    def else_clause(self, c):
        return ("else", c[2])

    def finally_clause(self, c):
        return ("finally", c[2])

    @staticmethod
    def _clause_items(c):
        """Spans need the clause contents: flatten tuples to their parts."""
        out = []
        for item in c:
            if isinstance(item, tuple):
                out.extend(item[1:])
            else:
                out.append(item)
        return out

    def while_stmt(self, c):
        orelse = c[4][1] if len(c) > 4 else []
        return A.While(_span(self._clause_items(c)), c[1], c[3], orelse)

    def for_stmt(self, c):
        _check_target(c[1])
        orelse = c[6][1] if len(c) > 6 else []
        return A.For(_span(self._clause_items(c)), c[1], c[3], c[5], orelse)

    def except_clause(self, c):
        n = [x for x in c if not isinstance(x, Token)]
        body = n[-1]
        typ = n[0] if len(n) > 1 else None
        names = [t for t in c if isinstance(t, Token) and t.type == "NAME"]
        return A.ExceptHandler(_span(c), typ, names[0].value if names else None, body)

    def try_stmt(self, c):
        body = c[2]
        handlers = [h for h in c if isinstance(h, A.ExceptHandler)]
        orelse, final = [], []
        for item in c:
            if isinstance(item, tuple):
                if item[0] == "else":
                    orelse = item[1]
                else:
                    final = item[1]
        for h in handlers[:-1]:
            if h.type is None:
                raise _err_at("default 'except:' must be last", h)
        return A.Try(_span(self._clause_items(c)), body, handlers, orelse, final)

    def with_item(self, c):
        n = _nodes(c)
        if len(n) > 1:
            _check_target(n[1])
        return A.WithItem(_span(c), n[0], n[1] if len(n) > 1 else None)

    def with_stmt(self, c):
        items = [x for x in c if isinstance(x, A.WithItem)]
        return A.With(_span(c), items, c[-1])

    def async_stmt(self, c):
        node = c[1]
        node.is_async = True
        s = _span(c)
        node.span = Span(s.line, s.col, node.span.end_line, node.span.end_col)
        return node

    def decorator(self, c):
        return _nodes(c)[0]

    def decorated(self, c):
        node = c[-1]
        if not isinstance(node, (A.FunctionDef, A.ClassDef)):
            raise _err_at("invalid syntax: a decorator must be followed by def or class", node)
        node.decorators = [d for d in c[:-1] if isinstance(d, A.Expr)]
        return node

    def funcdef(self, c):
        name = c[1].value
        params = next((x for x in c if isinstance(x, list) and (not x or isinstance(x[0], A.Param))), [])
        returns = None
        for i, x in enumerate(c):
            if isinstance(x, Token) and x.value == "->":
                returns = c[i + 1]
        return A.FunctionDef(_span(c), name, _check_params(params), c[-1], False, [], returns)

    def parameters(self, c):
        return [p for p in c if isinstance(p, A.Param)]

    def lambda_params(self, c):
        return [p for p in c if isinstance(p, A.Param)]

    def param_plain(self, c):
        ann = default = None
        for i, x in enumerate(c):
            if isinstance(x, Token) and x.value == ":":
                ann = c[i + 1]
            elif isinstance(x, Token) and x.value == "=":
                default = c[i + 1]
        return A.Param(_span(c), c[0].value, default, ann, "normal")

    def param_star(self, c):
        ann = c[3] if len(c) > 3 else None
        name = c[1].value if len(c) > 1 else ""
        return A.Param(_span(c), name, None, ann, "vararg")

    def param_dstar(self, c):
        ann = c[3] if len(c) > 3 else None
        return A.Param(_span(c), c[1].value, None, ann, "kwarg")

    def classdef(self, c):
        args, kws = [], []
        for x in c:
            if isinstance(x, tuple) and x[0] == "args":
                args, kws = x[1], x[2]
        return A.ClassDef(_span(c), c[1].value, args, kws, c[-1], [])

    # ---- expressions
    def ifexp(self, c):
        body, test, orelse = _nodes(c)
        return A.IfExp(_span(c), test, body, orelse)

    def lambdef(self, c):
        params = next((x for x in c if isinstance(x, list)), [])
        return A.Lambda(_span(c), _check_params(params), c[-1])

    def boolop(self, c):
        op = next(t.value for t in c if isinstance(t, Token))
        return A.BoolOp(_span(c), op, _nodes(c))

    def unary(self, c):
        return A.UnaryOp(_span(c), c[0].value, c[1])

    def compare(self, c):
        left = c[0]
        ops, comps = [], []
        pending = []
        for x in c[1:]:
            if isinstance(x, Token):
                pending.append(x.value)
            else:
                ops.append(" ".join(pending))
                pending = []
                comps.append(x)
        return A.Compare(_span(c), left, ops, comps)

    def binop(self, c):
        return A.BinOp(_span(c), c[0], c[1].value, c[2])

    def await_expr(self, c):
        return A.Await(_span(c), c[1])

    def call(self, c):
        func = c[0]
        args, kws = [], []
        for x in c:
            if isinstance(x, tuple) and x[0] == "args":
                args, kws = x[1], x[2]
        return A.Call(_span(c), func, args, kws)

    def arguments(self, c):
        items = [x for x in c if not isinstance(x, Token)]
        args, kws = [], []
        seen_kw = seen_dstar = False
        for x in items:
            if isinstance(x, tuple):          # genexp argument
                if len(items) > 1:
                    raise _err_at("generator expression must be parenthesized", x[1])
                args.append(x[1])
            elif isinstance(x, A.Keyword):
                if x.arg is None:
                    seen_dstar = True
                else:
                    seen_kw = True
                    if any(k.arg == x.arg for k in kws):
                        raise _err_at(f"keyword argument repeated: {x.arg}", x)
                kws.append(x)
            elif isinstance(x, A.Starred):
                if seen_dstar:
                    raise _err_at("iterable argument unpacking follows keyword argument unpacking", x)
                args.append(x)
            else:
                if seen_dstar:
                    raise _err_at("positional argument follows keyword argument unpacking", x)
                if seen_kw:
                    raise _err_at("positional argument follows keyword argument", x)
                args.append(x)
        return ("args", args, kws)

    def argument(self, c):
        return c[0]

    def arg_genexp(self, c):
        elt, gens = c
        return ("genexp", A.GeneratorExp(_span(c), elt, gens))

    def arg_keyword(self, c):
        target, value = c[0], c[2]
        if not isinstance(target, A.Name) or getattr(target, "_paren_span", None):
            raise _err_at('expression cannot contain assignment, perhaps you meant "=="?', target)
        return A.Keyword(_span(c), target.id, value)

    def arg_star(self, c):
        return A.Starred(_span(c), c[1])

    def arg_dstar(self, c):
        return A.Keyword(_span(c), None, c[1])

    def subscript(self, c):
        index = c[2]
        return A.Subscript(_span(c), c[0], index)

    def subscriptlist(self, c):
        items = _nodes(c)
        if len(items) == 1 and not _has(c, ","):
            return items[0]
        return A.Tuple(_span(c), items)

    def slice(self, c):
        parts: List[Optional[A.Expr]] = [None, None, None]
        k = 0
        for x in c:
            if isinstance(x, Token):
                k += 1
            else:
                parts[k] = x
        return A.Slice(_span(c), *parts)

    def attribute(self, c):
        return A.Attribute(_span(c), c[0], c[2].value)

    def empty_tuple(self, c):
        return A.Tuple(_span(c), [])

    def paren(self, c):
        node = c[1]
        if isinstance(node, A.Starred):
            raise _err_at("cannot use starred expression here", node)
        node._paren_span = _span(c)
        return node

    def tuple(self, c):
        return A.Tuple(_span(c), _nodes(c))

    def genexp(self, c):
        return A.GeneratorExp(_span(c), c[1], c[2])

    def list(self, c):
        return A.List(_span(c), _nodes(c))

    def listcomp(self, c):
        return A.ListComp(_span(c), c[1], c[2])

    def dict(self, c):
        keys, values = [], []
        for item in _nodes(c):
            keys.append(item[0])
            values.append(item[1])
        return A.Dict(_span(c), keys, values)

    def dict_item(self, c):
        n = _nodes(c)
        return (n[0], n[1]) if len(n) == 2 else (None, n[0])

    def dictcomp(self, c):
        return A.DictComp(_span(c), c[1], c[3], c[4])

    def set(self, c):
        return A.Set(_span(c), _nodes(c))

    def setcomp(self, c):
        return A.SetComp(_span(c), c[1], c[2])

    def star_expr(self, c):
        return A.Starred(_span(c), c[1])

    def comp_for(self, c):
        return list(c)

    def comp_clause(self, c):
        is_async = c[0].value == "async"
        n = _nodes(c)
        target, it, ifs = n[0], n[1], n[2:]
        _check_target(target)
        return A.Comprehension(_span(c), target, it, ifs, is_async)

    def comp_if(self, c):
        return c[1]

    def yield_expr(self, c):
        return A.Yield(_span(c), c[1] if len(c) > 1 else None)

    def yield_from(self, c):
        return A.YieldFrom(_span(c), c[2])

    def name(self, c):
        return A.Name(_span(c), c[0].value)

    def number(self, c):
        return A.Constant(_span(c), _number(c[0]))

    def const(self, c):
        v = c[0].value
        value = {"None": None, "True": True, "False": False, "...": Ellipsis}[v]
        return A.Constant(_span(c), value)

    def strings(self, c):
        pieces = [_string_piece(t) for t in c]
        kinds = {p.is_bytes for p in pieces}
        if len(kinds) > 1:
            raise _err_at("cannot mix bytes and nonbytes literals", c[0])
        span = _span(c)
        if all(len(p.parts) == 1 and not isinstance(p.parts[0], A.FormattedValue) for p in pieces) \
                and not any(_is_fstring(t) for t in c):
            if pieces[0].is_bytes:
                return A.Constant(span, b"".join(p.parts[0] for p in pieces))
            return A.Constant(span, "".join(p.parts[0] for p in pieces))
        parts: list = []
        for p in pieces:
            for part in p.parts:
                if isinstance(part, str):
                    if not part:
                        continue
                    if parts and isinstance(parts[-1], str):
                        parts[-1] += part
                        continue
                parts.append(part)
        return A.JoinedStr(span, parts)


def _is_fstring(tok: Token) -> bool:
    m = _STRING_RE.match(tok.value)
    return "f" in m.group(1).lower()


# ------------------------------------------------------------------ driver
_parser: Optional[lark.Lark] = None


def _get_parser() -> lark.Lark:
    global _parser
    if _parser is None:
        with open(_GRAMMAR_PATH, encoding="utf-8") as f:
            grammar = f.read()
        _parser = lark.Lark(
            grammar,
            parser="lalr",
            lexer="basic",
            postlex=PyIndenter(),
            start=["file_input", "fstring_expr"],
            transformer=ToAst(),
            keep_all_tokens=True,
            maybe_placeholders=False,
            propagate_positions=False,   # spans are computed by ToAst itself
            # the LALR tables take ~0.7 s to build: lark keeps them in a
            # file in the temp dir, keyed by a hash of grammar and options
            cache=True,
        )
    return _parser


def _describe(tok: Token) -> str:
    if tok.type in ("NAME", "NUMBER", "STRING"):
        return "invalid syntax"
    v = tok.value
    return f"invalid syntax: unexpected '{v}'"


def _parse_text(text: str, start: str, ctx: _Ctx):
    """Parse `text` with start rule `start`; positions relative to ctx.
    Lark errors are converted to _Error with absolute positions."""
    parser = _get_parser()
    _ctx_stack.append(ctx)
    try:
        try:
            return parser.parse(text, start=start)
        except UnexpectedCharacters as e:
            raise _lex_error(text, e, ctx) from None
        except UnexpectedToken as e:
            raise _token_error(text, e, ctx, start) from None
        except UnexpectedInput as e:   # pragma: no cover - other lark errors
            l, c = ctx.pos(getattr(e, "line", 1) or 1, getattr(e, "column", 1) or 1)
            raise _Error("invalid syntax", l, c) from None
    finally:
        _ctx_stack.pop()


def _lex_error(text: str, e: UnexpectedCharacters, ctx: _Ctx) -> _Error:
    ch = text[e.pos_in_stream] if e.pos_in_stream < len(text) else ""
    line, col = e.line, e.column
    if ch in "'\"":
        # include a string prefix (r, b, f, ...) directly before the quote
        k = e.pos_in_stream
        while k > 0 and text[k - 1] in "rRbBfFuU" and e.pos_in_stream - k < 2:
            k -= 1
        if k < e.pos_in_stream and (k == 0 or not (text[k - 1].isalnum() or text[k - 1] == "_")):
            col -= e.pos_in_stream - k
        triple = text.startswith(ch * 3, e.pos_in_stream)
        if not triple and e.pos_in_stream >= 2 and text.startswith(ch * 3, e.pos_in_stream - 2):
            # `"""abc` lexes as the empty string "" followed by `"abc`
            triple = True
            col -= 2
        l, c = ctx.pos(line, col)
        if triple:
            return _Error("unterminated triple-quoted string literal", l, c)
        return _Error("unterminated string literal", l, c)
    l, c = ctx.pos(line, col)
    if ch == "\\":
        return _Error("unexpected character after line continuation character", l, c)
    if ch == "\0":
        return _Error("source code cannot contain null bytes", l, c)
    if ch.isprintable() and not ch.isspace():
        return _Error(f"invalid character '{ch}' (U+{ord(ch):04X})", l, c)
    return _Error(f"invalid non-printable character U+{ord(ch):04X}", l, c)


def _token_error(text: str, e: UnexpectedToken, ctx: _Ctx, start: str) -> _Error:
    tok = e.token
    expected = set(e.expected or ())
    at_eof = tok.type == "$END" or (
        tok.type == "_DEDENT" and tok.start_pos is not None and not text[tok.start_pos:].strip())
    if at_eof:
        if start == "fstring_expr":
            return _Error("f-string: invalid expression", ctx.line, ctx.col)
        lines = text.splitlines() or [""]
        n = len(lines)
        while n > 1 and not lines[n - 1].strip():
            n -= 1
        l, c = ctx.pos(n, len(lines[n - 1]) + 1)
        if "_INDENT" in expected:
            return _Error("expected an indented block", l, c)
        return _Error("unexpected end of file", l, c)
    l, c = ctx.pos(tok.line, tok.column)
    if tok.type == "_INDENT":
        return _Error("unexpected indent", l, c, l, c + max(len(tok.value), 1))
    if "_INDENT" in expected:
        return _Error("expected an indented block", l, c)
    if tok.type == "_DEDENT":
        return _Error("invalid syntax", l, c)
    if tok.type == "_NEWLINE":
        if start == "fstring_expr":
            return _Error("f-string: invalid expression", l, c)
        return _Error("invalid syntax", l, c)
    el, ec = ctx.pos(tok.end_line, tok.end_column)
    if tok.value in _KEYWORDS or tok.type not in ("NAME", "NUMBER", "STRING"):
        return _Error(_describe(tok), l, c, el, ec)
    return _Error("invalid syntax", l, c, el, ec)


def _first_line_indent_error(text: str) -> Optional[_Error]:
    """lark ignores whitespace before the first token; Python does not."""
    for i, line in enumerate(text.split("\n"), 1):
        stripped = line.lstrip(" \t\f")
        if not stripped.strip() or stripped.startswith("#"):
            continue
        if stripped != line:
            return _Error("unexpected indent", i, 1, i, len(line) - len(stripped) + 1)
        return None
    return None


def _run(source: SourceFile, text: str, start: str, ctx: _Ctx):
    try:
        try:
            return _parse_text(text, start, ctx)
        except RecursionError:
            raise _Error("too deeply nested", 1, 1) from None
    except _Error as e:
        raise source.error(e.span, e.message) from None


def _check_nul(source: SourceFile, text: str):
    nul = text.find("\0")
    if nul >= 0:
        line = text.count("\n", 0, nul) + 1
        col = nul - (text.rfind("\n", 0, nul) + 1) + 1
        raise source.error(Span(line, col, line, col + 1), "source code cannot contain null bytes")


def parse(source: SourceFile) -> A.Module:
    """Parse a whole file into a Module. Raises CompileError."""
    text = source.text
    _check_nul(source, text)
    if text.startswith("\ufeff"):
        text = text[1:]
    bad = _first_line_indent_error(text)
    if bad:
        raise source.error(bad.span, bad.message)
    if not text.endswith("\n"):
        text += "\n"
    body = _run(source, text, "file_input", _Ctx())
    lines = text.splitlines()
    end = Span(1, 1, max(len(lines), 1), len(lines[-1]) + 1 if lines else 1)
    return A.Module(end, source.path, body)


def parse_expression(source: SourceFile) -> A.Expr:
    """Parse one expression (newlines allowed, as inside brackets), e.g. a
    tuple `a, b` or `yield x`. Raises CompileError."""
    _check_nul(source, source.text)
    return _run(source, source.text, "fstring_expr", _Ctx(1, 1, paren_level=1))
