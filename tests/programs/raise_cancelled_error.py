"""A task that raises CancelledError itself, with nothing cancelling it,
ends cancelled (CPython's Task.__step). No try statement, so no shutdown:
the runtime knows of it only because the program names CancelledError
(UA_FEATURE_CANCEL)."""
import asyncio


async def quits(after_ms):
    await asyncio.sleep_ms(after_ms)
    print("quitting")
    raise asyncio.CancelledError()


async def finishes():
    await asyncio.sleep_ms(1)
    return 7


async def main():
    t = asyncio.create_task(quits(2))
    u = asyncio.create_task(finishes())
    await asyncio.sleep_ms(5)
    print("quits: cancelled", t.cancelled(), "done", t.done())
    print("finishes:", await u, "cancelled", u.cancelled())


asyncio.run(main())
