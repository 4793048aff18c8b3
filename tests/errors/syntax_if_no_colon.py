# error: 3:5: syntax
x = 1
if x
    print(x)
