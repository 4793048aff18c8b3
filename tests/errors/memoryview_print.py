# error: 3:7: printing a memoryview (its address) is not supported: print bytes(mv)
mv = memoryview(b"ab")
print(mv)
