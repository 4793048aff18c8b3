# fuzz finding (hand-written probe of the str methods the generator uses):
# str.replace with an empty old string inserts new before every character
# and at the end; the compiled program returned the string unchanged.
import asyncio


async def main():
    s = "Hello"
    print(s.replace("", "-"), "".replace("", "x"), "ab".replace("", ""), "é€b".replace("", "|"))
    print(len("é€b".replace("", "|")), s.replace("l", ""), s.replace("", "<>")[:7])
    await asyncio.sleep(0)


asyncio.run(main())
