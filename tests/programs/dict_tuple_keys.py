# Tuples as dict keys: set, get, in, del, items, printing, KeyError's repr,
# comprehensions and methods; keys of ints, strs, floats and nested tuples.
import asyncio


class Grid:
    def __init__(self):
        self.cells = {}

    def put(self, x, y, v):
        self.cells[(x, y)] = v

    def at(self, x, y):
        return self.cells.get((x, y), ".")


def g():
    d = {(1, "x"): 1.5, (2, "y"): 2.5}
    d[(1, "x")] += 1
    print(d, d[(2, "y")], (2, "y") in d, (2, "z") not in d)
    try:
        print(d[(3, "q")])
    except KeyError as x:
        print("KeyError", x)
    e = {(i, j): i * j for i in range(3) for j in range(2) if i != j}
    print(e, len(e))
    print(e.pop((1, 0)), e.popitem(), e.copy(), e.setdefault((5, 5), 9), e)
    print([k for k in e.keys()], [v for v in e.values()])
    t = (2, 1)
    print(t in e, e.get(t, 0), e.get((9, 9), -1))
    print({((1, 2), "a"): True}, {(0.5, -1.0): "f"})
    del e[(0, 1)]
    print(e)


async def main():
    d = {}
    d[(1, 2)] = "a"
    d[(3, 4)] = "b"
    d[(1, 2)] = "c"
    print((3, 4) in d, (5, 6) in d)
    for k, v in d.items():
        print(k, v)
    for (a, b), v in d.items():
        print(a + b, v)
    print(d.get((1, 2)), d.get((7, 7)))
    print(d)
    await asyncio.sleep(0)
    grid = Grid()
    for i in range(3):
        grid.put(i, i * 2 % 3, str(i))
    print("".join(grid.at(x, y) for y in range(3) for x in range(3)))
    print(grid.cells)
    many = {}
    for i in range(40):
        many[(i % 7, str(i % 5))] = i
    print(len(many), many[(3, "3")], sum(many.values()))
    g()


asyncio.run(main())
