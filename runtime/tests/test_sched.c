/* Scheduler: FIFO fairness, timer order and wrap-around, CPython's hops,
 * gather, run_until_complete. */
#include "test.h"

static char trace[512];
static void log_s(const char *s) {
    if (trace[0]) strcat(trace, " ");
    strcat(trace, s);
}

/* A generic test task: a small program of steps. */
typedef struct {
    ua_task hdr;
    int pc;
    char name[8];
    int yields;        /* yield this many times, logging each step */
    uint32_t sleep_ms; /* or sleep once for this long (when > 0 or sleep0) */
    bool sleep0;
    uint32_t woke_at;
    bool fail;
} T;

static ua_status t_step(ua_task *self) {
    T *t = (T *)self;
    char b[16];
    switch (t->pc) {
    case 0:
        if (t->sleep_ms || t->sleep0) {
            t->pc = 1;
            ua_sleep_ms(t->sleep_ms);
            return UA_PENDING;
        }
        /* fall through */
    case 1:
        t->woke_at = ua_port_ticks_ms();
        if (t->yields-- > 0) {
            snprintf(b, sizeof b, "%s", t->name);
            log_s(b);
            t->pc = 1;
            ua_yield();
            return UA_PENDING;
        }
        if (t->fail) {
            ua_raise(&ua_ValueError, "boom");
            ua_traceback_add("app.py", 7, "fails");
            return UA_RAISED;
        }
        snprintf(b, sizeof b, "%s.", t->name);
        log_s(b);
        return UA_DONE;
    }
    return UA_DONE;
}

static void mk(T *t, const char *name, int yields, uint32_t sleep_ms) {
    memset(t, 0, sizeof *t);
    ua_task_init(&t->hdr, t_step, 0);
    snprintf(t->name, sizeof t->name, "%s", name);
    t->yields = yields;
    t->sleep_ms = sleep_ms;
}

static void reset(uint32_t now) {
    test_now_ms = now;
    ua_sched_reset();
    trace[0] = 0;
}

/* A root that waits for every task in an array, then finishes. */
typedef struct {
    ua_task hdr;
    T *tasks;
    int n, i;
} Root;

static ua_status root_step(ua_task *self) {
    Root *r = (Root *)self;
    for (; r->i < r->n; r->i++) {
        if (!ua_task_finished(&r->tasks[r->i].hdr)) {
            ua_task_wait(&r->tasks[r->i].hdr);
            return UA_PENDING;
        }
    }
    return UA_DONE;
}

static void run_all(T *ts, int n) {
    Root r = {.tasks = ts, .n = n};
    ua_task_init(&r.hdr, root_step, 0);
    for (int i = 0; i < n; i++) ua_task_schedule(&ts[i].hdr);
    CHECK(ua_run_until_complete(&r.hdr) == UA_DONE);
}

static void test_fifo(void) {
    T ts[3];
    reset(0);
    mk(&ts[0], "A", 3, 0);
    mk(&ts[1], "B", 3, 0);
    mk(&ts[2], "C", 3, 0);
    run_all(ts, 3);
    CHECK_STR(trace, "A B C A B C A B C A. B. C.");
}

static void test_timers(uint32_t start) {
    T ts[5];
    reset(start);
    mk(&ts[0], "a30", 0, 30);
    mk(&ts[1], "b10", 0, 10);
    mk(&ts[2], "c30", 0, 30);
    mk(&ts[3], "d10", 0, 10);
    mk(&ts[4], "e100", 0, 100);
    run_all(ts, 5);
    CHECK_STR(trace, "b10. d10. a30. c30. e100.");
    CHECK(ts[1].woke_at == start + 10u);
    CHECK(ts[0].woke_at == start + 30u);
    CHECK(ts[4].woke_at == start + 100u);
    CHECK(test_now_ms == start + 100u);
}

/* sleep(d>0) wakes two hops after expiry; sleep(0) = yield is one hop. */
static void test_sleep_hops(void) {
    T ts[2];
    reset(0);
    mk(&ts[0], "S", 0, 0);
    ts[0].sleep0 = true; /* asyncio.sleep(0.0001): rounded to 0 ms, a timer */
    mk(&ts[1], "c", 4, 0);
    run_all(ts, 2);
    /* b1: S->timer, c; b2: c, S WAKING->READY; b3: c, S runs */
    CHECK_STR(trace, "c c c S. c c.");
}

static ua_status cb_step(ua_task *self) {
    (void)self;
    log_s("X");
    return UA_DONE;
}

typedef struct {
    ua_task hdr;
    int pc;
    ua_task *cb;
} Sched;

static ua_status sched_later_step(ua_task *self) {
    Sched *s = (Sched *)self;
    if (s->pc++ == 0) {
        ua_task_schedule_later(s->cb, 0);
        log_s("s");
        ua_yield();
        return UA_PENDING;
    }
    log_s("s.");
    return UA_DONE;
}

/* call_later callbacks run one hop after expiry. */
static void test_call_later_hop(void) {
    T ts[1];
    ua_task cb;
    Sched s = {.pc = 0, .cb = &cb};
    reset(0);
    ua_task_init(&cb, cb_step, UA_TASK_CALLBACK);
    ua_task_init(&s.hdr, sched_later_step, 0);
    mk(&ts[0], "c", 3, 0);
    ua_task_schedule(&s.hdr);
    run_all(ts, 1);
    /* b1: s (cb -> timer), c; b2: c, s., X (moved at batch start, behind) */
    CHECK_STR(trace, "s c s. c X c c.");
}

/* Entries appended during a batch wait for the next one. */
static void test_batches(void) {
    T ts[2];
    reset(0);
    mk(&ts[0], "A", 2, 0);
    mk(&ts[1], "B", 0, 5);
    run_all(ts, 2);
    CHECK_STR(trace, "A A A. B.");
}

typedef struct {
    ua_task hdr;
    int pc;
    ua_gather g;
    ua_task *kids[2];
    T a, b;
} Parent;

static ua_status parent_step(ua_task *self) {
    Parent *p = (Parent *)self;
    switch (p->pc) {
    case 0:
        ua_gather_init(&p->g, p->kids);
        ua_gather_start(&p->g, &p->a.hdr);
        ua_gather_start(&p->g, &p->b.hdr);
        p->pc = 1;
        ua_gather_wait(&p->g);
        return UA_PENDING;
    default:
        if (p->g.failed) {
            log_s("P!");
            return ua_task_outcome(p->g.failed);
        }
        log_s("P");
        return UA_DONE;
    }
}

static void test_gather(bool fail) {
    T ts[1];
    Parent p;
    reset(0);
    memset(&p, 0, sizeof p);
    ua_task_init(&p.hdr, parent_step, 0);
    mk(&p.a, "a", 0, 0);
    mk(&p.b, "b", 1, 0);
    p.a.fail = fail;
    mk(&ts[0], "c", 5, 0);
    ua_task_schedule(&p.hdr);
    Root r = {.tasks = ts, .n = 1};
    ua_task_init(&r.hdr, root_step, 0);
    ua_task_schedule(&ts[0].hdr);
    CHECK(ua_run_until_complete(&r.hdr) == UA_DONE);
    if (!fail) {
        /* b1: P, c; b2: a., b, c; b3: a notify, b., c; b4: b notify -> P, c;
         * b5: c, P */
        CHECK_STR(trace, "c a. b c b. c c P c c.");
        CHECK(p.hdr.state == UA_TASK_DONE);
    } else {
        /* a fails in b2; its notify in b3 wakes P for b4 */
        CHECK_STR(trace, "c b c b. c P! c c c.");
        CHECK(p.hdr.state == UA_TASK_FAILED);
        CHECK(p.hdr.exc && p.hdr.exc->type == &ua_ValueError);
    }
}

/* run_until_complete stops at the end of the batch after root finished. */
static void test_run_until_complete(void) {
    T c, r1, r2;
    reset(0);
    mk(&c, "c", 100, 0);
    mk(&r1, "R", 0, 0);
    mk(&r2, "Q", 0, 0);
    ua_task_schedule(&c.hdr);
    CHECK(ua_run_until_complete(&r1.hdr) == UA_DONE);
    CHECK_STR(trace, "c R. c");
    /* a second loop in sequence: c is still queued (leftover) and runs on */
    CHECK(ua_run_until_complete(&r2.hdr) == UA_DONE);
    CHECK_STR(trace, "c R. c c Q. c");
    /* a root that raises */
    T r3;
    mk(&r3, "F", 0, 0);
    r3.fail = true;
    CHECK(ua_run_until_complete(&r3.hdr) == UA_RAISED);
    CHECK(ua_raised && ua_raised->type == &ua_ValueError);
    (void)ua_exc_take();
}

/* Detached arena tasks are freed; an unretrieved failure is reported. */
static void test_detached(void) {
    T keep[1];
    reset(0);
    test_clear_output();
    ua_arena_collect(); /* earlier tests' exceptions */
    size_t before = ua_arena_used();
    T *d = ua_task_alloc(sizeof *d);
    mk(d, "d", 1, 0);
    d->hdr.flags = UA_TASK_DETACHED | UA_TASK_ARENA;
    d->fail = true;
    ua_task_schedule(&d->hdr);
    mk(&keep[0], "k", 3, 0);
    run_all(keep, 1);
    ua_arena_collect(); /* its exception, unreachable now (and maybe older ones a stale stack word kept) */
    CHECK(ua_arena_used() <= before);
    CHECK_STR(test_err,
              "Task exception was never retrieved\n"
              "Traceback (most recent call last):\n"
              "  File \"app.py\", line 7, in fails\n"
              "ValueError: boom\n");
}

static void test_loop_time(void) {
    T ts[1];
    reset(0xFFFFFF00u);
    mk(&ts[0], "s", 0, 1500);
    run_all(ts, 1);
    CHECK(ua_loop_time() == (ua_float)1.5);
}

static ua_status stopper_step(ua_task *self) {
    (void)self;
    log_s("stop");
    ua_loop_stop();
    return UA_DONE;
}

static void test_run_forever(void) {
    T c;
    ua_task s;
    reset(0);
    mk(&c, "c", 100, 0);
    ua_task_init(&s, stopper_step, UA_TASK_CALLBACK);
    ua_task_schedule(&c.hdr);
    ua_task_schedule_later(&s, 0);
    ua_run_forever();
    CHECK_STR(trace, "c stop"); /* the timer expired at batch 1 start */
}

int main(void) {
    test_fifo();
    test_timers(0);
    test_timers(0xFFFFFFFFu - 50u); /* deadlines wrap past 2**32 */
    test_sleep_hops();
    test_call_later_hop();
    test_batches();
    test_gather(false);
    test_gather(true);
    test_run_until_complete();
    test_detached();
    test_loop_time();
    test_run_forever();
    return TEST_END();
}
