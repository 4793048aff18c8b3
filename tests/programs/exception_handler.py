# loop.set_exception_handler: unretrieved task exceptions and failing callbacks
# reach the handler with its context.
import asyncio

seen = []

def handler(loop, context):
    exc = context["exception"]
    seen.append(str(exc))
    message = context["message"]
    if message.startswith("Exception in callback"):
        message = "Exception in callback"   # CPython adds the callback's repr and source location
    print("handler:", message, "->", repr(exc), isinstance(exc, ValueError))

async def bad(n):
    await asyncio.sleep(0.01 * n)
    raise ValueError("bad %d" % n)

def bad_callback(x):
    print("callback", x)
    raise RuntimeError("callback failed")

async def main():
    loop = asyncio.get_event_loop()
    print("handler set:", loop.get_exception_handler() is not None)
    loop.set_exception_handler(handler)
    print("handler set:", loop.get_exception_handler() is not None)
    asyncio.create_task(bad(1))
    asyncio.create_task(bad(2))
    loop.call_soon(bad_callback, 7)
    await asyncio.sleep(0.1)
    print("seen", seen)

asyncio.run(main())
