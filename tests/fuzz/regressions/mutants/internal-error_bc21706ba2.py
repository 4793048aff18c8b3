yield 1
# error: 6:19: has no attribute 'sleep_sec'
import uasyncio as asyncio

async def main():
    await asyncio.sleep_sec(1)


asyncio.run(main())
