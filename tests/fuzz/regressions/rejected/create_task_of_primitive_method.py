# rejected by uasyncc check, runs under CPython: a task of a primitive's
# coroutine method: "create_task() needs a coroutine, not coroutine" (the
# message also names the wrong thing)
import asyncio


async def main():
    lock = asyncio.Lock()
    await lock.acquire()
    w = asyncio.create_task(lock.acquire())
    await asyncio.sleep(0)
    lock.release()
    await w
    print("locked by the task:", lock.locked())


asyncio.run(main())
