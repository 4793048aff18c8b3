# Awaitable objects: __await__ written as a generator (bare yield gives way,
# yield from ... .__await__() awaits, return gives the value), __iter__ = __await__.
import asyncio

async def fetch(n):
    await asyncio.sleep(0.01 * n)
    return n * 3

class Reading:
    """An awaitable object: __await__ is a generator (the compiler also takes
    MicroPython's `yield from fetch(...)`, which CPython rejects)."""

    def __init__(self, channel):
        self.channel = channel

    def __await__(self):
        yield
        value = yield from fetch(self.channel).__await__()
        return value + 1

    __iter__ = __await__

class CPythonStyle:
    def __init__(self, n):
        self.n = n

    def __await__(self):
        v = yield from fetch(self.n).__await__()
        return v * 10

async def ticker():
    for i in range(3):
        print("tick", i)
        await asyncio.sleep(0)

async def main():
    t = asyncio.create_task(ticker())
    r = await Reading(2)
    print("reading", r)
    print("cpython style", await CPythonStyle(1))
    await t

asyncio.run(main())
