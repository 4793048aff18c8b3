# arena: 8192
# Exceptions are reclaimed: 20,000 iterations raise and catch exceptions
# (some with built messages, some of the program's class with attributes)
# in an 8 KB arena, keeping only the last few in a list.
import asyncio


class RetryError(Exception):
    def __init__(self, attempt, reason):
        super().__init__(f"attempt {attempt}: {reason}")
        self.attempt = attempt
        self.reason = reason


def check(i):
    if i % 3 == 0:
        raise ValueError(f"value {i}")
    if i % 3 == 1:
        raise RetryError(i, "busy")
    raise KeyError(i)


async def main():
    recent = []
    counts = [0, 0, 0]
    total = 0
    for i in range(20000):
        try:
            check(i)
        except RetryError as e:
            counts[1] += 1
            total += e.attempt
            recent.append(e)
        except ValueError as e:
            counts[0] += 1
            recent.append(e)
        except KeyError as e:
            counts[2] += 1
            recent.append(e)
        if len(recent) > 5:
            recent.pop(0)
        if i % 1000 == 0:
            await asyncio.sleep(0)
    print(counts, total)
    for e in recent:
        print(type(e).__name__, repr(e))


asyncio.run(main())
