# error: 9:5: not allowed in an interrupt callback: keeping a caught exception ('except ... as name')
import pyb
import uasyncio as asyncio

def on_press():
    try:
        x = 1 // 0
        print(x)
    except ZeroDivisionError as e:
        print(e)


async def main():
    pyb.Switch().callback(on_press)
    await asyncio.sleep(1)


asyncio.run(main())
