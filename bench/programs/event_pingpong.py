"""bench event_pingpong: two tasks hand control back and forth through two
asyncio.Event objects, ROUNDS times each way. One operation = one
Event.set() waking the other task up to the point where it resumes."""
import asyncio
import time

ROUNDS = 1000

ping = asyncio.Event()
pong = asyncio.Event()


async def pinger(rounds):
    n = 0
    for i in range(rounds):
        ping.set()
        await pong.wait()
        pong.clear()
        n += 1
    return n


async def ponger(rounds):
    n = 0
    for i in range(rounds):
        await ping.wait()
        ping.clear()
        n = (n + i) % 1000003
        pong.set()
    return n


async def main():
    t0 = time.ticks_us()
    r = await asyncio.gather(ponger(ROUNDS), pinger(ROUNDS))
    print("#time", time.ticks_diff(time.ticks_us(), t0))
    print("ops", 2 * ROUNDS)
    print("checksum", r[0], r[1])


asyncio.run(main())
