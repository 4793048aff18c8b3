# error: 5:1: type conflict
import asyncio

count = 0
x = not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not not True
count = 2.5
print(count)
