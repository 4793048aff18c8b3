# micropython-async's primitives: Message (await msg returns its data) and
# Barrier (await barrier / trigger(), a callback when all have arrived).
import uasyncio as asyncio
from primitives import Barrier, Message

def all_arrived():
    print("all arrived")

async def receiver(msg, name):
    data = await msg
    print(name, "got", data, msg.is_set())

async def worker(barrier, n):
    await asyncio.sleep(0.01 * n)
    print("worker", n, "at barrier, busy:", barrier.busy())
    await barrier
    print("worker", n, "passed")

async def main():
    msg = Message()
    t1 = asyncio.create_task(receiver(msg, "r1"))
    t2 = asyncio.create_task(receiver(msg, "r2"))
    await asyncio.sleep(0.05)
    msg.set(42)
    await t1
    await t2
    print("value", msg.value())
    msg.clear()
    print("cleared", msg.is_set())
    barrier = Barrier(3, all_arrived)
    await asyncio.gather(worker(barrier, 1), worker(barrier, 2), worker(barrier, 3))
    b2 = Barrier(2)
    asyncio.create_task(worker(b2, 1))
    await asyncio.sleep(0.05)
    b2.trigger()
    await asyncio.sleep(0.01)
    print("done")

asyncio.run(main())
