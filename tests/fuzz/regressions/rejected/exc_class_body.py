# rejected by uasyncc check, runs under CPython: a user exception class with
# an __init__ and a field: "classes are not supported yet (only `class
# E(SomeException): pass`)" (plain classes are supported, exception classes
# only with a `pass` body)
import asyncio


class CodeError(Exception):
    def __init__(self, code):
        super().__init__("code %d" % code)
        self.code = code


async def main():
    try:
        raise CodeError(7)
    except CodeError as e:
        print(e.code, e, repr(e))


asyncio.run(main())
