# error: 3:1: unsupported operand type(s) for -=: 'bytearray' and 'bytes'
buf = bytearray(2)
buf -= b"x"
