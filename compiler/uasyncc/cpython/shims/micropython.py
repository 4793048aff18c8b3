"""CPython stand-in for MicroPython's ``micropython`` module."""


def const(x):
    return x


def native(f):
    return f


def viper(f):
    return f


def schedule(func, arg):
    """No-op (MicroPython queues func(arg) to run soon from an ISR)."""
    return None


def alloc_emergency_exception_buf(size):
    return None


def opt_level(level=None):
    return 0 if level is None else None


def mem_info(verbose=None):
    return None


def qstr_info(verbose=None):
    return None


def stack_use():
    return 0


def heap_lock():
    return 0


def heap_unlock():
    return 0
