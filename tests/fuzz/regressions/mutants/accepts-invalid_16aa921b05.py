# The compiled pyb module: LEDs, pins by board and CPU name, the switch,
# millis/elapsed_millis and delay, used from coroutines.
import pyb
import uasyncio as asyncio
from pyb import LED, Pin

leds = [LED(1), LED(2), LED(3), LED(4)]


def pressed():
    print("switch pressed")

if True:
 if True:
  if True:
   if True:
    if True:
     if True:
      if True:
       if True:
        if True:
         if True:
          if True:
           if True:
            if True:
             if True:
              if True:
               if True:
                if True:
                 if True:
                  if True:
                   if True:
                    if True:
                     if True:
                      if True:
                       if True:
                        if True:
                         if True:
                          if True:
                           if True:
                            if True:
                             if True:
                              if True:
                               if True:
                                if True:
                                 if True:
                                  if True:
                                   if True:
                                    if True:
                                     if True:
                                      if True:
                                       if True:
                                        if True:
                                         if True:
                                          if True:
                                           if True:
                                            if True:
                                             if True:
                                              if True:
                                               if True:
                                                if True:
                                                 if True:
                                                  if True:
                                                   if True:
                                                    if True:
                                                     if True:
                                                      if True:
                                                       if True:
                                                        if True:
                                                         if True:
                                                          if True:
                                                           if True:
                                                            if True:
                                                             if True:
                                                              if True:
                                                               if True:
                                                                if True:
                                                                 if True:
                                                                  if True:
                                                                   if True:
                                                                    if True:
                                                                     if True:
                                                                      if True:
                                                                       if True:
                                                                        if True:
                                                                         if True:
                                                                          if True:
                                                                           if True:
                                                                            if True:
                                                                             if True:
                                                                              if True:
                                                                               if True:
                                                                                if True:
                                                                                 if True:
                                                                                  if True:
                                                                                   if True:
                                                                                    if True:
                                                                                     if True:
                                                                                      if True:
                                                                                       if True:
                                                                                        if True:
                                                                                         if True:
                                                                                          if True:
                                                                                           if True:
                                                                                            if True:
                                                                                             if True:
                                                                                              if True:
                                                                                               if True:
                                                                                                if True:
                                                                                                 if True:
                                                                                                  if True:
                                                                                                   if True:
                                                                                                    pass

async def blink(led, index, period_ms, times):
    for i in range(times):
        led.toggle()
        await asyncio.sleep_ms(period_ms)
    print("LED", index, "intensity", led.intensity())


async def main():
    start = pyb.millis()
    out = Pin("X9", Pin.OUT_PP)
    out.high()
    print("X9 high:", out.value())
    out.low()
    print("X9 low:", out.value())
    sw = pyb.Switch()
    sw.callback(pressed)
    print("switch:", sw.value())
    await asyncio.gather(blink(leds[0], 1, 70, 3), blink(leds[1], 2, 110, 4))
    leds[2].intensity(200)
    print("LED 3 intensity", leds[2].intensity())
    pyb.delay(25)
    print("elapsed", pyb.elapsed_millis(start), "ms")


asyncio.run(main())
