# rejected by uasyncc check, runs under CPython: an exception with a non-str
# argument: "an exception's argument must be a str here, not int"
import asyncio


async def main():
    try:
        raise ValueError(3)
    except ValueError as e:
        print(repr(e), e, e.args)


asyncio.run(main())
