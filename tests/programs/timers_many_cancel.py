# Many timers at once (enough to fill the timer queue's express lane):
# sleeps of mixed and equal lengths wake in deadline order, equal deadlines
# in the order they were queued; sleepers cancelled from anywhere in the
# queue (the first, the last, every fifth); call_later callbacks among
# them; wait_for timers taken out of the queue when the inner coroutine
# finishes first, and firing when it does not; timers queued while others
# expire.
import asyncio

woke = []


async def sleeper(k, ms):
    try:
        await asyncio.sleep_ms(ms)
        woke.append(k)
    except asyncio.CancelledError:
        woke.append(-k)
        raise


def fired(k):
    woke.append(1000 + k)


async def bounded(k, ms, timeout_ms):
    try:
        await asyncio.wait_for_ms(sleeper(k, ms), timeout_ms)
    except asyncio.TimeoutError:
        woke.append(-k)


async def main():
    loop = asyncio.get_event_loop()
    tasks = []
    for k in range(1, 61):
        # lengths 10..290 ms, with repeats (k % 29), some equal to others
        tasks.append(asyncio.create_task(sleeper(k, 10 * (k % 29 + 1))))
    for k in range(12):
        loop.call_later(0.005 * (k % 7 + 1), fired, k)
    await asyncio.sleep(0)
    tasks[0].cancel()
    tasks[59].cancel()
    for k in range(4, 60, 5):
        tasks[k].cancel()
    waits = [asyncio.create_task(bounded(200 + k, 4 * k + 1, 31)) for k in range(16)]
    await asyncio.sleep_ms(95)
    print("by 95 ms:", woke)
    woke.clear()
    # more timers while the others are still queued
    late = [asyncio.create_task(sleeper(100 + k, 7 * k + 3)) for k in range(20)]
    for t in late[::4]:
        t.cancel()
    await asyncio.sleep_ms(400)
    print("by 495 ms:", woke)
    done = 0
    for t in tasks + late + waits:
        if t.done():
            done += 1
    print("done", done, "of", len(tasks) + len(late) + len(waits))


asyncio.run(main())
