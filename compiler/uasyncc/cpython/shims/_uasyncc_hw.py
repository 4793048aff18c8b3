"""Hardware stand-ins shared by the pyb and machine shims."""

import os
import sys

import _uasyncc_compat as _compat


def trace_enabled():
    return os.environ.get("UASYNCC_TRACE_LEDS") == "1"


class LED:
    """pyb.LED(n): on/off/toggle/intensity.  Silent unless
    UASYNCC_TRACE_LEDS=1, then each change prints e.g. ``LED 1 on``."""

    def __init__(self, n):
        if not 1 <= n <= 4:
            raise ValueError("LED(%d) doesn't exist" % n)
        self._n = n
        self._intensity = 0

    def __repr__(self):
        return "LED(%d)" % self._n

    def _set(self, value, what):
        self._intensity = value
        if trace_enabled():
            sys.stdout.write("LED %d %s\n" % (self._n, what))

    def on(self):
        self._set(255, "on")

    def off(self):
        self._set(0, "off")

    def toggle(self):
        if self._intensity:
            self.off()
        else:
            self.on()

    def intensity(self, value=None):
        if value is None:
            return self._intensity
        value = max(0, min(255, int(value)))
        self._set(value, "intensity %d" % value)
        return None


class Pin:
    """machine.Pin / pyb.Pin (minimal): a level you can set and read."""

    IN = 0
    OUT = 1
    OPEN_DRAIN = 2
    ALT = 3
    ANALOG = 4
    OUT_PP = OUT
    OUT_OD = OPEN_DRAIN
    PULL_NONE = None
    PULL_UP = 1
    PULL_DOWN = 2
    IRQ_FALLING = 1
    IRQ_RISING = 2

    def __init__(self, id, mode=-1, pull=-1, value=None, **kwargs):
        self._id = id
        self._mode = mode
        self._pull = pull
        self._value = 1 if pull == Pin.PULL_UP else 0
        if value is not None:
            self._value = 1 if value else 0
        self._handler = None

    def __repr__(self):
        return "Pin(%r)" % (self._id,)

    def init(self, mode=-1, pull=-1, value=None, **kwargs):
        if mode != -1:
            self._mode = mode
        if pull != -1:
            self._pull = pull
        if value is not None:
            self._value = 1 if value else 0

    def value(self, v=None):
        if v is None:
            return self._value
        self._value = 1 if v else 0
        return None

    def __call__(self, v=None):
        return self.value(v)

    def on(self):
        self._value = 1

    def off(self):
        self._value = 0

    high = on
    low = off

    def irq(self, handler=None, trigger=IRQ_FALLING | IRQ_RISING, **kwargs):
        self._handler = handler
        return None

    def name(self):
        return str(self._id)


def press_schedule():
    """UASYNCC_SWITCH_PRESS_MS="263-417,900": presses (and releases) in ms;
    a press without a release is held for ever."""
    out = []
    for item in filter(None, os.environ.get("UASYNCC_SWITCH_PRESS_MS", "").split(",")):
        start, _, end = item.partition("-")
        out.append((int(start), int(end) if end else 2**62))
    return out


class Switch:
    """pyb.Switch(): never pressed unless a test calls press()."""

    def __init__(self):
        self._pressed = False
        self._callback = None

    def value(self):
        spans = press_schedule()
        if spans:
            now = _compat.ticks_ms()
            return any(start <= now < end for start, end in spans)
        return self._pressed

    def __call__(self):
        return self.value()

    def callback(self, fn):
        self._callback = fn
        if fn is not None and not getattr(Switch, "_presses_scheduled", False):
            self._schedule_presses()

    def _schedule_presses(self):
        """UASYNCC_SWITCH_PRESS_MS="250,700": press the switch at those
        loop times (the compiled program raises its interrupt then too)."""
        import asyncio
        spec = os.environ.get("UASYNCC_SWITCH_PRESS_MS")
        if not spec:
            return
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        Switch._presses_scheduled = True
        for start, _ in press_schedule():
            loop.call_at(start / 1000, self.press)

    def press(self):
        """Test hook (not in pyb): press the switch and run the callback."""
        self._pressed = True
        if self._callback is not None:
            self._callback()

    def release(self):
        """Test hook (not in pyb)."""
        self._pressed = False


def delay(ms):
    _compat.sleep_ms(ms)


def udelay(us):
    _compat.sleep_us(us)


def millis():
    return _compat.ticks_ms()


def micros():
    return _compat.ticks_us()


def elapsed_millis(start):
    return _compat.ticks_diff(millis(), start)


def elapsed_micros(start):
    return _compat.ticks_diff(micros(), start)
