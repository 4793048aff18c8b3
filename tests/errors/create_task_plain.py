# error: 10:25: create_task() needs a coroutine
import asyncio


def work():
    return 1


async def main():
    asyncio.create_task(work())
    await asyncio.sleep(1)


asyncio.run(main())
