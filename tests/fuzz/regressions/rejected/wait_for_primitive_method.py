# rejected by uasyncc check, runs under CPython: wait_for() of a primitive's
# coroutine method: "wait_for() of a coroutine is not supported yet (pass a
# coroutine call)", though ev.wait() is a coroutine call
import asyncio


async def main():
    ev = asyncio.Event()
    try:
        await asyncio.wait_for(ev.wait(), 0.01)
    except asyncio.TimeoutError:
        print("timed out", ev.is_set())


asyncio.run(main())
