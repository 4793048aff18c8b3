# error: 3:10: the order of a set of str depends on CPython's randomised string hashes (PYTHONHASHSEED): iterate or print sorted(s) instead
names = {"a", "b"}
for n in names:
    print(n)
