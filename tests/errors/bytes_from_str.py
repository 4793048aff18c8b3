# error: 2:14: string argument without an encoding
data = bytes("abc")
