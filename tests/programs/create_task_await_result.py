# create_task returns a task whose result can be awaited later.
try:
    import uasyncio as asyncio
except ImportError:
    import asyncio


async def slow_add(a, b, ms):
    print("slow_add start", a, b)
    await asyncio.sleep_ms(ms)
    print("slow_add end", a, b)
    return a + b


async def main():
    t1 = asyncio.create_task(slow_add(1, 2, 50))
    t2 = asyncio.create_task(slow_add(10, 20, 20))
    print("tasks created")
    await asyncio.sleep_ms(30)
    print("main woke")
    r2 = await t2
    print("r2", r2)
    r1 = await t1
    print("r1", r1)
    t3 = asyncio.create_task(slow_add(r1, r2, 5))
    print("r3", await t3)


asyncio.run(main())
