# run_forever until a callback calls loop.stop().
import uasyncio as asyncio

loop = asyncio.get_event_loop()
beats = 0


def stopper():
    print("stopping after", beats, "beats")
    loop.stop()


async def heartbeat(period_ms):
    global beats
    while True:
        beats += 1
        print("beat", beats)
        await asyncio.sleep_ms(period_ms)


loop.create_task(heartbeat(100))
loop.call_later_ms(550, stopper)
loop.run_forever()
print("loop stopped at", loop.time())
