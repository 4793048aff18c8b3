"""The bounded-allocation verdict (compiler/uasyncc/bounded.py): which
programs get the bump allocator without the collector, and that what the
analysis accepts really allocates no more than it says."""
import os
import re
import subprocess
import textwrap

import pytest

from golden import ROOT, host_binary, program_env, programs, run_binary

from uasyncc import bounded, cli, driver, sema  # noqa: E402  (path set by golden)

HEADER = "import asyncio\nimport pyb\n"

BOUNDED = {
    "leds_and_counters": """
        counts = [0, 0]
        async def blink(led, i, ms):
            while True:
                await asyncio.sleep_ms(ms)
                led.toggle()
                counts[i] += 1
                print("led", i, counts[i], f"at {ms} ms")
        async def main():
            for i in range(2):
                asyncio.create_task(blink(pyb.LED(i + 1), i, 100 + i))
            await asyncio.sleep_ms(500)
            print(counts[0] + counts[1])
        asyncio.run(main())
    """,
    "allocation_in_a_constant_loop": """
        def fill():
            out = []
            for i in range(10):
                out.append(str(i))
            return out
        async def main():
            print(len(fill()))
        asyncio.run(main())
    """,
    "gc_monitoring_in_an_endless_loop": """
        import gc
        async def monitor():
            while True:
                gc.collect()
                print("free", gc.mem_free() > 0, gc.mem_alloc() >= 0)
                await asyncio.sleep_ms(100)
        async def main():
            asyncio.create_task(monitor())
            await asyncio.sleep_ms(350)
        asyncio.run(main())
    """,
    "try_outside_loops": """
        def ratio(a, b):
            return a // b
        async def main():
            try:
                print(ratio(1, 0))
            except ZeroDivisionError:
                print("caught")
        asyncio.run(main())
    """,
    "implicit_raise_in_an_endless_loop": """
        items = [1, 2, 3]
        async def walk():
            i = 0
            while True:
                print(items[i])
                i += 1
                await asyncio.sleep_ms(1)
        async def main():
            await walk()
        asyncio.run(main())
    """,
    "lock_and_finally_in_an_endless_loop": """
        lock = asyncio.Lock()
        counts = [0]
        async def worker(i):
            while True:
                async with lock:
                    try:
                        counts[0] += i
                    finally:
                        print("released", counts[0])
                await asyncio.sleep_ms(5)
        async def main():
            asyncio.create_task(worker(1))
            asyncio.create_task(worker(2))
            await asyncio.sleep_ms(20)
        asyncio.run(main())
    """,
    "gather_of_coroutines": """
        async def blink(led, n):
            for _ in range(n):
                led.toggle()
                await asyncio.sleep_ms(10)
            return n
        async def main():
            a, b = await asyncio.gather(blink(pyb.LED(1), 3), blink(pyb.LED(2), 2))
            print(a + b)
        asyncio.run(main())
    """,
    "event_between_tasks": """
        ev = asyncio.Event()
        async def waiter():
            while True:
                await ev.wait()
                ev.clear()
                print("set")
        async def main():
            asyncio.create_task(waiter())
            for _ in range(3):
                ev.set()
                await asyncio.sleep_ms(10)
        asyncio.run(main())
    """,
}

UNBOUNDED = {
    "create_task_in_while_true": """
        async def job():
            await asyncio.sleep_ms(1)
        async def main():
            while True:
                asyncio.create_task(job())
                await asyncio.sleep_ms(10)
        asyncio.run(main())
    """,
    "gather_in_a_loop": """
        async def tick(n):
            await asyncio.sleep_ms(n)
        async def main():
            while True:
                await asyncio.gather(tick(1), tick(2))
        asyncio.run(main())
    """,
    "append_in_a_while_loop": """
        async def main():
            xs = []
            n = 0
            while n < 100:
                xs.append(n)
                n += 1
            print(len(xs))
        asyncio.run(main())
    """,
    "append_in_a_loop_of_unknown_count": """
        def fill(n):
            xs = []
            for i in range(n):
                xs.append(i)
            return xs
        async def main():
            print(len(fill(5)))
        asyncio.run(main())
    """,
    "constant_loop_too_long": """
        async def main():
            s = ""
            for i in range(5000):
                s = str(i)
            print(s)
        asyncio.run(main())
    """,
    "string_building_in_a_loop": """
        async def main():
            s = ""
            while len(s) < 50:
                s = s + "x"
            print(s)
        asyncio.run(main())
    """,
    "f_string_built_in_a_loop": """
        async def main():
            i = 0
            while i < 3:
                s = f"item {i}"
                print(s)
                i += 1
        asyncio.run(main())
    """,
    "allocating_coroutine_awaited_in_a_loop": """
        async def step(xs):
            xs.append(1)
            await asyncio.sleep_ms(1)
        async def main():
            xs = []
            while len(xs) < 5:
                await step(xs)
        asyncio.run(main())
    """,
    "allocating_function_called_in_a_loop": """
        def pair(a):
            return [a, a]
        async def main():
            k = 0
            while k < 3:
                print(len(pair(k)))
                k += 1
        asyncio.run(main())
    """,
    "recursion": """
        def fib(n):
            if n < 2:
                return n
            return fib(n - 1) + fib(n - 2)
        async def main():
            print(fib(10))
        asyncio.run(main())
    """,
    "recursive_coroutine": """
        async def down(n):
            if n <= 0:
                return 0
            return await down(n - 1)
        async def main():
            await down(3)
        asyncio.run(main())
    """,
    "try_in_a_loop_catches_implicit_raises": """
        items = [1, 2, 3]
        async def main():
            i = 0
            while i < 10:
                try:
                    print(items[i])
                except IndexError:
                    print("none")
                i += 1
        asyncio.run(main())
    """,
    "finally_that_continues_swallows_raises": """
        items = [1, 2, 3]
        async def main():
            i = 0
            while i < 10:
                try:
                    print(items[i])
                finally:
                    i += 1
                    continue
        asyncio.run(main())
    """,
    "function_with_try_called_in_a_loop": """
        def safe_div(a, b):
            try:
                return a // b
            except ZeroDivisionError:
                return 0
        async def main():
            i = 0
            while i < 10:
                print(safe_div(10, i))
                i += 1
        asyncio.run(main())
    """,
    "repetition_by_a_variable": """
        async def main():
            n = 4
            print("ab" * n)
        asyncio.run(main())
    """,
    "printing_a_list": """
        async def main():
            xs = [1, 2]
            while True:
                print(xs)
                await asyncio.sleep_ms(1)
        asyncio.run(main())
    """,
    "generator": """
        def gen():
            yield 1
        async def main():
            for x in gen():
                print(x)
        asyncio.run(main())
    """,
}


def compile_source(tmp_path, name, body):
    path = tmp_path / f"{name}.py"
    path.write_text(HEADER + textwrap.dedent(body))
    return driver.compile_to_c(str(path))


@pytest.mark.parametrize("name", sorted(BOUNDED))
def test_bounded_program_has_no_collector(tmp_path, name):
    compiled = compile_source(tmp_path, name, BOUNDED[name])
    assert not compiled.collector
    assert "UA_FEATURE_COLLECTOR" not in compiled.files["main.c"]


@pytest.mark.parametrize("name", sorted(UNBOUNDED))
def test_unbounded_program_keeps_the_collector(tmp_path, name):
    compiled = compile_source(tmp_path, name, UNBOUNDED[name])
    assert compiled.collector
    assert "UA_FEATURE_COLLECTOR" in compiled.files["main.c"]


def test_examples_verdicts():
    assert not driver.compile_to_c(os.path.join(ROOT, "examples", "aledflash.py")).collector
    assert driver.compile_to_c(os.path.join(ROOT, "tests", "programs", "reclaim_strings.py")).collector


def static_bound(path):
    source = driver.read_source(path)
    prog = sema.analyse(source, lambda: driver.parse_checked(source), driver.module_name(path))
    return bounded.allocations(prog)


ACCEPTED = [p for p in programs("tests/programs") + programs("examples")
            if static_bound(p) <= bounded.MAX_ALLOCATIONS]


def test_some_golden_programs_are_accepted():
    assert len(ACCEPTED) >= 10, ACCEPTED


@pytest.mark.parametrize("path", ACCEPTED, ids=os.path.basename)
def test_accepted_program_allocates_within_its_bound(path):
    # The host build of every golden program the analysis accepts runs
    # with the bump allocator (the golden tests check its output); here
    # its count of allocations must stay under the analysis's bound.
    out, status, err = run_binary(host_binary(path), args=("--virtual-time", "--arena-report"),
                                  extra_env=program_env(path))
    m = re.search(r"uasyncc: arena peak \d+ B of \d+ B, (\d+) allocations", err)
    assert m, err
    assert int(m.group(1)) <= static_bound(path)


def test_bump_allocator_raises_memory_error_when_the_arena_is_full(tmp_path):
    compiled = compile_source(tmp_path, "keeps_lists", """
        keep = []
        for i in range(100):
            keep.append([i, i, i, i, i, i, i, i])
        print(len(keep))
    """)
    assert not compiled.collector
    exe = cli.host_executable(compiled, ["-DUA_ARENA_SIZE=1024"])
    proc = subprocess.run([exe, "--virtual-time"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr.rstrip().endswith("MemoryError"), proc.stderr
