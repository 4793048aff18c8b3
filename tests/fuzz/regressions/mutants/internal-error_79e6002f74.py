# Context managers on objects: async with (__aenter__/__aexit__ with exception
# information and suppression) and with (__enter__/__exit__), including return
# from inside the block.
import asyncio

class Resource:
    def __init__(self, name, swallow=False):
        self.name = name
        self.swallow = swallow

    async def __aenter__(self):
        await asyncio.sleep(0.01)
        print("open", self.name)
        return self

    async def __aexit__(self, exc_type, exc, tb):
        await asyncio.sleep(0.01)
        print("close", self.name, exc_type, exc)
        return self.swallow

    def use(self):
        return self.name.upper()

class Timer:
    def __init__(self):
        self.entered = 0

    def __enter__(self):
        self.entered += 1
        return self.entered

    def __exit__(self, exc_type, exc, tb):
        print("timer exit, error:", exc_type is not None)
        return False

async def work(n):
    async with Resource("r%d" % print) as r:
        if n == 2:
            return "early " + r.use()
        print("using", r.use())
    return "done"

async def main():
    print(await work(1))
    print(await work(2))
    async with Resource("quiet", True):
        raise ValueError("swallowed")
    print("after swallow")
    try:
        async with Resource("loud"):
            raise KeyError("k")
    except KeyError as e:
        print("propagated", repr(e))
    t = Timer()
    with t as count:
        print("count", count)
    try:
        with t:
            raise RuntimeError("x")
    except RuntimeError:
        print("runtime error out")

asyncio.run(main())
