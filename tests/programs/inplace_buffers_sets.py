# In-place operators: bytearray += data and set |= -= &= change the object
# itself (every reference sees it), with CPython's table layouts.
import asyncio


class Link:
    def __init__(self):
        self.rx = bytearray()
        self.ids = {1}


async def main_inplace():
    buf = bytearray(b"ab")
    alias = buf
    buf += b"cd"
    buf += memoryview(b"xyz")[1:]
    print(buf, alias, len(alias))
    link = Link()
    link.rx += b"\x01\x02"
    link.ids |= {5, 9}
    print(link.rx, link.ids)
    a = {1, 2, 3, 40, 50, 8, 16}
    same = a
    a -= {2, 40}
    print(a, same)
    a &= {1, 3, 16, 99}
    print(a, same)
    a |= a
    a &= a
    print(a)
    a -= a
    print(a, same)
    data = b"x"
    data += b"y"
    print(data)


async def pump(n):
    buf = bytearray()
    seen = set()
    for i in range(n):
        await asyncio.sleep_ms(1)
        buf += bytes([i])
        seen |= {i * 8 % 5}
        await asyncio.sleep_ms(1)
    return bytes(buf), len(seen)


async def main():
    await main_inplace()
    print(await pump(5))


asyncio.run(main())
