# Tasks held only by a local variable are freed when the variable is
# overwritten or the coroutine ends: 20000 create_task/await rounds run in a
# small arena; a dropped failed task reports its exception as CPython's GC does.
import asyncio

async def short(i):
    await asyncio.sleep(0)
    return i

async def failing():
    await asyncio.sleep(0)
    raise ValueError("lost")

async def main():
    total = 0
    for i in range(20000):
        t = asyncio.create_task(short(i))
        total += await t
    print("total", total)
    f = asyncio.create_task(failing())
    await asyncio.sleep(0.01)
    f = None
    print("after dropping the failed task")
    for i in range(3):
        t2 = asyncio.create_task(short(i))
        if i == 1:
            t2.cancel()
        print(t2.done())

asyncio.run(main())
