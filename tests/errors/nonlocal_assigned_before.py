# error: 8:9: name 'state' is assigned to before nonlocal declaration
import asyncio

async def main():
    state = "idle"
    def wake():
        state = "busy"
        nonlocal state
    wake()
    print(state)

asyncio.run(main())
