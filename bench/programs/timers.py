"""bench timers: TASKS tasks, task k sleeping sleep_ms(BASE_MS + k) in a loop
(every period distinct) until DURATION_MS of virtual time have passed.
One operation = one timer expiry (a task woken from sleep_ms). Runs with
virtual time: the figure is the scheduler's cost, not the sleeping."""
import asyncio
import time

TASKS = 1000
BASE_MS = 100
DURATION_MS = 2000

wakes = 0
mix = 0


async def sleeper(k, period, until):
    global wakes, mix
    while True:
        await asyncio.sleep_ms(period)
        if time.ticks_diff(time.ticks_ms(), until) > 0:
            break
        wakes += 1
        mix = (mix * 31 + k) % 1000003


async def main():
    t0 = time.ticks_us()
    until = time.ticks_add(time.ticks_ms(), DURATION_MS)
    for k in range(TASKS):
        asyncio.create_task(sleeper(k, BASE_MS + k, until))
    await asyncio.sleep_ms(DURATION_MS + BASE_MS + TASKS + 10)
    print("#time", time.ticks_diff(time.ticks_us(), t0))
    print("ops", wakes)
    print("checksum", wakes, mix)


asyncio.run(main())
