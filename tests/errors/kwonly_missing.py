# error: 8:5: connect() missing required keyword-only argument 'timeout'
import asyncio

def connect(host, *, timeout):
    print(host, timeout)

async def main():
    connect("h")

asyncio.run(main())
