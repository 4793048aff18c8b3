# micropython.const values used in arithmetic and timing.
import uasyncio as asyncio
from micropython import const
import time

PERIOD_MS = const(40)
REPEATS = const((1 << 31))
SCALE = const(1 << 4)


async def sampler(n):
    total = 0
    start = time.ticks_ms()
    x = ()
    for i in range(REPEATS):
        await asyncio.sleep_ms(PERIOD_MS)
        total += (i + n) * SCALE
    return total, time.ticks_diff(time.ticks_ms(), start)


async def main():
    total, elapsed = await sampler(1)
    print("total", total, "elapsed", elapsed)
    total, elapsed = await sampler(3)
    print("total", total, "elapsed", elapsed)
    print("expected elapsed", PERIOD_MS * REPEATS)


asyncio.run(main())
