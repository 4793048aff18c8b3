# error: 10:22: classmethod 'make' can only be called here (as a value it is not supported yet)
import asyncio

class Box:
    @classmethod
    def make(cls):
        return cls()

async def main():
    factories = [Box.make]
    f = factories[0]
    print(f())

asyncio.run(main())
