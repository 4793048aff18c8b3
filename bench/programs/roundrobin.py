"""bench roundrobin: TASKS tasks each loop ROUNDS times on `await asyncio.sleep(0)`;
main also yields with sleep(0) until they have all finished. One operation =
one task switch (one sleep(0) resumed; main's are counted too). bench/run.py
rewrites the module-level constants below for each measurement; lines
starting with "#time" are timing and are left out of the output comparison."""
import asyncio
import time

TASKS = 10
ROUNDS = 100

finished = 0
switches = 0
mix = 0


async def worker(k, rounds):
    global finished, switches, mix
    n = 0
    for r in range(rounds):
        n += 1
        await asyncio.sleep(0)
    switches += n
    mix = (mix * 31 + k) % 1000003
    finished += 1


async def main():
    global switches
    t0 = time.ticks_us()
    for k in range(TASKS):
        asyncio.create_task(worker(k, ROUNDS))
    while finished < TASKS:
        switches += 1
        await asyncio.sleep(0)
    print("#time", time.ticks_diff(time.ticks_us(), t0))
    print("ops", switches)
    print("checksum", switches, mix)


asyncio.run(main())
