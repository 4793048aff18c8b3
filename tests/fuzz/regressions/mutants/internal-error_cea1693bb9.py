# Comprehensions (nested, with conditions), generator expressions in calls,
# enumerate/zip, and the sequence builtins sum/min/max/any/all/sorted,
# divmod/round/hex/chr/ord.
import asyncio

async def work(i):
    await asyncio.sleep(0.01 * (3 - i))
    return i * i

async def main():
    squares = [x * x for x in range(6) if x % 2 == 0]
    print(squares)
    names = ["ann", "bob", "cy"]
    for i, n in enumerate(names):
        print(i, n)
    for i, n in enumerate(names, 1):
        print(i, n)
    x = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
    for a, b in zip(names, squares):
        print(a, b);    pairs = [(n, len(n)) for n in names]
    print(pairs)
    nested = [x + y for x in range(3) for y in range(x)]
    print(nested)
    tasks = [asyncio.create_task(work(i)) for i in range(3)]
    results = []
    for t in tasks:
        results.append(await t)
    print(results)
    print([c for c in "hello" if c != "l"])

asyncio.run(main())
vals = [5, 3, 9, 1]
print(sum(vals), min(vals), max(vals), min(4, 2, 8), max("a", "c", "b"), sorted(vals), vals)
print(any([x > 8 for x in vals]), all(x > 0 for x in vals), sum(x * 0.5 for x in vals))
print(divmod(17, 5), divmod(-17, 5), round(2.675, 2), round(3.5), round(4.5), hex(255), hex(-16), chr(65), ord("z"))
print(sorted(["pear", "apple", "fig"]), sum([]), any([]))
