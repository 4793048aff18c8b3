"""CPython stand-ins for the micropython-async `primitives` the compiler
knows: Message (an Event carrying data; `await msg` returns it) and Barrier
(a group of tasks waits until all have arrived or triggered it)."""
import asyncio


class Message(asyncio.Event):
    def __init__(self):
        super().__init__()
        self._data = None

    def set(self, data=None):
        self._data = data
        super().set()

    def clear(self):
        self._data = None
        super().clear()

    def value(self):
        return self._data

    def __await__(self):
        yield from self.wait().__await__()
        return self._data


class Barrier:
    def __init__(self, participants, func=None, args=()):
        self._participants = participants
        self._count = participants
        self._func = func
        self._args = args
        self._evt = asyncio.Event()

    def __await__(self):
        if self.trigger():
            return
        yield from self._evt.wait().__await__()

    def trigger(self):
        self._count -= 1
        if self._count < 0:
            raise ValueError("Too many tasks accessing Barrier")
        if self._count > 0:
            return False
        if self._func is not None:
            self._func(*self._args)
        self._count = self._participants
        self._evt.set()
        self._evt.clear()
        return True

    def busy(self):
        return self._count < self._participants
