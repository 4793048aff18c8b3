# error: 9:9: the value of `yield from` a generator object is None or int: an Optional int/float/bool is not supported
def inner():
    yield 1
    return 2


def relay(g):
    # a generator object that had finished gives None here
    r = yield from g
    yield r


print(list(relay(inner())))
