# error: 5:19: this lambda uses 'i' of the comprehension around it: closures over comprehension variables are not supported yet
import asyncio

async def main():
    fs = [lambda: i for i in range(3)]
    print(fs[0]())

asyncio.run(main())
