# gather(*tasks) over a list of tasks (some finished already) and
# gather(*[coro(i) for i in ...]) over a comprehension of coroutine calls.
import asyncio

async def worker(i):
    await asyncio.sleep(0.01 * (5 - i))
    print("worker", i, "done")
    return i * 10

async def main():
    tasks = [asyncio.create_task(worker(i)) for i in range(4)]
    results = await asyncio.gather(*tasks)
    print(results)
    more = await asyncio.gather(*[worker(i) for i in range(3)])
    print(more)
    early = asyncio.create_task(worker(4))
    await asyncio.sleep(0.1)
    print(await asyncio.gather(*[early]))

asyncio.run(main())
