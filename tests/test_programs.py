"""Golden programs: the compiled host binary (virtual time, under ASan and
UBSan) prints exactly what CPython asyncio prints for the same source."""
import os
import re
import subprocess
import sys

import pytest

from golden import env, expected, host_binary, program_env, programs, run_binary

# fuzz regressions are golden programs too (tests/fuzz/README.md)
HOST_PROGRAMS = programs("tests/programs") + programs("examples") + programs("tests/fuzz/regressions")


@pytest.mark.parametrize("path", HOST_PROGRAMS, ids=os.path.basename)
def test_host_matches_cpython(path):
    want = expected(path)
    exe = host_binary(path, sanitize=True)
    out, status, err = run_binary(exe, extra_env=program_env(path))
    assert out == want.stdout
    assert status == want.status, err
    if want.stderr_has:
        assert want.stderr_has in err
    assert "runtime error" not in err and "AddressSanitizer" not in err, err


def test_uncaught_exception_traceback_names_python_lines():
    path = os.path.join(os.path.dirname(__file__), "programs", "uncaught_zero_div.py")
    out, status, err = run_binary(host_binary(path))
    assert status == 1
    assert err.splitlines()[0] == "Traceback (most recent call last):"
    assert '  File "uncaught_zero_div.py", line 7, in ratio' in err
    assert err.rstrip().endswith("ZeroDivisionError: integer division or modulo by zero")


def test_exception_in_the_shutdown_is_reported_on_stderr():
    # asyncio.run()'s shutdown reports a task that ends with an exception, as
    # CPython's loop.call_exception_handler; the exit status stays 0, and main's
    # own exception (the second run) comes after its tasks were cancelled.
    path = os.path.join(os.path.dirname(__file__), "programs", "run_cancels_leftover_tasks.py")
    out, status, err = run_binary(host_binary(path))
    assert status == 0
    lines = err.splitlines()
    assert lines[0] == "unhandled exception during asyncio.run() shutdown"
    assert '  File "run_cancels_leftover_tasks.py", line 68, in failing' in lines
    assert "ValueError: raised during shutdown" in lines
    assert out.index("s3 finally") < out.index("caught: main2 fails")


def test_exception_of_a_gather_child_in_the_shutdown_is_reported():
    # A child of a gather is one of the tasks the shutdown cancels: its
    # exception is reported as theirs are, once (before, it was lost).
    path = os.path.join(os.path.dirname(__file__), "programs", "shutdown_gather_child_fails.py")
    out, status, err = run_binary(host_binary(path))
    assert (out, status) == (expected(path).stdout, 0)
    assert err.count("unhandled exception during asyncio.run() shutdown") == 1, err
    assert err.rstrip().endswith("ValueError: child 1 failed in its cleanup"), err


# Programs that allocate far more than their arena (`# arena: 8192`, built
# strings, lists, dicts, objects, finished tasks) and its peak use with the collector
# (`--arena-report`): bounded by the collection budget (an eighth of the
# arena) plus what they keep, well under the arena.
RECLAIM_PEAKS = {"reclaim_strings.py": 2048, "reclaim_containers.py": 4608, "reclaim_through_tasks.py": 3072,
                 "exceptions_reclaimed.py": 3072, "reclaim_held_tasks.py": 4096,
                 "reclaim_held_tasks_shutdown.py": 3072, "reclaim_unretrieved_tasks.py": 3072}


@pytest.mark.parametrize("name", sorted(RECLAIM_PEAKS))
def test_reclaimed_arena_peak_stays_bounded(name):
    path = os.path.join(os.path.dirname(__file__), "programs", name)
    out, status, err = run_binary(host_binary(path, sanitize=True), args=("--virtual-time", "--arena-report"))
    assert status == 0 and out == expected(path).stdout
    m = re.search(r"uasyncc: arena peak (\d+) B of (\d+) B", err)
    assert m and int(m.group(2)) == 8192, err
    assert int(m.group(1)) <= RECLAIM_PEAKS[name], err


# Programs whose tasks and objects the collector must keep exactly as long
# as something can reach them: run with a collection before every
# collectable allocation (UA_GC_STRESS), under ASan, a freed block still in
# use is reported and a missed one changes the output.
GC_STRESS = ["reclaim_held_tasks.py", "reclaim_held_tasks_shutdown.py", "reclaim_through_tasks.py",
             "reclaim_containers.py", "run_cancels_leftover_tasks.py", "gather_results.py",
             "create_task_await_result.py", "cancellation.py", "reclaim_unretrieved_tasks.py",
             "shutdown_gather_child_fails.py"]


@pytest.mark.parametrize("name", GC_STRESS)
def test_collecting_at_every_allocation_keeps_the_output(name):
    path = os.path.join(os.path.dirname(__file__), "programs", name)
    want = expected(path)
    out, status, err = run_binary(host_binary(path, sanitize=True, gc_stress=True), extra_env=program_env(path))
    assert out == want.stdout
    assert status == want.status, err


NEVER_RETRIEVED = "Task exception was never retrieved"


def test_held_tasks_never_retrieved_are_each_reported_once():
    # CPython reports a dropped failed task when it is garbage-collected; the
    # collector reports it when it frees it, and the ones it never freed at
    # the end: as many reports as CPython's (the pyboard test compares them
    # too), however often it collects.
    path = os.path.join(os.path.dirname(__file__), "programs", "reclaim_unretrieved_tasks.py")
    want = expected(path)
    cpython = subprocess.run([sys.executable, "-m", "uasyncc.cpython", path, "--virtual-time"],
                             capture_output=True, text=True, env=env(), timeout=60)
    assert cpython.stderr.count(NEVER_RETRIEVED) == 602
    for gc_stress in (False, True):
        out, status, err = run_binary(host_binary(path, sanitize=True, gc_stress=gc_stress))
        assert (out, status) == (want.stdout, 0)
        assert err.count(NEVER_RETRIEVED) == 602, err[-2000:]
        # each task once (its traceback ends each report)
        ends = re.findall(r"^ValueError: boom (\d+)$", err, re.M)
        assert sorted(ends) == sorted([str(r * 10 + i) for r in range(200) for i in range(3)] + ["1000", "1001"])


HANDLER_ROUNDS = """# arena: 8192
import asyncio

def handler(loop, context):
    print("handler:", repr(context["exception"]))

async def boom(n):
    await asyncio.sleep_ms(1)
    raise ValueError(str(n))

async def main():
    asyncio.get_event_loop().set_exception_handler(handler)
    for r in range(200):
        tasks = [asyncio.create_task(boom(r * 10 + i)) for i in range(3)]
        await asyncio.sleep_ms(5)
        tasks = []
    print("rounds done")

asyncio.run(main())
"""


@pytest.mark.parametrize("gc_stress", [False, True])
def test_held_tasks_never_retrieved_reach_the_programs_handler(tmp_path, gc_stress):
    # The program's handler is its own code, which must not run inside an
    # allocation: a task the collector finds is kept and reported between
    # two batches of the loop, then freed. The reports come during the run,
    # each task once, in a bounded arena.
    path = tmp_path / "handler_rounds.py"
    path.write_text(HANDLER_ROUNDS)
    out, status, err = run_binary(host_binary(str(path), sanitize=True, gc_stress=gc_stress),
                                  args=("--virtual-time", "--arena-report"))
    assert status == 0, err
    lines = out.splitlines()
    reports = [line for line in lines if line.startswith("handler:")]
    assert sorted(reports) == sorted(f"handler: ValueError('{r * 10 + i}')" for r in range(200) for i in range(3))
    assert lines.index("rounds done") > 500, out   # not all left for the end
    assert int(re.search(r"arena peak (\d+) B", err).group(1)) <= 4096, err


GC_DISABLED = """# arena: 8192
import asyncio
import gc

async def main():
    DISABLE
    total = 0
    for i in range(2000):
        total += len(str(i) * 8)
        if i % 100 == 0:
            await asyncio.sleep(0)
    print(total, gc.isenabled())

asyncio.run(main())
"""


def test_gc_disable_leaves_collecting_to_a_full_arena(tmp_path):
    # As MicroPython's: without automatic collection the arena fills up
    # before the allocation that finds no room collects; the output is
    # the same, enabled or not.
    peaks, outputs = {}, {}
    for disable in (False, True):
        path = tmp_path / f"gc_disabled_{disable}.py"
        path.write_text(GC_DISABLED.replace("DISABLE", "gc.disable()" if disable else "pass"))
        out, status, err = run_binary(host_binary(str(path), sanitize=True), args=("--virtual-time", "--arena-report"))
        assert status == 0, err
        outputs[disable] = out
        peaks[disable] = int(re.search(r"arena peak (\d+) B", err).group(1))
    total = sum(len(str(i) * 8) for i in range(2000))
    assert outputs == {False: f"{total} True\n", True: f"{total} False\n"}
    assert peaks[False] <= 2048 and peaks[True] >= 7168, peaks
