# Coroutines that await each other and pass return values back up the chain.
import asyncio


async def step1(n):
    print("step1(" + str(n) + ")")
    await asyncio.sleep(0.01)
    return n + 1


async def step2(n):
    print("step2(" + str(n) + ")")
    r = await step1(n)
    await asyncio.sleep(0.02)
    return r * 2


async def step3(n):
    print("step3(" + str(n) + ")")
    r = await step2(n)
    return r - 3

x = not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not True

async def main():
    total = 0
    for i in range(4):
        r = await step3(i)
        print("chain", i, "->", r)
        total += r
    print("total", total)


asyncio.run(main())
