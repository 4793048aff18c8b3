# Classes deriving from asyncio's primitives: their own __init__ calling
# super().__init__(...), extra fields and methods, overrides calling the
# primitive's methods through super(), async overrides of wait/acquire/get,
# `async with` on a Lock subclass, isinstance against both classes, and a
# class deriving from micropython-async's primitives.Message.
import asyncio

from primitives import Message


class CountingEvent(asyncio.Event):
    def __init__(self, name):
        super().__init__()
        self.name = name
        self.sets = 0

    def set(self):
        self.sets += 1
        print(f"  {self.name}: set #{self.sets}")
        super().set()

    async def wait(self):
        print(f"  {self.name}: waiting (set={self.is_set()})")
        r = await super().wait()
        print(f"  {self.name}: woken")
        return r


class Gate(asyncio.Lock):
    def __init__(self, label):
        super().__init__()
        self.label = label
        self.entries = 0

    async def acquire(self):
        r = await super().acquire()
        self.entries += 1
        return r

    def report(self):
        print(f"{self.label}: {self.entries} entries, locked={self.locked()}")


class Mailbox(asyncio.Queue):
    def __init__(self, size):
        super().__init__(size)
        self.sent = 0

    async def put(self, item):
        self.sent += 1
        await super().put(item * 10)

    def pending(self):
        return self.qsize()


class Pool(asyncio.BoundedSemaphore):
    def __init__(self, n):
        super().__init__(n)
        self.n = n


class Signal(asyncio.Condition):
    def __init__(self):
        super().__init__()
        self.value = 0


class Plain(asyncio.Event):
    pass


class Mail(Message):
    def __init__(self, box):
        super().__init__()
        self.box = box
        self.count = 0

    def set(self, data):
        self.count += 1
        super().set(data)


async def reader(m):
    v = await m
    print("reader got", v, m.box, m.count, m.value(), m.is_set())


async def waiter(ev, n):
    ok = await ev.wait()
    print("waiter", n, "got", ok)


async def worker(gate, n):
    async with gate:
        print("worker", n, "in, locked:", gate.locked())
        await asyncio.sleep(0.01)
    print("worker", n, "out")


async def producer(box):
    for i in range(4):
        await box.put(i)
        print("put", i, "pending", box.pending())


async def consumer(box):
    for _ in range(4):
        v = await box.get()
        print("got", v)
        box.task_done()


async def user(pool, n):
    async with pool:
        print("user", n, "in, locked:", pool.locked())
        await asyncio.sleep(0.01)


async def watcher(sig):
    async with sig:
        while sig.value < 2:
            await sig.wait()
        print("watcher saw", sig.value)


async def main():
    ev = CountingEvent("door")
    print(isinstance(ev, CountingEvent), isinstance(ev, asyncio.Event), isinstance(ev, asyncio.Lock))
    tasks = [asyncio.create_task(waiter(ev, i)) for i in range(2)]
    await asyncio.sleep(0.01)
    ev.set()
    await asyncio.gather(*tasks)
    ev.clear()
    print("is_set after clear:", ev.is_set(), "sets:", ev.sets)

    gate = Gate("gate")
    await asyncio.gather(worker(gate, 1), worker(gate, 2), worker(gate, 3))
    gate.report()
    await gate.acquire()
    gate.report()
    gate.release()
    gate.report()

    box = Mailbox(2)
    print("maxsize", box.maxsize, "empty", box.empty())
    await asyncio.gather(producer(box), consumer(box))
    await box.join()
    print("sent", box.sent, "full", box.full())

    pool = Pool(2)
    await asyncio.gather(*[user(pool, i) for i in range(3)])
    try:
        pool.release()
    except ValueError as e:
        print("ValueError:", e)
    print(isinstance(pool, asyncio.Semaphore), isinstance(pool, asyncio.BoundedSemaphore), pool.n)

    sig = Signal()
    t = asyncio.create_task(watcher(sig))
    for _ in range(2):
        await asyncio.sleep(0.01)
        async with sig:
            sig.value += 1
            sig.notify_all()
    await t

    m = Mail("inbox")
    t = asyncio.create_task(reader(m))
    await asyncio.sleep(0.01)
    m.set(42)
    await t
    m.clear()
    print("mail set:", m.is_set())

    p = Plain()
    p.set()
    print(await p.wait(), isinstance(p, Plain), isinstance(p, (asyncio.Queue, asyncio.Event)))


asyncio.run(main())
