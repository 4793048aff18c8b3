# Closures: nested functions and lambdas capture variables of the
# enclosing function as shared cells (late binding), nonlocal rebinds them.
import asyncio

def make_counter(start):
    n = start
    def inc(step):
        nonlocal n
        n += step
        return n
    return inc

def late_binding():
    x = 1
    f = lambda: x * 10
    x = 5
    return f()

def shared_cell():
    value = 0
    def get():
        return value
    def put(v):
        nonlocal value
        value = v
    put(42)
    first = get()
    put(7)
    return first, get(), value

def loop_capture():
    fs = []
    for i in range(3):
        fs.append(lambda: i)
    return [f() for f in fs]

def make_adder(base):
    return lambda k: k + base

def adders():
    # each call of make_adder makes new cells: each adder keeps its own base
    fs = []
    for i in range(3):
        fs.append(make_adder(i))
    return [f(10) for f in fs]

def nested_twice(a):
    def middle(b):
        def inner(c):
            nonlocal a
            a += 1
            return a + b + c
        return inner(100)
    first = middle(10)
    return first, middle(20), a

def fib_memo(n):
    memo = {}
    def fib(k):
        if k < 2:
            return k
        if k in memo:
            return memo[k]
        r = fib(k - 1) + fib(k - 2)
        memo[k] = r
        return r
    return fib(n), len(memo)

def siblings():
    log = []
    def say(msg):
        log.append(msg)
    def twice(msg):
        say(msg)
        say(msg + "!")
    twice("hi")
    return log

class Meter:
    def __init__(self, name):
        self.name = name
        self.total = 0
        self.on_change = None

    def attach(self, scale):
        def changed(v):
            self.total += v * scale
            print(self.name, "changed by", v, "total", self.total)
        self.on_change = changed

    def feed(self, v):
        if self.on_change is not None:
            self.on_change(v)

def make_ops(factor):
    return [lambda v: v + factor, lambda v: v * factor]

def apply_all(ops, v):
    return [op(v) for op in ops]

def read_too_early():
    def show():
        return x
    try:
        print(show())
    except NameError as e:
        print("NameError:", e)
    x = 3
    print(show())

def assigned_by_closure(flag):
    if flag:
        y = 1
    def setter():
        nonlocal y
        y = 9
    try:
        print(y)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    setter()
    print(y)

async def main():
    c = make_counter(10)
    print(c(1), c(2), c(5))
    d = make_counter(100)
    print(d(1), c(1))
    print(late_binding())
    print(shared_cell())
    print(loop_capture(), adders())
    print(nested_twice(1))
    print(fib_memo(20))
    print(siblings())
    m = Meter("m1")
    m.feed(1)
    m.attach(3)
    m.feed(2)
    m.feed(5)
    print(apply_all(make_ops(3), 4), apply_all(make_ops(10), 4))
    read_too_early()
    assigned_by_closure(False)
    assigned_by_closure(True)
    a, b = 1, 2
    f = lambda: a + b
    a, b = 10, 20
    print(f())
    await asyncio.sleep(0)

asyncio.run(main())
