# Closure patterns from driver code: callbacks scheduled with call_later
# capturing self and an Event, a nested generator, three levels of
# nonlocal, defs in a loop, a registry returning closures as a tuple, a
# debounce whose callback starts tasks of a nested coroutine, compose().
import asyncio

class Blinker:
    def __init__(self, name):
        self.name = name
        self.count = 0

    async def run(self, n):
        done = asyncio.Event()
        def tick():
            self.count += 1
            print(self.name, "tick", self.count)
            if self.count == n:
                done.set()
        loop = asyncio.get_event_loop()
        for i in range(n):
            loop.call_later(0.01 * (i + 1), tick)
        await done.wait()
        return self.count

def gen_outer(k):
    def squares():
        for i in range(k):
            yield i * i
    return [x for x in squares()]

def deep():
    a = 1
    def l1():
        b = 2
        def l2():
            c = 3
            def l3():
                nonlocal a
                a += b + c
                return a
            return l3
        return l2()
    f = l1()
    f()
    return f(), a

def registry():
    handler = None
    def set_handler(f):
        nonlocal handler
        handler = f
    def fire(v):
        if handler is not None:
            return handler(v)
        return -1
    return set_handler, fire

class Debounce:
    def __init__(self, name, ms):
        self.name = name
        self.ms = ms
        self.events = []

    def start(self, loop):
        pending = []
        async def settle(v):
            await asyncio.sleep(self.ms / 1000)
            if pending and pending[-1] == v:
                self.events.append(v)
                print(self.name, "settled", v)
        def press(v):
            pending.append(v)
            asyncio.create_task(settle(v))
        return press

def compose(f, g):
    return lambda x: f(g(x))

def pick(fast):
    # a name def'd twice is a variable holding whichever function ran last
    k = 3
    if fast:
        def step(x):
            return x + k
    else:
        def step(x):
            return x * k
    return step

async def main():
    b = Blinker("b")
    print(await b.run(3))
    print(gen_outer(4))
    print(deep())
    handlers = {}
    for name in ["x", "y"]:
        def h(v):
            return name + str(v)
        handlers[name] = h
    print(handlers["x"](1), handlers["y"](2))
    print(pick(True)(10), pick(False)(10))
    h = handlers["x"]
    print(h(5))
    counter = 0
    async def bump(n):
        nonlocal counter
        for _ in range(n):
            counter += 1
            await asyncio.sleep(0)
    await asyncio.gather(bump(3), bump(4))
    print(counter)

    s, fire = registry()
    print(fire(1))
    s(lambda v: v * 100)
    print(fire(2))
    d = Debounce("sw", 20)
    press = d.start(asyncio.get_event_loop())
    press(1)
    await asyncio.sleep(0.005)
    press(2)
    await asyncio.sleep(0.05)
    press(3)
    await asyncio.sleep(0.05)
    print(d.events)
    inc = lambda x: x + 1
    dbl = lambda x: x * 2
    composed = compose(inc, dbl)
    print(composed(5), compose(dbl, inc)(5))


asyncio.run(main())
