"""Shared support for the uasyncc CPython shims (not a MicroPython module).

This module owns the clock that every shim reads (real by default, virtual
when the runner says so) and patches two stdlib modules in place so that
programs written for MicroPython run unchanged under CPython:

- ``time`` gains MicroPython's ``ticks_ms``, ``ticks_us``, ``ticks_cpu``,
  ``ticks_diff``, ``ticks_add``, ``sleep_ms`` and ``sleep_us``.  We patch
  the real module rather than shipping a ``time.py`` shim, because a
  ``time.py`` first on sys.path would shadow the stdlib for everyone.
  Under virtual time ``time.time``/``monotonic``/``perf_counter`` (and their
  ``_ns`` forms) and ``time.sleep`` follow the virtual clock too.
- ``asyncio`` gains ``sleep_ms``, ``wait_for_ms`` and ``ThreadSafeFlag``;
  every loop gains ``call_later_ms``; and ``asyncio.get_event_loop()`` works
  at module level before any loop exists, without a DeprecationWarning (it
  creates and sets a loop, as MicroPython's single global loop behaves).
- ``asyncio.run()`` cancels the tasks left at its end in the order they
  were created, as compiled programs do; CPython's own order is that of a
  set of tasks, which is not defined.

``install()`` is idempotent; every shim calls it on import.
"""

import asyncio
import asyncio.base_events
import asyncio.events
import asyncio.runners
import gc as _gc
import itertools
import sys
import threading
import time as _time
import weakref

TICKS_PERIOD = 1 << 30
TICKS_MAX = TICKS_PERIOD - 1
TICKS_HALFPERIOD = TICKS_PERIOD // 2

# The stdlib's own functions, saved before any patching.
_real = {
    "time": _time.time,
    "time_ns": _time.time_ns,
    "monotonic": _time.monotonic,
    "monotonic_ns": _time.monotonic_ns,
    "perf_counter": _time.perf_counter,
    "perf_counter_ns": _time.perf_counter_ns,
    "sleep": _time.sleep,
}


class RealClock:
    """Nanoseconds since this module was imported (MicroPython: since boot)."""

    virtual = False

    def __init__(self):
        self._t0 = _real["monotonic_ns"]()

    def now_ns(self):
        return _real["monotonic_ns"]() - self._t0

    def sleep_ns(self, ns):
        if ns > 0:
            _real["sleep"](ns / 1e9)


class VirtualClock:
    """A clock that only moves when told to: by a loop's idle wait, or by a
    synchronous sleep in the program.  Starts at 0."""

    virtual = True

    def __init__(self):
        self.ns = 0

    def now_ns(self):
        return self.ns

    def advance_ns(self, ns):
        if ns > 0:
            self.ns += int(ns)

    def advance_to_ns(self, ns):
        if ns > self.ns:
            self.ns = int(ns)

    def sleep_ns(self, ns):
        self.advance_ns(ns)


clock = RealClock()


def get_clock():
    return clock


# ---------------------------------------------------------------- time
def ticks_ms():
    return (clock.now_ns() // 1_000_000) & TICKS_MAX


def ticks_us():
    return (clock.now_ns() // 1_000) & TICKS_MAX


def ticks_cpu():
    """The finest clock there is: nanoseconds (virtual ones under
    --virtual-time, as the compiled ports)."""
    return clock.now_ns() & TICKS_MAX


def ticks_add(ticks, delta):
    return (ticks + delta) & TICKS_MAX


def ticks_diff(ticks1, ticks2):
    return ((ticks1 - ticks2 + TICKS_HALFPERIOD) & TICKS_MAX) - TICKS_HALFPERIOD


def _check_delay(value):
    if value < 0:
        raise ValueError("sleep length must be non-negative")


def sleep(seconds):
    _check_delay(seconds)
    clock.sleep_ns(round(seconds * 1e9))


def sleep_ms(ms):
    _check_delay(ms)
    clock.sleep_ns(round(ms * 1_000_000))


def sleep_us(us):
    _check_delay(us)
    clock.sleep_ns(round(us * 1_000))


def _v_time():
    return clock.now_ns() / 1e9


def _v_time_ns():
    return clock.now_ns()


_TIME_EXTRAS = {
    "ticks_ms": ticks_ms,
    "ticks_us": ticks_us,
    "ticks_cpu": ticks_cpu,
    "ticks_add": ticks_add,
    "ticks_diff": ticks_diff,
    "sleep_ms": sleep_ms,
    "sleep_us": sleep_us,
}

_TIME_VIRTUAL = {
    "time": _v_time,
    "time_ns": _v_time_ns,
    "monotonic": _v_time,
    "monotonic_ns": _v_time_ns,
    "perf_counter": _v_time,
    "perf_counter_ns": _v_time_ns,
    "sleep": sleep,
}


# ---------------------------------------------------------------- asyncio
async def sleep_ms_async(ms):
    """MicroPython's ``asyncio.sleep_ms(ms)``."""
    return await asyncio.sleep(ms / 1000)


async def wait_for_ms(aw, timeout_ms):
    """MicroPython's ``asyncio.wait_for_ms(aw, ms)``."""
    return await asyncio.wait_for(aw, None if timeout_ms is None else timeout_ms / 1000)


def _wake(fut):
    if not fut.done():
        fut.set_result(None)


class ThreadSafeFlag:
    """MicroPython's ThreadSafeFlag (minimal): one waiter; ``set()`` may be
    called from a callback, another thread, or (on the board) an ISR."""

    def __init__(self):
        self._flag = False
        self._waiter = None

    def set(self):
        self._flag = True
        w = self._waiter
        if w is None or w.done():
            return
        loop = w.get_loop()
        if asyncio.events._get_running_loop() is loop:
            w.set_result(None)
        else:
            loop.call_soon_threadsafe(_wake, w)

    def clear(self):
        self._flag = False

    def is_set(self):
        return self._flag

    async def wait(self):
        while not self._flag:
            if self._waiter is not None:
                raise RuntimeError("ThreadSafeFlag: only one task may wait")
            self._waiter = asyncio.get_running_loop().create_future()
            try:
                await self._waiter
            finally:
                self._waiter = None
        self._flag = False


def call_later_ms(self, ms, callback, *args, context=None):
    """Loop method: ``loop.call_later_ms(ms, cb, *args)`` (uasyncc extension,
    the millisecond form of call_later)."""
    return self.call_later(ms / 1000, callback, *args, context=context)


_creation = weakref.WeakKeyDictionary()   # task -> its number, in creation order
_next_number = itertools.count()


def _numbered_task(loop, coro, **kwargs):
    """The task factory of every loop: a Task, numbered."""
    task = asyncio.Task(coro, loop=loop, **kwargs)
    _creation[task] = next(_next_number)
    return task


def number_tasks(loop):
    """Make loop number the tasks it creates (every loop of the shims'
    policies does); return it."""
    loop.set_task_factory(_numbered_task)
    return loop


def _cancel_all_tasks(loop):
    """asyncio.run()'s shutdown, as CPython's: cancel the tasks left, run
    them until they finish, and report an exception one ends with; but in
    creation order."""
    left = sorted(asyncio.all_tasks(loop), key=lambda t: _creation.get(t, -1))
    if not left:
        return
    for task in left:
        task.cancel()
    loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
    for task in left:
        if not task.cancelled() and task.exception() is not None:
            loop.call_exception_handler({
                "message": "unhandled exception during asyncio.run() shutdown",
                "exception": task.exception(),
                "task": task,
            })


class _PolicyMixin:
    """get_event_loop() creates and sets a loop whenever none is set (in the
    main thread), also after asyncio.run() has cleared it, and silently.
    Its loops number their tasks (for _cancel_all_tasks)."""

    def new_event_loop(self):
        return number_tasks(super().new_event_loop())

    def get_event_loop(self):
        loop = self._local._loop
        if (loop is None or loop.is_closed()) and \
                threading.current_thread() is threading.main_thread():
            loop = self.new_event_loop()
            self.set_event_loop(loop)
        if loop is None:
            raise RuntimeError("There is no current event loop in thread %r."
                               % threading.current_thread().name)
        return loop


class RealTimePolicy(_PolicyMixin, asyncio.DefaultEventLoopPolicy):
    pass


def get_event_loop():
    """``asyncio.get_event_loop()``: the running loop, else the policy's
    current loop (created on first use)."""
    loop = asyncio.events._get_running_loop()
    if loop is not None:
        return loop
    return asyncio.get_event_loop_policy().get_event_loop()


_installed = False


# MicroPython's gc on top of CPython's: collect() returns None there, and
# mem_alloc()/mem_free() split a heap. Here they are stand-ins from this
# process (its allocated blocks, 16 B each, of a nominal 64 MB heap): a
# program can compare them, not print them.
_gc_collect = _gc.collect
_NOMINAL_HEAP = 64 * 1024 * 1024


def gc_collect():
    _gc_collect()


def gc_mem_alloc():
    return sys.getallocatedblocks() * 16


def gc_mem_free():
    return max(0, _NOMINAL_HEAP - gc_mem_alloc())


_GC_EXTRAS = {"collect": gc_collect, "mem_alloc": gc_mem_alloc, "mem_free": gc_mem_free}


def install(virtual_clock=None, policy=None):
    """Patch ``time``, ``gc`` and ``asyncio``.  With ``virtual_clock``, time follows
    that clock; ``policy`` (an event loop policy) replaces the default one."""
    global clock, _installed
    if virtual_clock is not None:
        clock = virtual_clock
        for name, fn in _TIME_VIRTUAL.items():
            setattr(_time, name, fn)
    for name, fn in _TIME_EXTRAS.items():
        setattr(_time, name, fn)
    for name, fn in _GC_EXTRAS.items():
        setattr(_gc, name, fn)
    asyncio.sleep_ms = sleep_ms_async
    asyncio.wait_for_ms = wait_for_ms
    if not hasattr(asyncio, "ThreadSafeFlag"):
        asyncio.ThreadSafeFlag = ThreadSafeFlag
    asyncio.base_events.BaseEventLoop.call_later_ms = call_later_ms
    asyncio.get_event_loop = get_event_loop
    asyncio.events.get_event_loop = get_event_loop
    asyncio.runners._cancel_all_tasks = _cancel_all_tasks
    if policy is not None:
        asyncio.set_event_loop_policy(policy)
    elif not _installed:
        current = asyncio.events._event_loop_policy
        if current is None or type(current) is asyncio.DefaultEventLoopPolicy:
            asyncio.set_event_loop_policy(RealTimePolicy())
    _installed = True
