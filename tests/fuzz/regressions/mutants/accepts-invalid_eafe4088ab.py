# Tuples: literals, indexing, unpacking, swaps, returning mixed-type tuples.
import asyncio


def divmod_pair(a, b):
    return a // b, a % b


def stats(name, values):
    count = 0
    total = 0
    for v in values:
        count += 1
        total += v
	return name, count, total


async def fetch(i):
    await asyncio.sleep_ms(i)
    return "item" + str(i), i * 3


async def main():
    q, r = divmod_pair(17, 5)
    print(q, r)
    a = 1
    b = 2
    a, b = b, a
    print(a, b)
    t = (10, 20, 30)
    print(t[0], t[-1], len(t), t)
    x, y, z = t
    print(x + y + z)
    name, count, total = stats("scores", [4, 8, 15, 16, 23, 42])
    print(name, count, total)
    label, value = await fetch(4)
    print(label, value)
    pairs = [(1, 2), (3, 4), (5, 6)]
    for pr in pairs:
        p, s = pr
        print(p, s, p * s)
    point = (1.5, -2.0)
    px, py = point
    print(point, px * py)
    a, b, c = 1, 2, 3
    a, b, c = c, a, b
    print(a, b, c)


asyncio.run(main())
