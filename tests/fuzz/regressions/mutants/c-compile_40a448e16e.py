# Cancellation is immediate and CPython-exact: a task blocked in sleep, in
# Event.wait, in Lock.acquire, or deep in an await chain gets CancelledError
# at its await; finally blocks run (and may await); a task may cancel itself;
# wait_for racing completion; a failed gather leaves its other children
# running; custom exception hierarchies through tasks.
import asyncio


class DeviceError(Exception):
    pass


class Timeout(DeviceError):
    pass


async def leaf(log):
    try:
        await asyncio.sleep(5)
    finally:
        log.append("leaf finally")


async def middle(log):
    try:
        await leaf(log)
    finally:
        await asyncio.sleep(0.01)
        log.append("middle finally after await")


async def top(log):
    try:
        await middle(log)
    except asyncio.CancelledError:
        log.append("top saw CancelledError")
        raise


async def wait_event(ev, name):
    try:
        await ev.wait()
    except asyncio.CancelledError:
        print(name, "cancelled while waiting for the event")
        raise


async def wait_lock(lock, name):
    try:
        async with lock:
            print(name, "got the lock")
    except asyncio.CancelledError:
        print(name, "cancelled while waiting for the lock, locked:", lock.locked())
        raise


async def self_cancel():
    me = asyncio.current_task()
    me.cancel()
    try:
        await asyncio.sleep(0)
    except asyncio.CancelledError:
        print("cancelled myself")
        return 7
    return 0


async def quick(v, delay):
    await asyncio.sleep(delay)
    return v


async def failing(delay):
    await asyncio.sleep(delay)
    raise Timeout("device timed out")


async def main():
    log = []
    t = asyncio.create_task(top(log))
    await asyncio.sleep(0.1)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("top cancelled:", log)
    ev = asyncio.Event()
    w = asyncio.create_task(wait_event(ev, "w"))
    lock = asyncio.Lock()
    await lock.acquire()
    lw = asyncio.create_task(wait_lock(lock, "l1"))
    lw2 = asyncio.create_task(wait_lock(lock, "l2"))
    await asyncio.sleep(0.01)
    print("cancel w:", w.cancel(), "cancel l1:", lw.cancel())
    await asyncio.sleep(0.01)
    lock.release