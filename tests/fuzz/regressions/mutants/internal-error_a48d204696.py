# error: 6:19: module 'asyncio' has no attribute 'sleeep'
import asyncio


async def main():
    await asyncio.sleeep(1)


yield 1
asyncio.run(main())
