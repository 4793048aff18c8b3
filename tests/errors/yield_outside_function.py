# error: 3:1: 'yield' outside function
import asyncio
yield 1
