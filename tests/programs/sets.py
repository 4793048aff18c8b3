# Sets of ints iterate and print in CPython's order (its hash table,
# reproduced); sets of strs support membership, len and the operators.
import asyncio


async def worker(n, seen):
    await asyncio.sleep_ms(10 * (n % 3))
    seen.add(n * 9)


async def main():
    empty = set()
    print(empty, len(empty), bool(empty), {1, 2}, {8, 1}, {2, 1, 8, 16, 3}, {-1, -2, 7, 15})
    s = {3, 1, 2}
    s.add(10)
    s.add(3)
    s.discard(1)
    s.discard(99)
    print(s, len(s), 3 in s, 1 in s, 99 not in s)
    s.remove(10)
    try:
        s.remove(10)
    except KeyError as e:
        print("KeyError:", e)
    grow = set()
    for i in range(100, 0, -7):
        grow.add(i)
    print(grow, sum(grow), min(grow), max(grow), sorted(grow)[:3])
    for i in range(0, 100, 3):
        grow.discard(i)
    grow.add(2)
    grow.add(3)
    print(grow, len(grow))
    a = {1, 2, 3, 40, 50}
    b = {3, 40, 99}
    print(a | b, a & b, a - b, b - a, b | a, b & a)
    print(a == {50, 40, 3, 2, 1}, a != b, set([5, 3, 5, 1]), set(range(12, 0, -4)), set(a), set(range(40, 0, -3)))
    squares = {x * x % 17 for x in range(20)}
    print(squares, {x for x in [10, 2, 10, 34]})
    for x in {33, 1, 65}:
        print("item", x)
    print([x + 1 for x in {4, 12}], any(x > 40 for x in a))
    copy = a.copy()
    copy.clear()
    print(copy, a)
    seen = set()
    await asyncio.gather(*[worker(n, seen) for n in range(6)])
    print(seen)
    names = {"red", "green"}
    names.add("blue")
    names.discard("green")
    print(len(names), "red" in names, "green" in names, sorted(names))
    print(sorted(names | {"cyan"}), sorted(names & {"red", "x"}), sorted(names - {"red"}), names == {"blue", "red"})
    try:
        names.remove("nope")
    except KeyError as e:
        print("KeyError:", e)
    b = {3, 40, 99, 7}
    print(a ^ b, b ^ a, a ^ a, a ^ set())
    c = {5, 13, 21}
    c ^= {13, 100}
    print(c)
    popped = []
    while c:
        popped.append(c.pop())
        if len(popped) == 1:
            c.add(64)
    print(popped, c)
    print(a <= a, a < a, {1, 2} < a, a > {1, 2}, a >= {7}, {1, 2}.issubset(a), a.issuperset({2, 99}),
          a.isdisjoint({7, 8}), a.isdisjoint(b))
    try:
        c.pop()
    except KeyError as e:
        print("KeyError:", e)


asyncio.run(main())
