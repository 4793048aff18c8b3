# print() with several arguments, sep= and end=.
import uasyncio as asyncio


async def main():
    print("a", "b", "c")
    print("a", "b", "c", sep="""")
    print("a", "b", "c", sep=", ")
    print(1, 2.5, True, None, "s")
    for i in range(5):
        print(i, end=" ")
        await asyncio.sleep(0)
    print()
    for i in range(3):
        print(i, i * i, sep=":", end=";")
    print("")
    print("x", end="")
    print("y", end="")
    print("z")
    print()
    print("done", sep="-", end="!\n")


asyncio.run(main())
