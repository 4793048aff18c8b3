"""bench lock_handoff: TASKS tasks each take an asyncio.Lock ROUNDS times,
holding it across a sleep(0) so that the others queue up behind it and the
lock is handed from task to task. One operation = one acquire/release."""
import asyncio
import time

TASKS = 10
ROUNDS = 100

lock = asyncio.Lock()
order = 0
finished = 0
acquired = 0


async def worker(k, rounds):
    global order, finished, acquired
    for i in range(rounds):
        await lock.acquire()
        order = (order * 7 + k) % 1000003
        await asyncio.sleep(0)
        acquired += 1
        lock.release()
    finished += 1


async def main():
    t0 = time.ticks_us()
    for k in range(TASKS):
        asyncio.create_task(worker(k, ROUNDS))
    while finished < TASKS:
        await asyncio.sleep(0)
    print("#time", time.ticks_diff(time.ticks_us(), t0))
    print("ops", acquired)
    print("checksum", acquired, order)


asyncio.run(main())
