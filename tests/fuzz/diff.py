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
  invalid     CPython itself failed oddly (status not 0, 1 or 3 = deadlock,
              or a timeout):
              the generator's fault, not the compiler's
  racy        CPython's output depends on the order of two timers that reach
              the same deadline from different instants (oracle.py): under
              plain asyncio that is wall-clock jitter, so no valid test

With qemu=True (run.py --qemu-sample) a program that matched on the host is
also built as Pyboard firmware (double-precision floats, like the golden
QEMU tests) and run under QEMU in virtual time; its stdout and exit status
must be CPython's too (a difference is "diverged", with "pyboard:" first in
the detail).
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


def run_cpython(path, reverse_ties=False, tie_file=None):
    """CPython through the shims in virtual time (oracle.py); tie_file
    collects racy timer ties, reverse_ties breaks them the other way."""
    e = env()
    if tie_file:
        e["UASYNCC_FUZZ_TIE_FILE"] = tie_file
    if reverse_ties:
        e["UASYNCC_FUZZ_TIES"] = "reverse"
    try:
        p = subprocess.run([sys.executable, os.path.join(HERE, "oracle.py"), path],
                           capture_output=True, text=True, env=e, timeout=CPYTHON_TIMEOUT)
    except subprocess.TimeoutExpired:
        return None, None, "timeout"
    return p.stdout, p.returncode, p.stderr


def racy_ties(path, want_out, want_status):
    """None, or why the program's CPython output depends on timer jitter."""
    tie_file = path + ".ties"
    with open(tie_file, "w"):
        pass
    try:
        run_cpython(path, tie_file=tie_file)
        with open(tie_file) as f:
            ties = f.read()
    finally:
        os.remove(tie_file)
    if not ties:
        return None
    out, status, _ = run_cpython(path, reverse_ties=True)
    if (out, status) == (want_out, want_status):
        return None
    return (ties.splitlines()[0] + "; reversed, stdout differs at "
            + (first_difference(want_out, out or "").replace("compiled", "reversed") if out != want_out
               else f"status {status}"))


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


def run_file(path, sanitize=False, source=None, qemu=False):
    if source is None:
        with open(path, encoding="utf-8", errors="replace") as f:
            source = f.read()
    want_out, want_status, want_err = run_cpython(path)
    if want_status is None or want_status not in (0, 1, 3):   # 3: deadlock (reported alike)
        return Result("invalid", source, f"CPython status {want_status}: {(want_err or '')[-500:]}")
    racy = racy_ties(path, want_out, want_status)
    if racy:
        return Result("racy", source, racy, want_out, want_status)
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
    if qemu and r.verdict == "ok":
        r.extra["qemu"] = True
        run_pyboard(path, r)
    return r


# Firmware for fuzzed programs: a bigger object arena than the board's
# default 8 KB (generated programs start many tasks at once; an arena that
# is too small is a property of the board, not a miscompile).
PYBOARD_ARENA = 48 * 1024
QEMU_TIMEOUT = 120


def _forget_old_firmware(age_s=600):
    """Remove firmware builds older than age_s from the fuzz cache. Not the
    one just run: another worker may be about to run the same program (the
    first, simplest example of each Hypothesis round is often the same)."""
    import glob
    import shutil
    import time
    for d in glob.glob(os.path.join(toolchain.cache_dir(), "pyboard-fw-*")):
        try:
            if time.time() - os.path.getmtime(d) > age_s:
                shutil.rmtree(d, ignore_errors=True)
        except OSError:
            pass


def run_pyboard(path, r):
    """Build path as Pyboard firmware and run it under QEMU in virtual
    time; r (a host-ok Result) becomes a crash or a divergence when the
    firmware fails or prints differently from CPython."""
    from uasyncc import pyboard, qemu as qemu_mod
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            compiled = driver.compile_to_c(path)
            elf = pyboard.cached_firmware(compiled, qemu=True, float_mode="double", arena_size=PYBOARD_ARENA)
    except (toolchain.ToolchainError, pyboard.DoesNotFit) as e:
        r.verdict, r.detail = "crash", f"pyboard: firmware does not build: {str(e)[-3000:]}"
        return
    status, out, ferr = qemu_mod.run_firmware_split(elf, QEMU_TIMEOUT, ["--virtual-time"])
    _forget_old_firmware()
    out = out.decode("utf-8", errors="backslashreplace")
    ferr = ferr.decode("utf-8", errors="backslashreplace")
    if status == qemu_mod.TIMEOUT_STATUS or status >= 128 or "FATAL" in ferr:
        r.verdict, r.detail = "crash", f"pyboard: firmware status {status}; stderr: {ferr[-1500:]}"
    elif out != r.want_out:
        r.verdict = "diverged"
        r.detail = "pyboard: stdout differs at " + first_difference(r.want_out, out)
        if status != r.want_status:
            r.detail += f"; exit status CPython {r.want_status}, firmware {status}; stderr: {ferr[-300:]}"
    elif status != r.want_status:
        r.verdict = "diverged"
        r.detail = f"pyboard: exit status CPython {r.want_status}, firmware {status}; stderr: {ferr[-300:]}"
    r.got_out, r.got_status, r.got_err = out, status, ferr


def run_source(text, sanitize=False, workdir=None, qemu=False):
    """Write text to a fresh prog.py and compare both ways."""
    d = tempfile.mkdtemp(prefix="uafuzz-", dir=workdir)
    path = os.path.join(d, "prog.py")
    with open(path, "w") as f:
        f.write(text)
    try:
        return run_file(path, sanitize, text, qemu)
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
    ap.add_argument("--qemu", action="store_true", help="also run it as Pyboard firmware under QEMU")
    a = ap.parse_args(argv)
    r = run_file(a.program, a.sanitize, qemu=a.qemu)
    print(r.summary())
    if r.verdict == "diverged":
        sys.stdout.write("--- CPython\n" + r.want_out + "--- compiled\n" + r.got_out)
    return 1 if r.bad else 0


if __name__ == "__main__":
    sys.exit(main())
