# Lists: literals, append, indexing (incl. negative), len, iteration, item assignment.
try:
    import uasyncio as asyncio
except ImportError:
    import asyncio


async def fill(n):
    out = []
    for i in range(n):
        out.append(i * i)
        await asyncio.sleep_ms(1)
    return out


async def main():
    xs = await fill(6)
    print(len(xs), xs[0], xs[1], xs[-1], xs[-2])
    total = 0
    for x in xs:
        total += x
    print("total", total)
    xs[2] = 100
    xs[-1] = -1
    print(xs)
    names = ["red", "green", "blue"]
    for n in names:
        print("colour", n, len(n))
    names.append("yellow")
    print(names, len(names))
    floats = [0.5, 1.5]
    floats.append(2.25)
    print(floats, floats[-1] * 2)
    i = 0
    while i < len(xs):
        xs[i] = xs[i] + 1
        i += 1
    print(xs)


asyncio.run(main())
