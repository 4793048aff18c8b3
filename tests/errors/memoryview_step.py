# error: 3:11: a memoryview slice with a step is not supported
mv = memoryview(bytearray(4))
part = mv[::2]
