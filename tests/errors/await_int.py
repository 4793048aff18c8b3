# error: 6:11: object of type 'int' is not awaitable
import asyncio


async def main():
    await 5


asyncio.run(main())
