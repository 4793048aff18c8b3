# gather() of coroutines with different result types: a fixed-length list
# that prints, unpacks and indexes as Python's; a producer/consumer pair.
import asyncio

async def producer(q, n):
    for i in range(n):
        await q.put(i)
    await q.put(-1)

async def consumer(q):
    total = 0
    while True:
        item = await q.get()
        if item < 0:
            return total
        total += item

async def label():
    await asyncio.sleep(0.01)
    return "done"

async def main():
    q = asyncio.Queue(2)
    r = await asyncio.gather(producer(q, 5), consumer(q), label())
    print(r)
    _, total, word = r
    print(total, word, r[1])
    await asyncio.gather(producer(q, 3), consumer(q))

asyncio.run(main())
