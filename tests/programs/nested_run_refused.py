"""asyncio.run(), run_until_complete() and run_forever() called from a
function that a coroutine calls: the loop is running, so CPython raises
RuntimeError (the compiler rejects such a call written in a coroutine)."""
import asyncio


async def inner(tag):
    print("inner", tag)
    return tag * 2


def helper(tag):
    try:
        return asyncio.run(inner(tag))
    except RuntimeError as e:
        print("RuntimeError:", e)
        return -1


def loop_helper(tag):
    loop = asyncio.get_event_loop()
    try:
        return loop.run_until_complete(inner(tag))
    except RuntimeError as e:
        print("RuntimeError:", e)
        return -2


def forever_helper():
    loop = asyncio.get_event_loop()
    try:
        loop.run_forever()
    except RuntimeError as e:
        print("RuntimeError:", e)


def sleep_helper():
    try:
        asyncio.run(asyncio.sleep(0))
    except RuntimeError as e:
        print("RuntimeError:", e)


async def main():
    print("nested", helper(1))
    print("nested loop", loop_helper(2))
    forever_helper()
    sleep_helper()
    await asyncio.sleep(0)
    return 5


print("outside", helper(3))
print("main", asyncio.run(main()))
print("outside again", helper(4))
