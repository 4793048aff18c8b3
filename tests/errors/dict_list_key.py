# error: 5:10: dict keys must be int, str or a tuple of those here, not list[int]
import asyncio

async def main():
    d = {[1, 2]: "a"}
    print(d)

asyncio.run(main())
