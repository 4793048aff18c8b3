"""CPython stand-in for MicroPython's ``machine`` module (minimal): Pin,
freq, idle, disable_irq/enable_irq, reset_cause, unique_id."""

import _uasyncc_compat as _compat

_compat.install()

from _uasyncc_hw import Pin  # noqa: E402,F401

PWRON_RESET = 1
HARD_RESET = 2
WDT_RESET = 3
DEEPSLEEP_RESET = 4
SOFT_RESET = 5


class Signal:
    """machine.Signal(pin, invert=False): a Pin with optional inversion."""

    def __init__(self, pin, invert=False):
        self._pin = pin
        self._invert = bool(invert)

    def value(self, v=None):
        if v is None:
            return self._pin.value() ^ int(self._invert)
        self._pin.value(bool(v) ^ self._invert)
        return None

    def on(self):
        self.value(1)

    def off(self):
        self.value(0)


def freq():
    return 168000000


def idle():
    return None


def disable_irq():
    return 0


def enable_irq(state=0):
    return None


def reset_cause():
    return PWRON_RESET


def unique_id():
    return b"uasyncc-host"
