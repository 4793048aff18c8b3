# str.format with positional fields and format specs.
try:
    import uasyncio as asyncio
except ImportError:
    import asyncio


async def row(name, qty, price):
    await asyncio.sleep_ms(qty)
    print("{:<8}|{:3d}|{:7.2f}|".format(name, qty, qty * price))
    return qty * price


async def main():
    total = 0.0
    total += await row("apple", 3, 0.5)
    total += await row("pear", 12, 0.75)
    total += await row("kiwi", 7, 1.2)
    print("{:<8}|{:>3}|{:7.2f}|".format("total", "", total))
    print("{} + {} = {}".format(1, 2, 1 + 2))
    print("{0} {1} {0}".format("a", "b"))
    print("{:02d}:{:02d}:{:02d}".format(1, 5, 9))
    print("{:x} {:X} {:08b}".format(255, 255, 5))
    print("{!r} {:>6} {:^7}|".format("hi", "r", "mid"))


asyncio.run(main())
