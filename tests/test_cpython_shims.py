"""Tests for the CPython shims and the virtual-time runner (uasyncc.cpython)."""

import os
import subprocess
import sys
import textwrap
import time

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
COMPILER = os.path.join(ROOT, "compiler")


def run(tmp_path, source, *flags, env_extra=None, name="app.py"):
    app = tmp_path / name
    app.write_text(textwrap.dedent(source))
    env = dict(os.environ)
    env["PYTHONPATH"] = COMPILER + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("UASYNCC_TRACE_LEDS", None)
    if env_extra:
        env.update(env_extra)
    t0 = time.monotonic()
    p = subprocess.run(
        [sys.executable, "-m", "uasyncc.cpython", str(app), *flags],
        capture_output=True, text=True, env=env, timeout=60,
    )
    p.wall = time.monotonic() - t0
    return p


def vrun(tmp_path, source, **kw):
    return run(tmp_path, source, "--virtual-time", **kw)


def test_long_sleep_is_fast(tmp_path):
    p = vrun(tmp_path, """
        import asyncio
        async def main():
            loop = asyncio.get_event_loop()
            await asyncio.sleep(1000)
            print("slept", loop.time())
        asyncio.run(main())
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "slept 1000.0\n"
    assert p.wall < 5  # the sleep itself takes no wall time; 5 s allows for a slow machine


def test_sleep_1000s_under_one_second_of_loop_time(tmp_path):
    # Measured inside the program with the real clock saved before patching.
    p = vrun(tmp_path, """
        import asyncio, _uasyncc_compat
        real = _uasyncc_compat._real["monotonic"]
        t0 = real()
        async def main():
            await asyncio.sleep(1000)
        asyncio.run(main())
        print(real() - t0 < 1.0)
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "True\n"


def test_ties_fire_in_insertion_order(tmp_path):
    p = vrun(tmp_path, """
        import asyncio
        async def w(name, ms):
            await asyncio.sleep_ms(ms)
            print(name)
        async def main():
            ts = []
            for i in range(12):
                ts.append(asyncio.create_task(w("t%d" % i, 100)))
            await asyncio.gather(*ts)
            loop = asyncio.get_event_loop()
            for i in range(12):
                loop.call_later(0.05, print, "c%d" % i)
            await asyncio.sleep(0.1)
        asyncio.run(main())
    """)
    assert p.returncode == 0, p.stderr
    expected = ["t%d" % i for i in range(12)] + ["c%d" % i for i in range(12)]
    assert p.stdout.split() == expected


def test_deadlines_quantised_to_ms(tmp_path):
    p = vrun(tmp_path, """
        import asyncio
        async def main():
            loop = asyncio.get_event_loop()
            await asyncio.sleep(0.0004)
            print(loop.time())
            await asyncio.sleep(0.0016)
            print(loop.time())
            for i in range(10):
                await asyncio.sleep(0.1)
            print(loop.time())
        asyncio.run(main())
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["0.0", "0.002", "1.002"]


def test_ticks_diff_wraparound(tmp_path):
    p = vrun(tmp_path, """
        import time, utime
        M = 2**30
        print(utime.ticks_diff(5, M - 5))
        print(utime.ticks_diff(M - 5, 5))
        print(utime.ticks_add(M - 1, 2))
        print(utime.ticks_add(0, -1) == M - 1)
        print(time.ticks_diff(time.ticks_add(M - 10, 20), M - 10))
        print(utime.ticks_diff(M // 2, 0), utime.ticks_diff(M // 2 - 1, 0))
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split("\n")[:6] == ["10", "-10", "1", "True", "20",
                                        "%d %d" % (-(2**29), 2**29 - 1)]


def test_ticks_ms_wraps_with_virtual_time(tmp_path):
    p = vrun(tmp_path, """
        import time
        t0 = time.ticks_ms()
        time.sleep(2**30 / 1000 + 7)   # synchronous sleeps advance the virtual clock
        t1 = time.ticks_ms()
        print(t0, t1, time.ticks_diff(t1, t0) == (2**30 + 7000) - 2**30)
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "0 7000 True\n"


def test_ticks_cpu_counts_nanoseconds(tmp_path):
    # virtual: nanoseconds of the virtual clock, wrapping at 2**30
    p = vrun(tmp_path, """
        import time, utime
        t0 = time.ticks_cpu()
        time.sleep(0.25)
        print(t0, utime.ticks_cpu(), time.ticks_diff(time.ticks_cpu(), t0))
        time.sleep(1)
        print(time.ticks_cpu() == (1_250_000_000 & (2**30 - 1)))
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "0 250000000 250000000\nTrue\n"
    # real: the same unit, finer than ticks_us
    p = run(tmp_path, """
        import time
        t0 = time.ticks_cpu()
        time.sleep(0.002)
        d = time.ticks_diff(time.ticks_cpu(), t0)
        print(2_000_000 <= d < 2**29)
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "True\n"


def test_sleep_ms_sync_and_async(tmp_path):
    p = vrun(tmp_path, """
        import time, utime
        import uasyncio as asyncio
        start = time.ticks_ms()
        utime.sleep_ms(250)
        time.sleep_ms(250)
        time.sleep(0.5)
        print(time.ticks_diff(time.ticks_ms(), start))
        async def main():
            t = time.ticks_ms()
            await asyncio.sleep_ms(1500)
            print(time.ticks_diff(time.ticks_ms(), t))
            print(asyncio.get_event_loop().time())
        asyncio.run(main())
        print(time.monotonic(), time.time())
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split("\n")[:4] == ["1000", "1500", "2.5", "2.5 2.5"]


def test_get_event_loop_run_forever_stop(tmp_path):
    p = vrun(tmp_path, """
        import uasyncio as asyncio
        loop = asyncio.get_event_loop()
        n = 0
        def tick(tag):
            global n
            n += 1
            print(tag, n, loop.time())
            if n == 3:
                loop.stop()
            else:
                loop.call_later_ms(100, tick, tag)
        async def hello():
            print("task runs")
        loop.create_task(hello())
        loop.call_soon(tick, "t")
        loop.run_forever()
        print("stopped")
        print(loop.run_until_complete(asyncio.sleep(1, result=42)), loop.time())
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == ("task runs\nt 1 0.0\nt 2 0.1\nt 3 0.2\nstopped\n42 1.2\n")
    assert "Deprecat" not in p.stderr


def test_get_event_loop_after_asyncio_run(tmp_path):
    p = vrun(tmp_path, """
        import asyncio
        async def f():
            await asyncio.sleep(1)
            return 7
        print(asyncio.run(f()))
        loop = asyncio.get_event_loop()
        print(loop.run_until_complete(f()), loop.time())
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "7\n7 2.0\n"


def test_uncaught_exception_exit_1(tmp_path):
    p = vrun(tmp_path, """
        import asyncio
        async def boom(x):
            await asyncio.sleep(1)
            return 10 // x
        async def main():
            print("before")
            print(await boom(0))
        asyncio.run(main())
    """)
    assert p.returncode == 1
    assert p.stdout == "before\n"
    assert "Traceback (most recent call last):" in p.stderr
    assert p.stderr.rstrip().endswith("ZeroDivisionError: integer division or modulo by zero")
    assert "app.py" in p.stderr and "runner.py" not in p.stderr


def test_sys_exit_status(tmp_path):
    p = vrun(tmp_path, """
        import sys
        print("x")
        sys.exit(4)
    """)
    assert p.returncode == 4 and p.stdout == "x\n"


def test_deadlock_exit_3(tmp_path):
    p = vrun(tmp_path, """
        import asyncio
        async def main():
            print("waiting")
            await asyncio.Event().wait()
        asyncio.run(main())
    """)
    assert p.returncode == 3
    assert p.stdout == "waiting\n"
    assert "uasyncc: deadlock: every task is waiting and no timer is pending" in p.stderr


def test_run_forever_with_nothing_is_deadlock(tmp_path):
    p = vrun(tmp_path, """
        import uasyncio as asyncio
        asyncio.get_event_loop().run_forever()
    """)
    assert p.returncode == 3


def test_wait_for_ms_timeout(tmp_path):
    p = vrun(tmp_path, """
        import uasyncio as asyncio
        async def slow():
            await asyncio.sleep_ms(500)
            return 1
        async def main():
            print(await asyncio.wait_for_ms(slow(), 600))
            try:
                await asyncio.wait_for_ms(slow(), 100)
            except asyncio.TimeoutError:
                print("timeout", asyncio.get_event_loop().time())
        asyncio.run(main())
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "1\ntimeout 0.6\n"


def test_threadsafe_flag(tmp_path):
    p = vrun(tmp_path, """
        import uasyncio as asyncio
        from uasyncio import ThreadSafeFlag
        flag = ThreadSafeFlag()
        async def waiter():
            for i in range(3):
                await flag.wait()
                print("woke", i, asyncio.get_event_loop().time())
        async def main():
            t = asyncio.create_task(waiter())
            loop = asyncio.get_event_loop()
            for i in range(3):
                loop.call_later_ms(100 * (i + 1), flag.set)
            await t
            flag.set()
            flag.clear()
            print(flag.is_set())
        asyncio.run(main())
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "woke 0 0.1\nwoke 1 0.2\nwoke 2 0.3\nFalse\n"


def test_micropython_const_and_pyb(tmp_path):
    src = """
        from micropython import const
        import micropython, pyb, machine
        N = const(5)
        micropython.alloc_emergency_exception_buf(100)
        led = pyb.LED(2)
        led.on(); led.toggle(); led.toggle(); led.intensity(10)
        print(N, led.intensity())
        t = pyb.millis()
        pyb.delay(30)
        print(pyb.elapsed_millis(t))
        p = machine.Pin("X1", machine.Pin.OUT)
        p.high(); print(p.value()); p.low(); print(p.value())
        sw = pyb.Switch(); sw.callback(lambda: print("pressed")); print(sw.value())
    """
    p = vrun(tmp_path, src)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "5 10\n30\n1\n0\nFalse\n"
    p = vrun(tmp_path, src, env_extra={"UASYNCC_TRACE_LEDS": "1"})
    assert p.stdout.startswith("LED 2 on\nLED 2 off\nLED 2 on\nLED 2 intensity 10\n5 10\n")


def test_import_styles(tmp_path):
    p = vrun(tmp_path, """
        try:
            import uasyncio as asyncio
        except ImportError:
            import asyncio
        import asyncio as a2
        from uasyncio import sleep_ms, get_event_loop, create_task, gather
        print(asyncio.__name__, hasattr(a2, "sleep_ms"), callable(sleep_ms))
        async def main():
            await sleep_ms(10)
            await a2.sleep_ms(10)
            print(get_event_loop().time())
        asyncio.run(main())
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "uasyncio True True\n0.02\n"


def test_real_time_mode(tmp_path):
    p = run(tmp_path, """
        import asyncio, time
        async def main():
            t = time.ticks_ms()
            await asyncio.sleep_ms(50)
            d = time.ticks_diff(time.ticks_ms(), t)
            print(40 <= d < 1000)
        asyncio.run(main())
        loop = asyncio.get_event_loop()
        loop.call_later_ms(10, loop.stop)
        loop.run_forever()
        print("ok")
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "True\nok\n"


def test_program_folder_importable(tmp_path):
    (tmp_path / "helper.py").write_text("VALUE = 41\n")
    p = vrun(tmp_path, """
        import helper
        print(helper.VALUE + 1)
    """)
    assert p.returncode == 0, p.stderr
    assert p.stdout == "42\n"
