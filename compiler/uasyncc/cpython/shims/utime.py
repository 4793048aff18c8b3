"""CPython stand-in for MicroPython's ``utime``: the ms/us/cpu tick functions
(period 2**30), sleep/sleep_ms/sleep_us and time, all on the runner's clock
(virtual under --virtual-time)."""

import time as _time

import _uasyncc_compat as _compat

_compat.install()

ticks_ms = _compat.ticks_ms
ticks_us = _compat.ticks_us
ticks_cpu = _compat.ticks_cpu
ticks_diff = _compat.ticks_diff
ticks_add = _compat.ticks_add
sleep_ms = _compat.sleep_ms
sleep_us = _compat.sleep_us


def sleep(seconds):
    return _time.sleep(seconds)


def time():
    return _time.time()


def time_ns():
    return _time.time_ns()


def localtime(secs=None):
    return _time.localtime(secs)[:8]


def gmtime(secs=None):
    return _time.gmtime(secs)[:8]


def mktime(t):
    return int(_time.mktime(tuple(t) + (0,) * (9 - len(t))))
