# asyncio.Barrier (3.11): wait() returns the arrival index, parties,
# n_waiting, broken, abort() and BrokenBarrierError; Queue.maxsize.
import asyncio

async def party(b, i):
    await asyncio.sleep(0.01 * i)
    print("party", i, "waiting; n_waiting before:", b.n_waiting)
    idx = await b.wait()
    print("party", i, "index", idx)

async def main():
    b = asyncio.Barrier(3)
    print("parties", b.parties, "broken", b.broken)
    await asyncio.gather(party(b, 1), party(b, 2), party(b, 3))
    q = asyncio.Queue(4)
    print("maxsize", q.maxsize)
    t = asyncio.create_task(party(b, 4))
    await asyncio.sleep(0.1)
    await b.abort()
    print("broken", b.broken)
    try:
        await t
    except asyncio.BrokenBarrierError:
        print("party 4 saw the barrier broken")

asyncio.run(main())
