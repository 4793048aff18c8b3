# fuzz regression (tests/fuzz): diverged (fixed: runtime/src/shutdown.c)
# found by: tests/fuzz/run.py round seed 20200610 (shrunk by hand)
# asyncio.run() cancels the tasks still pending when main returns and runs
# them until they finish (asyncio.runners._cancel_all_tasks), so their
# except CancelledError / finally blocks print; the compiled program used to
# end without resuming them.
import asyncio


async def sleeper(name):
    try:
        await asyncio.sleep_ms(40)
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
    finally:
        print(name, "finally")


async def waiting():
    try:
        await asyncio.wait_for(sleeper("in wait_for"), 0.05)
    except asyncio.TimeoutError:
        print("timeout")


async def main():
    asyncio.create_task(sleeper("plain"))
    asyncio.create_task(waiting())
    await asyncio.sleep_ms(1)
    print("main end")


asyncio.run(main())
print("done")
