# bytearrays and sets as fields, built in loops, joined and updated.
import asyncio


class Reader:
    def __init__(self):
        self.buf = bytearray()
        self.seen = set()

    def feed(self, data):
        self.buf.extend(data)
        for b in data:
            self.seen.add(b)
        return len(self.buf)


def tags(n):
    s = set()
    for i in range(n):
        s.add(i * 31 % 7)
    return s


async def main():
    r = Reader()
    print(r.buf, r.feed(b"abc"), r.feed(bytearray(b"ca")), r.buf, r.seen, len(r.seen))
    print(tags(10), tags(0), tags(10) == tags(11), {1, 2} | tags(3), sorted(tags(5) - {0}))
    t = tags(4)
    t.update({100, 5})
    print(t, 5 in t, [x for x in t if x > 3])
    parts = [b"k=", str(42).encode(), b";"]
    print(b"".join(parts), b"=".join([b"a"]), bytearray(b"-").join([b"x", b"y"]))
    big = bytearray()
    for i in range(300):
        big.append(i % 256)
    print(len(big), big[255], big[-1], big.count(b"\x05"), big.find(b"\x10\x11"), big.hex()[:8])


asyncio.run(main())
