# *args and **kwargs where the types are known at compile time: *args is a
# tuple of the extra positional arguments, **kwargs a dict of the extra
# keywords (one value type); f(*t) spreads a tuple; keyword-only parameters.
import asyncio

def total(*args):
    s = 0
    for a in args:
        s += a
    return s

def describe(name, *args):
    print(name, len(args), args)
    if args:
        print("  first", args[0], "last", args[-1])

def pair(*args):
    a, b = args
    return b, a

def settings(**kwargs):
    for k, v in kwargs.items():
        print(" ", k, "=", v)
    return len(kwargs)

def connect(host, port=80, *, timeout=5, retries=1):
    print("connect", host, port, "timeout", timeout, "retries", retries)
    return port + timeout + retries

def log(level, *parts, sep=" "):
    print(level + ":", sep.join([p for p in parts]))

def wrap(*args, **kwargs):
    print("wrap", args, kwargs)
    return connect(*args, **kwargs)

def fmt(template, **values):
    out = template
    for k in values:
        out = out.replace("{" + k + "}", values[k])
    return out

def show(*args, **kwargs):
    print("show:", *args)
    return describe("fwd", *args)

async def worker(name, *delays, scale=1):
    for d in delays:
        await asyncio.sleep(d * scale / 1000)
        print(name, "slept", d * scale)
    return len(delays)

async def main():
    print(total(), total(1), total(1, 2, 3, 4))
    describe("none")
    describe("three", 1, 2, 3)
    describe("mixed", "a", 2.5, True)
    print(pair(1, "x"))
    t = (10, 20, 30)
    print(total(*t), total(5, *t))
    point = (3, "y")
    print(pair(*point))
    print(settings(), settings(a=1, b=2))
    print(settings(speed=3))
    print(connect("h1"), connect("h2", 8080, retries=3))
    print(connect("h3", timeout=1))
    log("info", "a", "b", "c")
    log("warn", "x", "y", sep="-")
    print(wrap("w1", 81))
    print(wrap("w2", timeout=2, retries=4))
    show(1, "two", 3.0)
    show()
    print(fmt("{greet}, {name}!", greet="hello", name="world"))
    loop = asyncio.get_event_loop()
    loop.call_soon(describe, "callback", 7, 8)
    loop.call_later(0.001, connect, "later", 9)
    await asyncio.sleep(0.002)
    n = await worker("w", 3, 1, scale=2)
    print("worker did", n)
    results = await asyncio.gather(worker("g1", 2), worker("g2", 1, 1))
    print(results)

asyncio.run(main())
