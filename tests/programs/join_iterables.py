# str.join and list.extend of any iterable of str: a str, a tuple, a dict and
# its keys, a generator expression, a list comprehension, a
# generator; list.count/copy/clear; range() and dict views given to
# sum/min/max/sorted/list.
import asyncio


def parts():
    yield "p"
    yield "q"


class Names:
    def __init__(self):
        self.items = ["m", "n"]
        self.pair = ("s", "t")


async def main():
    print("-".join("abc"))
    print(",".join(("x", "y")))
    print("".join(str(i) for i in range(4)))
    print(" ".join([s.upper() for s in ["a", "b"]]))
    t = ("u", "v")
    print("+".join(t))
    d = {"k": 1, "j": 2}
    print("/".join(d), "/".join(d.keys()))
    print("/".join(parts()), "|".join(""), "|".join(()))
    n = Names()
    print(":".join(n.items), ":".join(n.pair))
    print(", ".join(f"{k}={v}" for k, v in d.items() if v > 1))
    await asyncio.sleep(0)
    xs = [1, 2]
    xs.extend([3, 4])
    xs.extend(range(2))
    xs.extend((7, 8))
    xs.extend(x * 10 for x in range(3))
    xs.extend(xs)
    print(xs, xs.count(2), xs.copy() == xs)
    words = []
    words.extend("hi")
    words.extend(parts())
    print(words)
    words.clear()
    print(words, len(words))
    print(sum(range(5)), list(range(3)), sorted(range(3), reverse=True), max(range(3)), any(range(1)))
    print(list(d.keys()), list(d.values()), list(d.items()), min(range(4), key=lambda n: (n - 2) * (n - 2)))


asyncio.run(main())
