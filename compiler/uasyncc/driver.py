"""The pipeline, one stage after another: source -> AST -> typed program ->
state-machine IR -> C files."""
import os
import re
from dataclasses import dataclass

from . import emit, frontend, lower, sema
from .diagnostics import CompileError, Diagnostic, SourceFile, Span


@dataclass
class CompiledC:
    module: str
    files: dict          # file name -> C text
    program: object


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


def compile_to_c(path) -> CompiledC:
    source = read_source(path)
    try:
        prog = sema.analyse(source, lambda: frontend.parse(source), module_name(path))
        functions = [lower.lower_function(inst) for inst in prog.instances]
        module_ir = lower.lower_module(prog)
        shown = os.path.basename(path)
        c, h, main = emit.emit_module(prog, functions, module_ir, shown)
    except CompileError as e:
        for d in e.diagnostics:
            if not d.path:
                d.path = path
        raise
    name = prog.module_name
    return CompiledC(name, {f"{name}.c": c, f"{name}.h": h, "main.c": main}, prog)


def write_c(compiled, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    for fname, text in compiled.files.items():
        with open(os.path.join(out_dir, fname), "w") as f:
            f.write(text)
