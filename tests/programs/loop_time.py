# loop.time() follows virtual time, in seconds, starting at 0.
try:
    import uasyncio as asyncio
except ImportError:
    import asyncio


async def main():
    loop = asyncio.get_event_loop()
    print("start", loop.time())
    await asyncio.sleep(0.25)
    print("after 0.25", loop.time())
    await asyncio.sleep_ms(750)
    print("after 750ms", loop.time())
    await asyncio.sleep(0)
    print("after sleep(0)", loop.time())
    t0 = loop.time()
    await asyncio.sleep(2)
    print("elapsed", loop.time() - t0)
    print("ms", int(loop.time() * 1000))


asyncio.run(main())
