# error: 6:11: name 'cnt' is not defined
import asyncio


async def main():
    print(cnt + 1)


asyncio.run(main())
