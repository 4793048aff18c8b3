# env: UASYNCC_SWITCH_PRESS_MS=263-417,1203-1251,1313-1369,2100-3300
# Driver patterns, written the uasyncio way: a retriggerable Delay_ms timer,
# a debounced Switch and a Pushbutton with press, release, double-click and
# long-press callbacks, polling the Pyboard's USR switch. (The test harness
# presses the switch: a short press, a double click and a long press.)
import time

import pyb
import uasyncio as asyncio
from micropython import const

DEBOUNCE_MS = const(50)
events = []


class Delay_ms:
    """A one-shot timer: trigger() (re)starts it; when it runs out, func runs."""

    def __init__(self, func=None, duration=1000):
        self._func = func
        self._duration = duration
        self._deadline = 0
        self._running = False
        self._trig = asyncio.Event()
        asyncio.create_task(self._timer())

    async def _timer(self):
        while True:
            await self._trig.wait()
            self._trig.clear()
            remaining = time.ticks_diff(self._deadline, time.ticks_ms())
            while remaining > 0:
                await asyncio.sleep_ms(remaining)
                remaining = time.ticks_diff(self._deadline, time.ticks_ms())
            if self._running:
                self._running = False
                if self._func is not None:
                    self._func()

    def trigger(self, duration=0):
        if duration <= 0:
            duration = self._duration
        self._deadline = time.ticks_add(time.ticks_ms(), duration)
        self._running = True
        self._trig.set()

    def stop(self):
        self._running = False

    def running(self):
        return self._running


class Pushbutton:
    long_press_ms = 1000
    double_click_ms = 400

    def __init__(self, sw):
        self._sw = sw
        self._press_func = None
        self._release_func = None
        self._double_func = None
        self._long_func = None
        self._state = self.rawstate()
        self._dblpend = False
        self._dblran = False
        self._ld = Delay_ms(self._long_timeout, self.long_press_ms)
        self._dd = Delay_ms(self._double_timeout, self.double_click_ms)
        asyncio.create_task(self._buttoncheck())

    def press_func(self, func):
        self._press_func = func

    def release_func(self, func):
        self._release_func = func

    def double_func(self, func):
        self._double_func = func

    def long_func(self, func):
        self._long_func = func

    def rawstate(self):
        return self._sw.value()

    def _long_timeout(self):
        if self._long_func is not None:
            self._long_func()

    def _double_timeout(self):
        self._dblpend = False

    async def _buttoncheck(self):
        while True:
            state = self.rawstate()
            if state != self._state:
                self._state = state
                if state:
                    self._ld.trigger()
                    if self._dblpend:
                        self._dblpend = False
                        self._dblran = True
                        self._dd.stop()
                        if self._double_func is not None:
                            self._double_func()
                    else:
                        self._dblpend = True
                        self._dd.trigger()
                        if self._press_func is not None:
                            self._press_func()
                else:
                    self._ld.stop()
                    if self._release_func is not None and not self._dblran:
                        self._release_func()
                    self._dblran = False
            await asyncio.sleep_ms(DEBOUNCE_MS)


def log(what):
    events.append(what)
    print(what, "at", pyb.millis(), "ms")


class Blinker:
    """Blinks an LED from its own task until stopped."""

    def __init__(self, n, period_ms):
        self._led = pyb.LED(n)
        self._period = period_ms
        self._task = None
        self.toggles = 0

    async def _run(self):
        while True:
            self._led.toggle()
            self.toggles += 1
            await asyncio.sleep_ms(self._period)

    def start(self):
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    def stop(self):
        if self._task is not None:
            self._task.cancel()
            self._task = None
            self._led.off()


async def main():
    pb = Pushbutton(pyb.Switch())
    blinker = Blinker(4, 125)
    pb.press_func(lambda: log("press"))
    pb.release_func(lambda: log("release"))
    pb.double_func(lambda: log("double"))
    pb.long_func(lambda: log("long"))
    blinker.start()
    await asyncio.sleep_ms(2000)
    blinker.stop()
    print("blinker toggled", blinker.toggles, "times")
    await asyncio.sleep_ms(2000)
    print("events:", events)


asyncio.run(main())
