# list.sort / sorted with key= and reverse=, min/max with key=: lambdas,
# functions, builtins, str.lower, bound methods; stable for equal keys
# (also reversed), keys computed once per item, long lists; tuples ordered
# item by item (tuple keys, sorted(pairs), <).
import asyncio


def second(pair):
    return pair[1]


class Scale:
    def __init__(self, factor):
        self.factor = factor

    def weight(self, x):
        return x * self.factor % 7


calls = []


def counted(s):
    calls.append(s)
    return len(s)


async def main():
    xs = ["bb", "a", "ccc", "dd", "e"]
    xs.sort(key=len)
    print(xs)
    xs.sort(key=len, reverse=True)
    print(xs)
    xs.sort(reverse=True)
    print(xs)
    print(sorted([3, -1, 2, -3], key=abs), sorted([3, -1, 2, -3], key=abs, reverse=True))
    print(sorted([3, 1, 2], reverse=True), sorted("hello", reverse=True))
    print(sorted(["B", "a", "C", "b"], key=str.lower))
    pairs = [("x", 3), ("y", 1), ("z", 3), ("w", 2)]
    print(sorted(pairs, key=second), sorted(pairs, key=lambda p: p[1], reverse=True))
    print(min(pairs, key=second), max(pairs, key=second), max(pairs, key=lambda p: -p[1]))
    print(min(xs, key=len), max(xs, key=lambda s: len(s)))
    offset = 10
    await asyncio.sleep(0)
    print(sorted([0, 1, 2, 3, 4, 5], key=lambda n: (n * offset) % 7))
    s = Scale(3)
    print(sorted([n for n in range(8)], key=s.weight), min([1, 2, 3, 4, 5, 6, 7], key=s.weight))
    print(sorted({"b": 1, "a": 2, "c": 0}, key=lambda k: k), sorted([1.5, -2.0, 0.5], key=abs))
    print(sorted((n for n in range(5)), key=lambda n: -n))
    words = ["dd", "a", "ccc"]
    words.sort(key=counted)
    print(words, calls)
    flags = [True, False, True]
    flags.sort(key=lambda b: not b)
    print(flags)
    long = [(i * 7919) % 300 for i in range(300)]
    long.sort(key=lambda n: n // 10)
    print(long[:12], long[-3:])
    long.sort(key=lambda n: n % 10, reverse=bool(offset))
    print(long[:12])
    print((1, "b") < (1, "c"), (2, 0.5) >= (2, 0.25), ((1, 2), "x") < ((1, 3), "a"))
    print(sorted(pairs), sorted(pairs, key=lambda p: (p[1], p[0])),
          sorted(pairs, key=lambda p: (-p[1], p[0]), reverse=True))
    pairs.sort()
    print(pairs, min(pairs), max(pairs), max(pairs, key=lambda p: (p[1], p[0])), min(pairs[0], pairs[1]))
    pairs.sort(reverse=True)
    print(pairs)
    try:
        min(words[3:], key=len)
    except ValueError as e:
        print("ValueError", e)


asyncio.run(main())
