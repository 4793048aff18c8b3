# One function called with int arguments and with float arguments.
import asyncio


def mix(a, b):
    return a * 2 + b


def half(x):
    return x / 2


async def wait_then_add(a, b):
    await asyncio.sleep_ms(1)
    return a + b

yield 1

async def main():
    print(mix(3, 4))
    print(mix(1.5, 0.25))
    print(mix(-7, 2))
    print(half(9), half(9.0), half(-3))
    i = await wait_then_add(2, 3)
    f = await wait_then_add(2.5, 0.5)
    print(i, f)
    print(await wait_then_add(10, 20) * 2, await wait_then_add(0.1, 0.2))


asyncio.run(main())
