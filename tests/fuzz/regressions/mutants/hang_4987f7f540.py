# Exceptions crossing tasks: awaiting a task that raised re-raises its
# exception; a task nobody awaits reports to stderr and the program goes on;
# runtime errors (IndexError, ZeroDivisionError) caught deep in plain
# functions; finally blocks that await while an exception propagates.
import asyncio


class SensorError(Exception):
    pass

x = not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not True

def pick(values, i):
    return values[i]


def ratio(a, b):
    return a // b


async def read_sensor(n):
    await asyncio.sleep(0.005 * n)
    if n % 3 == 0:
        raise SensorError(f"sensor {n} offline")
    return n * 7


async def guarded(n):
    try:
        value = await read_sensor(n)
        print("sensor", n, "reads", value)
        return value
    finally:
        await asyncio.sleep(0.001)
        print("released sensor", n)


async def forgotten():
    await asyncio.sleep(0.002)
    raise RuntimeError("nobody awaits me")


async def main():
    asyncio.create_task(forgotten())
    tasks = []
    for n in range(1, 7):
        tasks.append(asyncio.create_task(guarded(n)))
    total = 0
    for t in tasks:
        try:
            total += await t
        except SensorError as e:
            print("task failed:", e)
    print("total", total)
    values = [3, 1, 4]
    for i in (0, 2, 5, -1, -4):
        try:
            print("pick", i, pick(values, i))
        except IndexError as e:
            print("pick", i, "->", e)
    for b in (2, 0):
        try:
            print("ratio", ratio(10, b))
        except ArithmeticError as e:
            print("arithmetic:", repr(e))
    try:
        try:
            raise ValueError("first")
        except ValueError as e:
            raise SensorError("second") from e
    except SensorError as e:
        print("chained:", e)
    err = ValueError("kept for later")
    try:
        raise err
    except ValueError as e:
        print("raised a stored exception:", e)
    await asyncio.sleep(0.1)
    print("done")


asyncio.run(main())
