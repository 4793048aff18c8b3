"""Lists the compiler holds as C arrays (fixedlists.py) next to lists it
cannot: item reads and writes, negative indexes, IndexError, len(),
reassignment by a new literal, across awaits, in a recursive function."""
import asyncio

totals = [0, 0, 0]          # a global fixed list
flags = [False, True]       # of booleans
weights = [0.5, 1.5, 2.25]  # of floats
grown = [1, 2]              # escapes (appended): stays a list object


def swap_ends():
    pair = [10, 20]
    pair = [pair[1], pair[0]]   # the literal reads the old items first
    return pair[0] * 100 + pair[-1]


def depth_sum(n):
    window = [n, n * 2, n * 3]  # a fresh one in each call
    if n == 0:
        return 0
    inner = depth_sum(n - 1)
    return window[0] + window[1] + window[2] + inner


def probe(i):
    items = [7, 8, 9]
    try:
        return items[i]
    except IndexError as e:
        print("IndexError:", e, "for", i)
        return -1


def store(i):
    slots = [0, 0]
    try:
        slots[i] = 5
    except IndexError as e:
        print("store IndexError:", e, "for", i)
    slots[i % 2] += 3
    return slots[0] * 10 + slots[1]


async def worker(k, period):
    local = [k, 0]
    for step in range(3):
        await asyncio.sleep_ms(period)
        local[1] += step + 1
        totals[k] += local[0] + local[1]
    print("worker", k, "local", local[0], local[1], "len", len(local))


async def main():
    print("swap", swap_ends())
    print("depth", depth_sum(4))
    for i in [0, 2, -1, -3, 3, -4, 100]:
        print("probe", i, probe(i))
    for i in [0, 1, -2, 2, -3]:
        print("store", i, store(i))
    flags[0] = not flags[1]
    weights[1] *= 2
    print("flags", flags[0], flags[1], "weights", weights[0], weights[1], weights[-1])
    table = [2, 3, 5, 7, 11, 13, 17, 19, 23, -29]   # more constants than are stored one by one
    offsets = [-1.0, 4.0, -0.5]                     # negative constants
    acc = 0
    for i in range(len(table)):
        acc += table[i] * (i + 1)
    print("table", acc, table[-1], "offsets", offsets[0] + offsets[1] + offsets[2])
    tasks = [asyncio.create_task(worker(k, 3 + k)) for k in range(3)]
    for t in tasks:
        await t
    print("totals", totals[0], totals[1], totals[2], len(totals))
    grown.append(3)
    print("grown", grown, len(grown))
    try:
        grown[10] = 1
    except IndexError as e:
        print("grown IndexError:", e)
    try:
        grown[-10] += 1
    except IndexError as e:
        print("grown IndexError:", e)
    print("last", totals[len(totals) - 1])
    print(totals[3])


asyncio.run(main())
