# error: 8:15: not allowed in an interrupt callback: an exception object other than one raised at once with at most one str argument
import pyb
import uasyncio as asyncio


def on_press():
    if pyb.millis() > 5:
        raise ValueError("late", 5)


async def main():
    pyb.Switch().callback(on_press)
    await asyncio.sleep(1)


asyncio.run(main())
