"""The CPython oracle for fuzzed programs: `python -m uasyncc.cpython PROG
--virtual-time` plus a check that the output does not hang on a timer tie
that plain asyncio would leave to wall-clock jitter.

    python3 tests/fuzz/oracle.py PROG.py            # run, note racy ties
    UASYNCC_FUZZ_TIES=reverse python3 oracle.py ... # the other tie order

In virtual time, timers with the same deadline fire in the order they were
scheduled. Under plain asyncio that order is only certain for timers
scheduled at the same virtual instant (their real deadlines are
loop.time() + delay with a clock that moved on between the two calls, so
the earlier call has the earlier deadline). Two timers that reach the same
deadline from different instants (sleep_ms(10) at t=0 and sleep_ms(5) at
t=5) race in real life. When such a pair fires, the run writes a line to
the file named by UASYNCC_FUZZ_TIE_FILE; diff.py then runs the program once
more with those ties broken the other way round (later scheduling instant
first, same-instant timers still in call order) and treats a program whose
output changes as no valid test (verdict "racy").
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.environ.get("UASYNCC_TREE") or os.path.dirname(os.path.dirname(HERE)),
                                "compiler"))

from uasyncc.cpython import runner, vtime  # noqa: E402

REVERSE = os.environ.get("UASYNCC_FUZZ_TIES") == "reverse"
TIE_FILE = os.environ.get("UASYNCC_FUZZ_TIE_FILE")
_fired = {}        # deadline -> the virtual instants (ns) its fired timers were scheduled at
_reported = set()


class TieTimer(vtime.SeqTimerHandle):
    __slots__ = ("_created",)

    def __init__(self, when, callback, args, loop, context, seq, created):
        super().__init__(when, callback, args, loop, context, seq)
        self._created = created

    def _key(self):
        return (self._when, -self._created if REVERSE else self._created, self._seq)

    def _run(self):
        instants = _fired.setdefault(self._when, set())
        instants.add(self._created)
        if len(instants) > 1 and self._when not in _reported and TIE_FILE:
            _reported.add(self._when)
            with open(TIE_FILE, "a") as f:
                f.write(f"racy tie at {self._when * 1000:.0f} ms: scheduled at "
                        + ", ".join(f"{c / 1e6:.0f}" for c in sorted(instants)) + " ms\n")
        super()._run()


def call_at(self, when, callback, *args, context=None):
    if when is None:
        raise TypeError("when cannot be None")
    self._check_closed()
    when = round(when * 1000) / 1000
    self._timer_seq += 1
    timer = TieTimer(when, callback, args, self, context, self._timer_seq, self._vclock.ns)
    if timer._source_traceback:
        del timer._source_traceback[-1]
    vtime.heapq.heappush(self._scheduled, timer)
    timer._scheduled = True
    return timer


vtime.VirtualTimeEventLoop.call_at = call_at

if __name__ == "__main__":
    sys.exit(runner.main(["--virtual-time"] + sys.argv[1:]))
