# error: 7:5: type conflict
import asyncio


async def main():
    x = 1
    x = "a"
    print(x)


asyncio.run