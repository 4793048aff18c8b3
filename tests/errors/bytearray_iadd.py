# error: 3:1: augmented assignment to a bytearray (in place in Python) is not supported yet: use extend() / update(), or `x = x op y`
buf = bytearray(2)
buf += b"x"
