# error: 6:5: 'await' outside async function
import asyncio


def tick():
    await asyncio.sleep(1)


tick()
