"""The command line: uasyncc run | build | emit | check."""
import argparse
import os
import subprocess
import sys
import tempfile
import traceback

from . import driver, toolchain
from .diagnostics import CompileError


def print_diagnostics(err):
    for d in err.diagnostics:
        lines = None
        try:
            with open(d.path, encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()
        except OSError:
            pass
        sys.stderr.write(d.render(lines) + "\n")


def host_executable(compiled, extra_cflags=()):
    """Build (or reuse) the host executable for compiled C."""
    key = toolchain.cache_key(compiled.files, [*toolchain.HOST_CFLAGS, *extra_cflags])
    out = os.path.join(toolchain.cache_dir(), key)
    exe = os.path.join(out, compiled.module)
    if not os.path.exists(exe):
        tmp = tempfile.mkdtemp(dir=toolchain.cache_dir())
        driver.write_c(compiled, tmp)
        toolchain.build_host(tmp, os.path.join(tmp, compiled.module), extra_cflags)
        try:
            os.rename(tmp, out)
        except OSError:
            pass   # another process built it at the same time
    return exe


def cmd_check(args):
    driver.compile_to_c(args.app)
    return 0


def cmd_emit(args):
    compiled = driver.compile_to_c(args.app)
    if args.output:
        driver.write_c(compiled, args.output)
    else:
        for name, text in compiled.files.items():
            sys.stdout.write(f"/* ==== {name} ==== */\n{text}\n")
    return 0


def host_cflags(args):
    return [] if args.traceback else [toolchain.NO_TRACEBACK_CFLAG]


def cmd_build(args):
    compiled = driver.compile_to_c(args.app)
    out = args.output or os.path.join("build", compiled.module)
    if args.target == "host":
        driver.write_c(compiled, out)
        exe = toolchain.build_host(out, os.path.join(out, compiled.module), host_cflags(args))
        sys.stderr.write(f"uasyncc: built {exe}\n")
        return 0
    from . import pyboard
    return pyboard.build(compiled, out, report=True, float_mode=args.float or "single",
                         trace_leds=args.trace_leds, arena_size=args.arena, tracebacks=args.traceback)


def cmd_run(args):
    compiled = driver.compile_to_c(args.app)
    if args.target == "host":
        exe = host_executable(compiled, host_cflags(args))
        argv = [exe] + (["--virtual-time"] if args.virtual_time else []) \
            + (["--arena-report"] if args.arena_report else [])
        sys.stdout.flush()
        try:
            proc = subprocess.run(argv, timeout=args.timeout)
        except subprocess.TimeoutExpired:
            sys.stderr.write(f"uasyncc: program did not finish within {args.timeout} s (stopped)\n")
            return 124
        return proc.returncode if proc.returncode >= 0 else 128 - proc.returncode
    from . import pyboard
    return pyboard.run(compiled, timeout=args.timeout or 60, float_mode=args.float or "single",
                       trace_leds=args.trace_leds, virtual_time=args.virtual_time, arena_size=args.arena,
                       arena_report=args.arena_report, tracebacks=args.traceback)


def cmd_flash(args):
    compiled = driver.compile_to_c(args.app)
    out = args.output or os.path.join("build", compiled.module)
    from . import pyboard
    return pyboard.flash(compiled, out, dfu_util=args.dfu_util, float_mode=args.float or "single",
                         trace_leds=args.trace_leds, arena_size=args.arena, tracebacks=args.traceback)


def pyboard_only_options(args):
    """--float single and --trace-leds exist for the Pyboard only (the host
    build always uses double floats and has no LEDs): an error message, or
    None."""
    if getattr(args, "target", "pyboard") != "host":
        return None
    if getattr(args, "float", None) == "single":
        return "--float single is for --target pyboard only (the host build uses double precision)"
    if getattr(args, "trace_leds", False):
        return "--trace-leds is for --target pyboard only"
    if getattr(args, "arena", None) is not None:
        return "--arena is for --target pyboard only (the host arena is 1 MB)"
    return None


def main(argv=None):
    parser = argparse.ArgumentParser(prog="uasyncc", description="Compile uasyncio programs to C and firmware.")
    parser.add_argument("--debug", action="store_true", help="show internal tracebacks")
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("run", "build", "emit", "check", "flash"):
        p = sub.add_parser(name)
        p.add_argument("app")
        p.add_argument("--debug", action="store_true", default=argparse.SUPPRESS)
        if name in ("run", "build"):
            p.add_argument("--target", choices=["host", "pyboard"], default="host")
        if name in ("run", "build", "flash"):
            p.add_argument("--float", choices=["single", "double"], default=None,
                           help="float precision on the Pyboard (default single, as MicroPython there)")
            p.add_argument("--arena", type=int, metavar="BYTES", default=None,
                           help="the object arena's size on the Pyboard (default: all the RAM between .bss and the stack)")
            p.add_argument("--trace-leds", action="store_true",
                           help="Pyboard: print 'LED n on'/'LED n off' on the console for LED changes")
            p.add_argument("--no-traceback", dest="traceback", action="store_false",
                           help="an uncaught exception prints its type and message without the traceback "
                                "(about 0.5 KB less flash on the Pyboard)")
        if name in ("build", "emit", "flash"):
            p.add_argument("-o", "--output")
        if name == "flash":
            p.add_argument("--dfu-util", default="dfu-util", help="the dfu-util program to use")
        if name == "run":
            p.add_argument("--virtual-time", action="store_true")
            p.add_argument("--arena-report", action="store_true",
                           help="print the object arena's peak use on stderr at exit")
            p.add_argument("--timeout", type=float, default=None)
    args = parser.parse_args(argv)
    handler = {"run": cmd_run, "build": cmd_build, "emit": cmd_emit, "check": cmd_check,
               "flash": cmd_flash}[args.command]
    problem = pyboard_only_options(args)
    if problem:
        parser.error(problem)
    try:
        return handler(args)
    except CompileError as e:
        print_diagnostics(e)
        return 2
    except toolchain.ToolchainError as e:
        sys.stderr.write(f"uasyncc: {e}\n")
        if args.debug:
            traceback.print_exc()
        return 3
    except KeyboardInterrupt:
        return 130
    except Exception as e:  # the compiler's own bug: one line, traceback on request
        sys.stderr.write(f"uasyncc: internal compiler error: {type(e).__name__}: {e} (run with --debug for details)\n")
        if args.debug:
            traceback.print_exc()
        return 3


if __name__ == "__main__":
    sys.exit(main())
