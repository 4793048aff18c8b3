"""CPython stand-in for MicroPython's ``uasyncio``: asyncio itself, plus
MicroPython's sleep_ms, wait_for_ms and ThreadSafeFlag, loop.call_later_ms,
and a get_event_loop() that works before any loop exists."""

import asyncio as _asyncio

import _uasyncc_compat as _compat

_compat.install()

from asyncio import *  # noqa: E402,F401,F403
from asyncio import (  # noqa: E402,F401  (names MicroPython programs use)
    CancelledError, Event, Lock, Semaphore, BoundedSemaphore, Condition,
    Queue, Task, TimeoutError, create_task, current_task, gather, run,
    sleep, wait_for, new_event_loop,
)

sleep_ms = _compat.sleep_ms_async
wait_for_ms = _compat.wait_for_ms
ThreadSafeFlag = _asyncio.ThreadSafeFlag
get_event_loop = _compat.get_event_loop


def __getattr__(name):
    # Anything else (including private helpers) comes from asyncio.
    return getattr(_asyncio, name)
