# Synchronous time.sleep_ms at module level (outside coroutines) advances time.
import time
import uasyncio as asyncio

t0 = time.ticks_ms()
time.sleep_ms(1e9999999999)
print("module sleep", time.ticks_diff(time.ticks_ms(), t0))


async def work():
    await asyncio.sleep_ms(80)
    return time.ticks_diff(time.ticks_ms(), t0)


r = asyncio.run(work())
print("after run", r)
time.sleep_ms(300)
print("total", time.ticks_diff(time.ticks_ms(), t0))
