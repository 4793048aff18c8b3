# error: 5:9: no binding for nonlocal 'count' found
import asyncio

def tick():
        nonlocal count
        count += 1

async def main():
    tick()

asyncio.run(main())
