# Classes: __init__ with defaults, fields inferred from self.x assignments, class
# constants (and instance fields shadowing them), methods plain and async,
# single inheritance with super() and overriding, isinstance, bound methods
# as loop callbacks, create_task(obj.method()).
import asyncio

class Counter:
    step = 1

    def __init__(self, name, start=0):
        self.name = name
        self.value = start
        self.history = []

    def bump(self):
        self.value += self.step
        self.history.append(self.value)
        return self.value

    async def run(self, n, delay):
        for i in range(n):
            self.bump()
            await asyncio.sleep(delay)
            print(self.name, "at", self.value)
        return self.value


class Doubler(Counter):
    step = 2

    def __init__(self, name):
        super().__init__(name, 100)
        self.doubled = True

    def bump(self):
        v = super().bump()
        print("  doubler bumped to", v)
        return v


class Blinker:
    count = 0

    def __init__(self, period_ms):
        self.period_ms = period_ms

    def tick(self, tag):
        self.count += 1
        print("tick", tag, self.count)


async def main():
    a = Counter("a")
    b = Doubler("b")
    t = asyncio.create_task(a.run(3, 0.01))
    r = await b.run(2, 0.015)
    print("b done", r, b.history, b.doubled, isinstance(b, Counter), isinstance(a, Doubler))
    print("a done", await t, a.history)
    bl = Blinker(10)
    loop = asyncio.get_event_loop()
    loop.call_soon(bl.tick, "x")
    loop.call_later(0.01, bl.tick, "y")
    await asyncio.sleep(0.05)
    print(bl.count, Blinker.count, a is a, a != a)

asyncio.run(main())
