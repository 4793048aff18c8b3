# A plain callback re-arms itself with call_later_ms until a count is reached.
try:
    import uasyncio as asyncio
except ImportError:
    import asyncio

fired = 0


def tick(loop, period, limit):
    global fired
    fired += 1
    print("tick", fired, "at", int(loop.time() * 1000), "ms")
    if fired < limit:
        loop.call_later_ms(period + fired * 10, tick, loop, period, limit)


async def main():
    loop = asyncio.get_event_loop()
    loop.call_later_ms(5, tick, loop, 20, 6)
    await asyncio.sleep(1)
    print("fired", fired)


asyncio.run(main())
