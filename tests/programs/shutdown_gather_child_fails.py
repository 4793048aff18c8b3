# asyncio.run()'s shutdown cancels the tasks main left, and gather's
# children with them; a child whose cleanup raises is reported on stderr,
# "unhandled exception during asyncio.run() shutdown", as CPython reports
# every task it cancelled that ended with an exception. The gather itself
# ends with the first child's CancelledError.
import asyncio

cleaned = []


async def child(n):
    try:
        await asyncio.sleep(10)
    finally:
        cleaned.append(n)
        if n == 1:
            raise ValueError("child 1 failed in its cleanup")


async def parent():
    try:
        await asyncio.gather(child(0), child(1), child(2))
    except asyncio.CancelledError:
        print("parent cancelled")
        raise


async def main():
    asyncio.create_task(parent())
    await asyncio.sleep(0.1)
    print("main done")


asyncio.run(main())
print("cleaned", cleaned)
