# gather() runs coroutines concurrently and returns their results in order.
try:
    import uasyncio as asyncio
except ImportError:
    import asyncio


async def square_later(x, ms):
    await asyncio.sleep_ms(ms)
    print("computed", x)
    return x * x


async def main():
    res = await asyncio.gather(square_later(3, 30), square_later(4, 10), square_later(5, 20))
    print("results:", res[0], res[1], res[2])
    print("count:", len(res))
    total = 0
    for r in res:
        total += r
    print("sum:", total)
    more = await asyncio.gather(square_later(7, 5), square_later(8, 1))
    print(more[-1], more[-2])


asyncio.run(main())
