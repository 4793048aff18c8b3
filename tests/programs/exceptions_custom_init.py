# Exceptions with several or non-str arguments, and the program's exception
# classes with their own __init__: e.args, str(e), repr(e) and print(e) as
# CPython shows them, attributes read in the handler, super().__init__ with
# one or several arguments (or none), and an __init__ that never calls it.
import asyncio


class DeviceError(Exception):
    def __init__(self, code, where="bus"):
        super().__init__(f"device failed with code {code}")
        self.code = code
        self.where = where


class SensorError(DeviceError):
    def __init__(self, code, channel):
        super().__init__(code, "sensor")
        self.channel = channel
        self.retries = 0


class Quiet(Exception):
    def __init__(self, level):
        self.level = level          # no super().__init__: args are (level,)


class Pair(ValueError):
    def __init__(self, a, b):
        super().__init__(a, b)
        self.total = a + b


class Empty(RuntimeError):
    def __init__(self):
        super().__init__()
        self.note = "nothing"


class Plain(Exception):
    pass


class Derived(SensorError):
    pass


def show(e):
    print(" str:", str(e), "| repr:", repr(e), "| args:", e.args, len(e.args))
    print(" print:", e)


async def read(channel):
    await asyncio.sleep(0.01)
    if channel == 3:
        raise SensorError(17, channel)
    if channel == 4:
        raise Derived(18, channel)
    return channel * 10


async def main():
    for exc in (ValueError("bad", 3), ValueError(42), KeyError(7)):
        try:
            raise exc
        except Exception as e:
            show(e)
    for exc in (RuntimeError(1.5), ValueError(), Plain("x", "y", 3)):
        try:
            raise exc
        except Exception as e:
            show(e)
    for exc in (Plain(True), KeyError("k", 2), TypeError([1, 2])):
        try:
            raise exc
        except Exception as e:
            show(e)
    try:
        raise DeviceError(5)
    except DeviceError as e:
        show(e)
        print(" code", e.code, "where", e.where)
    for ch in (1, 3, 4):
        try:
            print("read", await read(ch))
        except SensorError as e:
            show(e)
            print(" code", e.code, "channel", e.channel, "where", e.where, "retries", e.retries,
                  isinstance(e, DeviceError), type(e).__name__)
    try:
        raise Quiet(2)
    except Quiet as e:
        show(e)
        print(" level", e.level)
    try:
        raise Pair(3, 4)
    except ValueError as e:
        show(e)
        print(" total", e.total)
    try:
        raise Empty
    except RuntimeError as e:
        show(e)
        print(" note", e.note)
    err = DeviceError(9, "spi")
    print(err.code, err.where, err)
    try:
        raise err
    except Exception as e:
        print("again:", e.code, repr(e))
    try:
        raise ValueError("plain")
    except Exception as e:
        try:
            print(e.code)
        except AttributeError as a:
            print("AttributeError:", a)
    for s in ("", "x"):
        try:
            raise ValueError(s)
        except ValueError as e:
            print(repr(e), e.args, len(e.args), str(e) == s)
    print(repr(KeyError("")), KeyError("").args, repr(RuntimeError()))
    raise Pair(1, 2)


asyncio.run(main())
