# fuzz regression (tests/fuzz): crash
# found by: tests/fuzz/run.py round seed 30300917 (shrunk by hand)
# generated C does not compile: "bitwise comparison always evaluates to true
# [-Werror=tautological-compare]": the truth value of `1 | x` was `(1 | x) != 0`.
import asyncio


async def main():
    words = "a b"
    for n in (0, 3):
        if bool(1 | words.count(" ")):
            print("bool", n)
        if n | 2:
            print("if", n)
        print(not (n | 4), 5 if n | 1 else 6)
        while n | 1 and n < 5:
            n += 2
        print(n)
    await asyncio.sleep(0)


asyncio.run(main())
