"""Shared by the golden tests: the truth from CPython through the shims, and
the compiled program's output."""
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMPILER = os.path.join(ROOT, "compiler")
sys.path.insert(0, COMPILER)

from uasyncc import cli, driver  # noqa: E402

SANITIZE = ["-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer"]


def program_env(path):
    """`# env: NAME=VALUE` lines at the top of a program: set for both runs."""
    out = {}
    with open(path) as f:
        for line in f:
            m = re.match(r"# env: (\w+)=(.*)", line)
            if not line.startswith("#"):
                break
            if m:
                out[m.group(1)] = m.group(2).strip()
    return out


def program_arena(path):
    """`# arena: BYTES` at the top of a program: the object arena it is built
    with on the host and the Pyboard (programs that show reclamation), or None."""
    with open(path) as f:
        for line in f:
            if not line.startswith("#"):
                break
            m = re.match(r"# arena: (\d+)", line)
            if m:
                return int(m.group(1))
    return None


def env(extra=None):
    e = dict(os.environ)
    e.update(extra or {})
    e["PYTHONPATH"] = COMPILER + os.pathsep + e.get("PYTHONPATH", "")
    e["ASAN_OPTIONS"] = "detect_leaks=0"
    return e


class Expected:
    def __init__(self, stdout, status, stderr_has=None):
        self.stdout, self.status, self.stderr_has = stdout, status, stderr_has


def expected(path):
    """What the program must print: CPython's output, or for programs whose
    point is 32-bit overflow (CPython has none) the lines they state."""
    with open(path) as f:
        text = f.read()
    if text.startswith("# expect-overflow"):
        lines = [m.group(1) for m in re.finditer(r"^# expect: (.*)$", text, re.M)]
        status = int(re.search(r"^# expect-exit: (\d+)", text, re.M).group(1))
        stderr = re.search(r"^# expect-stderr: (.*)$", text, re.M)
        return Expected("".join(l + "\n" for l in lines), status, stderr and stderr.group(1))
    proc = subprocess.run([sys.executable, "-m", "uasyncc.cpython", path, "--virtual-time"],
                          capture_output=True, text=True, env=env(program_env(path)), timeout=60)
    return Expected(proc.stdout, proc.returncode)


def host_binary(path, sanitize=False, gc_stress=False):
    """gc_stress: the arena collects before every collectable allocation."""
    compiled = driver.compile_to_c(path)
    arena = program_arena(path)
    flags = [*(SANITIZE if sanitize else ()), *([f"-DUA_ARENA_SIZE={arena}"] if arena else []),
             *(["-DUA_GC_STRESS=1"] if gc_stress else [])]
    return cli.host_executable(compiled, flags)


def run_binary(exe, args=("--virtual-time",), timeout=60, extra_env=None):
    proc = subprocess.run([exe, *args], capture_output=True, text=True, env=env(extra_env), timeout=timeout)
    return proc.stdout, proc.returncode, proc.stderr


def programs(folder):
    d = os.path.join(ROOT, folder)
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".py"))
