# @property and @staticmethod.
import asyncio

class Sensor:
    SCALE = 10

    def __init__(self, raw):
        self._raw = raw

    @property
    def value(self):
        return self._raw * self.SCALE

    @staticmethod
    def clamp(v, lo, hi):
        return max(lo, min(v, hi))

    async def read(self):
        await asyncio.sleep(0.01)
        self._raw += 1
        return self.value

async def main():
    s = Sensor(4)
    print(s.value, await s.read(), s.value, Sensor.clamp(15, 0, 10), s.clamp(-3, 0, 10))

asyncio.run(main())
