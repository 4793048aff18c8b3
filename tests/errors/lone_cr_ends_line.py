# error: 3:1: unexpected indent
# a comment ended by a lone carriage return    x = 1
import asyncio
