# Closures in coroutines: nested async defs run as tasks and awaited,
# callbacks (call_soon/call_later, stored in objects) capturing state that
# lives across awaits.
import asyncio

class Button:
    def __init__(self):
        self.handlers = []

    def on_press(self, fn):
        self.handlers.append(fn)

    def press(self, n):
        for h in self.handlers:
            h(n)

async def worker(name, delay):
    count = 0
    log = []

    async def tick(k):
        nonlocal count
        for _ in range(k):
            await asyncio.sleep(delay)
            count += 1
            log.append(f"{name}{count}")

    t = asyncio.create_task(tick(3))
    await tick(2)
    await t
    print(name, count, log)
    return count

def make_greeter(greeting):
    said = []
    def greet(who):
        said.append(who)
        print(greeting, who, len(said))
    return greet

async def stepper(name):
    # a nested coroutine only awaited: its environment lives in this frame
    steps = []
    async def step(n):
        await asyncio.sleep(0.001)
        steps.append(f"{name}:{n}")
        return len(steps)
    total = 0
    for i in range(3):
        total += await step(i)
    return steps, total

async def main():
    loop = asyncio.get_event_loop()
    seen = []
    total = 0

    def record(x):
        nonlocal total
        total += x
        seen.append(x)

    loop.call_soon(record, 5)
    loop.call_later(0.01, record, 7)
    loop.call_later(0.015, lambda n: print("lambda callback sees total", total, "and", n), 3)
    later = make_greeter("hello")
    loop.call_soon(later, "world")
    btn = Button()
    btn.on_press(record)
    btn.on_press(lambda n: print("pressed", n, "total", total))
    await asyncio.sleep(0.02)
    btn.press(1)
    print(seen, total)
    r = await asyncio.gather(worker("a", 0.01), worker("b", 0.015))
    print(r)
    print(await stepper("s"))

    ev = asyncio.Event()
    state = "idle"

    async def waiter():
        nonlocal state
        state = "waiting"
        await ev.wait()
        state = "woken"

    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    print(state)
    ev.set()
    await w
    print(state)

asyncio.run(main())
