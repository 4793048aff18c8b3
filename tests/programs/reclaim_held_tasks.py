# arena: 8192
# Tasks the program holds anywhere (a list, a dict, an object's field, a
# list of lists) are freed by the collector once they have finished and
# nothing points at them, as CPython's garbage collector frees them. Each
# round below leaves its tasks behind: some 600 tasks and their results
# over the run, in an 8 KB arena. A task still running, or finished but
# still held, is kept.
import asyncio


class Job:
    def __init__(self, task, name):
        self.task = task
        self.name = name


async def work(i, ms):
    await asyncio.sleep_ms(ms)
    return [i, i * i]


async def fails(i):
    await asyncio.sleep_ms(1)
    raise ValueError("job " + str(i))


async def rounds_in_lists(n):
    total = 0
    for r in range(n):
        tasks = [asyncio.create_task(work(r + k, 1 + k)) for k in range(3)]
        results = await asyncio.gather(*tasks)
        total += results[0][1] + results[2][0]
    return total


async def rounds_in_dicts_and_objects(n):
    total = 0
    for r in range(n):
        by_name = {"a": asyncio.create_task(work(r, 2)), "b": asyncio.create_task(work(r + 1, 1))}
        job = Job(asyncio.create_task(work(r + 2, 1)), "job" + str(r))
        nested = [[asyncio.create_task(work(r + 3, 1))]]
        total += (await by_name["a"])[0] + (await by_name["b"])[1]
        total += (await job.task)[0] + (await nested[0][0])[1]
    return total


async def rounds_with_failures(n):
    caught = 0
    for r in range(n):
        tasks = [asyncio.create_task(fails(r)), asyncio.create_task(work(r, 1))]
        outcomes = await asyncio.gather(*tasks, return_exceptions=True)
        if isinstance(outcomes[0], ValueError):
            caught += 1
    return caught


async def main():
    kept = [asyncio.create_task(work(1000, 5))]   # held across all rounds
    print("lists", await rounds_in_lists(100))
    print("dicts and objects", await rounds_in_dicts_and_objects(60))
    print("failures caught", await rounds_with_failures(50))
    print("kept", await kept[0], kept[0].done())
    late = [asyncio.create_task(work(7, 50))]     # still running while rounds go on
    print("more lists", await rounds_in_lists(40))
    print("late", await late[0])


asyncio.run(main())
