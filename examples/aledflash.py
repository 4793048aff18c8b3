"""aledflash.py: the classic uasyncio demo. Four pyb.LED objects are toggled
by four tasks at different periods for 10 seconds; at the end each LED's
toggle count is printed so the output can be checked.
(Set UASYNCC_TRACE_LEDS=1 under CPython to see every LED change.)"""
import pyb
import uasyncio as asyncio

counts = [0, 0, 0, 0]


async def toggle(objLED, index, time_ms):
    while True:
        await asyncio.sleep_ms(time_ms)
        objLED.toggle()
        counts[index] += 1


async def main(duration_ms):
    print("Flash LEDs for", duration_ms // 1000, "seconds")
    leds = [pyb.LED(1), pyb.LED(2), pyb.LED(3), pyb.LED(4)]
    periods = [703, 497, 251, 1009]
    for x in range(4):
        asyncio.create_task(toggle(leds[x], x, periods[x]))
    await asyncio.sleep_ms(duration_ms)
    for x in range(4):
        leds[x].off()
        print("LED", x + 1, "period", periods[x], "ms toggled", counts[x], "times")
    print("Done: total toggles", counts[0] + counts[1] + counts[2] + counts[3])


asyncio.run(main(10003))
