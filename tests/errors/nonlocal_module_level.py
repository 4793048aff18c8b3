# error: 4:1: nonlocal declaration not allowed at module level
import asyncio

nonlocal x
