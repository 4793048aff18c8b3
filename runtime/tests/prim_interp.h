/* Replays the scenarios of prim_cases.py (CPython's traces in
 * prim_cases.inc) on the runtime: each task is a hand-written step function
 * interpreting an op list, awaiting exactly as generated code does (one
 * await call at the resumption point; sleep/yield in the two-part form with
 * ua_resume_cancelled at the label). */
#ifndef PRIM_INTERP_H
#define PRIM_INTERP_H

#include <stdarg.h>

#include "test.h"

enum {
    OP_END, OP_LOG, OP_LOGT, OP_CATCH, OP_YIELD, OP_SLEEP, OP_SPAWN, OP_AWAIT, OP_CANCEL,
    OP_CANCEL_SELF, OP_ACQ, OP_REL, OP_SACQ, OP_SREL, OP_EWAIT, OP_ESET, OP_ECLEAR, OP_CACQ,
    OP_CREL, OP_CWAIT, OP_NOTIFY, OP_NOTIFY_ALL, OP_PUT, OP_PUT_NOWAIT, OP_GET, OP_GET_NOWAIT,
    OP_QSIZE, OP_BWAIT, OP_BABORT, OP_BRESET, OP_WAIT_FOR, OP_GATHER,
};

typedef struct {
    uint8_t op;
    int16_t a, b;
    const char *s;
} Op;

typedef struct {
    const char *group, *name;
    int ntasks;
    const Op *const *tasks;
    const char *const *names;
    int locks, events, nsems;
    struct { int value, bounded; } sems[4];
    int conds, nqueues;
    int queues[4];
    int nbarriers;
    int barriers[4];
    const char *trace;
} Case;

#include "prim_cases.inc"

#define MAXT 128

typedef struct PTask {
    ua_task hdr;
    ua_int ret;          /* first after the header: UA_TASK_RESULT */
    int idx, pc;
    bool catch_next;
    bool in_op;          /* a two-part await (sleep) or an await with set-up is under way */
    ua_int tmp;          /* Queue.get's item, Barrier.wait's index */
    union {
        ua_timeout to;
        struct {
            ua_gather g;
            ua_task *kids[2];
        };
    } aw;
} PTask;

static const Case *cur;
static PTask tasks[MAXT];
static ua_lock L[4];
static ua_event E[4];
static ua_sem S[4];
static ua_cond C[4];
static ua_queue Q[4];
static ua_int qstore[4][8];
static ua_barrier B[4];
static char trace[16384];

static void logf_(const char *fmt, ...) {
    char b[64];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (trace[0]) strcat(trace, " ");
    strcat(trace, b);
}

static ua_status p_step(ua_task *self);

static void init_task(int j) {
    memset(&tasks[j], 0, sizeof tasks[j]);
    ua_task_init(&tasks[j].hdr, p_step, 0);
    tasks[j].idx = j;
}

static ua_status p_step(ua_task *self) {
    PTask *t = (PTask *)(void *)self;
    const char *me = cur->names[t->idx];
    for (;;) {
        const Op *op = &cur->tasks[t->idx][t->pc];
        ua_status st = UA_DONE;
        int a = op->a, b = op->b;
        switch (op->op) {
        case OP_END:
            logf_("%s.", me);
            t->ret = t->idx;
            return UA_DONE;
        case OP_LOG: logf_("%s", op->s); break;
        case OP_LOGT: logf_("%s@%u", op->s, (unsigned)ua_port_ticks_ms()); break;
        case OP_CATCH: break;
        case OP_YIELD:
        case OP_SLEEP:
            if (!t->in_op) {
                t->in_op = true;
                if (op->op == OP_YIELD || a <= 0) ua_yield();
                else ua_sleep_ms((uint32_t)a);
                return UA_PENDING;
            }
            t->in_op = false;
            if (ua_resume_cancelled()) st = UA_RAISED;
            break;
        case OP_SPAWN:
            init_task(a);
            ua_task_schedule(&tasks[a].hdr);
            break;
        case OP_AWAIT: st = ua_task_await(&tasks[a].hdr); break;
        case OP_CANCEL:
            logf_("%s:cancel(%s)=%s", me, cur->names[a], ua_task_cancel(&tasks[a].hdr) ? "True" : "False");
            break;
        case OP_CANCEL_SELF: ua_task_cancel(ua_current); break;
        case OP_ACQ: st = ua_lock_acquire(&L[a]); break;
        case OP_REL: st = ua_lock_release(&L[a]) ? UA_DONE : UA_RAISED; break;
        case OP_SACQ: st = ua_sem_acquire(&S[a]); break;
        case OP_SREL: st = ua_sem_release(&S[a]) ? UA_DONE : UA_RAISED; break;
        case OP_EWAIT: st = ua_event_wait(&E[a]); break;
        case OP_ESET: ua_event_set(&E[a]); break;
        case OP_ECLEAR: ua_event_clear(&E[a]); break;
        case OP_CACQ: st = ua_cond_acquire(&C[a]); break;
        case OP_CREL: st = ua_cond_release(&C[a]) ? UA_DONE : UA_RAISED; break;
        case OP_CWAIT: st = ua_cond_wait(&C[a]); break;
        case OP_NOTIFY: st = ua_cond_notify(&C[a], b) ? UA_DONE : UA_RAISED; break;
        case OP_NOTIFY_ALL: st = ua_cond_notify_all(&C[a]) ? UA_DONE : UA_RAISED; break;
        case OP_PUT:
            t->tmp = b; /* the item lives in the frame across the await */
            st = ua_queue_put(&Q[a], &t->tmp);
            break;
        case OP_PUT_NOWAIT: {
            ua_int v = b;
            st = ua_queue_put_nowait(&Q[a], &v) ? UA_DONE : UA_RAISED;
            break;
        }
        case OP_GET:
            st = ua_queue_get(&Q[a], &t->tmp);
            if (st == UA_DONE) logf_("%s:got%d", me, (int)t->tmp);
            break;
        case OP_GET_NOWAIT:
            st = ua_queue_get_nowait(&Q[a], &t->tmp) ? UA_DONE : UA_RAISED;
            if (st == UA_DONE) logf_("%s:got%d", me, (int)t->tmp);
            break;
        case OP_QSIZE: logf_("%s:qsize%d", me, (int)ua_queue_qsize(&Q[a])); break;
        case OP_BWAIT:
            st = ua_barrier_wait(&B[a], &t->tmp);
            if (st == UA_DONE) logf_("%s:b%d", me, (int)t->tmp);
            break;
        case OP_BABORT: st = ua_barrier_abort(&B[a]); break;
        case OP_BRESET: st = ua_barrier_reset(&B[a]); break;
        case OP_WAIT_FOR:
            if (!t->in_op) {
                t->in_op = true;
                init_task(a);
                ua_timeout_init(&t->aw.to, &tasks[a].hdr, b > 0 ? (uint32_t)b : 0u, b <= 0);
            }
            st = ua_wait_for(&t->aw.to);
            if (st == UA_DONE) logf_("%s:wf=%d", me, (int)*(ua_int *)UA_TASK_RESULT(&tasks[a].hdr));
            break;
        case OP_GATHER:
            if (!t->in_op) {
                t->in_op = true;
                ua_gather_init(&t->aw.g, t->aw.kids);
                init_task(a);
                init_task(b);
                ua_gather_start(&t->aw.g, &tasks[a].hdr);
                ua_gather_start(&t->aw.g, &tasks[b].hdr);
            }
            st = ua_gather_await(&t->aw.g);
            if (st == UA_DONE) {
                if (ua_task_outcome(&tasks[a].hdr) == UA_RAISED || ua_task_outcome(&tasks[b].hdr) == UA_RAISED)
                    st = UA_RAISED;
                else
                    logf_("%s:g=%d,%d", me, (int)tasks[a].ret, (int)tasks[b].ret);
            }
            break;
        }
        if (st == UA_PENDING) return UA_PENDING;
        if (op->op == OP_WAIT_FOR || op->op == OP_GATHER) t->in_op = false;
        if (st == UA_RAISED) {
            logf_("%s!%s", me, ua_raised->type->name);
            if (!t->catch_next) {
                t->pc++;
                return UA_RAISED;
            }
            (void)ua_exc_take();
        }
        t->catch_next = op->op == OP_CATCH;
        t->pc++;
    }
}

static void setup_case(const Case *c) {
    cur = c;
    test_now_ms = 0;
    ua_sched_reset();
    trace[0] = 0;
    for (int i = 0; i < c->locks; i++) ua_lock_init(&L[i]);
    for (int i = 0; i < c->events; i++) ua_event_init(&E[i]);
    for (int i = 0; i < c->nsems; i++) ua_sem_init(&S[i], c->sems[i].value, c->sems[i].bounded);
    for (int i = 0; i < c->conds; i++) ua_cond_init(&C[i], NULL);
    for (int i = 0; i < c->nqueues; i++) {
        if (c->queues[i] > 0) ua_queue_init(&Q[i], sizeof(ua_int), c->queues[i], qstore[i], 8);
        else ua_queue_init(&Q[i], sizeof(ua_int), 0, NULL, 0);
    }
    for (int i = 0; i < c->nbarriers; i++) ua_barrier_init(&B[i], c->barriers[i]);
}

static void free_case(const Case *c) {
    for (int i = 0; i < c->nqueues; i++)
        if (Q[i].buf_in_arena) ua_free(Q[i].buf, (size_t)Q[i].cap * Q[i].elem_size);
}

/* Run one scenario; returns 1 on a mismatch. */
static int run_case(const Case *c) {
    setup_case(c);
    init_task(0);
    ua_task_schedule(&tasks[0].hdr);
    if (ua_run_until_complete(&tasks[0].hdr) == UA_RAISED) (void)ua_exc_take();
    free_case(c);
    if (strcmp(trace, c->trace) != 0) {
        fprintf(stderr, "case %s:\n  got  %s\n  want %s\n", c->name, trace, c->trace);
        test_failures++;
        return 1;
    }
    return 0;
}

static int run_group(const char *group) {
    int n = 0;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (strcmp(cases[i].group, group) != 0) continue;
        run_case(&cases[i]);
        n++;
    }
    return n;
}

#endif
