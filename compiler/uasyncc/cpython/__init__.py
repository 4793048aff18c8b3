"""Run uasyncio-style programs under CPython asyncio: the project's truth.

- ``python -m uasyncc.cpython APP.py [--virtual-time]`` runs APP.py as
  ``__main__`` with the shims (``uasyncio``, ``utime``, ``micropython``,
  ``pyb``, ``machine``) first on sys.path.
- ``--virtual-time``: every asyncio loop runs on a virtual clock that jumps
  to the next timer deadline; deadlines are whole milliseconds and equal
  deadlines fire in insertion order (see vtime.py).

Modules: runner (CLI and run_program), vtime (virtual-time loop and policy),
shims/ (the stand-in modules plus _uasyncc_compat, which patches ``time`` and
``asyncio`` with MicroPython's extra functions).
"""

from .runner import SHIMS_DIR, main, run_program

__all__ = ["SHIMS_DIR", "main", "run_program"]
