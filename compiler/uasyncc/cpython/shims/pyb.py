"""CPython stand-in for the Pyboard's ``pyb`` module (minimal): LED, Switch,
Pin, delay/udelay, millis/micros, elapsed_millis/elapsed_micros.  LED changes
print nothing unless UASYNCC_TRACE_LEDS=1 (then ``LED 1 on`` etc.)."""

import _uasyncc_compat as _compat

_compat.install()

from _uasyncc_hw import (  # noqa: E402,F401
    LED, Pin, Switch, delay, elapsed_micros, elapsed_millis, micros, millis, udelay,
)


def freq():
    return (168000000, 168000000, 42000000, 84000000)


def wfi():
    return None


def disable_irq():
    return True


def enable_irq(state=True):
    return None
