# time.ticks_cpu, the finest clock: reads are ordered, wrap at 2**30 like the
# other ticks, and under virtual time count nanoseconds of the virtual clock
# (computation takes no time there), so sleeps measure exactly.
import asyncio
import time
import utime

PERIOD = 1 << 30


async def measure_ns(ms):
    start = time.ticks_cpu()
    await asyncio.sleep_ms(ms)
    return time.ticks_diff(time.ticks_cpu(), start)


async def main():
    t0 = time.ticks_cpu()
    t1 = utime.ticks_cpu()
    print("in range", 0 <= t0 < PERIOD, 0 <= t1 < PERIOD)
    print("ordered", time.ticks_diff(t1, t0) >= 0, time.ticks_diff(t0, t1) <= 0)
    n = 0
    for i in range(1000):
        n += i
    print("after work", n, time.ticks_diff(time.ticks_cpu(), t0) >= 0)
    for ms in [1, 7, 250]:
        print("slept", ms, "ms:", await measure_ns(ms), "ns")
    # 1.5 s is past the 2**30 ns period: the raw values wrap, a short
    # ticks_diff across the wrap does not
    await asyncio.sleep_ms(1500)
    before = time.ticks_cpu()
    await asyncio.sleep_ms(400)
    after = time.ticks_cpu()
    print("wrapped", after < before, "diff", time.ticks_diff(after, before))


asyncio.run(main())
