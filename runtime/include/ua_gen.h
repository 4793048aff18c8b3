/* Macros for generated code only. Every generated function declares
 * `int err_line` and an `on_error:` label when it can fail; UA_FAIL records
 * the Python line (through #line, __LINE__ is the .py line) and jumps there.
 * The checking macros are GNU statement expressions so that generated
 * expressions stay readable: `x = UA_ADD(a, UA_MUL(b, c));`. */
#ifndef UA_GEN_H
#define UA_GEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ua.h"
#include "ua_prim.h"

#define UA_FAIL() do { err_line = __LINE__; goto on_error; } while (0)

/* A call that may leave an exception pending. */
#define UA_CHECK(type, call) ({ type r_ = (call); if (ua_raised) UA_FAIL(); r_; })
#define UA_CHECK_VOID(call) do { (call); if (ua_raised) UA_FAIL(); } while (0)

/* A runtime operation that returns NULL after raising. */
#define UA_NONNULL(type, expr) ({ type r_ = (expr); if (!r_) UA_FAIL(); r_; })

/* ua_arith.h operations: false after raising. The operands go through
 * locals, so the left one is evaluated first, as in Python (C leaves the
 * order of a call's arguments open). */
#define UA_OP1(type, fn, a) ({ type r_; if (!fn((a), &r_)) UA_FAIL(); r_; })
#define UA_OP2(type, fn, a, b) ({ __auto_type a_ = (a); __auto_type b_ = (b); type r_; \
    if (!fn(a_, b_, &r_)) UA_FAIL(); r_; })

/* 32-bit + - * inline: the common case is one instruction and a branch. */
/* The operands go through locals first: the type-generic builtins copy
 * their operand expressions, which made nested sums compile in exponential
 * time. */
#define UA_INT_OVF(builtin, a, b) ({ ua_int l_ = (ua_int)(a); ua_int m_ = (ua_int)(b); ua_int r_; \
    if (builtin(l_, m_, &r_)) { ua_raise_int_overflow(); UA_FAIL(); } r_; })
#define UA_ADD(a, b) UA_INT_OVF(__builtin_add_overflow, a, b)
#define UA_SUB(a, b) UA_INT_OVF(__builtin_sub_overflow, a, b)
#define UA_MUL(a, b) UA_INT_OVF(__builtin_mul_overflow, a, b)

/* l[i] for reading (and l[i] op= v), with Python's index rules; STORE:
 * for l[i] = v, whose IndexError says so. */
#define UA_LIST_SLOT(type, l, i) (*({ ua_list *l_ = (l); ua_int i_ = (i); \
    (type *)UA_NONNULL(void *, ua_list_slot(l_, i_)); }))
#define UA_LIST_STORE_SLOT(type, l, i) (*({ ua_list *l_ = (l); ua_int i_ = (i); \
    (type *)UA_NONNULL(void *, ua_list_store_slot(l_, i_)); }))

/* a[i] of a list the compiler holds as a C array of n items
 * (compiler/uasyncc/fixedlists.py). Where i is known to be in range the C
 * compiler drops the check. */
#define UA_ARRAY_SLOT(a, n, i, assignment) (*({ uint32_t i_ = (uint32_t)(ua_int)(i); \
    if ((ua_int)i_ < 0) i_ += (n); \
    if (i_ >= (n)) { ua_raise_list_index_error(assignment); UA_FAIL(); } &(a)[i_]; }))

/* A list literal of n > 0 items. */
#define UA_LIST_OF(type, n, ...) UA_NONNULL(ua_list *, ua_list_of(sizeof(type), (n), (type[]){__VA_ARGS__}))

#define UA_APPEND(l, value) do { __typeof__(value) v_ = (value); \
    if (!ua_list_append((l), &v_)) UA_FAIL(); } while (0)

/* next() of a generator object g (a frame pointer) through its resume
 * function: UA_YIELD (the item at g->yielded), UA_DONE (it returned now:
 * g->result), UA_RAISED, or UA_PENDING when it had finished before (a
 * finished generator's state is UA_GEN_FINISHED and it is not resumed). */
#define UA_GEN_FINISHED 0xFFFFu
#define UA_GEN_NEXT(resume, g) ({ __typeof__(g) g_ = (g); \
    ua_status s_ = g_->state == UA_GEN_FINISHED ? UA_PENDING : resume(g_); \
    if (s_ == UA_DONE || s_ == UA_RAISED) g_->state = UA_GEN_FINISHED; s_; })

/* Seconds (asyncio.sleep, call_later) to scheduler milliseconds. */
static inline uint32_t ua_gen_seconds_to_ms(ua_float s) {
    if (!(s > 0)) return 0;
    if (s >= (ua_float)2000000.0) return 2000000000u;
    return (uint32_t)(s * (ua_float)1000.0 + (ua_float)0.5);
}

static inline uint32_t ua_gen_ms(ua_int ms) {
    return ms > 0 ? (uint32_t)ms : 0u;
}

/* time.sleep_ms() outside the loop: block, letting the port idle. */
static inline void ua_gen_block_ms(uint32_t ms) {
    uint32_t deadline = ua_port_ticks_ms() + ms;
    while (ua_ticks_diff32(deadline, ua_port_ticks_ms()) > 0) {
        ua_port_idle(true, deadline);
    }
}

/* An exception made with one str argument, maybe "" (e.args is ('',)). */
static inline ua_exc *ua_gen_exc_one_arg(ua_exc *e) {
    e->nargs = 1;
    return e;
}

/* The arguments of an exception made with several or non-str ones:
 * message is str(e), args_repr the items' reprs joined by ", ". */
static inline void ua_gen_exc_set_args(ua_exc *e, ua_str message, ua_str args_repr, uint16_t nargs) {
    e->message = message;
    e->args_repr = args_repr;
    e->nargs = nargs;
}

/* The attributes of an instance of a program's exception class: size
 * bytes of zeros in the arena, collected with the exception. */
static inline bool ua_gen_exc_fields(ua_exc *e, size_t size) {
    e->fields = ua_alloc_obj(size);
    return e->fields != NULL;
}

/* str(e) and repr(e) of an exception: "msg" and "ValueError('msg')". */
static inline void ua_gen_write_exc(ua_out *o, const ua_exc *e, bool repr) {
    if (!repr) {
        ua_out_str(o, e->message);
        return;
    }
    ua_out_cstr(o, e->type->name);
    ua_out_cstr(o, "(");
    if (e->args_repr) ua_out_str(o, e->args_repr);
    /* a KeyError's message is already its key's repr, as CPython's str(e) */
    else if (ua_exc_matches(e->type, &ua_KeyError)) ua_out_str(o, e->message);
    else if (e->nargs) ua_out_repr_str(o, e->message);
    ua_out_cstr(o, ")");
}

/* e.args: () when raised without a message, else (message,); a KeyError's
 * message is its key's repr already. */
static inline void ua_gen_write_exc_args(ua_out *o, const ua_exc *e) {
    if (e->args_repr) {
        ua_out_cstr(o, "(");
        ua_out_str(o, e->args_repr);
        ua_out_cstr(o, e->nargs == 1 ? ",)" : ")");
        return;
    }
    if (!e->nargs) {
        ua_out_cstr(o, "()");
        return;
    }
    ua_out_cstr(o, "(");
    if (ua_exc_matches(e->type, &ua_KeyError)) ua_out_str(o, e->message);
    else ua_out_repr_str(o, e->message);
    ua_out_cstr(o, ",)");
}

static inline ua_str ua_gen_exc_arg(const ua_exc *e, ua_int i) {
    if (!e->nargs || (i != 0 && i != -1)) {
        ua_raise(&ua_IndexError, "tuple index out of range");
        return NULL;
    }
    size_t n = strlen(e->message);
    if (ua_exc_matches(e->type, &ua_KeyError) && n >= 2 && e->message[0] == '\'' && e->message[n - 1] == '\'')
        return ua_str_from_bytes(e->message + 1, n - 2);   /* the str key back from its repr */
    return e->message;
}

/* print(type(e)): <class 'ValueError'>, <class '__main__.MyError'> */
static inline void ua_gen_write_exc_type(ua_out *o, const ua_exc_type *t) {
    static const char *const modules[] = {
        [UA_EXC_MODULE_ASYNCIO_EXCEPTIONS] = "asyncio.exceptions.",
        [UA_EXC_MODULE_ASYNCIO_QUEUES] = "asyncio.queues.",
        [UA_EXC_MODULE_MAIN] = "__main__.",
    };
    ua_out_cstr(o, "<class '");
    if (t->module != UA_EXC_MODULE_BUILTINS) ua_out_cstr(o, modules[t->module]);
    ua_out_cstr(o, t->name);
    ua_out_cstr(o, "'>");
}

static inline bool ua_gen_exc_is(const ua_exc *e, const ua_exc_type *type) {
    return ua_exc_matches(e->type, type);
}

/* micropython-async's primitives.Barrier: `await barrier` counts in and
 * waits for the others; trigger() counts in without waiting; the last one
 * in runs func and releases everybody. */
typedef struct ua_gen_mbarrier {
    ua_event ev;
    ua_int participants;
    ua_int count;
    struct { void (*fn)(void); void *self; } func;   /* a ua_callable of () -> None */
} ua_gen_mbarrier;

static inline bool ua_gen_mbarrier_trigger(ua_gen_mbarrier *b, bool *last) {
    if (--b->count < 0) {
        b->count = 0;
        ua_raise(&ua_ValueError, "Too many tasks accessing Barrier");
        return false;
    }
    if (last) *last = b->count == 0;
    if (b->count > 0) return true;
    if (b->func.fn) {
        ((ua_none (*)(void *))b->func.fn)(b->func.self);
        if (ua_raised) return false;
    }
    b->count = b->participants;
    ua_event_set(&b->ev);
    ua_event_clear(&b->ev);
    return true;
}

/* The context of loop.set_exception_handler's handler. */
typedef struct ua_gen_context {
    const char *message;
    ua_exc *exception;
} ua_gen_context;

/* A function or bound method used as a value: a trampoline with the
 * callable's signature (object pointer first) and the object, or NULL. */
typedef void (*ua_fnptr)(void);
typedef struct ua_callable {
    ua_fnptr fn;
    void *self;
} ua_callable;

/* Built-in classes only generated code raises: linked to their base as a
 * program's class is (exc.c numbers the runtime's). AttributeError: a None
 * used as an object. */
static const ua_exc_type ua_gen_AttributeError __attribute__((unused)) = {"AttributeError", &ua_Exception, 0, 0, UA_EXC_MODULE_BUILTINS};
static const ua_exc_type ua_gen_NameError __attribute__((unused)) = {"NameError", &ua_Exception, 0, 0, UA_EXC_MODULE_BUILTINS};
static const ua_exc_type ua_gen_UnboundLocalError __attribute__((unused)) = {"UnboundLocalError", &ua_gen_NameError, 0, 0, UA_EXC_MODULE_BUILTINS};
static const ua_exc_type ua_gen_StopIteration __attribute__((unused)) = {"StopIteration", &ua_Exception, 0, 0, UA_EXC_MODULE_BUILTINS};
static const ua_exc_type ua_gen_StopAsyncIteration __attribute__((unused)) = {"StopAsyncIteration", &ua_Exception, 0, 0, UA_EXC_MODULE_BUILTINS};

/* AttributeError for e.name when e's class has no such attribute. */
static inline void ua_gen_exc_no_attribute(const ua_exc *e, const char *name) {
    char buf[64];
    ua_out o;
    ua_out_begin_string(&o, buf, sizeof buf);
    ua_out_cstr(&o, "'");
    ua_out_cstr(&o, e->type->name);
    ua_out_cstr(&o, "' object has no attribute '");
    ua_out_cstr(&o, name);
    ua_out_cstr(&o, "'");
    ua_str message = ua_out_end_string(&o);
    if (message) ua_raise(&ua_gen_AttributeError, message);
}

/* hex(i), chr(i), ord(s), round(x, n): small builtins. */
static inline ua_str ua_gen_hex(ua_int v) {
    char buf[16];
    char *p = buf + sizeof buf;
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    *--p = '\0';
    do { *--p = "0123456789abcdef"[u & 15u]; u >>= 4; } while (u);
    *--p = 'x';
    *--p = '0';
    if (v < 0) *--p = '-';
    return ua_str_from_bytes(p, strlen(p));
}

static inline ua_str ua_gen_chr(ua_int c) {
    char buf[4];
    size_t n;
    if (c < 0 || c > 0x10FFFF) {
        ua_raise(&ua_ValueError, "chr() arg not in range(0x110000)");
        return NULL;
    }
    if (c < 0x80) { buf[0] = (char)c; n = 1; }
    else if (c < 0x800) { buf[0] = (char)(0xC0 | (c >> 6)); buf[1] = (char)(0x80 | (c & 0x3F)); n = 2; }
    else if (c < 0x10000) {
        buf[0] = (char)(0xE0 | (c >> 12)); buf[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (c & 0x3F)); n = 3;
    } else {
        buf[0] = (char)(0xF0 | (c >> 18)); buf[1] = (char)(0x80 | ((c >> 12) & 0x3F));
        buf[2] = (char)(0x80 | ((c >> 6) & 0x3F)); buf[3] = (char)(0x80 | (c & 0x3F)); n = 4;
    }
    return ua_str_from_bytes(buf, n);
}

static inline bool ua_gen_ord(ua_str s, ua_int *out) {
    const unsigned char *p = (const unsigned char *)s;
    size_t n = strlen(s);
    size_t want = p[0] < 0x80 ? 1 : p[0] >= 0xF0 ? 4 : p[0] >= 0xE0 ? 3 : 2;
    if (n == 0 || n != want) {
        ua_raise(&ua_TypeError, "ord() expected a character");
        return false;
    }
    if (want == 1) *out = p[0];
    else if (want == 2) *out = ((p[0] & 0x1F) << 6) | (p[1] & 0x3F);
    else if (want == 3) *out = ((p[0] & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F);
    else *out = ((p[0] & 0x07) << 18) | ((p[1] & 0x3F) << 12) | ((p[2] & 0x3F) << 6) | (p[3] & 0x3F);
    return true;
}

/* round(x, n) of a float: the correctly rounded decimal, as Python. */
static inline ua_float ua_gen_round_digits(ua_float x, ua_int n) {
    char buf[64];
    if (x != x || n > 30 || n < 0) return x;
    snprintf(buf, sizeof buf, "%.*f", (int)n, (double)x);
    return (ua_float)strtod(buf, NULL);
}

/* loop.run_until_complete(asyncio.sleep(d)): a task whose only work is
 * the sleep. */
typedef struct ua_gen_sleep_task {
    ua_task hdr;
    ua_none result;     /* first, as in every root frame (UA_TASK_RESULT) */
    uint8_t state;
    bool yield_only;    /* d <= 0: sleep(0) semantics */
    uint32_t ms;
} ua_gen_sleep_task;

static inline ua_status ua_gen_sleep_step(ua_task *task) {
    ua_gen_sleep_task *s = (ua_gen_sleep_task *)(void *)task;
    if (s->state) return UA_DONE;
    s->state = 1;
    if (s->yield_only) ua_yield(); else ua_sleep_ms(s->ms);
    return UA_PENDING;
}

#endif
