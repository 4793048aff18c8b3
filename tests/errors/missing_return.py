# error: 3:1: can also reach its end

def sign(x):
    if x > 0:
        return 1
    elif x < 0:
        return -1

print(sign(3))
