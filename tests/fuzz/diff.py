"""Differential testing: run one program under CPython (the truth, through
the shims, in virtual time) and as a compiled host binary, and compare
stdout and exit status.

    python3 tests/fuzz/diff.py PROG.py [--sanitize]     # one file, prints the verdict

Library use: `run_source(text)` / `run_file(path)` return a Result;
`save_regression(result, name, header)` writes the program under
tests/fuzz/regressions/ with a header comment saying what diverged.

Verdicts:
  ok          same stdout and exit status
  diverged    stdout or exit status differ (a miscompile or a runtime bug)
  rejected    the compiler refused a valid generated program (exit 2): a
              missing feature or a wrong diagnostic; reported, not a crash
  crash       internal compiler error (an exception escaping the compiler),
              the generated C does not compile, the binary died from a signal
              or a sanitizer report, or it timed out
  invalid     CPython itself failed oddly (status not 0/1, or a timeout):
              the generator's fault, not the compiler's
"""
import contextlib
import hashlib
import io
import os
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass, field

HERE = os.path.dirname(os.path.abspath(__file__))
# The tree whose compiler, shims and runtime are tested: this checkout, or
# UASYNCC_TREE (e.g. a `git archive HEAD` snapshot, so a long campaign is not
# disturbed by edits in progress in the working tree).
ROOT = os.environ.get("UASYNCC_TREE") or os.path.dirname(os.path.dirname(HERE))
COMPILER = os.path.join(ROOT, "compiler")
if COMPILER not in sys.path:
    sys.path.insert(0, COMPILER)
REGRESSIONS = os.path.join(HERE, "regressions")

# Binaries of fuzzed programs go to a cache of their own (the runtime
# library is built there once per flag set); each program's directory is
# removed after its run so a long campaign does not fill the disk.
os.environ.setdefault("UASYNCC_CACHE", os.path.join(os.path.expanduser("~"), ".cache", "uasyncc-fuzz"))

from uasyncc import cli, driver, toolchain  # noqa: E402
from uasyncc.diagnostics import CompileError  # noqa: E402

SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer"]
CPYTHON_TIMEOUT = 60
BINARY_TIMEOUT = 30


def env():
    e = dict(os.environ)
    e["PYTHONPATH"] = COMPILER + os.pathsep + e.get("PYTHONPATH", "")
    e["ASAN_OPTIONS"] = "detect_leaks=0"
    e.pop("PYTHONHASHSEED", None)
    return e


@dataclass
class Result:
    verdict: str
    source: str
    detail: str = ""
    want_out: str = ""
    want_status: int = None
    got_out: str = ""
    got_status: int = None
    got_err: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def bad(self):
        return self.verdict in ("diverged", "crash")

    def summary(self):
        return f"{self.verdict}: {self.detail}"


def run_cpython(path):
    try:
        p = subprocess.run([sys.executable, "-m", "uasyncc.cpython", path, "--virtual-time"],
                           capture_output=True, text=True, env=env(), timeout=CPYTHON_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, None, "timeout"
    return p.stdout, p.returncode, p.stderr


def compile_host(path, sanitize=False):
    """(exe, None) or (None, (verdict, detail))."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            compiled = driver.compile_to_c(path)
    except CompileError as e:
        return None, ("rejected", "; ".join(f"{d.span.line}:{d.span.col}: {d.message}" for d in e.diagnostics))
    except RecursionError as e:
        return None, ("crash", f"internal compiler error: RecursionError: {e}")
    except Exception as e:  # noqa: BLE001 - any escape is a compiler bug
        tb = traceback.format_exc(limit=-4)
        return None, ("crash", f"internal compiler error: {type(e).__name__}: {e}\n{tb}")
    try:
        with contextlib.redirect_stderr(err):
            exe = cli.host_executable(compiled, SANITIZE if sanitize else ())
    except toolchain.ToolchainError as e:
        return None, ("crash", f"generated C does not compile: {str(e)[-3000:]}")
    return exe, None


def _forget(exe):
    """Remove a program's build directory from the fuzz cache."""
    import shutil
    d = os.path.dirname(exe)
    if os.path.dirname(d) == toolchain.cache_dir() and not os.path.basename(d).startswith("runtime-"):
        shutil.rmtree(d, ignore_errors=True)


def first_difference(a, b):
    al, bl = a.splitlines(), b.splitlines()
    for i, (x, y) in enumerate(zip(al, bl)):
        if x != y:
            return f"line {i + 1}: CPython {x!r}, compiled {y!r}"
    if len(al) != len(bl):
        i = min(len(al), len(bl))
        return (f"line {i + 1}: CPython {al[i] if i < len(al) else '<end>'!r}, "
                f"compiled {bl[i] if i < len(bl) else '<end>'!r}")
    return "trailing newline / whitespace"


def run_file(path, sanitize=False, source=None):
    if source is None:
        with open(path, encoding="utf-8", errors="replace") as f:
            source = f.read()
    want_out, want_status, want_err = run_cpython(path)
    if want_status is None or want_status not in (0, 1):
        return Result("invalid", source, f"CPython status {want_status}: {(want_err or '')[-500:]}")
    exe, failure = compile_host(path, sanitize)
    if failure:
        return Result(failure[0], source, failure[1], want_out, want_status)
    try:
        p = subprocess.run([exe, "--virtual-time"], capture_output=True, env=env(), timeout=BINARY_TIMEOUT)
        got_out = p.stdout.decode("utf-8", errors="backslashreplace")
        got_err = p.stderr.decode("utf-8", errors="backslashreplace")
        got_status = p.returncode
    except subprocess.TimeoutExpired:
        return Result("crash", source, f"compiled binary timed out after {BINARY_TIMEOUT} s", want_out, want_status)
    finally:
        _forget(exe)
    r = Result("ok", source, "", want_out, want_status, got_out, got_status, got_err)
    if got_status < 0 or "AddressSanitizer" in got_err or "runtime error:" in got_err:
        r.verdict = "crash"
        r.detail = f"compiled binary: status {got_status}; stderr: {got_err[-1500:]}"
    elif got_out != want_out:
        r.verdict = "diverged"
        r.detail = "stdout differs at " + first_difference(want_out, got_out)
        if got_status != want_status:
            r.detail += f"; exit status CPython {want_status}, compiled {got_status}"
    elif got_status != want_status:
        r.verdict = "diverged"
        r.detail = f"exit status CPython {want_status}, compiled {got_status}; stderr: {got_err[-300:]}"
    return r


def run_source(text, sanitize=False, workdir=None):
    """Write text to a fresh prog.py and compare both ways."""
    d = tempfile.mkdtemp(prefix="uafuzz-", dir=workdir)
    path = os.path.join(d, "prog.py")
    with open(path, "w") as f:
        f.write(text)
    try:
        return run_file(path, sanitize, text)
    finally:
        with contextlib.suppress(OSError):
            os.remove(path)
            os.rmdir(d)


def save_regression(result, header_lines, name=None):
    """Save the program as tests/fuzz/regressions/NAME.py with a comment
    header; returns the path. Header lines are plain comments, so
    tests/golden.py treats the file like any golden program."""
    os.makedirs(REGRESSIONS, exist_ok=True)
    digest = hashlib.sha1(result.source.encode()).hexdigest()[:10]
    name = name or f"{result.verdict}_{digest}"
    path = os.path.join(REGRESSIONS, name + ".py")
    lines = ["# fuzz regression (tests/fuzz): " + result.verdict]
    for h in header_lines:
        lines += ["# " + x for x in str(h).splitlines()]
    for x in result.detail.splitlines()[:12]:
        lines.append("# " + x)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n" + result.source)
    return path


def main(argv=None):
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("program")
    ap.add_argument("--sanitize", action="store_true")
    a = ap.parse_args(argv)
    r = run_file(a.program, a.sanitize)
    print(r.summary())
    if r.verdict == "diverged":
        sys.stdout.write("--- CPython\n" + r.want_out + "--- compiled\n" + r.got_out)
    return 1 if r.bad else 0


if __name__ == "__main__":
    sys.exit(main())
