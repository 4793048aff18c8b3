# error: 4:11: indent
def f():
    x = 1
  return x
