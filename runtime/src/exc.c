/* Exceptions: the type hierarchy, objects in the arena, tracebacks, printing. */
#include <string.h>

#include "ua.h"

/* The built-in classes, numbered in preorder of their tree (indentation:
 * depth): a class's `end` is one past its last descendant's number.
 * test_exc.c checks every pair against the tree written out as parents. */
#define B(n, pre, end, module) const ua_exc_type ua_##n = {#n, NULL, pre, end, UA_EXC_MODULE_##module}
B(BaseException, 0, 22, BUILTINS);
B(  Exception, 1, 21, BUILTINS);
B(    ArithmeticError, 2, 5, BUILTINS);
B(      ZeroDivisionError, 3, 4, BUILTINS);
B(      OverflowError, 4, 5, BUILTINS);
B(    ValueError, 5, 9, BUILTINS);
B(      UnicodeError, 6, 9, BUILTINS);
B(        UnicodeDecodeError, 7, 8, BUILTINS);
B(        UnicodeEncodeError, 8, 9, BUILTINS);
B(    TypeError, 9, 10, BUILTINS);
B(    RuntimeError, 10, 13, BUILTINS);
B(      NotImplementedError, 11, 12, BUILTINS);
B(      BrokenBarrierError, 12, 13, ASYNCIO_EXCEPTIONS);
B(    LookupError, 13, 16, BUILTINS);
B(      IndexError, 14, 15, BUILTINS);
B(      KeyError, 15, 16, BUILTINS);
B(    MemoryError, 16, 17, BUILTINS);
B(    AssertionError, 17, 18, BUILTINS);
B(    TimeoutError, 18, 19, BUILTINS);
B(    QueueEmpty, 19, 20, ASYNCIO_QUEUES);
B(    QueueFull, 20, 21, ASYNCIO_QUEUES);
/* asyncio.CancelledError derives from BaseException since Python 3.8. */
B(  CancelledError, 21, 22, ASYNCIO_EXCEPTIONS);
#undef B

/* The MemoryError the allocator raises when the arena is full: static, so
 * raising it needs no memory (as MicroPython's emergency exception). Every
 * such raise reuses it, so two of them caught and kept are one object. */
#if UA_TRACEBACKS
static ua_traceback_entry memory_error_tb[UA_TRACEBACK_DEPTH];
static ua_exc memory_error = {
    .type = &ua_MemoryError, .message = "", .tb = memory_error_tb, .tb_cap = UA_TRACEBACK_DEPTH};
#else
static ua_exc memory_error = {.type = &ua_MemoryError, .message = ""};
#endif

/* An interrupt callback allocates nothing: its exceptions are this one
 * object, made again at each raise. The compiler lets such a callback
 * neither keep a caught exception nor raise it again (sema.check_isr), so
 * at most one is alive at a time: the one propagating. No traceback is
 * recorded (tb_cap 0). */
static ua_exc isr_exception;
static unsigned isr_depth;

ua_exc *ua_raised;

/* From the arena (ua_alloc_obj), reclaimed by its collector once nothing
 * points at it: exceptions live as long as the program holds them. */
ua_exc *ua_exc_new(const ua_exc_type *type, ua_str message) {
    ua_exc *e;
    if (isr_depth) {
        e = &isr_exception;
        *e = (ua_exc){0};
    } else {
        e = ua_alloc_obj(sizeof *e); /* zeroed: no args, fields or traceback */
        if (!e) return NULL;         /* the static MemoryError is pending */
    }
    e->type = type;
    e->message = message ? message : "";
    e->nargs = e->message[0] ? 1 : 0;
    return e;
}

void ua_raise(const ua_exc_type *type, ua_str message) {
    ua_exc *e = ua_exc_new(type, message);
    if (e) ua_raised = e;
}

void ua_raise_memory_error(void) {
    memory_error.tb_len = 0;
    memory_error.tb_dropped = 0;
    ua_raised = &memory_error;
}

void ua_raise_exc(ua_exc *e) {
    ua_raised = e;
}

/* A traceback block grows (4, 8, 16... entries), except when it can hold
 * at most 8 (the Pyboard): then the first block has them all, and the
 * code to grow one is left out. */
#define TRACEBACK_GROWS (UA_TRACEBACK_DEPTH > 8)

/* Room for one more traceback entry in e, or false (the arena is full,
 * or e has UA_TRACEBACK_DEPTH already). */
static bool traceback_room(ua_exc *e) {
    if (e->tb_len < e->tb_cap) return true;
    if (e->tb_cap >= UA_TRACEBACK_DEPTH || isr_depth) return false;
    uint16_t cap = UA_TRACEBACK_DEPTH;
    if (TRACEBACK_GROWS) {
        cap = e->tb_cap ? (uint16_t)(e->tb_cap * 2u) : 4u;
        if (cap > UA_TRACEBACK_DEPTH) cap = UA_TRACEBACK_DEPTH;
    }
    ua_traceback_entry *tb = ua_alloc_obj(cap * sizeof *tb);
    if (!tb) {
        ua_raised = e; /* the allocator raised MemoryError: keep propagating e */
        return false;
    }
    if (TRACEBACK_GROWS && e->tb_len) memcpy(tb, e->tb, e->tb_len * sizeof *tb);
    e->tb = tb;
    e->tb_cap = cap;
    return true;
}

void ua_traceback_add(const char *file, int line, const char *func) {
    ua_exc *e = ua_raised;
    if (!UA_TRACEBACKS || !e) return;
    if (!e->tb_dropped && traceback_room(e)) {
        ua_traceback_entry *t = &e->tb[e->tb_len++];
        t->file = file;
        t->func = func;
        t->line = line;
    } else if (e->tb_dropped < UINT16_MAX) {
        e->tb_dropped++;
    }
}

ua_exc *ua_isr_enter(void) {
    ua_exc *interrupted = ua_raised;
    ua_raised = NULL;
    isr_depth++;
    return interrupted;
}

void ua_isr_leave(ua_exc *interrupted) {
    isr_depth--;
    ua_raised = interrupted;
}

bool ua_exc_matches(const ua_exc_type *type, const ua_exc_type *base) {
    for (; type->base; type = type->base) /* a program's classes */
        if (type == base) return true;
    /* type is built in: base is it or an ancestor, or base is a program's
     * class (pre = end = 0) that type does not derive from */
    return base->pre <= type->pre && type->pre < base->end;
}

ua_exc *ua_exc_take(void) {
    ua_exc *e = ua_raised;
    ua_raised = NULL;
    return e;
}

static void err(const char *s) { ua_port_write_err(s, strlen(s)); }

static void err_int(ua_int v) {
    char b[UA_INT_DIGITS];
    char *p = ua_int_digits(b + sizeof b, v);
    ua_port_write_err(p, (size_t)(b + sizeof b - p));
}

/* Outermost frame first, as CPython. */
static void print_traceback(const ua_exc *e) {
    if (e->tb_len || e->tb_dropped) err("Traceback (most recent call last):\n");
    if (e->tb_dropped) {
        err("  [");
        err_int(e->tb_dropped);
        err(" outer frames not recorded]\n");
    }
    for (int i = e->tb_len - 1; i >= 0; i--) {
        err("  File \"");
        err(e->tb[i].file);
        err("\", line ");
        err_int(e->tb[i].line);
        err(", in ");
        err(e->tb[i].func);
        err("\n");
    }
}

void ua_exc_print(const ua_exc *e) {
    ua_out_flush(&ua_stdout);
    if (UA_TRACEBACKS) print_traceback(e);
    err(e->type->name);
    if (e->message && e->message[0]) {
        err(": ");
        err(e->message);
    }
    err("\n");
}

/* (here for err: ua_sched.h declares it) */
void ua_default_exception_handler(const char *message, ua_exc *e) {
    ua_out_flush(&ua_stdout);
    err(message);
    err("\n");
    if (e) ua_exc_print(e);
}

void ua_exit_uncaught(void) {
    if (ua_raised) ua_exc_print(ua_raised);
    ua_runtime_exit(1);
}
