/* Exceptions: a pending exception is a value in ua_raised, never a longjmp.
 * Generated code checks after every operation that can raise and jumps to
 * its function's error label; a resume function returns UA_RAISED. */
#ifndef UA_EXC_H
#define UA_EXC_H

#include "ua_types.h"

typedef struct ua_exc_type {
    const char *name;                 /* "ZeroDivisionError" */
    const struct ua_exc_type *base;   /* NULL for BaseException */
} ua_exc_type;

extern const ua_exc_type ua_BaseException, ua_Exception, ua_ArithmeticError,
    ua_ZeroDivisionError, ua_OverflowError, ua_ValueError, ua_TypeError,
    ua_RuntimeError, ua_LookupError, ua_IndexError, ua_KeyError,
    ua_MemoryError, ua_AssertionError, ua_NotImplementedError,
    ua_CancelledError, ua_TimeoutError, ua_QueueEmpty, ua_QueueFull,
    ua_BrokenBarrierError;

typedef struct ua_traceback_entry {
    const char *file;
    const char *func;
    int line;
} ua_traceback_entry;

typedef struct ua_exc {
    const ua_exc_type *type;
    ua_str message;                   /* str(e); "" when raised without args */
    bool has_arg;                     /* e.args is (message,), also for "" */
    uint16_t tb_len;                  /* entries used, innermost first */
    uint16_t tb_dropped;              /* entries that did not fit */
    ua_traceback_entry tb[UA_TRACEBACK_DEPTH];
} ua_exc;

/* The exception being propagated, or NULL. */
extern ua_exc *ua_raised;

/* Raise: sets ua_raised. Never allocates from the arena (MemoryError must
 * be raisable when it is full): exceptions come from a small static pool;
 * when the pool is empty the oldest unretrieved one is reused. */
void ua_raise(const ua_exc_type *type, ua_str message);
void ua_raise_arg(const ua_exc_type *type, ua_str message);

/* An exception object that is not (yet) raised: `e = ValueError("x")`.
 * An empty message means no args (`ValueError()`); ua_exc_new_arg keeps an
 * empty message as an argument (`ValueError("")`, repr ValueError('')). */
ua_exc *ua_exc_new(const ua_exc_type *type, ua_str message);
ua_exc *ua_exc_new_arg(const ua_exc_type *type, ua_str message);

/* Raise an exception object again (`raise e`, a bare `raise`, or a
 * finally block that ends): it becomes pending, its traceback kept. */
void ua_raise_exc(ua_exc *e);

/* Record that the pending exception passed through `func` at `line`
 * (called at each function's error label on the way out). */
void ua_traceback_add(const char *file, int line, const char *func);

/* True when `type` is `base` or derives from it. */
bool ua_exc_matches(const ua_exc_type *type, const ua_exc_type *base);

/* Take the pending exception (ua_raised becomes NULL) / drop one. */
ua_exc *ua_exc_take(void);
void ua_exc_release(ua_exc *e);

/* Print "Traceback (most recent call last):", the entries outermost first
 * as CPython does, and "Type: message" (or "Type" when the message is
 * empty) to the port's stderr. */
void ua_exc_print(const ua_exc *e);

/* Print the pending exception as uncaught and exit with status 1. */
void ua_exit_uncaught(void) __attribute__((noreturn));

#endif
