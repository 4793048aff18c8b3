# fuzz regression (tests/fuzz): diverged
# found by: tests/fuzz/run.py round seed 10100304 (shrunk by hand)
# stdout differed: CPython "ZeroDivisionError('')", compiled 'ZeroDivisionError()':
# an exception raised with an empty str argument has args ('',), not ().
import asyncio


async def main():
    for arg in ("", "x"):
        try:
            raise ZeroDivisionError(arg)
        except ArithmeticError as e:
            print(repr(e), str(e), e.args, len(e.args))
    e = ValueError("")
    print(repr(e), e.args, repr(ValueError()), ValueError().args)
    try:
        raise KeyError("")
    except KeyError as e:
        print(repr(e), str(e), e.args)
    try:
        raise RuntimeError
    except RuntimeError as e:
        print(repr(e), e.args)


asyncio.run(main())
