# str.encode / bytes.decode: UTF-8 (the default) and ASCII, and the errors
# CPython raises for data they cannot represent.
import asyncio


def show(label, data):
    try:
        print(label, data.decode())
    except UnicodeDecodeError as e:
        print(label, "UnicodeDecodeError:", e)


async def main():
    text = "caf\xe9 \u20ac \U0001f600"
    raw = text.encode()
    print(raw, len(raw), len(text))
    print(raw.decode() == text, raw.decode("utf-8"), "plain".encode("ascii"), "x".encode("UTF-8"))
    print(bytearray(text, "utf-8")[:5], bytes("abc", "ascii"))
    for label, data in [("ok", b"ok"), ("start", b"\xff"), ("cont", b"a\xc3("),
                        ("cont3", b"\xe2\x82("), ("short", b"\xe2\x82"), ("end", b"abc\xc3"),
                        ("surrogate", b"\xed\xa0\x80"), ("overlong", b"\xe0\x80\x80"),
                        ("toobig", b"\xf4\x90\x80\x80"), ("emoji3", b"\xf0\x9f\x98")]:
        show(label, data)
    try:
        b"caf\xc3\xa9".decode("ascii")
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError:", e)
    for s in ["h\xe9", "a\u20acb", "\U0001f600!"]:
        try:
            s.encode("ascii")
        except UnicodeEncodeError as e:
            print("UnicodeEncodeError:", e)
    try:
        b"\x80".decode()
    except UnicodeError as e:
        print("caught as UnicodeError:", type(e))
    try:
        b"\x80".decode()
    except ValueError as e:
        print("caught as ValueError:", type(e))
    line = bytearray(b"temp=21.5\r\n")
    key, value = line.decode().strip().split("=")
    print(key, float(value) * 2)
    await asyncio.sleep(0)


asyncio.run(main())
