# fuzz regression (tests/fuzz): crash
# found by: tests/fuzz/run.py round seed 2026172983471 (hand-reduced)
# generated C did not compile: 'bitwise comparison always evaluates to true'
# [-Werror=tautological-compare] for `elif bool((-3) | (23)):`
def f(x):
    if (x | 8) == 0:
        print("a")
    if (x & 8) == 9:
        print("b")
    if (x | 8) != 3:
        print("c")
    if bool(x | 8):
        print("d")
    if (x | 8) and (x & 0):
        print("e")
    print((x | 8) == 0, (x & 8) > 100)
f(3)
b = True
print(b | False, b & False, b ^ True, (b | True) == False)
z = 5
z |= 2
z &= 6
z ^= 1
print(z, 5 ^ 3, -1 & 255)
