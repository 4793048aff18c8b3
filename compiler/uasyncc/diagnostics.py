"""Diagnostics as values: every stage reports `file:line:col: error: message`."""
from dataclasses import dataclass, field
from typing import List, Optional


@dataclass(frozen=True)
class Span:
    """A source range; lines and columns are 1-based, end is exclusive."""
    line: int
    col: int
    end_line: int = 0
    end_col: int = 0


@dataclass
class Diagnostic:
    path: str
    span: Span
    message: str
    severity: str = "error"
    notes: List["Diagnostic"] = field(default_factory=list)

    def render(self, source_lines: Optional[List[str]] = None) -> str:
        text = f"{self.path}:{self.span.line}:{self.span.col}: {self.severity}: {self.message}"
        if source_lines is not None and 1 <= self.span.line <= len(source_lines):
            src = source_lines[self.span.line - 1].rstrip("\n").expandtabs(1)
            width = 1
            if self.span.end_line == self.span.line and self.span.end_col > self.span.col:
                width = self.span.end_col - self.span.col
            text += "\n" + src + "\n" + " " * (self.span.col - 1) + "^" + "~" * (width - 1)
        for note in self.notes:
            text += "\n" + note.render(source_lines)
        return text


class CompileError(Exception):
    """Raised by a stage to stop compilation; carries one or more diagnostics."""

    def __init__(self, diagnostics: List[Diagnostic]):
        super().__init__("\n".join(d.message for d in diagnostics))
        self.diagnostics = diagnostics


class SourceFile:
    def __init__(self, path: str, text: str):
        self.path = path
        # CPython reads source with universal newlines: "\r\n" and a lone
        # "\r" end a line (also inside comments and string literals)
        self.text = text.replace("\r\n", "\n").replace("\r", "\n")
        self.lines = self.text.splitlines()

    def error(self, span: Span, message: str, notes=()) -> CompileError:
        return CompileError([Diagnostic(self.path, span, message, notes=list(notes))])

    def note(self, span: Span, message: str) -> Diagnostic:
        return Diagnostic(self.path, span, message, severity="note")
