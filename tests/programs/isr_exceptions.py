# env: UASYNCC_SWITCH_PRESS_MS=250,700,900
# Exceptions in an interrupt callback allocate nothing (one static object,
# see runtime/src/exc.c): raised and caught there, an implicit
# ZeroDivisionError and IndexError too, several in a loop, and one that
# escapes the callback, which is dropped (CPython's loop only logs it)
# without disturbing the interrupted code.
import pyb
import uasyncio as asyncio

pressed = asyncio.Event()
counts = [0, 0, 0, 0]
table = [5, 7]


def on_press():
    counts[0] += 1
    pressed.set()
    try:
        counts[1] += 10 // (counts[0] - 2)
    except ZeroDivisionError:
        counts[2] += 1
    try:
        if counts[0] == 1:
            raise ValueError("first press")
        counts[1] += table[counts[0]]
    except ValueError:
        counts[3] += 1
    except IndexError:
        counts[3] += 100
    for i in range(4):
        try:
            counts[1] += table[i] // (i - 1)
        except ZeroDivisionError:
            counts[2] += 10
        except IndexError:
            counts[3] += 1000
    if counts[0] == 3:
        raise RuntimeError("escapes the callback")


async def busy():
    total = 0
    for i in range(200):
        try:
            if i % 7 == 3:
                raise KeyError(i)
            total += i
        except KeyError as e:
            total -= 1
        await asyncio.sleep_ms(5)
    return total


async def watcher():
    for i in range(3):
        await pressed.wait()
        pressed.clear()
        print("press", counts[0], "at", pyb.millis(), "ms:", counts)


async def main():
    pyb.Switch().callback(on_press)
    results = await asyncio.gather(busy(), watcher())
    print("busy", results[0], "counts", counts)


asyncio.run(main())
