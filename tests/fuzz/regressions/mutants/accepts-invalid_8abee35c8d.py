# Booleans, and/or/not short-circuiting, conditional expressions.
import asyncio

calls = 0


def check(v, label):
    global calls
    calls += 1
    print("check", label)
    return v


async def main():
    t = True
    f = False
    print(t and f, t or f, not t, not f, t and not f)
    print(check(False, "a") and check(True, "b"))
    print(check(True, "c") or check(True, "d"))
    print(check(True, "e") and check(False, "f"))
    print("calls", calls)
    for n in range(6):
        kind = "even" if n % 2 == 0 else "odd"
        size = "big" if n > 3 else ("mid" if n > 1 else "tiny")
        print(n, kind, size)
        await asyncio.sleep(0)
	x = 5
    ok = x > 0 and x < 10 and not x == 7
    print("ok", ok, int(ok))


asyncio.run(main())
