# error: 4:1: unindent does not match
def f():
    x = 1
  return x
