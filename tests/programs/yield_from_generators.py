# yield from inside generators: delegation to another generator (made there
# or passed in as an object), the inner generator's return value as the
# value of the expression, yield from a list or a string, nesting, and
# recursion.
import asyncio


def inner(n):
    for i in range(n):
        yield i
    return n * 100


def middle(n):
    got = yield from inner(n)
    print("  inner returned", got)
    yield got
    yield from [7, 8]
    return got + 1


def outer():
    r = yield from middle(2)
    print("  middle returned", r)
    yield -1


def chars(s):
    yield from s
    yield "!"


def relay(g):
    yield from g
    print("  relayed")


def words(text):
    for w in text.split():
        yield w
    return "end"


def relay_words(g):
    last = yield from g
    print("  words returned", last)


def flatten(rows):
    for row in rows:
        yield from row


def walk(n):
    # recursive delegation: each level's frame lives in the arena
    yield n
    if n > 0:
        yield from walk(n - 1)
    yield -n


def tree(depth, label):
    if depth == 0:
        yield label
        return
    yield from tree(depth - 1, label + "L")
    yield from tree(depth - 1, label + "R")


async def main():
    print(list(outer()))
    for c in chars("ab"):
        print(c)
    g = inner(3)
    print(next(g))
    print(list(relay(g)))
    print(list(relay(g)))
    w = words("p q")
    print(next(w), list(relay_words(w)), list(relay_words(w)))
    print(list(flatten([[1, 2], [], [3]])))
    total = 0
    for v in middle(3):
        total += v
        await asyncio.sleep(0)
    print("total", total)
    print(list(walk(3)))
    for leaf in tree(2, ""):
        print(leaf)
        await asyncio.sleep(0)
    wk = walk(2)
    print(next(wk), next(wk), list(wk))


asyncio.run(main())
