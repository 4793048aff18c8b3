# Event waiters and cancellation: a waiter cancelled from the middle, the
# front and the back of the waiters; a waiter cancelled after set() woke it
# but before it ran; new waiters behind a cancelled one; clear() and a new
# wait while woken waiters have not run yet; wait_for on an Event timing
# out and in time; one task waiting on two Events in turn.
import asyncio

log = []


async def waiter(ev, name):
    try:
        await ev.wait()
        log.append(name + " woke")
        print(name, "woke, set =", ev.is_set())
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise


async def cancel_positions():
    for victim in range(3):
        ev = asyncio.Event()
        tasks = [asyncio.create_task(waiter(ev, "w%d.%d" % (victim, i))) for i in range(3)]
        await asyncio.sleep(0)
        tasks[victim].cancel()
        await asyncio.sleep(0)
        late = asyncio.create_task(waiter(ev, "late%d" % victim))
        await asyncio.sleep(0)
        ev.set()
        for t in tasks + [late]:
            try:
                await t
            except asyncio.CancelledError:
                pass
        print("cancelled:", [t.cancelled() for t in tasks + [late]])


async def cancel_after_set():
    ev = asyncio.Event()
    a = asyncio.create_task(waiter(ev, "a"))
    b = asyncio.create_task(waiter(ev, "b"))
    await asyncio.sleep(0)
    ev.set()
    a.cancel()           # woken, not run yet: CancelledError at its await
    try:
        await a
    except asyncio.CancelledError:
        pass
    await b
    print("a cancelled:", a.cancelled(), "b cancelled:", b.cancelled())


async def clear_before_woken_run():
    ev = asyncio.Event()
    a = asyncio.create_task(waiter(ev, "first"))
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    b = asyncio.create_task(waiter(ev, "second"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("before second set:", log[-1])
    ev.set()
    await a
    await b


async def wait_on(ev):
    await ev.wait()
    return ev.is_set()


async def wait_for_event():
    ev = asyncio.Event()
    try:
        await asyncio.wait_for(wait_on(ev), 0.01)
    except asyncio.TimeoutError:
        print("wait_for timed out, set =", ev.is_set())
    t = asyncio.create_task(waiter(ev, "after timeout"))
    await asyncio.sleep(0)

    async def setter():
        await asyncio.sleep(0.005)
        ev.set()

    asyncio.create_task(setter())
    r = await asyncio.wait_for(wait_on(ev), 1)
    print("wait_for in time:", r)
    await t


async def two_events():
    e1 = asyncio.Event()
    e2 = asyncio.Event()

    async def both():
        await e1.wait()
        print("both: e1")
        await e2.wait()
        print("both: e2")

    t = asyncio.create_task(both())
    await asyncio.sleep(0)
    e2.set()
    await asyncio.sleep(0)
    e1.set()
    await t


async def main():
    await cancel_positions()
    await cancel_after_set()
    await clear_before_woken_run()
    await wait_for_event()
    await two_events()
    print("log", len(log))


asyncio.run(main())
