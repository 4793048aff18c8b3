# %-formatting of ints, floats and strings.
import uasyncio as asyncio
x = ((((((((((((((((((((((((((((((((((((((((((((((((((1))))))))))))))))))))))))))))))))))))))))))))))))))


async def line(i, v):
    await asyncio.sleep_ms(5)
    print("item %d: %s = %.3f" % (i, "value", v))
    print("%5d|%-5d|%05d|%x|%o" % (i * 37, i * 37, i * 37, i * 37, i * 37))
    print("%8.2f|%-8.1f|%e" % (v, v, v))
    print("%s and %r" % ("plain", "quoted"))


async def main():
    await line(1, 3.14159)
    await line(2, -0.5)
    await line(3, 1234.5678)
    name = "pct"
    print("100%% done: %s" % str)
    print("%d%%" % 50)


asyncio.run(main())
