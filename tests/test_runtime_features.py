"""Scheduler paths pruned by program feature (ua_sched.h's UA_FEATURE_*):
the compiler names in main.c what the program can make the scheduler do,
and the Pyboard firmware (LTO) leaves the other paths out. The programs
that use each feature run on the host and under QEMU in the golden tests;
here: which flags a program gets, that the firmware really drops the
unused paths (the arena's collector too, for a program whose allocation
is bounded: test_bounded.py), and issue 7's flash figure for aledflash."""
import os
import re
import shutil
import subprocess

import pytest

from golden import ROOT

from uasyncc import driver, emit, pyboard  # noqa: E402  (path set by golden)

need_gcc = pytest.mark.skipif(shutil.which("arm-none-eabi-gcc") is None,
                              reason="arm-none-eabi-gcc not installed")


def features(path):
    main = driver.compile_to_c(os.path.join(ROOT, path)).files["main.c"]
    m = re.search(r"const uint32_t ua_program_features = (.*);", main)
    assert m, main
    return set(m.group(1).split(" | ")) - {"0"}


def test_every_trigger_name_is_in_the_runtime_api():
    # A renamed runtime function must not silently turn a feature off.
    headers = ""
    inc = os.path.join(ROOT, "runtime", "include")
    for name in os.listdir(inc):
        with open(os.path.join(inc, name)) as f:
            headers += f.read()
    for flag, names in emit.RUNTIME_FEATURES:
        assert re.search(rf"\b{flag}\b", headers), flag
        for name in names:
            assert re.search(rf"\b{name}\b", headers), (flag, name)


@pytest.mark.parametrize("path, expected", [
    ("examples/aledflash.py", set()),
    ("tests/programs/cancellation.py", {"UA_FEATURE_CANCEL"}),
    ("tests/programs/raise_cancelled_error.py", {"UA_FEATURE_CANCEL"}),
    ("tests/programs/gather_results.py", {"UA_FEATURE_GATHER"}),
    ("tests/programs/create_task_await_result.py", {"UA_FEATURE_TASK_WAITERS"}),
    ("tests/programs/call_soon_order.py", {"UA_FEATURE_CALLBACKS"}),
    ("tests/programs/isr_switch_event.py", {"UA_FEATURE_ISR_SIGNALS"}),
    ("tests/programs/run_forever_stop.py", {"UA_FEATURE_LOOP_STOP"}),
    ("tests/programs/run_cancels_leftover_tasks.py",
     {"UA_FEATURE_SHUTDOWN", "UA_FEATURE_CANCEL", "UA_FEATURE_TASK_WAITERS"}),
    ("tests/programs/run_twice_leftover_tasks.py", {"UA_FEATURE_SHUTDOWN"}),
])
def test_program_features(path, expected):
    assert expected <= features(path)
    if not expected:
        assert features(path) == set()


# Finished tasks go to the collector only in a program that can hold
# them other than in one owning variable (emit.ModuleEmitter.holds_tasks).
@pytest.mark.parametrize("path, held", [
    ("tests/programs/reclaim_held_tasks.py", True),             # lists, dicts, objects
    ("tests/programs/reclaim_held_tasks_shutdown.py", True),
    ("bench/programs/roundrobin.py", True),                     # a list of tasks
    ("bench/programs/churn_gather.py", False),                  # t = create_task(...); await t
    ("bench/programs/lock_handoff.py", False),                  # discarded
    ("bench/programs/timers.py", False),
])
def test_held_tasks_feature(path, held):
    f = features(path)
    assert "UA_FEATURE_COLLECTOR" in f
    assert ("UA_FEATURE_HELD_TASKS" in f) == held


SHUTDOWN_PROGRAM = """import asyncio


async def ticker():
    while True:
        await asyncio.sleep(1)
        print("tick")


async def main():
    asyncio.create_task(ticker())
    await asyncio.sleep(2)


{run}
"""


@pytest.mark.parametrize("run, shutdown", [
    ("asyncio.run(main())", False),                     # nothing runs the loop again: no one can tell
    ("if True:\n    asyncio.run(main())", False),
    ("for i in range(2):\n    asyncio.run(main())", True),
    ("asyncio.run(main())\nasyncio.run(main())", True),
    ("def go():\n    asyncio.run(main())\n\n\ngo()", True),
    ("asyncio.run(main())\nasyncio.get_event_loop().run_until_complete(main())", True),
])
def test_asyncio_run_cancels_the_tasks_left_when_the_loop_can_run_again(tmp_path, run, shutdown):
    src = tmp_path / "prog.py"
    src.write_text(SHUTDOWN_PROGRAM.format(run=run))
    assert ("UA_FEATURE_SHUTDOWN" in features(str(src))) == shutdown


def firmware_symbols(path, out_dir):
    compiled = driver.compile_to_c(os.path.join(ROOT, path))
    assert pyboard.build(compiled, str(out_dir), report=False) == 0
    elf = out_dir / "firmware.elf"
    nm = subprocess.run(["arm-none-eabi-nm", str(elf)], capture_output=True, text=True,
                        check=True).stdout
    size = subprocess.run(["arm-none-eabi-size", "-A", str(elf)], capture_output=True,
                          text=True, check=True).stdout
    sections = {f[0]: int(f[1]) for f in (l.split() for l in size.splitlines())
                if len(f) == 3 and f[0].startswith(".")}
    return set(re.findall(r" \w (\w+)$", nm, re.M)), sections


@need_gcc
def test_firmware_leaves_out_the_unused_paths(tmp_path):
    syms, sections = firmware_symbols("examples/aledflash.py", tmp_path / "aled")
    for name in ("ua_task_cancel", "cancel_waiter", "ua_resume_cancelled_slow", "notify",
                 "ua_arena_collect", "scan_range", "find_block", "put_free",
                 # OverflowError and IndexError without their ancestors
                 "ua_ArithmeticError", "ua_LookupError", "ua_Exception", "ua_BaseException"):
        assert name not in syms, name
    assert "ua_OverflowError" in syms and "ua_IndexError" in syms
    flash = sum(sections.get(k, 0) for k in (".isr_vector", ".text", ".data"))
    ram = sections.get(".data", 0) + sections.get(".bss", 0)
    # Issue 7's budget: under 4096 B of flash and 1024 B of static RAM.
    assert flash < 4096 and ram < 1024, (flash, ram)
    syms, _ = firmware_symbols("tests/programs/cancellation.py", tmp_path / "cancel")
    assert "ua_task_cancel" in syms and "ua_arena_collect" in syms
