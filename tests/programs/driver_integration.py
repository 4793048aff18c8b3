# Issue 6 features together, as a driver program uses them: an exception class
# with __init__ and several args, an Event subclass, a closure with nonlocal,
# a classmethod constructor, bytearray buffers, sets, dict comprehension with
# tuple keys, generators, sort keys, *args/**kwargs, str.encode.
import asyncio


class SensorError(Exception):
    def __init__(self, code, where):
        super().__init__(code, where)
        self.code = code


class Ready(asyncio.Event):
    def __init__(self, name):
        super().__init__()
        self.name = name
        self.count = 0

    def set(self):
        self.count += 1
        super().set()


def make_counter(start):
    n = start

    def bump(by=1):
        nonlocal n
        n += by
        return n
    return bump


class Sensor:
    scale = 2

    def __init__(self, name, values):
        self.name = name
        self.values = values
        self.buf = bytearray(4)

    @classmethod
    def from_spec(cls, spec):
        name, rest = spec.split(":")
        return cls(name, [int(v) for v in rest.split(",")])

    async def read(self, i):
        await asyncio.sleep_ms(10 * (i + 1))
        v = self.values[i % len(self.values)]
        if v < 0:
            raise SensorError(v, self.name)
        self.buf[i % 4] = v & 0xFF
        return v * self.scale


def gen_pairs(xs):
    for i, x in enumerate(xs):
        yield (x, i)


async def poll(sensor, ready, seen, bump):
    for i in range(4):
        try:
            v = await sensor.read(i)
            seen.add(v)
            print(sensor.name, i, v, bump(1))
        except SensorError as e:
            print("error", e.code, e.args, bump(10))
    ready.set()


async def main(*names, **opts):
    ready = Ready("r")
    seen = set()
    bump = make_counter(opts.get("start", 0))
    sensors = [Sensor.from_spec(n) for n in names]
    await asyncio.gather(*[poll(s, ready, seen, bump) for s in sensors])
    print(ready.name, ready.count, ready.is_set())
    print(sorted(seen, key=lambda v: -v), len(seen))
    totals = {(s.name, len(s.values)): bytes(s.buf).hex() for s in sensors}
    print(totals)
    pairs = sorted(gen_pairs([5, 3, 9]), reverse=True)
    print(pairs, max(pairs, key=lambda p: p[1]))
    print("|".join(s.name.upper() for s in sensors), "abc".encode() + b"!")


asyncio.run(main("a:1,2,3", "b:4,-5,6", start=100))
