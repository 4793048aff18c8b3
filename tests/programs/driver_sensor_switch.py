# Driver patterns: a polled sensor driver class that averages readings from a
# background task, a debounced switch with open/close callbacks, and a
# callable filter object (__call__).
import uasyncio as asyncio


class MovingAverage:
    def __init__(self, size):
        self.size = size
        self.values = []

    def __call__(self, v):
        self.values.append(v)
        if len(self.values) > self.size:
            self.values.pop(0)
        return sum(self.values) // len(self.values)


class FakeADC:
    """Stands in for a pyb.ADC: a deterministic sawtooth."""

    def __init__(self):
        self.t = 0

    def read(self):
        self.t += 1
        return (self.t * 37) % 100


class PolledSensor:
    def __init__(self, adc, period_ms, window):
        self.adc = adc
        self.period_ms = period_ms
        self.filter = MovingAverage(window)
        self.value = 0
        self.readings = 0
        self.ready = asyncio.Event()
        asyncio.create_task(self._poll())

    async def _poll(self):
        while True:
            self.value = self.filter(self.adc.read())
            self.readings += 1
            if self.readings % 5 == 0:
                self.ready.set()
            await asyncio.sleep_ms(self.period_ms)


class DebouncedSwitch:
    """Calls close_func/open_func once per stable state change."""

    def __init__(self, levels, debounce_ms):
        self.levels = levels
        self.debounce_ms = debounce_ms
        self.state = False
        self.close_func = None
        self.open_func = None
        self.i = 0

    def raw(self):
        v = self.levels[self.i % len(self.levels)]
        self.i += 1
        return v

    async def run(self, polls):
        for _ in range(polls):
            level = self.raw()
            if level != self.state:
                self.state = level
                if level and self.close_func is not None:
                    self.close_func()
                if not level and self.open_func is not None:
                    self.open_func()
            await asyncio.sleep_ms(self.debounce_ms)


def closed():
    print("switch closed")


def opened():
    print("switch opened")


async def main():
    sensor = PolledSensor(FakeADC(), 20, 4)
    for i in range(3):
        await sensor.ready.wait()
        sensor.ready.clear()
        print("reading", sensor.readings, "average", sensor.value)
    sw = DebouncedSwitch([False, True, True, True, False, False, True, False], 50)
    sw.close_func = closed
    sw.open_func = opened
    await sw.run(8)


asyncio.run(main())
