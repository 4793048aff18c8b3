# fuzz regression (tests/fuzz): diverged
# found by: tests/fuzz/run.py round seed 40401224 (shrunk by hand; the original
# printed 'K0.m start -3' before 'K0.m start 6' in (9999 + o.m(6)) // -(o.m(-3) % 9 + 1))
# Python evaluates operands and arguments left to right; C leaves the order of a
# call's arguments open (gcc on x86-64 went right to left): floor division and the
# other ua_arith operations, user calls, constructors, str +, dict displays, slices.
# str methods, str * int, round(x, n); dict.get/pop evaluate their default
# also when the key is there.
import asyncio


def f(v):
    print("f", v)
    return v


def h(a, b, c):
    return a + b + c


class K:
    def __init__(self, a, b):
        self.s = a + b

    def m(self, a, b):
        return self.s + a - b


async def co(a, b):
    return a * b


async def main():
    print((f(9) + f(1)) // (-(f(3) % 5 + 1)))
    print(f("ab").replace(f("a"), f("x")), f("a,b").split(f(",")), f(",").join([f("a"), f("b")]))
    print(f("abc").find(f("b")), f("abc").startswith(f("a")), f("xax").strip(f("x")))
    print(f("x") * f(3), f(2) * f("y"), round(f(2.567), f(1)))
    d = {"a": 1}
    print(d.get(f("a"), f(0)), d.get(f("b"), f(2)), d.pop(f("a"), f(3)), d.pop(f("b"), f(4)), d)
    print(f(7) // f(2), f(7) % f(3), f(2) ** f(3), f(1) << f(2), f(7.5) / f(2), f(7.0) % f(3))
    print(h(f(1), f(2), f(3)))
    print([f(4), f(5)], (f(6), f(7)), {f(8): f(9)}, {"k": f(10), "j": f(11)})
    print(f(12) < f(13), f(14) == f(15) < f(16), str(f(17)) + str(f(18)), f(19) and f(20))
    k = K(f(21), f(22))
    print(k.m(f(23), f(24)), await co(f(25), f(26)))
    l = [1, 2, 3]
    l[f(0)] = f(27)
    print(l[f(1)], "abc"[f(1):f(2)], max(f(28), f(29)), f(30) if f(31) else f(32))
    print("%d %d" % (f(33), f(34)), "{} {}".format(f(35), f(36)), f"{f(37)} {f(38)}")


asyncio.run(main())
