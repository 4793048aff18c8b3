# error: 9:15: e.args[i] is supported only when every exception is made with at most one str argument
import asyncio


async def main():
    try:
        raise ValueError("bad", 3)
    except ValueError as e:
        print(e.args[1])

asyncio.run(main())
