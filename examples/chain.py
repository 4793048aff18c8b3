"""chain.py: chained coroutines computing values, after the asyncio docs'
"chain" example: each chain awaits part1 then part2, passing the result on."""
import asyncio


async def part1(n):
    print("part1(" + str(n) + ") sleeping for", n, "ms")
    await asyncio.sleep_ms(n)
    result = "result" + str(n) + "-1"
    print("Returning part1(" + str(n) + ") == " + result)
    return result


async def part2(n, arg):
    print("part2(" + str(n) + ", '" + arg + "') sleeping for", n + 7, "ms")
    await asyncio.sleep_ms(n + 7)
    result = "result" + str(n) + "-2 derived from " + arg
    print("Returning part2(" + str(n) + ", '" + arg + "') == " + result)
    return result


async def chain(n):
    start = asyncio.get_event_loop().time()
    p1 = await part1(n)
    p2 = await part2(n, p1)
    elapsed = asyncio.get_event_loop().time() - start
    print(f"-->Chained result{n} => {p2} (took {elapsed:0.3f} s)")
    return p2


async def main():
    results = await asyncio.gather(chain(10), chain(25), chain(40))
    print("done:", len(results), "chains")


asyncio.run(main())
