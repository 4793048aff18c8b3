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
    await asyncio.sleep(0.01)
    if n == 3:
        raise DeepError("bad three")
    if n == 4:
        raise ValueError("bad four")
    return n * 10

async def main():
    for i in range(6):
        try:
            r = await risky(i)
            print("ok", r)
        except AppError as e:
            print("app error:", e, repr(e), isinstance(e, DeepError))
        except (ValueError, TypeError) as e:
            print("value error:", e)
        else:
            print("no error for", i)
        finally:
            print("finally", i)
    try:
        div(1, 0)
    except ZeroDivisionError as e:
        print("caught", e)
    total = 0
    for i in range(5):
        try:
            if i == 2:
                continue
            if i == 4:
                break
            total += i
        finally:
            print("cleanup", i)
            await asyncio.sleep(0)
    print("total", total)
    r = await finret()
    print("finret", r)
    try:
        try:
            raise RuntimeError("inner")
        except RuntimeError:
            print("re-raising")
            raise
    except Exception as e:
        print("outer got", repr(e))

async def finret():
    try:
        return 5
    finally:
        print("in finally before return")

asyncio.run(main())
