/* Exceptions: the type hierarchy, a static pool, tracebacks, printing. */
#include <string.h>

#include "ua.h"

#define T(n, b) const ua_exc_type ua_##n = {#n, b}
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
T(QueueEmpty, &ua_Exception);          /* asyncio.QueueEmpty */
T(QueueFull, &ua_Exception);           /* asyncio.QueueFull */
T(BrokenBarrierError, &ua_RuntimeError); /* asyncio.BrokenBarrierError */
#undef T
/* asyncio.CancelledError derives from BaseException since Python 3.8. */
const ua_exc_type ua_CancelledError = {"CancelledError", &ua_BaseException};

#define POOL UA_EXC_POOL
static ua_exc pool[POOL];
static uint32_t pool_seq[POOL]; /* 0 = free, else allocation order */
static uint32_t next_seq = 1;

ua_exc *ua_raised;

ua_exc *ua_exc_new(const ua_exc_type *type, ua_str message) {
    int pick = -1;
    for (int i = 0; i < POOL; i++) {
        if (pool_seq[i] == 0) { pick = i; break; }
    }
    if (pick < 0) { /* pool empty: reuse the oldest one not pending */
        for (int i = 0; i < POOL; i++) {
            if (&pool[i] == ua_raised) continue;
            if (pick < 0 || pool_seq[i] < pool_seq[pick]) pick = i;
        }
    }
    ua_exc *e = &pool[pick];
    pool_seq[pick] = next_seq++;
    if (next_seq == 0) next_seq = 1;
    e->type = type;
    e->message = message ? message : "";
    e->has_arg = e->message[0] != '\0';
    e->tb_len = 0;
    e->tb_dropped = 0;
    return e;
}

void ua_raise(const ua_exc_type *type, ua_str message) {
    ua_raised = ua_exc_new(type, message);
}

ua_exc *ua_exc_new_arg(const ua_exc_type *type, ua_str message) {
    ua_exc *e = ua_exc_new(type, message);
    e->has_arg = true;
    return e;
}

void ua_raise_arg(const ua_exc_type *type, ua_str message) {
    ua_raised = ua_exc_new_arg(type, message);
}

void ua_raise_exc(ua_exc *e) {
    int i = (int)(e - pool);
    if (i >= 0 && i < POOL) {
        pool_seq[i] = next_seq++;   /* the newest again: reused last */
        if (next_seq == 0) next_seq = 1;
    }
    ua_raised = e;
}

void ua_traceback_add(const char *file, int line, const char *func) {
    ua_exc *e = ua_raised;
    if (!e) return;
    if (e->tb_len < UA_TRACEBACK_DEPTH) {
        ua_traceback_entry *t = &e->tb[e->tb_len++];
        t->file = file;
        t->func = func;
        t->line = line;
    } else if (e->tb_dropped < UINT16_MAX) {
        e->tb_dropped++;
    }
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

void ua_exc_release(ua_exc *e) {
    if (!e) return;
    if (e == ua_raised) return; /* still pending: keep it */
    int i = (int)(e - pool);
    if (i >= 0 && i < POOL) pool_seq[i] = 0;
}

static void err(const char *s) { ua_port_write_err(s, strlen(s)); }

static void err_int(long v) {
    char b[24];
    char *p = b + sizeof b;
    unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
    *--p = 0;
    do { *--p = (char)('0' + u % 10); u /= 10; } while (u);
    if (v < 0) *--p = '-';
    err(p);
}

void ua_exc_print(const ua_exc *e) {
    ua_out_flush(&ua_stdout);
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
    err(e->type->name);
    if (e->message && e->message[0]) {
        err(": ");
        err(e->message);
    }
    err("\n");
}

void ua_exit_uncaught(void) {
    if (ua_raised) ua_exc_print(ua_raised);
    ua_runtime_exit(1);
}
