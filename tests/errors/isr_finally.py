# error: 7:5: not allowed in an interrupt callback: a 'finally' block (it raises the pending exception again)
import pyb
import uasyncio as asyncio


def on_press():
    try:
        print(1 // 0)
    finally:
        print("done")


async def main():
    pyb.Switch().callback(on_press)
    await asyncio.sleep(1)


asyncio.run(main())
