# error: 12:5: the __init__ of a class deriving from asyncio.Semaphore must call super().__init__()
import asyncio


class Guard(asyncio.Condition):
    def __init__(self, lock):
        super().__init__(lock)
        self.hits = 0


class Loose(asyncio.Semaphore):
    def __init__(self):
        self.tag = "t"


async def main():
    lk = asyncio.Lock()
    g = Guard(lk)
    async with g:
        print(lk.locked(), g.locked())
        g.notify()
    s = Loose()
    async with s:
        print(s.locked(), s.tag)
    x = await s.acquire()
    print(x)


asyncio.run(main())
