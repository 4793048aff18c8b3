# time.ticks_ms / ticks_diff measure virtual time across sleeps.
import asyncio
import time


async def measure(ms):
    start = time.ticks_ms()
    await asyncio.sleep_ms(ms)
    return time.ticks_diff(time.ticks_ms(), start)


async def main():
    for ms in [10, 250, 1000, 3]:
        print("slept", ms, "measured", await measure(ms))
    start = time.ticks_ms()
    await asyncio.sleep(1.5)
    print("sleep(1.5) ->", time.ticks_diff(time.ticks_ms(), start))
    deadline = time.ticks_add(time.ticks_ms(), 100)
    n = 0
    while time.ticks_diff(deadline, time.ticks_ms()) > 0:
        await asyncio.sleep_ms(30)
        n += 1
    print("polls", n, "overshoot", time.ticks_diff(time.ticks_ms(), deadline))


x = 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1
asyncio.run(main())
