# Dict comprehensions: int and str keys, if-clauses, nested loops, a later
# key replacing an earlier one's value in its first position.
import asyncio


def index_of(words):
    return {w: i for i, w in enumerate(words) if len(w) < 3}


async def main():
    squares = {k: k * k for k in range(6) if k % 2 == 0}
    print(squares, len(squares), 4 in squares)
    lengths = {s: len(s) for s in ["a", "bb", "ccc"]}
    print(lengths)
    print(index_of(["x", "yy", "x", "zzz"]))
    print({x: [y for y in range(x)] for x in range(3)})
    print({a * 10 + b: str(a) + str(b) for a in range(2) for b in range(3) if a != b})
    await asyncio.sleep(0)
    print({k: v for k, v in lengths.items() if v > 1})
    print({k: 0 for k in "" if k})


asyncio.run(main())
