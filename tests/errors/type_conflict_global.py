# error: 5:1: type conflict
import asyncio

count = 0
count = 2.5
print(count)
