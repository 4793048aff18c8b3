# Default parameter values and keyword arguments, for def and async def.
import uasyncio as asyncio


def scale(x, factor=2, offset=0):
    return x * factor + offset


async def delayed(value, delay_ms=10, label="v"):
    await asyncio.sleep_ms(delay_ms)
    print(label, value)
    return value


def describe(name, age=0, city="nowhere"):
    print(name, age, city)


async def main():
    print(scale(5), scale(5, 3), scale(5, 3, 1), scale(5, offset=7), scale(x=1, factor=10))
    describe("ann")
    describe("bob", 31)
    describe("cy", city="Oslo")
    describe(city="Rome", name="dee", age=4)
    a = await delayed(1)
    b = await delayed(2, 5)
    c = await delayed(3, label="third")
    d = await delayed(label="fourth", value=4, delay_ms=1)
    print("sum", a + b + c + d)
    print("sep test", 1, 2, 3, sep="-")
    print("no newline", end="")
    print(" then newline")


asyncio.run(main())
