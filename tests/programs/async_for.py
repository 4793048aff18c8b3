# async for over an object with __aiter__/__anext__ (StopAsyncIteration ends
# it), with break, continue and else.
import asyncio

class Ticker:
    """An asynchronous iterator: yields n ticks, one every period."""

    def __init__(self, n, period):
        self.n = n
        self.period = period
        self.i = 0

    def __aiter__(self):
        return self

    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        await asyncio.sleep(self.period)
        self.i += 1
        return self.i * 10

async def main():
    async for t in Ticker(3, 0.1):
        print("tick", t)
    total = 0
    async for t in Ticker(5, 0.01):
        if t == 20:
            continue
        if t == 40:
            break
        total += t
    else:
        print("not reached")
    print("total", total)
    async for t in Ticker(2, 0.01):
        print("second", t)
    else:
        print("exhausted")

asyncio.run(main())
