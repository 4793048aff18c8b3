# dict.setdefault/update/pop/popitem/copy/clear: insertion order kept,
# the copy independent, KeyError messages as CPython gives them.
import asyncio


def counts(words):
    groups = {}
    for w in words:
        groups.setdefault(len(w), []).append(w)
    return groups


async def main():
    d = {"a": 1}
    print(d.setdefault("b", 2), d.setdefault("a", 5), d)
    d.update({"c": 3, "a": 10})
    print(d)
    d.update(d)
    c = d.copy()
    c["z"] = 26
    print(d, c, len(c))
    print(d.pop("a"), d.popitem(), d)
    await asyncio.sleep(0)
    print(counts(["x", "yy", "zz", "w", "vvv"]))
    n = {1: 1.5}
    n.update({2: 2.5})
    print(n.popitem(), n.popitem(), n)
    try:
        n.popitem()
    except KeyError as e:
        print("KeyError", e)
    d.clear()
    print(d, c)


asyncio.run(main())
