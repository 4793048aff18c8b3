"""Virtual-time asyncio event loops for deterministic, fast runs.

The loops are CPython's own ``SelectorEventLoop``: tasks, the ready queue,
futures and gather are untouched.  Only three things change:

- ``time()`` reads a shared :class:`VirtualClock` (ns, starting at 0);
- the selector is a fake whose ``select(timeout)`` returns no events and
  advances the virtual clock by ``timeout`` instead of waiting; a ``None``
  timeout (nothing ready, no timer pending) is a deadlock: we report it on
  stderr and exit with status 3;
- ``call_at`` quantises deadlines to whole milliseconds (the compiled
  runtime's timebase) and orders timers by (deadline, insertion sequence),
  so equal deadlines fire in the order they were scheduled.  CPython's own
  TimerHandle compares by deadline only, and its heap is not stable, so
  without this ties would fire in an unspecified order.
"""

import asyncio
import asyncio.events
import heapq
import os
import selectors
import sys

DEADLOCK_EXIT_STATUS = 3
DEADLOCK_MESSAGE = "uasyncc: deadlock: every task is waiting and no timer is pending"


def _clock_module():
    import _uasyncc_compat  # the shims folder is on sys.path
    return _uasyncc_compat


class SeqTimerHandle(asyncio.TimerHandle):
    """A TimerHandle ordered by (when, seq)."""

    __slots__ = ("_seq",)

    def __init__(self, when, callback, args, loop, context, seq):
        super().__init__(when, callback, args, loop, context)
        self._seq = seq

    def _key(self):
        return (self._when, self._seq)

    def __hash__(self):
        return hash(self._key())

    def __lt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() < other._key()
        return NotImplemented

    def __le__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() <= other._key()
        return NotImplemented

    def __gt__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() > other._key()
        return NotImplemented

    def __ge__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self._key() >= other._key()
        return NotImplemented

    def __eq__(self, other):
        if isinstance(other, SeqTimerHandle):
            return self is other
        return NotImplemented

    def __ne__(self, other):
        eq = self.__eq__(other)
        return eq if eq is NotImplemented else not eq


def _deadlock():
    try:
        sys.stdout.flush()
    except Exception:
        pass
    try:
        sys.stderr.write(DEADLOCK_MESSAGE + "\n")
        sys.stderr.flush()
    except Exception:
        pass
    os._exit(DEADLOCK_EXIT_STATUS)


class VirtualSelector(selectors._BaseSelectorImpl):
    """Keeps registrations (the loop's self-pipe) but never reports an event."""

    def __init__(self, clock):
        super().__init__()
        self._clock = clock
        self.loop = None

    def select(self, timeout=None):
        if timeout is None:
            _deadlock()
        if timeout > 0:
            clock = self._clock
            target = clock.ns + round(timeout * 1e9)
            loop = self.loop
            if loop is not None and loop._scheduled:
                # Land exactly on the head deadline despite float rounding.
                head = round(loop._scheduled[0]._when * 1e9)
                if abs(head - target) < 1000:
                    target = head
            clock.advance_to_ns(target)
        return []


class VirtualTimeEventLoop(asyncio.SelectorEventLoop):
    """An asyncio loop on the shared virtual clock."""

    def __init__(self, clock=None):
        if clock is None:
            clock = _clock_module().get_clock()
        self._vclock = clock
        selector = VirtualSelector(clock)
        super().__init__(selector)
        selector.loop = self
        self._clock_resolution = 1e-9
        self._timer_seq = 0

    def time(self):
        return self._vclock.ns / 1e9

    def call_at(self, when, callback, *args, context=None):
        if when is None:
            raise TypeError("when cannot be None")
        self._check_closed()
        if self._debug:
            self._check_thread()
            self._check_callback(callback, "call_at")
        when = round(when * 1000) / 1000
        self._timer_seq += 1
        timer = SeqTimerHandle(when, callback, args, self, context, self._timer_seq)
        if timer._source_traceback:
            del timer._source_traceback[-1]
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer


class VirtualTimePolicy(asyncio.DefaultEventLoopPolicy):
    """Every loop (asyncio.run, new_event_loop, get_event_loop) is virtual."""

    def __init__(self, clock=None):
        super().__init__()
        self._vclock = clock

    def new_event_loop(self):
        return _clock_module().number_tasks(VirtualTimeEventLoop(self._vclock))

    def get_event_loop(self):
        # the shims' rule (a loop is made whenever none is set), shared with
        # the real-time policy
        return _clock_module()._PolicyMixin.get_event_loop(self)


def install_virtual_time():
    """Switch this process to virtual time; returns the clock."""
    compat = _clock_module()
    clock = compat.VirtualClock()
    compat.install(virtual_clock=clock, policy=VirtualTimePolicy(clock))
    return clock
