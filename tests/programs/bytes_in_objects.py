# bytes in objects, queues, lists, dicts and comparisons.
import asyncio


class Packet:
    def __init__(self, kind, payload):
        self.kind = kind
        self.payload = payload
        self.reply = None

    def encode(self):
        return bytes([self.kind, len(self.payload)]) + self.payload


async def produce(q):
    for i in range(3):
        p = Packet(i, b"x" * i)
        p.reply = bytearray(b"ok")
        await q.put(p.encode())
        await asyncio.sleep_ms(1)


async def main():
    q = asyncio.Queue()
    asyncio.create_task(produce(q))
    got = []
    for _ in range(3):
        got.append(await q.get())
    print(got, got[1] in got, b"zz" in got, [b"a", b"b"] == [b"a", b"b"])
    table = {1: b"one", 2: b"two"}
    print(table, (b"t", 1), table.get(3, b"?"))
    marks = [{1, 2}, set()]
    print(marks, {1, 2} in marks)
    last = None
    for g in got:
        if last is not None:
            print("prev", last, g > got[0], g <= b"\x01", len(g))
        last = g
    print(last)
    total = 0
    data = bytearray(b"\x01\x02\x03")
    for i, b in enumerate(data):
        total += i * b
    print(total, sorted({5, 3, 9}), min({5, 3, 9}), [hex(b) for b in b"\x10\xff"])
    print(f"{data!r} {b'q'} {len(data):>4}")


asyncio.run(main())
