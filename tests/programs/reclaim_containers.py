# arena: 8192
# Lists, dicts and class instances built every iteration are reclaimed
# once nothing refers to them: items removed with pop, del, remove and
# clear, instances replaced in fields and lists, a linked chain that is cut.
# About 2 MB is allocated in all in an 8 KB arena.
import asyncio


class Reading:
    def __init__(self, name, value):
        self.name = name
        self.value = value
        self.tags = [name, str(value)]


class Node:
    def __init__(self, value, nxt):
        self.value = value
        self.next = nxt


class Sensor:
    def __init__(self):
        self.last = Reading("none", 0)
        self.history = []

    def update(self, i):
        self.last = Reading(f"r{i}", i * 7 % 100)
        self.history.append(self.last)
        if len(self.history) > 4:
            self.history.pop(0)


async def churn(n):
    sensor = Sensor()
    window = []
    counts = {}
    head = None
    total = 0
    for i in range(n):
        sensor.update(i)
        squares = [j * j for j in range(i % 20)]
        window.append(f"w{i}")
        if len(window) > 3:
            del window[0]
        if i % 7 == 0:
            window.remove(window[-1])
        key = "k" + str(i % 5)
        counts[key] = counts.get(key, 0) + len(squares)
        table = {"a": [i], "b": [i, i + 1]}
        total += len(table["b"]) + sum(squares)
        head = Node(i, head)
        if i % 50 == 49:
            head = None
        if i % 100 == 99:
            counts.clear()
            window.clear()
        await asyncio.sleep(0)
    print(sensor.last.name, sensor.last.value, sensor.last.tags)
    print([r.name for r in sensor.history])
    print(window, counts)
    length = 0
    while head is not None:
        length += 1
        head = head.next
    print("chain", length, "total", total)


async def main():
    await churn(2987)


asyncio.run(main())
