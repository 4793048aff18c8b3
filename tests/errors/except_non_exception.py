# error: 7:12: do not inherit from BaseException
import asyncio

async def main():
    try:
        pass
    except int:
        pass

asyncio.run(main())
