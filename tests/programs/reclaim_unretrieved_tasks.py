# arena: 8192
# A failed task that the program held (in a list) and dropped before
# anybody retrieved its exception is reported, "Task exception was never
# retrieved", when the collector frees it, as CPython reports it when it is
# garbage-collected; one still held when the program ends is reported
# then. 200 rounds leave 600 such tasks behind in an 8 KB arena: each is
# reported once (on stderr: the tests count the reports, 602 with the two
# kept to the end), and freed with its exception. Tasks whose exception was retrieved, or that returned,
# are freed without one.
import asyncio


async def boom(n):
    await asyncio.sleep_ms(1)
    raise ValueError("boom " + str(n))


async def fine(n):
    await asyncio.sleep_ms(1)
    return [n, n + 1]


async def main():
    caught = 0
    total = 0
    for r in range(200):
        tasks = [asyncio.create_task(boom(r * 10 + i)) for i in range(3)]
        tasks.append(asyncio.create_task(fine(r)))
        checked = asyncio.create_task(boom(-r))
        await asyncio.sleep_ms(5)
        try:
            await checked
        except ValueError:
            caught += 1
        total += len(await tasks[3])
        tasks = []
    kept = [asyncio.create_task(boom(1000 + i)) for i in range(2)]
    await asyncio.sleep_ms(5)
    print("rounds done: caught", caught, "total", total, "kept", len(kept))


asyncio.run(main())
