"""bench event_wake: event_pingpong.py with each wake timed on its own.
The setter reads time.ticks_cpu() right before Event.set(), the woken task
right after its `await ev.wait()` returns; `#wake` prints the sum of those
intervals and the cost of two back-to-back reads (to subtract per wake).
A separate program so that event_pingpong.py's whole-op figure does not
include the timing code."""
import asyncio
import time

ROUNDS = 1000

ping = asyncio.Event()
pong = asyncio.Event()
wake_at = 0      # ticks_cpu() just before the last set()
wake_ticks = 0   # sum of the set() -> resumed intervals


async def pinger(rounds):
    global wake_at, wake_ticks
    n = 0
    for i in range(rounds):
        wake_at = time.ticks_cpu()
        ping.set()
        await pong.wait()
        wake_ticks += time.ticks_diff(time.ticks_cpu(), wake_at)
        pong.clear()
        n += 1
    return n


async def ponger(rounds):
    global wake_at, wake_ticks
    n = 0
    for i in range(rounds):
        await ping.wait()
        wake_ticks += time.ticks_diff(time.ticks_cpu(), wake_at)
        ping.clear()
        n = (n + i) % 1000003
        wake_at = time.ticks_cpu()
        pong.set()
    return n


async def main():
    global wake_at
    # the cost of the reads themselves, taken as in the tasks
    wake_at = time.ticks_cpu()
    read_ticks = time.ticks_diff(time.ticks_cpu(), wake_at)
    t0 = time.ticks_us()
    r = await asyncio.gather(ponger(ROUNDS), pinger(ROUNDS))
    print("#time", time.ticks_diff(time.ticks_us(), t0))
    print("#wake", wake_ticks, read_ticks)
    print("ops", 2 * ROUNDS)
    print("checksum", r[0], r[1])


asyncio.run(main())
