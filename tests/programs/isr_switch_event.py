# env: UASYNCC_SWITCH_PRESS_MS=250,700
# The USR switch's interrupt sets an Event and a ThreadSafeFlag from interrupt
# context; tasks waiting on them wake at the next scheduler pass.
# (The test harness presses the switch at 250 ms and 700 ms.)
import pyb
import uasyncio as asyncio

pressed = asyncio.Event()
flag = asyncio.ThreadSafeFlag()
presses = [0]


def on_press():
    presses[0] += 1
    pressed.set()
    flag.set()


async def watcher():
    for i in range(2):
        await pressed.wait()
        pressed.clear()
        print("event: press", presses[0], "at", pyb.millis(), "ms")


async def flag_watcher():
    for i in range(2):
        await flag.wait()
        print("flag: press seen at", pyb.millis(), "ms")


async def main():
    sw = pyb.Switch()
    sw.callback(on_press)
    await asyncio.gather(watcher(), flag_watcher())
    print("switch value", sw.value(), "presses", presses[0])


asyncio.run(main())
