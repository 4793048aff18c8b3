# asyncio.run() cancels the tasks its main coroutine leaves and runs them
# until they finish, as CPython does: finally blocks and CancelledError
# handlers run (in the order the tasks were created), a task may go on after
# catching the cancellation, a task awaiting another is cancelled with it, a
# lock held is released, and an exception a task ends with is reported on
# stderr without changing the exit status. Then a second asyncio.run()
# whose main raises: its tasks are cancelled before the traceback; and a
# third where a gather's children are left, one under a pending task and
# one whose gather failed (main caught it) and so has no parent any more.
import asyncio

log = []


async def sleeper(name):
    try:
        await asyncio.sleep(100)
    finally:
        print(name, "finally")


async def stubborn():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("stubborn: cancelled, one more step")
        await asyncio.sleep(0.5)
        print("stubborn: done after", len(log), "log entries")


async def leaf():
    try:
        await asyncio.sleep(100)
    except asyncio.CancelledError:
        print("leaf cancelled")
        raise


async def awaiting(t):
    try:
        await t
    except asyncio.CancelledError:
        print("awaiting: cancelled too")
        raise


async def holder(lock):
    async with lock:
        log.append("holding")
        await asyncio.sleep(100)


async def after_lock(lock):
    await asyncio.sleep(0.1)
    try:
        async with lock:
            print("after_lock: never got it")
    except asyncio.CancelledError:
        print("after_lock: cancelled while waiting")
        raise


async def failing():
    try:
        await asyncio.sleep(100)
    finally:
        log.append("failing")
        raise ValueError("raised during shutdown")


async def finisher():
    await asyncio.sleep(0.1)
    print("finisher done before the end")


async def gathering():
    try:
        await asyncio.gather(sleeper("g1"), sleeper("g2"))
    finally:
        print("gathering finally")


async def fails_soon():
    await asyncio.sleep(0.1)
    raise ValueError("fails soon")


async def main():
    lock = asyncio.Lock()
    asyncio.create_task(sleeper("s1"))
    asyncio.create_task(stubborn())
    t = asyncio.create_task(leaf())
    asyncio.create_task(awaiting(t))
    asyncio.create_task(holder(lock))
    asyncio.create_task(after_lock(lock))
    asyncio.create_task(failing())
    asyncio.create_task(finisher())
    asyncio.create_task(gathering())
    asyncio.create_task(sleeper("s2"))
    await asyncio.sleep(1)
    print("main returns")
    return 7


print("run:", asyncio.run(main()))
print("log:", log)


async def main2():
    asyncio.create_task(sleeper("s3"))
    await asyncio.sleep(0.2)
    raise RuntimeError("main2 fails")


try:
    asyncio.run(main2())
except RuntimeError as e:
    print("caught:", e)
print("end")


async def main3():
    asyncio.create_task(gathering())
    try:
        await asyncio.gather(fails_soon(), sleeper("orphan"), return_exceptions=False)
    except ValueError as e:
        print("main3 caught:", e)


asyncio.run(main3())
print("end 3")
