# A deep chain of awaits (recursion through coroutines) returning values.
import asyncio


async def depth(n):
    if n == 0:
        await asyncio.sleep_ms(1)
        return 1
    r = await depth(n - 1)
    return r + n


async def level4(x):
    await asyncio.sleep_ms(2)
    return x * 10


async def level3(x):
    return await level4(x + 1) + 3


async def level2(x):
    v = await level3(x * 2)
    return v - 1


async def level1(x):
    a = await level2(x)
    b = await level2(a)
    return a + b

x = not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not True

async def main():
    for n in range(0, 25, 6):
        print("depth", n, await depth(n))
    print("levels", await level1(1))
    print("levels", await level1(-2))


asyncio.run(main())
