"""The pipeline, one stage after another: source -> AST -> typed program ->
state-machine IR -> C files."""
import os
import re
import sys
from dataclasses import dataclass, fields

from . import bounded, emit, frontend, lower, sema
from .astnodes import Node
from .diagnostics import CompileError, Diagnostic, SourceFile, Span


@dataclass
class CompiledC:
    module: str
    files: dict          # file name -> C text
    program: object
    collector: bool      # the arena's collector is linked (bounded.py)


def read_source(path):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise CompileError([Diagnostic(path, Span(1, 1), f"cannot read file: {e.strerror}")])
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[:e.start].count(b"\n") + 1
        col = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        raise CompileError([Diagnostic(path, Span(line, col), "source is not valid UTF-8")])
    return SourceFile(path, text)


def module_name(path):
    base = os.path.splitext(os.path.basename(path))[0]
    name = re.sub(r"\W", "_", base)
    if not name or name[0].isdigit():
        name = "m_" + name
    return name


MAX_DEPTH = 400   # AST nesting the recursive stages may go through (CPython: 99 blocks, 200 brackets)


def check_depth(source, tree):
    """Reject absurdly deep nesting with a diagnostic rather than let a
    recursive stage overflow the Python stack."""
    stack = [(tree, 0)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise source.error(node.span, f"too deeply nested: the limit is {MAX_DEPTH} levels")
        for f in fields(node):
            value = getattr(node, f.name)
            items = value if isinstance(value, list) else [value]
            stack.extend((v, depth + 1) for v in items if isinstance(v, Node))


def parse_checked(source):
    tree = frontend.parse(source)
    check_depth(source, tree)
    return tree


def compile_to_c(path) -> CompiledC:
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 20000))   # stages recurse per AST level
    source = read_source(path)
    try:
        prog = sema.analyse(source, lambda: parse_checked(source), module_name(path))
        collector = not bounded.allocation_is_bounded(prog)   # before lowering rewrites the bodies
        functions = [lower.lower_function(inst) for inst in prog.instances]
        module_ir = lower.lower_module(prog)
        shown = os.path.basename(path)
        c, h, main = emit.emit_module(prog, functions, module_ir, shown, collector)
    except CompileError as e:
        for d in e.diagnostics:
            if not d.path:
                d.path = path
        raise
    name = prog.module_name
    return CompiledC(name, {f"{name}.c": c, f"{name}.h": h, "main.c": main}, prog, collector)


def write_c(compiled, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for fname, text in compiled.files.items():
        with open(os.path.join(out_dir, fname), "w") as f:
            f.write(text)
