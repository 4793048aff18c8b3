# Two asyncio.run() calls: the task the first main leaves is cancelled when
# that run ends (as CPython's asyncio.run does), so it does not tick on
# during the second run. No try or with statement anywhere: the shutdown is
# needed only because the loop runs again.
import asyncio


async def ticker(name):
    while True:
        await asyncio.sleep(0.1)
        print(name, "tick")


async def first():
    asyncio.create_task(ticker("t1"))
    await asyncio.sleep(0.25)
    print("first done")


async def second():
    asyncio.create_task(ticker("t2"))
    await asyncio.sleep(0.35)
    print("second done")


asyncio.run(first())
asyncio.run(second())
print("end")
