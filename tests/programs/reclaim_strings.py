# arena: 8192
# Strings built at run time are reclaimed: a long-running task builds
# f-strings, concatenations and str-method results every iteration (about
# 2 MB in all) in an 8 KB arena, and keeps a few of them; so does a loop in
# the module's own code, before the event loop starts.
import asyncio


async def logger(n):
    last = ""
    kept = []
    for i in range(n):
        line = f"tick {i}: value={i * 3 % 17}"
        line = line + " " + str(i * i)
        shout = line.upper().replace("TICK", "T").strip()
        parts = shout.split(" ")
        joined = "-".join(parts)
        if i % 1000 == 0:
            kept.append(joined[:12])
        last = joined
        await asyncio.sleep(0)
    return last, kept


async def main():
    last, kept = await logger(6000)
    print(last)
    print(kept)


banner = ""
for n in range(3000):
    banner = "boot " + str(n) + "/" + str(3000)
print(banner)
asyncio.run(main())
