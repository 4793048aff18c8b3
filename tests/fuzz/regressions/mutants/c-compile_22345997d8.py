# Several tasks sharing the loop with sleep(0): strict round-robin order.
import uasyncio as asyncio

steps = 0
x = 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1 + 1


async def worker(name, count):
    global steps
    for i in range(count):
        print(name, i)
        steps += 1
        await asyncio.sleep(0)
    print(name, "done")


async def main():
    asyncio.create_task(worker("A", 3))
    asyncio.create_task(worker("B", 5))
    asyncio.create_task(worker("C", 2))
    await asyncio.sleep(0.1)
    print("steps", steps)


asyncio.run(main())
