# Integer arithmetic: floor division and modulo with negatives, power, bit ops.
import asyncio


def show(a, b):
    print(a, b, "//", a // b, "%", a % b)


async def main():
    show(7, 2)
    show(-7, 2)
    show(7, -2)
    show(-7, -2)
    show(0, 5)
    show(-1, 1000)
    await asyncio.sleep(0)
    print(2 ** 10, 3 ** 5, (-2) ** 3, 10 ** 0, -2 ** 2)
    x = 0b1011
    y = 0x0F
    print(x & y, x | y, x ^ y, ~x, x << 3, x >> 1, -x >> 1)
    print(1 << 30, (1 << 30) - 1 + (1 << 30), -(1 << 30) * 2)
    n = 12345
    digits = 0
    while n > 0:
        digits += n % 10
        n //= 10
    print("digit sum", digits)
    v = 100
    v -= 1
    v *= 3
    v //= 4
    v %= 50
    v **= 2
    v <<= 2
    v >>= 1
    v &= 0xFFF
    v |= 1
    v ^= 0x10
    print("augmented", v)
    print(abs(-17), abs(17), -(-3), +4)
    print(int(7.9), int(-7.9), int("123"), int(True))


asyncio.run(main())
