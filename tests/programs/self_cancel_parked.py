"""A task that cancels itself and then blocks on a future: CPython cancels
that future as soon as the step ends (one hop), so the CancelledError
arrives at the await before tasks queued later run. Interleaved with a
ticker to pin the order down."""
import asyncio

ev = asyncio.Event()
lock = asyncio.Lock()


async def ticker(n):
    for i in range(n):
        print("tick", i)
        await asyncio.sleep(0)


async def cancel_then(kind):
    me = asyncio.current_task()
    print(kind, "cancels itself")
    me.cancel()
    try:
        if kind == "sleep":
            await asyncio.sleep(5)
        elif kind == "event":
            await ev.wait()
        else:
            await lock.acquire()
        print(kind, "not cancelled")
    except asyncio.CancelledError:
        print(kind, "cancelled at its await")
        raise


async def cancel_twice_then_finish():
    me = asyncio.current_task()
    me.cancel()
    me.cancel()
    print("returns with a cancel pending")
    return 1


async def main():
    async with lock:
        for kind in ("sleep", "event", "lock"):
            t = asyncio.create_task(cancel_then(kind))
            tick = asyncio.create_task(ticker(3))
            try:
                await t
            except asyncio.CancelledError:
                print(kind, "task cancelled:", t.cancelled())
            await tick
    last = asyncio.create_task(cancel_twice_then_finish())
    try:
        print("result", await last)
    except asyncio.CancelledError:
        print("cancelled before returning:", last.cancelled())


asyncio.run(main())
