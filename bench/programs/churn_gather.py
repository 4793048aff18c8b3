"""bench churn_gather: ROUNDS rounds, each creating one task with
create_task and gathering four short coroutines. One operation = one
short coroutine created, run to completion and collected (5 per round)."""
import asyncio
import time

ROUNDS = 200


async def short(x):
    return x * 3 + 1


async def short_yield(x):
    await asyncio.sleep(0)
    return x + 2


async def main():
    t0 = time.ticks_us()
    acc = 0
    for i in range(ROUNDS):
        t = asyncio.create_task(short_yield(i))
        r = await asyncio.gather(short(i), short(i + 1), short_yield(i), short(i + 3))
        acc = (acc + r[0] + r[1] * 2 + r[2] * 3 + r[3] * 4 + await t) % 1000003
    print("#time", time.ticks_diff(time.ticks_us(), t0))
    print("ops", 5 * ROUNDS)
    print("checksum", acc)


asyncio.run(main())
