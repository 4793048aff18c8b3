# error: 3:1: 'await' outside async function
import asyncio
await asyncio.sleep_ms(10)
