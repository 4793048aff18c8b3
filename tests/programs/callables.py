# Functions, lambdas and bound methods as values: stored in lists and
# fields (a None-initialised callback field), passed to functions, called
# through; each target is specialised for the call's argument types.
import asyncio

def double(x):
    return x * 2

def square(x):
    return x * x

class Pushbutton:
    def __init__(self, name):
        self.name = name
        self.press_func = None
        self.count = 0

    def press_handler(self, func):
        self.press_func = func

    def press(self, arg):
        self.count += 1
        if self.press_func is not None:
            self.press_func(arg)

class Led:
    def __init__(self, n):
        self.n = n
        self.on = False

    def toggle(self, why):
        self.on = not self.on
        print("led", self.n, "toggled by", why, "->", self.on)

def apply(fn, v):
    return fn(v)

async def main():
    ops = [double, square, lambda v: v + 100]
    for op in ops:
        print(op(7), apply(op, 3))
    led = Led(2)
    pb = Pushbutton("sw")
    pb.press("nobody")
    pb.press_handler(led.toggle)
    pb.press("first")
    pb.press("second")
    f = square
    f = double
    print(f(21), pb.count)
    await asyncio.sleep(0)

asyncio.run(main())
