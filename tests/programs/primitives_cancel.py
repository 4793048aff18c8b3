# Primitives and cancellation: Event wakes waiters in order, 'async with' on a
# Lock and a Semaphore, a bounded Queue between producer and consumer,
# wait_for timing out and finishing in time, cancelling a sleeping task
# whose except/finally run, Task.done/cancelled, QueueEmpty.
import asyncio

async def waiter(ev, name):
    print(name, "waiting")
    await ev.wait()
    print(name, "woke, set =", ev.is_set())

async def locker(lock, name, log):
    async with lock:
        log.append(name)
        await asyncio.sleep(0.01)
    log.append(name + "!")

async def producer(q, n):
    for i in range(n):
        await q.put(i)
        print("put", i, "size", q.qsize())
    await q.put(-1)

async def consumer(q):
    total = 0
    while True:
        item = await q.get()
        if item < 0:
            break
        total += item
        await asyncio.sleep(0.005)
    return total

async def slow():
    await asyncio.sleep(1)
    return 5

async def sleeper(name):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
    finally:
        print(name, "cleanup")

async def main():
    ev = asyncio.Event()
    tasks = [asyncio.create_task(waiter(ev, "w%d" % i)) for i in range(3)]
    await asyncio.sleep(0.1)
    ev.set()
    for t in tasks:
        await t
    lock = asyncio.Lock()
    log = []
    await asyncio.gather(locker(lock, "a", log), locker(lock, "b", log), locker(lock, "c", log))
    print(log, lock.locked())
    q = asyncio.Queue(2)
    p = asyncio.create_task(producer(q, 5))
    print("consumed", await consumer(q))
    await p
    try:
        await asyncio.wait_for(slow(), 0.5)
    except asyncio.TimeoutError:
        print("timed out")
    print("in time", await asyncio.wait_for(slow(), 2))
    s = asyncio.create_task(sleeper("s1"))
    await asyncio.sleep(0.1)
    print("cancel ->", s.cancel())
    try:
        await s
    except asyncio.CancelledError:
        print("s1 done:", s.done(), "cancelled:", s.cancelled())
    sem = asyncio.Semaphore(2)
    async with sem:
        print("sem locked", sem.locked())
    try:
        q.get_nowait()
    except asyncio.QueueEmpty:
        print("empty")

asyncio.run(main())
