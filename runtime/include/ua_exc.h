/* Exceptions: a pending exception is a value in ua_raised, never a longjmp.
 * Generated code checks after every operation that can raise and jumps to
 * its function's error label; a resume function returns UA_RAISED. */
#ifndef UA_EXC_H
#define UA_EXC_H

#include "ua_types.h"

/* A built-in class has no base pointer: its place in the built-in tree is
 * its preorder number, and its descendants are numbered pre+1 .. end-1
 * (exc.c). So a built-in's ancestors are not linked in for it: a program
 * that never names ArithmeticError has no ArithmeticError. A program's
 * class links to its base (a program's class or a built-in). */
typedef struct ua_exc_type {
    const char *name;                 /* "ZeroDivisionError" */
    const struct ua_exc_type *base;   /* a program's class: its base; a built-in: NULL */
    uint8_t pre, end;                 /* a built-in's numbers; a program's class: 0, 0 */
    uint8_t module;                   /* UA_EXC_MODULE_*: the module type(e) names */
} ua_exc_type;

enum {
    UA_EXC_MODULE_BUILTINS,           /* <class 'ValueError'> */
    UA_EXC_MODULE_ASYNCIO_EXCEPTIONS, /* <class 'asyncio.exceptions.CancelledError'> */
    UA_EXC_MODULE_ASYNCIO_QUEUES,
    UA_EXC_MODULE_MAIN,               /* a program's class: <class '__main__.E'> */
};

extern const ua_exc_type ua_BaseException, ua_Exception, ua_ArithmeticError,
    ua_ZeroDivisionError, ua_OverflowError, ua_ValueError, ua_UnicodeError,
    ua_UnicodeDecodeError, ua_UnicodeEncodeError, ua_TypeError,
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
    /* e.args: with args_repr NULL, () when nargs is 0 else (message,) (a
     * KeyError's message is its key's repr); else nargs items whose
     * reprs, joined by ", ", are args_repr. */
    ua_str args_repr;
    uint16_t nargs;
    void *fields;                     /* a program's exception's attributes (arena), or NULL */
    /* The traceback, innermost first: an arena block grown as the
     * exception propagates (most are caught after a frame or two), at most
     * UA_TRACEBACK_DEPTH entries. */
    ua_traceback_entry *tb;
    uint16_t tb_cap;
    uint16_t tb_len;                  /* entries used */
    uint16_t tb_dropped;              /* entries that did not fit */
} ua_exc;

/* The exception being propagated, or NULL. */
extern ua_exc *ua_raised;

/* An exception object that is not (yet) raised: `e = ValueError("x")`.
 * It is a collectable arena block (ua_alloc_obj), alive while anything
 * points at it; NULL with MemoryError pending when the arena is full. */
ua_exc *ua_exc_new(const ua_exc_type *type, ua_str message);

/* Raise a new exception: sets ua_raised (to the static MemoryError when
 * the object cannot be allocated). */
void ua_raise(const ua_exc_type *type, ua_str message);

/* Raise the static MemoryError: needs no memory (the arena raises it when
 * full). Each raise resets its traceback. */
void ua_raise_memory_error(void);

/* Raise an exception object again (`raise e`, a bare `raise`, or a
 * finally block that ends): it becomes pending, its traceback kept. */
void ua_raise_exc(ua_exc *e);

/* Record that the pending exception passed through `func` at `line`
 * (called at each function's error label on the way out). When the
 * traceback cannot grow, the entry counts as dropped (MemoryError is not
 * raised: the pending exception stays the one propagating). */
void ua_traceback_add(const char *file, int line, const char *func);

/* Around an interrupt callback (generated `_isr` wrappers): exceptions
 * raised until ua_isr_leave are one static object, not the arena's; the
 * one the callback lets escape is dropped (asyncio only logs a failing
 * callback to stderr) and the interrupted code's pending one restored. */
ua_exc *ua_isr_enter(void);
void ua_isr_leave(ua_exc *interrupted);

/* True when `type` is `base` or derives from it. */
bool ua_exc_matches(const ua_exc_type *type, const ua_exc_type *base);

/* Take the pending exception (ua_raised becomes NULL). Dropping it needs
 * nothing more: the collector reclaims it once unreachable. */
ua_exc *ua_exc_take(void);

/* Print "Traceback (most recent call last):", the entries outermost first
 * as CPython does, and "Type: message" (or "Type" when the message is
 * empty) to the port's stderr. */
void ua_exc_print(const ua_exc *e);

/* Print the pending exception as uncaught and exit with status 1. */
void ua_exit_uncaught(void) __attribute__((noreturn));

#endif
