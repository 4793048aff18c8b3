# type(x), x.__class__ and __name__ for objects and exceptions, as CPython
# prints them (the program's own classes live in __main__).
import asyncio


class Sensor:
    def __init__(self, pin):
        self.pin = pin


class Fast(Sensor):
    pass


class ConfigError(ValueError):
    pass


def describe(e):
    print(type(e), type(e).__name__, e.__class__.__name__)
    if type(e) is ValueError:
        print("  exactly a ValueError")
    if type(e) == ConfigError:
        print("  exactly a ConfigError")
    if type(e) is not ValueError and isinstance(e, ValueError):
        print("  some other ValueError")


async def nap():
    await asyncio.sleep(1)


async def main():
    s = Sensor(3)
    f = Fast(4)
    print(type(s), type(f))
    print(type(s).__name__, f.__class__.__name__, Sensor.__name__)
    print(type(s) is Sensor, type(f) is Sensor, type(f) == Fast)
    print(ConfigError, ValueError, ConfigError.__name__)
    for exc in (ValueError("v"), ConfigError("c"), KeyError("k"), ZeroDivisionError()):
        try:
            raise exc
        except Exception as e:
            describe(e)
    try:
        await asyncio.wait_for(nap(), 0.01)
    except asyncio.TimeoutError as e:
        print(type(e).__name__)
    q = asyncio.Queue()
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        print(type(e))
    print(f"{type(s).__name__}/{type(f)}")


asyncio.run(main())
