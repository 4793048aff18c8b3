# error: 6:5: generator methods are not supported yet (a generator function is)
import asyncio


class Bag:
    def items(self):
        yield 1
        yield 2


async def main():
    for x in Bag().items():
        print(x)

asyncio.run(main())
