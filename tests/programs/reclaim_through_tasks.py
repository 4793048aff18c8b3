# arena: 8192
# Objects passed through queues, task results, gather, call_soon arguments
# and exception messages stay alive while they are in flight and are
# reclaimed afterwards; a loop that never awaits reclaims too (when an
# allocation would fail). About 1.5 MB is allocated in an 8 KB arena.
import asyncio


class Packet:
    def __init__(self, seq, body):
        self.seq = seq
        self.body = body


async def producer(q, n):
    for i in range(n):
        await q.put(Packet(i, "payload-" + str(i) * 3))
    await q.put(Packet(-1, "end"))


async def consumer(q):
    seen = 0
    last = ""
    while True:
        p = await q.get()
        if p.seq < 0:
            break
        seen += 1
        last = p.body.upper()
    return f"{seen} packets, last {last}"


async def render(i):
    await asyncio.sleep(0)
    return [f"item{i}", f"item{i + 1}"]


async def check(i):
    await asyncio.sleep(0)
    if i % 3 == 0:
        raise ValueError("bad value " + str(i))
    return "ok " + str(i)


notes = []


def note(text):
    notes.append(text + "!")
    if len(notes) > 2:
        notes.pop(0)


async def main():
    q = asyncio.Queue(4)
    t = asyncio.create_task(producer(q, 2000))
    print(await consumer(q))
    await t
    joined = ""
    for i in range(300):
        a, b = await asyncio.gather(render(i), render(i * 2))
        joined = ",".join(a + b)
        t2 = asyncio.create_task(render(i))
        joined = joined + ";" + (await t2)[0]
    print(joined)
    errors = 0
    message = ""
    for i in range(600):
        try:
            message = await check(i)
        except ValueError as e:
            errors += 1
            message = str(e)
        asyncio.get_event_loop().call_soon(note, "note " + message)
    await asyncio.sleep(0)
    print(errors, message, notes)
    words = ""
    for i in range(20000):
        words = "w" + str(i) + str(i)
    print(words)


asyncio.run(main())
