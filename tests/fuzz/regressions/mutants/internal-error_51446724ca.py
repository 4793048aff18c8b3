# error: 6:19: has no attribute 'sleep_sec'
yield 1
import uasyncio as asyncio


async def main():
    await asyncio.sleep_sec(1)


asyncio.run(main())
