# Exception objects: str(), repr(), e.args and len(e.args) as CPython prints them.
import asyncio

class ConfigError(ValueError):
    pass

async def main():
    for exc in (ValueError("bad value"), ConfigError("no port"), RuntimeError(), KeyError("k")):
        try:
            raise exc
        except Exception as e:
            print(str(e), repr(e), e.args, len(e.args))
            if len(e.args) > 0:
                print("first arg:", e.args[0])

asyncio.run(main())
