# error: 10:25: create_task() needs a coroutine
import asyncio

print(f'{1!a}')

def work():
    return 1

x = not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not True

async def main():
    asyncio.create_task(work())
    await asyncio.sleep(1)


asyncio.run(main())
