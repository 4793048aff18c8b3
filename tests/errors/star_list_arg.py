# error: 9:17: *x in a call needs a tuple (its length known at compile time), not a list[int]
import asyncio

def total(*args):
    return len(args)

async def main():
    xs = [1, 2, 3]
    print(total(*xs))

asyncio.run(main())
