# error: 9:9: attributes of an exception are set on self in its class's __init__ only
import asyncio


async def main():
    try:
        raise ValueError("x")
    except ValueError as e:
        e.code = 3

asyncio.run(main())
