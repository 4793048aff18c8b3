# loop.run_until_complete with return values, several times on one loop.
try:
    import uasyncio as asyncio
except ImportError:
    import asyncio


async def compute(a, b):
    await asyncio.sleep_ms(10)
    return a * b + 1


async def background(n):
    for i in range(n):
        print("background", i)
        await asyncio.sleep_ms(15)


loop = asyncio.get_event_loop()
r = loop.run_until_complete(compute(6, 7))
print("first", r)
loop.create_task(background(3))
r2 = loop.run_until_complete(compute(r, 2))
print("second", r2)
loop.run_until_complete(asyncio.sleep_ms(100))
print("time", loop.time())
