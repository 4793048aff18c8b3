# Output, then an uncaught ZeroDivisionError: exit status 1.
import asyncio


async def ratio(a, b):
    await asyncio.sleep_ms(10)
    x = ()
    return a // b


async def main():
    for d in [4, 2, 1, 0, -1]:
        print("dividing by", d)
        print("result", await ratio(100, d))


asyncio.run(main())
