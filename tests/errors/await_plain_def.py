# error: 10:15: object of type 'int' is not awaitable
import asyncio


def compute():
    return 42


async def main():
    r = await compute()
    print(r)


asyncio.run(main())
