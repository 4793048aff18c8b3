# rejected by uasyncc check, runs under CPython: `for i in []` leaves i untyped and
# the diagnostic leaks the internal type name: "bad operand type for unary +: '?'"
import asyncio


async def main():
    for i in []:
        print(+i)
    print("done")


asyncio.run(main())
