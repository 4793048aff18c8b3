import asyncio
asyncio.run
