# error: 9:19: f(**d) needs the keys at compile time: pass keywords, or forward an unchanged **kwargs parameter
import asyncio

def connect(host, timeout=5):
    print(host, timeout)

def wrap(host, **kwargs):
    kwargs["timeout"] = 1
    connect(host, **kwargs)

async def main():
    wrap("h", retries=2)

asyncio.run(main())
