# fuzz regression (tests/fuzz): crash
# found by: tests/fuzz/run.py --seed 1 (shrunk by hand from crash_d2b88c8943)
# generated C does not compile: `while ... else` in an async function whose loop
# body awaits and has no break: prog.c: error: label LOOP_BREAK_1 defined but not used [-Werror=unused-label]
import asyncio


async def main():
    n = 0
    while n < 1:
        n += 1
        await asyncio.sleep_ms(1)
    else:
        print("else", n)


asyncio.run(main())
