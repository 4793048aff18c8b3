# for loops over a set walk it as CPython's iterator: order, break/else,
# awaits inside, RuntimeError when the body changes its size.
import asyncio


async def main():
    s = {1, 2, 3}
    total = 0
    for x in s:
        await asyncio.sleep_ms(1)
        total += x
        if x == 2:
            continue
    else:
        print("done", total)
    for x in {5, 9, 13}:
        if x == 9:
            break
        print("x", x)
    else:
        print("not reached")
    print({x + 1 for x in s}, [x for x in s if x > 1])
    try:
        for x in s:
            s.add(x + 10)
    except RuntimeError as e:
        print("RuntimeError:", e, s)
    t = {1, 2}
    for x in t:       # same size: no error, as CPython
        t.discard(x)
        t.add(x + 8)
        print("visit", x)
    print(t)


asyncio.run(main())
