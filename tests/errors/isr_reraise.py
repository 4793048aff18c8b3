# error: 11:9: not allowed in an interrupt callback: raising a caught exception again (a bare 'raise')
import pyb
import uasyncio as asyncio


def on_press():
    try:
        x = 1 // 0
        print(x)
    except ZeroDivisionError:
        raise


async def main():
    pyb.Switch().callback(on_press)
    await asyncio.sleep(1)


asyncio.run(main())
