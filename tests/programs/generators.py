# Generators (def with yield), iterated by for loops and comprehensions,
# nested, with break/else and an early return.
import asyncio

def countdown(n):
    while n > 0:
        yield n
        n -= 1

def evens(limit):
    for i in range(limit):
        if i % 2 == 0:
            yield i * i
    print("  evens done")

def words(text):
    for w in text.split():
        if w == "stop":
            return
        yield w.upper()

def total(limit):
    s = 0
    for v in evens(limit):
        s += v
    return s

async def main():
    for c in countdown(3):
        print("countdown", c)
        await asyncio.sleep(0.01)
    print([x for x in evens(7)], total(10))
    for w in words("alpha beta stop gamma"):
        print(w)
    for a in countdown(2):
        for b in countdown(2):
            print(a, b)
    for c in countdown(5):
        if c == 3:
            break
    else:
        print("not reached")
    print(sum([v for v in evens(5)]))

asyncio.run(main())
