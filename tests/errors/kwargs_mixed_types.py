# error: 6:18: **kwargs gets values of types int and str here: its dict holds values of one type
import asyncio
def f(**kw):
    return kw
async def main():
    d = f(a=1, b="x")
    print(d)
asyncio.run(main())
