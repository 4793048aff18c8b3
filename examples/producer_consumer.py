"""producer_consumer.py: a producer task and a consumer task share a list
used as a FIFO buffer; each sleeps between steps, at different rates."""
import uasyncio as asyncio

buffer = []
read_pos = 0
done_producing = False


async def producer(count, period_ms):
    global done_producing
    for i in range(count):
        item = i * i
        buffer.append(item)
        print("produced", item, "queued", len(buffer) - read_pos)
        await asyncio.sleep_ms(period_ms)
    done_producing = True
    print("producer done")


async def consumer(period_ms):
    global read_pos
    total = 0
    while True:
        if read_pos < len(buffer):
            item = buffer[read_pos]
            read_pos += 1
            total += item
            print("consumed", item)
        elif done_producing:
            break
        await asyncio.sleep_ms(period_ms)
    return total


async def main():
    asyncio.create_task(producer(6, 30))
    total = await consumer(47)
    print("consumer total", total)


asyncio.run(main())
