# error: 5:30: sorted() by keys of type list[int] is not supported yet
import asyncio

async def main():
    print(sorted([1, 2], key=lambda n: [n, -n]))

asyncio.run(main())
