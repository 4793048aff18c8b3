"""Which list variables the compiler holds as C arrays (compiler/uasyncc/
fixedlists.py): only those nothing in the program can tell from a list.
What the arrays compute is checked against CPython by the golden program
tests/programs/fixed_lists.py."""
import re
import textwrap

import pytest

from golden import ROOT

from uasyncc import driver  # noqa: E402  (path set by golden)

HEADER = "import asyncio\n"


def emitted(tmp_path, body):
    path = tmp_path / "prog.py"
    path.write_text(HEADER + textwrap.dedent(body))
    return driver.compile_to_c(str(path)).files["prog.c"]


FIXED = {
    "global_counters": ("counts", """
        counts = [0, 0, 0]
        async def main():
            for i in range(3):
                counts[i] += i
            print(counts[-1], len(counts))
        asyncio.run(main())
    """),
    "local_across_an_await": ("periods", """
        async def main():
            periods = [5, 7]
            await asyncio.sleep_ms(1)
            periods[0] = periods[1] * 2
            print(periods[0])
        asyncio.run(main())
    """),
    "reassigned_same_length": ("pair", """
        def f():
            pair = [1, 2]
            pair = [pair[1], pair[0]]
            return pair[0]
        print(f())
    """),
    "floats": ("w", """
        w = [0.5, 1.0]
        w[1] *= 3
        print(w[1])
    """),
}

NOT_FIXED = {
    "aliased": ("a", """
        a = [1, 2]
        b = a
        b[0] = 5
        print(a[0])
    """),
    "appended": ("a", """
        a = [1, 2]
        a.append(3)
        print(a[2])
    """),
    "deleted_item": ("a", """
        a = [1, 2]
        del a[0]
        print(a[0])
    """),
    "passed_to_a_function": ("a", """
        def first(xs):
            return xs[0]
        a = [1, 2]
        print(first(a))
    """),
    "iterated": ("a", """
        a = [1, 2]
        for x in a:
            print(x)
    """),
    "printed_whole": ("a", """
        a = [1, 2]
        print(a)
    """),
    "two_lengths": ("a", """
        a = [1, 2]
        a = [1, 2, 3]
        print(a[0])
    """),
    "extended_in_place": ("a", """
        a = [1, 2]
        a += [3]
        print(a[2])
    """),
    "made_by_an_expression": ("a", """
        a = [i for i in range(4)]
        print(a[3])
    """),
    "strings": ("a", """
        a = ["x", "y"]
        print(a[0])
    """),
    "captured_by_a_closure": ("a", """
        def outer():
            a = [1, 2]
            def inner():
                return a[0]
            return inner()
        print(outer())
    """),
    "held_across_an_await_in_an_index": ("a", """
        async def two():
            await asyncio.sleep_ms(1)
            return 1
        async def main():
            a = [1, 2]
            print(a[await two()])
        asyncio.run(main())
    """),
    "sliced": ("a", """
        a = [1, 2, 3]
        print(a[1:][0])
    """),
}


@pytest.mark.parametrize("name", sorted(FIXED))
def test_fixed_list_is_a_c_array(tmp_path, name):
    var, body = FIXED[name]
    c = emitted(tmp_path, body)
    assert "UA_ARRAY_SLOT(" in c
    assert f"{var}[" in c.replace(" ", "")      # declared as an array
    assert not re.search(r"UA_LIST_(OF|SLOT|STORE_SLOT)\(", c)


@pytest.mark.parametrize("name", sorted(NOT_FIXED))
def test_list_that_can_be_told_apart_stays_a_list(tmp_path, name):
    var, body = NOT_FIXED[name]
    c = emitted(tmp_path, body)
    assert "UA_ARRAY_SLOT(" not in c
    assert "ua_list *" in c


def test_aledflash_lists_are_arrays():
    c = driver.compile_to_c(f"{ROOT}/examples/aledflash.py").files["aledflash.c"]
    for decl in ("ua_int leds[4];", "ua_int periods[4];", "static ua_int aledflash_counts[4];"):
        assert decl in c
    assert "UA_LIST_OF(" not in c
