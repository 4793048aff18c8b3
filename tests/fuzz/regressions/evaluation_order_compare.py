# fuzz finding (tests/fuzz): diverged, fixed
# Operands of comparisons were evaluated right to left (C leaves the order
# open): the left side of `in` against a list display, and str comparisons.
import asyncio


def f(v):
    print("f", v)
    return v


async def main():
    print(f(3) in [f(1), f(3)])
    print(str(f(1)) < str(f(2)), f("a") == f("b"))


asyncio.run(main())
