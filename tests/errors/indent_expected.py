# error: 3:1: indent
def f():
return 1
