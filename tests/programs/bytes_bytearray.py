# bytes and bytearray: literals, constructors, items, slices, methods, repr.
import asyncio

HEADER = b"\x02UA"


def checksum(data):
    total = 0
    for byte in data:
        total = (total + byte) & 0xFF
    return total


def frame(payload):
    out = bytearray(HEADER)
    out.append(len(payload))
    out.extend(payload)
    out.append(checksum(payload))
    return bytes(out)


async def main():
    print(b"", b"abc", b"it's", b'say "hi"', b"both ' and \"")
    print(b"\x00\x01\t\n\r\\\x7f\x80\xff")
    print(bytes(3), bytes([65, 66, 67]), bytes("h\xe9", "utf-8"), bytes(b"copy"))
    print(bytearray(2), bytearray(b"xy"), bytearray([1, 2, 255]), bytearray())
    data = b"hello, world"
    print(len(data), data[0], data[-1], data[7:], data[:5], data[::2], data[::-1])
    print(b"lo" in data, 111 in data, 5 in data, b"xyz" not in data)
    print(data.find(b"o"), data.find(b"zz"), data.find(ord("w")), data.count(b"l"))
    print(data.startswith(b"hell"), data.endswith(b"world"), data.endswith(b"x"))
    print(data.hex(), b"\x00\xab".hex(), data.decode(), data.decode("ascii"))
    print(b", ".join([b"a", b"b", b"c"]), b"".join([]), b"ab" + b"cd", b"-" * 3, 2 * b"xy")
    print(data == b"hello, world", data != b"hello", data == bytearray(data))
    print(bool(b""), bool(b"x"), [c for c in b"abc"], sum(b"\x01\x02\x03"), max(b"\x05\x09\x01"))
    print(str(b"s"), repr(bytearray(b"r")), f"{b'f'} {bytearray(b'g')!r}")
    buf = bytearray(b"abcdef")
    buf[0] = 65
    buf[-1] = 70
    buf[1:3] = b"BC"
    print(buf, buf[2], buf[1:4], len(buf))
    buf[1:3] = b"-"
    print(buf)
    buf[1:2] = b"<<>>"
    print(buf)
    buf[::2] = b"123456"[:4]
    print(buf)
    f = frame(b"\x10\x20\x30")
    print(f, checksum(f[4:7]), f[3])
    for bad in (256, -1):
        try:
            buf[0] = bad
        except ValueError as e:
            print("ValueError:", e)
    try:
        buf.append(300)
    except ValueError as e:
        print("ValueError:", e)
    try:
        print(bytes([1, 999]))
    except ValueError as e:
        print("ValueError:", e)
    try:
        print(data[100])
    except IndexError as e:
        print("IndexError:", e)
    try:
        print(buf[100])
    except IndexError as e:
        print("IndexError:", e)
    try:
        bytes(-1)
    except ValueError as e:
        print("ValueError:", e)
    try:
        buf[0:4:2] = b"abc"
    except ValueError as e:
        print("ValueError:", e)
    print((1025).to_bytes(2, "big"), (1025).to_bytes(4, "little"), (-2).to_bytes(2, "big", signed=True))
    print(int.from_bytes(b"\x04\x01", "big"), int.from_bytes(b"\x04\x01", "little"),
          int.from_bytes(b"\xfe\xff", "little", signed=True), int.from_bytes(b"", "big"))
    try:
        (256).to_bytes(1, "big")
    except OverflowError as e:
        print("OverflowError:", e)
    await asyncio.sleep(0)


asyncio.run(main())
