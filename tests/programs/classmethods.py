# @classmethod: cls is the class (known at compile time): cls(...) builds
# it, class attributes read through cls, alternative constructors, called
# on the class and on instances, inherited with cls the subclass.
import asyncio

class Reading:
    UNIT = "C"
    SCALE = 1

    def __init__(self, value, where):
        self.value = value
        self.where = where

    @classmethod
    def from_str(cls, text):
        name, raw = text.split("=")
        return cls(int(raw) * cls.SCALE, name)

    @classmethod
    def zero(cls):
        return cls.from_str("origin=0")

    @classmethod
    def describe(cls, n):
        return f"{n} readings in {cls.UNIT}"

    def show(self):
        print(self.where, self.value, self.UNIT)

class MilliReading(Reading):
    UNIT = "mC"
    SCALE = 1000

    def show(self):
        print("milli:", self.where, self.value, self.UNIT)

class Pool:
    @classmethod
    async def fetch(cls, n):
        await asyncio.sleep(0.01)
        return [Reading.from_str(f"p{i}={i * n}") for i in range(n)]

async def main():
    r = Reading.from_str("kitchen=21")
    r.show()
    m = MilliReading.from_str("oven=180")
    m.show()
    Reading.zero().show()
    MilliReading.zero().show()
    print(r.describe(3), MilliReading.describe(2), m.describe(1))
    again = r.from_str("hall=19")
    again.show()
    pool = await Pool.fetch(3)
    for p in pool:
        p.show()

asyncio.run(main())
