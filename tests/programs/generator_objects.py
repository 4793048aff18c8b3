# Generator objects kept in variables and passed around: next() with and
# without a default, StopIteration when exhausted (with the generator's
# return value), for loops that resume a partly used generator, list(),
# sum() and friends, generators given to functions and coroutines, and
# generator methods (also __iter__, for x in obj).
import asyncio


def count(n):
    i = 0
    while i < n:
        yield i
        i += 1


def squares(n):
    for i in range(n):
        yield i * i
    return "squares done"


def words(text):
    for w in text.split():
        yield w


def take(g, k):
    out = []
    for _ in range(k):
        out.append(next(g))
    return out


def drain(g):
    total = 0
    for v in g:
        total += v
    return total


class Sensor:
    def __init__(self, name, values):
        self.name = name
        self.values = values

    def readings(self, scale):
        for v in self.values:
            yield v * scale
        return len(self.values)

    def __iter__(self):
        for v in self.values:
            yield f"{self.name}={v}"


async def consume(g, label):
    for v in g:
        print(label, v)
        await asyncio.sleep(0.01)


async def main():
    g = count(5)
    print(next(g), next(g))
    for x in g:
        print("rest", x)
    print(next(g, -1), next(g, -2))
    try:
        next(g)
    except StopIteration as e:
        print("StopIteration", repr(e), e.args)

    s = squares(3)
    print(list(s))
    s = squares(2)
    print(next(s), next(s))
    try:
        next(s)
    except StopIteration as e:
        print("returned:", e, e.args)
    try:
        next(s)
    except StopIteration as e:
        print("again:", repr(e))

    g = count(10)
    print(take(g, 3), take(g, 2), drain(g))
    print(sum(count(5)), max(squares(4)), min(count(3)), sorted(words("b c a")), any(count(1)), all(count(3)))
    w = iter(words("one two three"))
    print(next(w), list(w), list(w))
    gens = [count(2), count(3)]
    for gen in gens:
        print(list(gen))
    await asyncio.gather(consume(count(2), "a"), consume(words("x y"), "b"))
    print([v * 2 for v in count(3)], [v for v in squares(3) if v])
    sensor = Sensor("t", [1, 2, 3])
    for reading in sensor.readings(10):
        print(reading)
        await asyncio.sleep(0)
    r = sensor.readings(2)
    print(next(r), list(r))
    for item in sensor:
        print(item)
    print([x for x in sensor], sum(sensor.readings(1)))


asyncio.run(main())
