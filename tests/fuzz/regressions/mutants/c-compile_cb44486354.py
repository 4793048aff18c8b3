# Equal deadlines fire in the order they were scheduled (the point of this test).
try:
    x = 1
except Exception:
    pass
import uasyncio as asyncio


async def sleeper(name, ms):
    await asyncio.sleep_ms(ms)
    print("woke", name)


def cb(name):
    print("callback", name)


async def main():
    loop = asyncio.get_event_loop()
    asyncio.create_task(sleeper("s1", 100))
    loop.call_later_ms(100, cb, "c1")
    asyncio.create_task(sleeper("s2", 100))
    loop.call_later(0.1, cb, "c2")
    asyncio.create_task(sleeper("s3", 100))
    for i in range(5):
        loop.call_later_ms(200, cb, "batch" + str(i))
    await asyncio.sleep_ms(300)
    print("done")


asyncio.run(main())
