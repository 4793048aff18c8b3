# error: 3:1: name 'blink' is not defined
import asyncio
blink(3)
