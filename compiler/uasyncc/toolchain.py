"""Drives the C compilers: the host build (cc) and, through targets, the
Pyboard build. Compiler messages go to stderr; a failing C compile of
generated code is an internal error of ours, said so plainly."""
import glob
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile

from .paths import HOST_PORT, PYBOARD, RUNTIME_INCLUDE, RUNTIME_SRC

HOST_CFLAGS = ["-std=gnu11", "-O2", "-g", "-Wall", "-Wextra", "-Werror", "-Wno-unused-parameter"]
# `--no-traceback`: an uncaught exception prints its type and message only
# (runtime/include/ua_config.h, UA_TRACEBACKS), as MicroPython built with
# terse error reporting; the Pyboard firmware is about 0.5 KB smaller.
NO_TRACEBACK_CFLAG = "-DUA_TRACEBACKS=0"


class ToolchainError(Exception):
    pass


def runtime_sources():
    return sorted(glob.glob(os.path.join(RUNTIME_SRC, "*.c")))


def host_port_sources():
    return sorted(glob.glob(os.path.join(HOST_PORT, "*.c")))


def find_cc():
    for cc in (os.environ.get("CC"), "cc", "gcc", "clang"):
        if cc and shutil.which(cc):
            return cc
    raise ToolchainError("no C compiler found (install gcc)")


def build_host(c_dir, exe_path, extra_cflags=()):
    """Compile the generated C in c_dir and link it with the runtime."""
    cc = find_cc()
    lib = host_runtime_library(cc, extra_cflags)
    sources = sorted(glob.glob(os.path.join(c_dir, "*.c")))
    cmd = [cc, *HOST_CFLAGS, *extra_cflags, "-I", RUNTIME_INCLUDE, "-I", PYBOARD, "-I", c_dir, "-o", exe_path,
           *sources, lib, "-lm"]
    run_compiler(cmd)
    return exe_path


def host_runtime_library(cc, extra_cflags=()):
    """The runtime and the host port as a static library, built once per
    version of their sources and flags."""
    flags = [*HOST_CFLAGS, *extra_cflags]
    key = cache_key({}, [cc, *flags])
    lib_dir = os.path.join(cache_dir(), "runtime-" + key)
    lib = os.path.join(lib_dir, "libuasyncc.a")
    if os.path.exists(lib):
        return lib
    tmp = tempfile.mkdtemp(dir=cache_dir())
    objects = []
    for src in runtime_sources() + host_port_sources():
        obj = os.path.join(tmp, os.path.basename(src)[:-2] + ".o")
        run_compiler([cc, *flags, "-I", RUNTIME_INCLUDE, "-I", PYBOARD, "-c", "-o", obj, src])
        objects.append(obj)
    run_compiler(["ar", "rcs", os.path.join(tmp, "libuasyncc.a"), *objects])
    try:
        os.rename(tmp, lib_dir)
    except OSError:
        shutil.rmtree(tmp, ignore_errors=True)   # built by another process meanwhile
    return lib


def run_compiler(cmd):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        raise ToolchainError("C compilation failed:\n" + " ".join(cmd) + "\n" + proc.stdout)
    if proc.stdout.strip():
        sys.stderr.write(proc.stdout)


def cache_key(files, extra=()):
    """A hash of the generated C, the runtime's sources and the flags."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name].encode() + b"\0")
    headers = glob.glob(os.path.join(RUNTIME_INCLUDE, "*.h")) + [os.path.join(PYBOARD, "pyb.h")]
    for path in runtime_sources() + host_port_sources() + sorted(headers):
        with open(path, "rb") as f:
            h.update(path.encode() + f.read())
    for x in extra:
        h.update(str(x).encode())
    return h.hexdigest()[:20]


def cache_dir():
    base = os.environ.get("UASYNCC_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "uasyncc")
    os.makedirs(base, exist_ok=True)
    return base
