# Many exception objects held at once, all alive until the end: a list of
# 20 caught exceptions of different classes and messages, gather with
# return_exceptions=True over 10 failing tasks, exceptions kept in object
# fields and exceptions of the program's classes with attributes. Each
# must still print as it was made.
import asyncio


class SensorError(Exception):
    def __init__(self, code, channel):
        super().__init__(f"sensor {channel} failed with code {code}")
        self.code = code
        self.channel = channel


class Timeout(SensorError):
    pass


class Device:
    def __init__(self, name):
        self.name = name
        self.last_error = Exception(f"{name}: no error yet")
        self.errors = []

    def fail(self, e):
        self.errors.append(e)
        self.last_error = e


def make_error(i):
    k = i % 5
    if k == 0:
        return ValueError(f"bad value {i}")
    if k == 1:
        return KeyError(f"key{i}")
    if k == 2:
        return RuntimeError("runtime", i)
    if k == 3:
        return SensorError(i * 10, i)
    return ZeroDivisionError(f"division {i}")


async def failing(i):
    await asyncio.sleep(0.001 * (10 - i))
    if i % 2:
        raise SensorError(100 + i, i)
    raise ValueError(f"task {i} failed")


async def main():
    caught = []
    for i in range(20):
        try:
            raise make_error(i)
        except Exception as e:
            caught.append(e)
        try:
            print(10 // (i - i))
        except ZeroDivisionError as e:
            if i % 7 == 0:
                caught.append(e)
    results = await asyncio.gather(*[failing(i) for i in range(10)], return_exceptions=True)
    devices = [Device(f"dev{i}") for i in range(4)]
    for i in range(12):
        try:
            if i % 3 == 0:
                raise Timeout(i, i % 4)
            raise SensorError(i, i % 4)
        except SensorError as e:
            devices[i % 4].fail(e)
    print(len(caught), "caught")
    for e in caught:
        print(type(e).__name__, repr(e), e.args)
    for e in caught:
        if isinstance(e, SensorError):
            print(" sensor", e.code, e.channel, str(e))
    print(results)
    for r in results:
        print("gather", isinstance(r, SensorError), r)
    devices.append(Device("spare"))
    for d in devices:
        print(d.name, type(d.last_error).__name__, repr(d.last_error), len(d.errors))
        for e in d.errors:
            print(" ", type(e).__name__, e.code, e.channel, repr(e))
    try:
        raise caught[4]
    except SensorError as e:
        print("raised again:", e.code, e)


asyncio.run(main())
