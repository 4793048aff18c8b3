"""bench roundrobin: TASKS tasks each loop ROUNDS times on `await asyncio.sleep(0)`
while main waits for them in a gather. One operation = one task switch (one
sleep(0) resumed). bench/run.py rewrites the module-level constants below for each measurement; lines
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
    for r in range(rounds):
        await asyncio.sleep(0)
    switches += rounds
    mix = (mix * 31 + k) % 1000003
    finished += 1


async def main():
    t0 = time.ticks_us()
    tasks = [asyncio.create_task(worker(k, ROUNDS)) for k in range(TASKS)]
    await asyncio.gather(*tasks)
    print("#time", time.ticks_diff(time.ticks_us(), t0))
    print("ops", switches)
    print("checksum", switches, mix)


asyncio.run(main())
