"""bench queue_pc: a producer puts ITEMS ints into an asyncio.Queue of
maxsize MAXSIZE and a consumer gets them. One operation = one item passed
from the producer to the consumer."""
import asyncio
import time

MAXSIZE = 1
ITEMS = 1000


async def producer(q, items):
    for i in range(items):
        await q.put(i)
    await q.put(-1)


async def consumer(q):
    total = 0
    count = 0
    while True:
        v = await q.get()
        if v < 0:
            break
        total = (total + v * 3) % 1000003
        count += 1
    return total + count


async def main():
    q = asyncio.Queue(MAXSIZE)
    t0 = time.ticks_us()
    r = await asyncio.gather(consumer(q), producer(q, ITEMS))
    print("#time", time.ticks_diff(time.ticks_us(), t0))
    print("ops", ITEMS)
    print("checksum", r[0])


asyncio.run(main())
