/* Exceptions: the type hierarchy, objects in the arena, tracebacks, printing. */
#include <string.h>

#include "ua.h"

#define T(n, b) const ua_exc_type ua_##n = {#n, b, NULL}
T(BaseException, NULL);
T(Exception, &ua_BaseException);
T(ArithmeticError, &ua_Exception);
T(ZeroDivisionError, &ua_ArithmeticError);
T(OverflowError, &ua_ArithmeticError);
T(ValueError, &ua_Exception);
T(TypeError, &ua_Exception);
T(RuntimeError, &ua_Exception);
T(LookupError, &ua_Exception);
T(IndexError, &ua_LookupError);
T(KeyError, &ua_LookupError);
T(MemoryError, &ua_Exception);
T(AssertionError, &ua_Exception);
T(NotImplementedError, &ua_RuntimeError);
T(TimeoutError, &ua_Exception);
#undef T
/* asyncio's own, with the module CPython names in type(e) */
const ua_exc_type ua_QueueEmpty = {"QueueEmpty", &ua_Exception, "asyncio.queues"};
const ua_exc_type ua_QueueFull = {"QueueFull", &ua_Exception, "asyncio.queues"};
const ua_exc_type ua_BrokenBarrierError = {"BrokenBarrierError", &ua_RuntimeError, "asyncio.exceptions"};
/* asyncio.CancelledError derives from BaseException since Python 3.8. */
const ua_exc_type ua_CancelledError = {"CancelledError", &ua_BaseException, "asyncio.exceptions"};

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

/* Room for one more traceback entry in e, or false (the arena is full,
 * or e has UA_TRACEBACK_DEPTH already). */
static bool traceback_room(ua_exc *e) {
    if (e->tb_len < e->tb_cap) return true;
    if (e->tb_cap >= UA_TRACEBACK_DEPTH || isr_depth) return false;
    uint16_t cap = e->tb_cap ? (uint16_t)(e->tb_cap * 2u) : 4u;
    if (cap > UA_TRACEBACK_DEPTH) cap = UA_TRACEBACK_DEPTH;
    ua_traceback_entry *tb = ua_alloc_obj(cap * sizeof *tb);
    if (!tb) {
        ua_raised = e; /* the allocator raised MemoryError: keep propagating e */
        return false;
    }
    if (e->tb_len) memcpy(tb, e->tb, e->tb_len * sizeof *tb);
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
    for (; type; type = type->base)
        if (type == base) return true;
    return false;
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
