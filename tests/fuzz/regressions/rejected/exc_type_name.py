# rejected by uasyncc check, runs under CPython: type(e).__name__ of a caught
# exception: "'type' object has no attribute '__name__'"
import asyncio


async def main():
    for arg in (0, 1):
        try:
            if arg:
                raise KeyError("k")
            raise ValueError("v")
        except Exception as e:
            print(type(e).__name__)


asyncio.run(main())
