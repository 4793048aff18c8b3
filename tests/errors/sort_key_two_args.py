# error: 6:17: a key lambda takes one argument
import asyncio

async def main():
    xs = [3, 1, 2]
    xs.sort(key=lambda a, b: a - b)
    print(xs)

asyncio.run(main())
