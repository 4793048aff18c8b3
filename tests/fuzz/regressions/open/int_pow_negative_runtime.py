# fuzz finding (hand probe), open: diverged
# int ** int with an exponent that is negative only at run time: CPython
# gives a float (2 ** -1 == 0.5); the compiled program raises "ValueError:
# negative power not supported for int" (no diagnostic at compile time; the
# generator only uses constant negative exponents, Features.neg_pow).
import asyncio


def f(v):
    return v


async def main():
    print(f(2) ** f(-1))


asyncio.run(main())
