# arena: 8192
# As reclaim_held_tasks.py, in a program with try statements, so that
# asyncio.run() also cancels the tasks main leaves (runtime/src/shutdown.c):
# a finished task leaves the shutdown's list when it goes to the collector;
# the tasks the shutdown cancels stay until it has looked at them.
import asyncio


async def work(i, ms):
    await asyncio.sleep_ms(ms)
    if i < 1000 and i % 50 == 49:
        raise ValueError("round " + str(i))
    return [i, i + 1]


async def forever(k):
    try:
        while True:
            await asyncio.sleep_ms(10)
    finally:
        print("forever", k, "cancelled")


async def main():
    total = 0
    failed = 0
    for r in range(200):
        tasks = [asyncio.create_task(work(r, 1)), asyncio.create_task(work(r + 1000, 2))]
        try:
            res = await asyncio.gather(*tasks)
            total += res[0][1] + res[1][0]
        except ValueError as e:
            failed += 1
            print("caught", e)
            await tasks[1]
    print("total", total, "failed", failed)
    left = [asyncio.create_task(forever(k)) for k in range(3)]
    await asyncio.sleep_ms(25)
    print("main ends with", len(left), "tasks running")


asyncio.run(main())
