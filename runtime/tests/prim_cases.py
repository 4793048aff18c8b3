"""Scenarios for test_prim.c / test_cancel.c, run under CPython 3.11.

Each scenario is a set of small task bodies written as op lists; this script
runs them with CPython's asyncio (on the repo's virtual-time loop, as the
golden tests do) and writes prim_cases.inc: the same op lists for the C
interpreter in prim_interp.h plus the trace CPython printed. The C tests
replay them on the runtime and compare traces, so each expected string is
exactly what the equivalent CPython program printed.

    python3 runtime/tests/prim_cases.py   (regenerates prim_cases.inc)

Ops (i, j: task indexes; k: object index):
  log s | logt s (s@ms) | yield | sleep ms | spawn j | await j | cancel j |
  cancel_self | catch (the next op's exception is logged and swallowed) |
  acq/rel k (Lock) | sacq/srel k (Semaphore) | ewait/eset/eclear k (Event) |
  cacq/crel/cwait k, notify k n, notify_all k (Condition) |
  put k v, get k, put_nowait k v, get_nowait k, qsize k (Queue) |
  bwait k, babort k, breset k (Barrier) | wait_for j ms | gather j k
Every body logs "name." when it returns; an exception is logged "name!Type".
"""
import asyncio
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "compiler"))
sys.path.insert(0, os.path.join(HERE, "..", "..", "compiler", "uasyncc", "cpython", "shims"))
from _uasyncc_compat import VirtualClock  # noqa: E402
from uasyncc.cpython.vtime import VirtualTimeEventLoop  # noqa: E402


class Sc:
    def __init__(self, group, name, names, tasks, locks=0, events=0, sems=(),
                 conds=0, queues=(), barriers=()):
        self.group, self.name, self.names, self.tasks = group, name, names, tasks
        self.locks, self.events, self.sems, self.conds = locks, events, list(sems), conds
        self.queues, self.barriers = list(queues), list(barriers)


def ticker(n, p="t"):
    ops = []
    for i in range(1, n + 1):
        ops += [("log", f"{p}{i}"), ("yield",)]
    return ops


def run(sc):
    out = []
    loop = VirtualTimeEventLoop(VirtualClock())
    asyncio.set_event_loop(loop)
    env = {}

    async def body(i):
        me = sc.names[i]
        catch = False
        for op in sc.tasks[i]:
            k = op[0]
            was_catch, catch = catch, False
            try:
                if k == "log":
                    out.append(op[1])
                elif k == "logt":
                    out.append(f"{op[1]}@{round(loop.time() * 1000)}")
                elif k == "catch":
                    catch = True
                elif k == "yield":
                    await asyncio.sleep(0)
                elif k == "sleep":
                    await asyncio.sleep(op[1] / 1000)
                elif k == "spawn":
                    env["t", op[1]] = asyncio.create_task(body(op[1]))
                elif k == "await":
                    await env["t", op[1]]
                elif k == "cancel":
                    r = env["t", op[1]].cancel()
                    out.append(f"{me}:cancel({sc.names[op[1]]})={r}")
                elif k == "cancel_self":
                    asyncio.current_task().cancel()
                elif k == "acq":
                    await env["L", op[1]].acquire()
                elif k == "rel":
                    env["L", op[1]].release()
                elif k == "sacq":
                    await env["S", op[1]].acquire()
                elif k == "srel":
                    env["S", op[1]].release()
                elif k == "ewait":
                    await env["E", op[1]].wait()
                elif k == "eset":
                    env["E", op[1]].set()
                elif k == "eclear":
                    env["E", op[1]].clear()
                elif k == "cacq":
                    await env["C", op[1]].acquire()
                elif k == "crel":
                    env["C", op[1]].release()
                elif k == "cwait":
                    await env["C", op[1]].wait()
                elif k == "notify":
                    env["C", op[1]].notify(op[2])
                elif k == "notify_all":
                    env["C", op[1]].notify_all()
                elif k == "put":
                    await env["Q", op[1]].put(op[2])
                elif k == "put_nowait":
                    env["Q", op[1]].put_nowait(op[2])
                elif k == "get":
                    out.append(f"{me}:got{await env['Q', op[1]].get()}")
                elif k == "get_nowait":
                    out.append(f"{me}:got{env['Q', op[1]].get_nowait()}")
                elif k == "qsize":
                    out.append(f"{me}:qsize{env['Q', op[1]].qsize()}")
                elif k == "bwait":
                    out.append(f"{me}:b{await env['B', op[1]].wait()}")
                elif k == "babort":
                    await env["B", op[1]].abort()
                elif k == "breset":
                    await env["B", op[1]].reset()
                elif k == "wait_for":
                    r = await asyncio.wait_for(body(op[1]), op[2] / 1000)
                    out.append(f"{me}:wf={r}")
                elif k == "gather":
                    r = await asyncio.gather(body(op[1]), body(op[2]))
                    out.append(f"{me}:g={r[0]},{r[1]}")
                else:
                    raise AssertionError(k)
            except BaseException as e:
                out.append(f"{me}!{type(e).__name__}")
                if was_catch:
                    continue
                raise
        out.append(f"{me}.")
        return i

    async def setup():
        for n in range(sc.locks):
            env["L", n] = asyncio.Lock()
        for n in range(sc.events):
            env["E", n] = asyncio.Event()
        for n, (v, bounded) in enumerate(sc.sems):
            env["S", n] = (asyncio.BoundedSemaphore if bounded else asyncio.Semaphore)(v)
        for n in range(sc.conds):
            env["C", n] = asyncio.Condition()
        for n, m in enumerate(sc.queues):
            env["Q", n] = asyncio.Queue(m)
        for n, p in enumerate(sc.barriers):
            env["B", n] = asyncio.Barrier(p)

    loop.run_until_complete(setup())
    root = loop.create_task(body(0))
    env["t", 0] = root
    try:
        loop.run_until_complete(root)
    except BaseException:
        pass
    loop.close()
    return " ".join(out)


S = []


def sc(*a, **k):
    S.append(Sc(*a, **k))


# ---------------- primitives ----------------
sc("prim", "event_set_wakes_fifo", ["main", "a", "b", "c", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 3), ("spawn", 4), ("yield",), ("log", "set"),
     ("eset", 0), ("log", "set2"), ("eset", 0), ("await", 1), ("await", 2), ("await", 3),
     ("ewait", 0), ("log", "nowait"), ("eclear", 0), ("spawn", 1), ("yield",), ("eset", 0),
     ("await", 1), ("await", 4)],
    [("ewait", 0), ("log", "a")], [("ewait", 0), ("log", "b")], [("ewait", 0), ("log", "c")],
    ticker(8)], events=1)
sc("prim", "lock_fifo_and_hops", ["main", "a", "b", "c", "t"], [
    [("acq", 0), ("spawn", 1), ("spawn", 2), ("spawn", 3), ("spawn", 4), ("yield",),
     ("log", "rel"), ("rel", 0), ("await", 1), ("await", 2), ("await", 3), ("await", 4)],
    [("acq", 0), ("log", "a"), ("yield",), ("rel", 0)],
    [("acq", 0), ("log", "b"), ("yield",), ("rel", 0)],
    [("acq", 0), ("log", "c"), ("rel", 0)],
    ticker(10)], locks=1)
# 3.11 fairness: a releaser that re-acquires at once queues behind the woken waiter
sc("prim", "lock_fairness", ["main", "a", "t"], [
    [("acq", 0), ("spawn", 1), ("spawn", 2), ("yield",), ("rel", 0), ("acq", 0),
     ("log", "main-again"), ("rel", 0), ("await", 1), ("catch",), ("rel", 0), ("await", 2)],
    [("acq", 0), ("log", "a"), ("rel", 0)], ticker(5)], locks=1)
sc("prim", "lock_contention_100", ["main"] + [f"w{i}" for i in range(100)], [
    [("acq", 0)] + [("spawn", i) for i in range(1, 101)] + [("yield",), ("rel", 0)]
    + [("await", i) for i in range(1, 101)]]
    + [[("acq", 0), ("log", f"w{i}"), ("rel", 0)] for i in range(100)], locks=1)
sc("prim", "semaphore", ["main", "a", "b", "c", "d", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 3), ("spawn", 4), ("spawn", 5), ("await", 1),
     ("await", 2), ("await", 3), ("await", 4), ("catch",), ("srel", 1), ("sacq", 1),
     ("srel", 1), ("catch",), ("srel", 1), ("await", 5)],
    [("sacq", 0), ("log", "a"), ("yield",), ("yield",), ("srel", 0)],
    [("sacq", 0), ("log", "b"), ("yield",), ("srel", 0)],
    [("sacq", 0), ("log", "c"), ("srel", 0)],
    [("sacq", 0), ("log", "d"), ("srel", 0)], ticker(8)], sems=[(2, False), (1, True)])
sc("prim", "condition_notify", ["main", "a", "b", "c", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 3), ("spawn", 4), ("yield",), ("catch",), ("cwait", 0),
     ("catch",), ("notify", 0, 1), ("cacq", 0), ("log", "n1"), ("notify", 0, 1), ("crel", 0),
     ("yield",), ("yield",), ("cacq", 0), ("log", "nall"), ("notify_all", 0), ("yield",),
     ("log", "main-rel"), ("crel", 0), ("await", 1), ("await", 2), ("await", 3), ("await", 4)],
    [("cacq", 0), ("cwait", 0), ("log", "a"), ("crel", 0)],
    [("cacq", 0), ("cwait", 0), ("log", "b"), ("crel", 0)],
    [("cacq", 0), ("cwait", 0), ("log", "c"), ("crel", 0)], ticker(12)], conds=1)
sc("prim", "queue_bounded_producer_consumer", ["main", "prod", "cons", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 3), ("await", 1), ("await", 2), ("await", 3)],
    [op for v in range(6) for op in (("put", 0, v), ("log", f"p{v}"))],
    [op for v in range(6) for op in (("get", 0), ("yield",))], ticker(16)], queues=[2])
sc("prim", "queue_nowait_and_getters", ["main", "g1", "g2", "t"], [
    [("catch",), ("get_nowait", 0), ("put_nowait", 0, 1), ("put_nowait", 0, 2),
     ("catch",), ("put_nowait", 0, 3), ("qsize", 0), ("get_nowait", 0), ("get_nowait", 0),
     ("spawn", 1), ("spawn", 2), ("spawn", 3), ("yield",), ("put_nowait", 0, 7),
     ("put_nowait", 0, 8), ("qsize", 0), ("await", 1), ("await", 2), ("await", 3)],
    [("get", 0)], [("get", 0)], ticker(4)], queues=[2])
sc("prim", "queue_unbounded", ["main", "g"], [
    [("spawn", 1), ("yield",)] + [("put_nowait", 0, v) for v in range(20)]
    + [("qsize", 0), ("await", 1), ("qsize", 0)],
    [("get", 0)] * 20], queues=[0])
sc("prim", "barrier_rounds", ["main", "a", "b", "c", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 3), ("spawn", 4), ("await", 1), ("await", 2),
     ("await", 3), ("await", 4)],
    [("bwait", 0), ("bwait", 0)], [("yield",), ("bwait", 0), ("bwait", 0)],
    [("yield",), ("yield",), ("bwait", 0), ("bwait", 0)], ticker(14)], barriers=[3])
sc("prim", "barrier_abort_reset", ["main", "a", "b", "c", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 4), ("yield",), ("yield",), ("breset", 0),
     ("catch",), ("await", 1), ("catch",), ("await", 2), ("spawn", 3), ("yield",),
     ("babort", 0), ("catch",), ("await", 3), ("catch",), ("bwait", 0), ("await", 4)],
    [("bwait", 0)], [("bwait", 0)], [("bwait", 0)], ticker(10)], barriers=[3])

# ---------------- cancellation ----------------
sc("cancel", "during_sleep", ["main", "a", "t"], [
    [("spawn", 1), ("spawn", 2), ("sleep", 10), ("logt", "m"), ("cancel", 1), ("cancel", 1),
     ("catch",), ("await", 1), ("logt", "m2"), ("cancel", 1), ("await", 2)],
    [("sleep", 100), ("log", "never")], [("sleep", 10)] + ticker(4)])
sc("cancel", "sleep_expired_not_run", ["main", "a", "b", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 3), ("sleep", 5), ("catch",), ("await", 1), ("await", 3)],
    [("sleep", 5), ("log", "a-woke")],
    [("cancel", 1), ("log", "b")], [("sleep", 5)] + ticker(5)])
sc("cancel", "during_event_wait", ["main", "a", "b", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 3), ("yield",), ("cancel", 1), ("eset", 0),
     ("catch",), ("await", 1), ("await", 2), ("await", 3)],
    [("ewait", 0), ("log", "a")], [("ewait", 0), ("log", "b")], ticker(5)], events=1)
sc("cancel", "ready_task_never_started", ["main", "a", "t"], [
    [("spawn", 1), ("spawn", 2), ("cancel", 1), ("catch",), ("await", 1), ("await", 2)],
    [("log", "a-ran")], ticker(3)])
sc("cancel", "ready_after_yield_and_self", ["main", "a", "b", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 3), ("yield",), ("cancel", 1), ("catch",),
     ("await", 1), ("catch",), ("await", 2), ("await", 3)],
    [("log", "a1"), ("yield",), ("log", "a2")],
    [("cancel_self",), ("log", "b1"), ("acq", 0), ("log", "b-acq-no-suspend"), ("rel", 0),
     ("catch",), ("sleep", 50), ("logt", "b2"), ("yield",), ("log", "b3")],
    ticker(6)], locks=1)
sc("cancel", "during_lock_acquire", ["main", "a", "b", "t"], [
    [("acq", 0), ("spawn", 1), ("spawn", 2), ("spawn", 3), ("yield",), ("cancel", 1),
     ("log", "rel"), ("rel", 0), ("catch",), ("await", 1), ("await", 2), ("await", 3)],
    [("acq", 0), ("log", "a"), ("rel", 0)], [("acq", 0), ("log", "b"), ("rel", 0)],
    ticker(6)], locks=1)
sc("cancel", "woken_lock_waiter_passes_on", ["main", "a", "b", "t"], [
    [("acq", 0), ("spawn", 1), ("spawn", 2), ("spawn", 3), ("yield",), ("rel", 0),
     ("cancel", 1), ("catch",), ("await", 1), ("await", 2), ("await", 3)],
    [("acq", 0), ("log", "a"), ("rel", 0)], [("acq", 0), ("log", "b"), ("rel", 0)],
    ticker(6)], locks=1)
sc("cancel", "woken_semaphore_waiter_gives_back", ["main", "a", "b", "t"], [
    [("sacq", 0), ("spawn", 1), ("spawn", 2), ("spawn", 3), ("yield",), ("srel", 0),
     ("cancel", 1), ("catch",), ("await", 1), ("await", 2), ("await", 3)],
    [("sacq", 0), ("log", "a"), ("srel", 0)], [("sacq", 0), ("log", "b"), ("srel", 0)],
    ticker(6)], sems=[(1, False)])
sc("cancel", "woken_getter_passes_on", ["main", "a", "b", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 3), ("yield",), ("put_nowait", 0, 5),
     ("cancel", 1), ("catch",), ("await", 1), ("await", 2), ("await", 3)],
    [("get", 0)], [("get", 0)], ticker(6)], queues=[0])
sc("cancel", "parked_getter_cancelled_is_skipped", ["main", "a", "b", "t"], [
    [("spawn", 1), ("spawn", 2), ("spawn", 3), ("yield",), ("cancel", 1), ("put_nowait", 0, 5),
     ("catch",), ("await", 1), ("await", 2), ("await", 3)],
    [("get", 0)], [("get", 0)], ticker(6)], queues=[0])
sc("cancel", "condition_wait_reacquires", ["main", "a", "t"], [
    [("spawn", 1), ("spawn", 2), ("yield",), ("cacq", 0), ("cancel", 1), ("yield",),
     ("yield",), ("log", "main-rel"), ("crel", 0), ("catch",), ("await", 1), ("await", 2)],
    [("cacq", 0), ("catch",), ("cwait", 0), ("log", "a-has-lock"), ("crel", 0)],
    ticker(6)], conds=1)
sc("cancel", "await_task_cancels_inner", ["main", "outer", "inner", "t"], [
    [("spawn", 1), ("spawn", 3), ("sleep", 10), ("cancel", 1), ("catch",), ("await", 1),
     ("catch",), ("await", 2), ("await", 3)],
    [("spawn", 2), ("await", 2), ("log", "outer-after")],
    [("sleep", 100), ("log", "never")], [("sleep", 10)] + ticker(6)])
sc("cancel", "inner_swallows_cancel", ["main", "outer", "inner", "t"], [
    [("spawn", 1), ("spawn", 3), ("sleep", 10), ("cancel", 1), ("await", 1), ("await", 3)],
    [("spawn", 2), ("await", 2), ("log", "outer-after")],
    [("catch",), ("sleep", 100), ("log", "inner-caught"), ("yield",)], [("sleep", 10)] + ticker(6)])
sc("cancel", "wait_for_timeout", ["main", "inner", "t"], [
    [("spawn", 2), ("catch",), ("wait_for", 1, 50), ("logt", "m"), ("await", 2)],
    [("logt", "in"), ("sleep", 100), ("log", "never")], [("sleep", 50)] + ticker(8)])
sc("cancel", "wait_for_in_time", ["main", "inner", "t"], [
    [("spawn", 2), ("wait_for", 1, 50), ("logt", "m"), ("await", 2)],
    [("sleep", 49), ("logt", "in")], [("sleep", 49)] + ticker(6)])
sc("cancel", "wait_for_tie", ["main", "inner", "t"], [
    [("spawn", 2), ("catch",), ("wait_for", 1, 50), ("logt", "m"), ("await", 2)],
    [("sleep", 50), ("logt", "in")], [("sleep", 50)] + ticker(6)])
sc("cancel", "wait_for_zero", ["main", "inner", "t"], [
    [("spawn", 2), ("catch",), ("wait_for", 1, 0), ("logt", "m"), ("await", 2)],
    [("log", "never")], ticker(6)])
sc("cancel", "wait_for_inner_raises", ["main", "inner"], [
    [("catch",), ("wait_for", 1, 50), ("logt", "m")],
    [("sleep", 10), ("rel", 0)]], locks=1)
sc("cancel", "wait_for_outer_cancelled", ["main", "outer", "inner", "t"], [
    [("spawn", 1), ("spawn", 3), ("sleep", 10), ("cancel", 1), ("catch",), ("await", 1),
     ("logt", "m"), ("await", 3)],
    [("wait_for", 2, 50), ("log", "never")], [("sleep", 100), ("log", "never")], [("sleep", 10)] + ticker(8)])
sc("cancel", "gather_cancelled", ["main", "p", "x", "y", "t"], [
    [("spawn", 1), ("spawn", 4), ("sleep", 10), ("cancel", 1), ("catch",), ("await", 1),
     ("await", 4)],
    [("gather", 2, 3), ("log", "never")], [("sleep", 100)],
    [("catch",), ("sleep", 100), ("log", "y-caught")], [("sleep", 10)] + ticker(8)])
sc("cancel", "gather_ok", ["main", "p", "x", "y", "t"], [
    [("spawn", 1), ("spawn", 4), ("await", 1), ("await", 4)],
    [("gather", 2, 3)], [("yield",)], [("sleep", 5)], ticker(8)])

OPS = {k: i for i, k in enumerate(
    "end log logt catch yield sleep spawn await cancel cancel_self acq rel sacq srel ewait eset "
    "eclear cacq crel cwait notify notify_all put put_nowait get get_nowait qsize bwait babort "
    "breset wait_for gather".split())}


def c_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main():
    lines = ["/* Generated by prim_cases.py from CPython %s: do not edit. */" % sys.version.split()[0]]
    for n, s in enumerate(S):
        s.trace = run(s)
        for i, ops in enumerate(s.tasks):
            items = []
            for op in ops + [("end",)]:
                a = op[1] if len(op) > 1 and not isinstance(op[1], str) else 0
                b = op[2] if len(op) > 2 else 0
                txt = c_str(op[1]) if len(op) > 1 and isinstance(op[1], str) else "0"
                items.append("{%d,%d,%d,%s}" % (OPS[op[0]], a, b, txt))
            lines.append("static const Op c%d_t%d[] = {%s};" % (n, i, ",".join(items)))
        lines.append("static const Op *const c%d_tasks[] = {%s};" % (n, ",".join(f"c{n}_t{i}" for i in range(len(s.tasks)))))
        lines.append("static const char *const c%d_names[] = {%s};" % (n, ",".join(c_str(x) for x in s.names)))
    lines.append("static const Case cases[] = {")
    for n, s in enumerate(S):
        sems = ",".join("{%d,%d}" % (v, b) for v, b in s.sems) or "{0,0}"
        qs = ",".join(str(m) for m in s.queues) or "0"
        bs = ",".join(str(p) for p in s.barriers) or "0"
        lines.append("    {%s, %s, %d, c%d_tasks, c%d_names, %d, %d, %d, {%s}, %d, %d, {%s}, %d, {%s},\n     %s}," % (
            c_str(s.group), c_str(s.name), len(s.tasks), n, n, s.locks, s.events, len(s.sems), sems,
            s.conds, len(s.queues), qs, len(s.barriers), bs, c_str(s.trace)))
    lines.append("};")
    with open(os.path.join(HERE, "prim_cases.inc"), "w") as f:
        f.write("\n".join(lines) + "\n")
    for s in S:
        print(f"{s.name}: {s.trace[:300]}")


if __name__ == "__main__":
    main()
