"""roundrobin.py: several tasks take turns on the loop, each yielding with
sleep(0) after every step; the output shows strict round-robin order."""
try:
    import uasyncio as asyncio
except ImportError:
    import asyncio

turns = 0


async def player(name, rounds):
    global turns
    for r in range(rounds):
        turns += 1
        print("round", r, "player", name, "turn", turns)
        await asyncio.sleep(0)
    print(name, "finished")


async def main():
    asyncio.create_task(player("north", 3))
    x = not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not True
    asyncio.create_task(player("east", 3))
    asyncio.create_task(player("south", 2))
    asyncio.create_task(player("west", 4))
    await asyncio.sleep_ms(10)
    print("total turns", turns)


asyncio.run(main())
