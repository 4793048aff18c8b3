# Failed tasks still held when main returns, their exceptions never
# retrieved: reported to the loop's exception handler as the program ends
# (CPython: as main's locals go), oldest first, after all main prints. A
# task whose exception was retrieved, or that returned, is not reported.
import asyncio


def handler(loop, context):
    print("handler:", context["message"], repr(context["exception"]))


async def fail(n):
    await asyncio.sleep(0.01 * n)
    raise RuntimeError("failed " + str(n))


async def succeed(n):
    await asyncio.sleep(0.01)
    return n


async def main():
    asyncio.get_event_loop().set_exception_handler(handler)
    held = [asyncio.create_task(fail(i)) for i in range(3)]
    held.append(asyncio.create_task(succeed(5)))
    awaited = asyncio.create_task(fail(4))
    try:
        await awaited
    except RuntimeError as e:
        print("caught", e)
    await asyncio.sleep(0.1)
    print("done", [t.done() for t in held])


asyncio.run(main())
