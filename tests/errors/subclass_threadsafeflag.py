# error: 5:12: subclassing asyncio.ThreadSafeFlag is not supported
import asyncio


class Flag(asyncio.ThreadSafeFlag):
    pass


async def main():
    Flag()

asyncio.run(main())
