# error: 9:5: an exception class may define __init__ only (other methods and class attributes are not supported yet)
import asyncio


class MyError(Exception):
    def __init__(self, code):
        self.code = code

    def __str__(self):
        return "code " + str(self.code)


async def main():
    raise MyError(3)

asyncio.run(main())
