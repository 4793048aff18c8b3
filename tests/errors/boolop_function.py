# error: 3:14: a module used as a condition is always true
x = 0
if x == 1 or abs:
    print(x)
