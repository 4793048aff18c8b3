# Optional values: fields and variables that hold None or an object/task/str,
# 'is None' checks, a None used as an object raises AttributeError.
import asyncio

class Blinker:
    def __init__(self, name):
        self.name = name
        self.task = None
        self.count = 0

    async def run(self):
        while True:
            self.count += 1
            await asyncio.sleep(0.01)

    def start(self):
        if self.task is None:
            self.task = asyncio.create_task(self.run())
            print(self.name, "started")

    def stop(self):
        if self.task is not None:
            self.task.cancel()
            self.task = None
            print(self.name, "stopped")

def find(names, wanted):
    for n in names:
        if n == wanted:
            return n
    return None

async def main():
    b = Blinker("b")
    b.start()
    b.start()
    await asyncio.sleep(0.055)
    b.stop()
    b.stop()
    print("count", b.count, b.task is None)
    print(find(["x", "y"], "y"), find(["x"], "z"))
    r = find(["a"], "a")
    if r:
        print("found", r.upper())
    try:
        b.task.cancel()
    except AttributeError as e:
        print("error:", e)

asyncio.run(main())
