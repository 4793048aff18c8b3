# error: 10:5: not allowed in an interrupt callback
import pyb
import uasyncio as asyncio

log = []
lock = asyncio.Lock()


def on_press():
    log.append(pyb.millis())


async def main():
    pyb.Switch().callback(on_press)
    await asyncio.sleep(1)


asyncio.run(main())
