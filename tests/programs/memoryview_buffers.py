# I/O buffer patterns: a fixed receive buffer reused, memoryview windows
# written through without copying, bytes(mv[:n]) to take a packet out.
import asyncio

RX_SIZE = 16


class FakeUart:
    """Delivers chunks of a byte stream into a caller's buffer (readinto)."""

    def __init__(self, chunks):
        self.chunks = chunks
        self.pos = 0

    async def readinto(self, mv):
        await asyncio.sleep_ms(5)
        if self.pos == len(self.chunks):
            return 0
        chunk = self.chunks[self.pos]
        self.pos += 1
        n = min(len(chunk), len(mv))
        mv[0:n] = chunk[:n]
        return n


async def receiver(uart, q):
    buf = bytearray(RX_SIZE)
    mv = memoryview(buf)
    fill = 0
    while True:
        n = await uart.readinto(mv[fill:])
        if n == 0:
            break
        fill += n
        # packets end with a newline; hand complete ones over
        end = buf.find(b"\n")
        while 0 <= end < fill:
            await q.put(bytes(mv[:end]))
            rest = fill - end - 1
            mv[0:rest] = mv[end + 1:fill]
            fill = rest
            end = buf[:fill].find(b"\n")
    await q.put(b"")


async def main():
    buf = bytearray(8)
    mv = memoryview(buf)
    mv[0:4] = b"abcd"
    mv[4] = 0x45
    print(buf, len(mv), mv[0], mv[-1], bytes(mv[:5]), mv[1:3].tobytes(), mv.hex())
    tail = mv[2:6]
    tail[0] = ord("Z")
    print(buf, len(tail), bytes(tail), tail == b"Zd\x45\x00", bytearray(tail))
    buf[3] = 0x21
    print(bytes(tail))                    # a view: sees the change
    ro = memoryview(b"read only")
    print(bytes(ro[5:]), ro[0], [x for x in ro[:4]], sum(ro[:2]), b"x" + ro[:4])
    print(len(ro))
    try:
        ro[0] = 1
    except TypeError as e:
        print("TypeError:", e)
    try:
        mv[0] = 256
    except ValueError as e:
        print("ValueError:", e)
    try:
        mv[0:2] = b"xyz"
    except ValueError as e:
        print("ValueError:", e)
    try:
        print(mv[8])
    except IndexError as e:
        print("IndexError:", e)
    uart = FakeUart([b"he", b"llo\nwor", b"ld\n", b"a\nb\nc", b"\n"])
    q = asyncio.Queue()
    asyncio.create_task(receiver(uart, q))
    while True:
        packet = await q.get()
        if not packet:
            break
        print("packet", packet, packet.decode())


asyncio.run(main())
