# error: 6:9: name 'n' is parameter and nonlocal
import asyncio

def outer(n):
    def inner(n):
        nonlocal n
        n += 1
    inner(1)
