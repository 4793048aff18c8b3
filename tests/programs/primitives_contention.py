# Contention and notification: 100 tasks on one Lock are served in FIFO
# order; Condition notify(n)/notify_all/wait_for; Barrier rounds; Semaphore
# limiting concurrency; BoundedSemaphore over-release; ThreadSafeFlag.
import asyncio

order = []
ready = 0


async def contender(lock, i):
    async with lock:
        order.append(i)
        await asyncio.sleep(0)


async def consumer(cond, name):
    async with cond:
        await cond.wait()
        print("consumer", name, "notified")


def is_ready():
    return ready >= 3


async def predicate_waiter(cond):
    async with cond:
        await cond.wait_for(is_ready)
        print("predicate true, ready =", ready)


async def party(barrier, name, delay):
    await asyncio.sleep(delay)
    idx = await barrier.wait()
    print(name, "passed barrier, arrival", idx,)


async def limited(sem, i, active):
    async with sem:
        active.append(i)
        print("running", i, "with", len(active), "active")
        await asyncio.sleep(0.01)
        active.remove(i)


async def flag_waiter(flag):
    await flag.wait()
    print("flag seen")


async def main():
    global ready
    lock = asyncio.Lock()
    tasks = [asyncio.create_task(contender(lock, i)) for i in range(100)]
    for t in tasks:
        await t
    print("fifo:", order[:10], len(order), order == sorted(order))
    cond = asyncio.Condition()
    waiters = [asyncio.create_task(consumer(cond, n)) for n in ("a", "b", "c", "d")]
    await asyncio.sleep(0.01)
    async with cond:
        cond.notify(2)
    await asyncio.sleep(0.01)
    async with cond:
        cond.notify_all()
    for t in waiters:
        await t
    pw = asyncio.create_task(predicate_waiter(cond))
    for i in range(4):
        await asyncio.sleep(0.01)
        async with cond:
            ready += 1
            print("ready", ready)
            cond.notify_all()
    await pw
    barrier = asyncio.Barrier(3)
    await asyncio.gather(party(barrier, "p1", 0.03), party(barrier, "p2", 0.01), party(barrier, "p3", 0.02))
    sem = asyncio.Semaphore(2)
    active = []
    await asyncio.gather(limited(sem, 1, active), limited(sem, 2, active), limited(sem, 3, active))
    bs = asyncio.BoundedSemaphore(1)
    try:
        bs.release()
    except ValueError as e:
        print("bounded:", e)
    try:
        lock.release()
    except RuntimeError as e:
        print("lock:", e)
    flag = asyncio.ThreadSafeFlag()
    ft = asyncio.create_task(flag_waiter(flag))
    await asyncio.sleep(0.01)
    flag.set()
    await ft


asyncio.run(main())
