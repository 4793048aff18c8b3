# MicroPython's gc module: collect() runs the arena's collector (and returns
# None, as there), mem_alloc() and mem_free() are the arena's bytes in use
# and free (under CPython, stand-ins that a program can compare), disable()
# leaves collecting to an allocation that finds no room.
import asyncio
import gc


async def fill(n):
    words = []
    for i in range(n):
        words.append(str(i) * 4)
        if i % 50 == 0:
            await asyncio.sleep(0)
    return len(words)


async def main():
    print("collect returns", gc.collect())
    total = gc.mem_alloc() + gc.mem_free()
    before = gc.mem_alloc()
    kept = await asyncio.create_task(fill(300))
    words = [str(i) + "!" for i in range(200)]
    print("grew:", gc.mem_alloc() > before, "free left:", gc.mem_free() > 0, kept, len(words))
    for _ in range(3):
        gc.collect()
    print("same heap:", gc.mem_alloc() + gc.mem_free() == total)
    gc.disable()
    print("enabled after disable():", gc.isenabled())
    more = await asyncio.create_task(fill(100))
    gc.enable()
    print("enabled after enable():", gc.isenabled(), more)


asyncio.run(main())
