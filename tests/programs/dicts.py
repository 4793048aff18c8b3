# dict with str and int keys: literals, d[k] (KeyError), d[k] = v, d[k] += v,
# in, len, get, pop, del, iteration over keys/values/items, printing.
import asyncio

async def count_words(text):
    counts = {}
    for w in text.split():
        if w in counts:
            counts[w] += 1
        else:
            counts[w] = 1
        await asyncio.sleep(0)
    return counts

async def main():
    c = await count_words("a b a c b a")
    print(c, len(c), c["a"], c.get("z", 0), "b" in c, "q" not in c)
    for k in c:
        print(k, c[k])
    for k, v in c.items():
        print(k, "->", v)
    print([v * 10 for v in c.values()], sorted([k for k in c.keys()]))
    del c["b"]
    print(c, c.pop("c"), c.pop("zz", -1), c)
    ids = {1: "one", 2: "two"}
    ids[3] = "three"
    print(ids, ids.get(5, "?"))
    try:
        print(ids[7])
    except KeyError as e:
        print("missing", e)
    try:
        print(c["nope"])
    except KeyError as e:
        print("missing", repr(e))
    names = {"x": [1, 2], "y": []}
    names["y"].append(5)
    print(names)

asyncio.run(main())
try:
    raise KeyError("own")
except KeyError as e:
    print(e, repr(e))
