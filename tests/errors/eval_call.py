# error: 6:15: 'eval' is not supported
import asyncio


async def main():
    print(1 + eval("2"))


asyncio.run(main())
