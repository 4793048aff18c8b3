"""Run a uasyncio-style program under CPython with the uasyncc shims.

``run_program(path, virtual_time=...)`` is what ``python -m uasyncc.cpython``
calls: it puts the shims folder first on sys.path (then the program's own
folder, as ``python APP.py`` would), patches ``time``, ``gc`` and ``asyncio`` (see
shims/_uasyncc_compat.py), optionally switches to virtual time (see
vtime.py), and runs the program as ``__main__`` with runpy.

Exit status: 0 on normal end; 1 with the traceback on stderr when an
exception escapes; the program's own status for SystemExit; 3 on a
virtual-time deadlock.
"""

import os
import runpy
import sys
import traceback

SHIMS_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "shims")

USAGE = "usage: python -m uasyncc.cpython APP.py [--virtual-time] [ARGS...]"


def setup(app_path, virtual_time=False):
    """Prepare this process for running app_path (sys.path, patches)."""
    app_dir = os.path.dirname(os.path.abspath(app_path))
    # Like `python APP.py`: sys.path[0] is the program's folder (not the cwd).
    rest = [p for p in sys.path[1:] if p not in (SHIMS_DIR, app_dir)]
    sys.path[:] = [SHIMS_DIR, app_dir] + rest
    for name in ("_uasyncc_compat", "uasyncio", "utime", "micropython", "pyb", "machine"):
        mod = sys.modules.get(name)
        if mod is not None and not getattr(mod, "__file__", "").startswith(SHIMS_DIR):
            del sys.modules[name]
    import _uasyncc_compat
    if virtual_time:
        from .vtime import install_virtual_time
        install_virtual_time()
    else:
        _uasyncc_compat.install()


def _print_traceback(exc, app_path):
    """Print exc like the interpreter would for `python APP.py`: the frames
    of this runner and runpy are dropped."""
    app = os.path.abspath(app_path)
    tb = exc.__traceback__
    t = tb
    while t is not None and os.path.abspath(t.tb_frame.f_code.co_filename) != app:
        t = t.tb_next
    if t is not None:
        tb = t
    traceback.print_exception(type(exc), exc, tb)


def run_program(app_path, virtual_time=False, argv=()):
    """Run app_path as __main__; return the exit status."""
    if not os.path.isfile(app_path):
        sys.stderr.write("uasyncc.cpython: can't open file %r\n" % app_path)
        return 2
    setup(app_path, virtual_time)
    sys.argv = [app_path] + list(argv)
    status = 0
    try:
        runpy.run_path(app_path, run_name="__main__")
    except SystemExit as e:
        code = e.code
        if code is None:
            status = 0
        elif isinstance(code, int):
            status = code
        else:
            sys.stderr.write("%s\n" % (code,))
            status = 1
    except KeyboardInterrupt as e:
        _print_traceback(e, app_path)
        status = 130
    except BaseException as e:  # noqa: B902 - report everything like python does
        try:
            sys.stdout.flush()
        except Exception:
            pass
        _print_traceback(e, app_path)
        status = 1
    try:
        sys.stdout.flush()
    except Exception:
        pass
    return status


def main(argv=None):
    args = list(sys.argv[1:] if argv is None else argv)
    virtual_time = False
    app = None
    rest = []
    for a in args:
        if app is None and a == "--virtual-time":
            virtual_time = True
        elif app is None and a in ("-h", "--help"):
            print(USAGE)
            return 0
        elif app is None and a.startswith("-"):
            sys.stderr.write("uasyncc.cpython: unknown option %s\n%s\n" % (a, USAGE))
            return 2
        elif app is None:
            app = a
        elif a == "--virtual-time" and not rest:
            virtual_time = True
        else:
            rest.append(a)
    if app is None:
        sys.stderr.write(USAGE + "\n")
        return 2
    return run_program(app, virtual_time=virtual_time, argv=rest)
