/* The primitives against CPython 3.11: wake order and hops of Event, Lock
 * (FIFO, 3.11 fairness, 100-way contention), Semaphore/BoundedSemaphore,
 * Condition, Queue (bounded producer/consumer, nowait errors, unbounded
 * growth) and Barrier, replayed from prim_cases.py (the CPython programs)
 * through prim_interp.h; then ISR signalling and allocation counts. */
#include <signal.h>

#include "prim_interp.h"

/* ---- Event.set from a signal handler, drained at the next batch ---- */

static ua_event isr_ev;
static ua_tsflag isr_flag;
static void on_sigusr1(int sig) {
    (void)sig;
    ua_event_set_from_isr(&isr_ev);
    ua_event_set_from_isr(&isr_ev); /* coalesced */
    ua_tsflag_set(&isr_flag);
}

typedef struct {
    ua_task hdr;
    int pc;
    const char *name;
} W;

static ua_status ev_waiter(ua_task *self) {
    W *w = (W *)(void *)self;
    ua_status st;
    switch (w->pc) {
    case 0: /* await flag.wait(): parks before the signal */
        st = ua_tsflag_wait(&isr_flag);
        if (st != UA_DONE) return st;
        logf_("%s-flag", w->name);
        w->pc = 1;
        /* fall through */
    case 1: /* await ev.wait(): already set by then, no suspension */
        st = ua_event_wait(&isr_ev);
        if (st != UA_DONE) return st;
        logf_("%s-ev", w->name);
        return UA_DONE;
    }
    return UA_DONE;
}

static ua_status raiser(ua_task *self) {
    W *w = (W *)(void *)self;
    logf_("r%d", w->pc);
    if (w->pc == 1) {
        raise(SIGUSR1); /* the handler runs now, inside this step */
        CHECK(!ua_event_is_set(&isr_ev)); /* set only at the next batch */
        logf_("raised");
    }
    if (w->pc++ < 4) {
        ua_yield();
        return UA_PENDING;
    }
    return UA_DONE;
}

static void test_isr(void) {
    W a = {.name = "a"}, r = {.pc = 0};
    test_now_ms = 0;
    ua_sched_reset();
    trace[0] = 0;
    ua_event_init(&isr_ev);
    ua_tsflag_init(&isr_flag);
    signal(SIGUSR1, on_sigusr1);
    ua_task_init(&a.hdr, ev_waiter, 0);
    ua_task_init(&r.hdr, raiser, 0);
    ua_task_schedule(&a.hdr);
    CHECK(ua_run_until_complete(&r.hdr) == UA_DONE);
    /* b1: a parks on the flag, r0; b2: r1 raises the signal (nothing is
     * set yet); b3: the drain sets the event and fires the flag, waking a
     * behind r: r2, a-flag, a-ev (the event is set: no suspension) */
    CHECK_STR(trace, "r0 r1 raised r2 a-flag a-ev r3 r4");
    CHECK(ua_event_is_set(&isr_ev));
    CHECK(!isr_flag.state); /* wait() cleared it */
    signal(SIGUSR1, SIG_DFL);
}

/* ---- primitive operations do not allocate ---- */

/* (An exception raised is an arena object: the cases that raise allocate
 * those, which the collector reclaims.) */
static void test_alloc_flat(void) {
    ua_arena_collect();
    size_t used = ua_arena_used();
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (cases[i].nqueues && cases[i].queues[0] == 0) continue; /* unbounded grows */
        size_t before = ua_arena_alloc_count();
        run_case(&cases[i]);
        if (!strchr(cases[i].trace, '!')) CHECK(ua_arena_alloc_count() == before);
    }
    ua_arena_collect(); /* (a stale stack word may have kept some before) */
    CHECK(ua_arena_used() <= used);
    /* the unbounded queue: only its ring growth allocates (4, 8, 16, 32) */
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (strcmp(cases[i].name, "queue_unbounded") != 0) continue;
        size_t before = ua_arena_alloc_count();
        run_case(&cases[i]);
        CHECK(ua_arena_alloc_count() - before == 4);
        ua_arena_collect();
        CHECK(ua_arena_used() <= used);
    }
}

/* Queue with caller storage bigger than needed; errors of the sync API. */
static void test_sync_errors(void) {
    ua_queue q;
    ua_int store[3], v = 9, out = 0;
    ua_sched_reset();
    CHECK(ua_queue_init(&q, sizeof(ua_int), 3, store, 3));
    CHECK(ua_queue_empty(&q) && !ua_queue_full(&q) && ua_queue_maxsize(&q) == 3);
    CHECK(ua_queue_put_nowait(&q, &v) && ua_queue_put_nowait(&q, &v) && ua_queue_put_nowait(&q, &v));
    CHECK(ua_queue_full(&q));
    CHECK(!ua_queue_put_nowait(&q, &v) && ua_raised->type == &ua_QueueFull);
    (void)ua_exc_take();
    CHECK(ua_queue_get_nowait(&q, &out) && out == 9);
    CHECK(ua_queue_task_done(&q) && ua_queue_task_done(&q) && ua_queue_task_done(&q));
    CHECK(!ua_queue_task_done(&q));
    CHECK_STR(ua_raised->message, "task_done() called too many times");
    (void)ua_exc_take();
    ua_sem s;
    CHECK(!ua_sem_init(&s, -1, false));
    CHECK_STR(ua_raised->message, "Semaphore initial value must be >= 0");
    (void)ua_exc_take();
    ua_barrier b;
    CHECK(!ua_barrier_init(&b, 0));
    CHECK_STR(ua_raised->message, "parties must be > 0");
    (void)ua_exc_take();
    ua_lock l;
    ua_lock_init(&l);
    CHECK(!ua_lock_release(&l));
    CHECK_STR(ua_raised->message, "Lock is not acquired.");
    (void)ua_exc_take();
    CHECK(ua_exc_matches(&ua_BrokenBarrierError, &ua_RuntimeError));
    CHECK(ua_exc_matches(&ua_QueueEmpty, &ua_Exception) && !ua_exc_matches(&ua_QueueEmpty, &ua_RuntimeError));
}

int main(void) {
    int n = run_group("prim");
    fprintf(stderr, "%d primitive scenarios\n", n);
    test_isr();
    test_alloc_flat();
    test_sync_errors();
    return TEST_END();
}
