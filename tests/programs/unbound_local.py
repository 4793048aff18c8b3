# A read that may come before any assignment raises UnboundLocalError, as
# Python does, instead of reading garbage.
import asyncio

def label(n):
    if n > 0:
        name = "positive"
    elif n < 0:
        name = "negative"
    return name

async def first_then(k):
    for i in range(k):
        if i == 0:
            first = i + 100
        else:
            print("first was", first)
        await asyncio.sleep(0)

async def main():
    print(label(3), label(-2))
    await first_then(3)
    try:
        print(label(0))
    except UnboundLocalError as e:
        print("error:", e)
    try:
        label(0)
    except NameError:
        print("a NameError too")

asyncio.run(main())
