# gather(..., return_exceptions=True): exceptions come back as values, for
# coroutine arguments, *tasks and *[coroutines].
import asyncio

async def job(n):
    await asyncio.sleep(0.01 * n)
    if n == 2:
        raise ValueError("job 2 failed")
    if n == 3:
        raise KeyError("k3")
    return n * 100

async def main():
    results = await asyncio.gather(job(1), job(2), job(3), job(4), return_exceptions=True)
    print(results)
    for r in results:
        if isinstance(r, Exception):
            print("error:", repr(r))
        else:
            print("ok:", r)
    tasks = [asyncio.create_task(job(i)) for i in range(1, 4)]
    print(await asyncio.gather(*tasks, return_exceptions=True))
    print(await asyncio.gather(*[job(i) for i in (2, 5)], return_exceptions=True))

asyncio.run(main())
