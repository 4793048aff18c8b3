# error: 8:9: name 'total' is used prior to nonlocal declaration
import asyncio

def outer():
    total = 0
    def add(v):
        print(total)
        nonlocal total
        total += v
    add(1)

asyncio.run(outer())
