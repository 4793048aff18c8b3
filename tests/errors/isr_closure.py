# error: 12:27: an interrupt callback cannot be a closure yet: 'on_press' uses 'pressed' of the function around it
import pyb
import uasyncio as asyncio


async def main():
    pressed = asyncio.Event()

    def on_press():
        pressed.set()

    pyb.Switch().callback(on_press)
    await pressed.wait()

asyncio.run(main())
