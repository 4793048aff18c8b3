# try/except (classes, tuples, as), else, finally with await, break/continue
# and return through finally, bare re-raise, user exception hierarchy.
import asyncio

class AppError(Exception):
    pass

class DeepError(AppError):
    pass

def div(a, b):
    return a // b

async def risky(n):
    await asyncio.sle