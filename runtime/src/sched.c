/* The scheduler: run queue, timer queue, batches as CPython's _run_once,
 * gather, run_until_complete / run_forever. */
#include <string.h>

#include "ua.h"

ua_task *ua_current;

static ua_task *rq_head, *rq_tail; /* run queue, FIFO */
static uint32_t rq_len;
static ua_task *tq_head;           /* timer queue, by deadline then insertion */
static uint32_t origin;            /* scheduler clock origin (ms ticks) */
static bool stopping;              /* loop.stop() was called */
static ua_task *run_root;          /* the task run_until_complete waits for */

static ua_status stop_step(ua_task *self) {
    (void)self;
    stopping = true; /* CPython's _run_until_complete_cb: loop.stop() */
    return UA_DONE;
}
static ua_task stop_marker = {.step = stop_step, .flags = UA_TASK_CALLBACK};

static void rq_push(ua_task *t) {
    t->next = NULL;
    if (rq_tail) rq_tail->next = t;
    else rq_head = t;
    rq_tail = t;
    rq_len++;
}

static ua_task *rq_pop(void) {
    ua_task *t = rq_head;
    rq_head = t->next;
    if (!rq_head) rq_tail = NULL;
    t->next = NULL;
    rq_len--;
    return t;
}

static void rq_remove(ua_task *t) {
    ua_task *prev = NULL;
    for (ua_task *q = rq_head; q; prev = q, q = q->next) {
        if (q != t) continue;
        if (prev) prev->next = q->next;
        else rq_head = q->next;
        if (rq_tail == q) rq_tail = prev;
        rq_len--;
        return;
    }
}

static void tq_insert(ua_task *t) {
    ua_task **pp = &tq_head;
    while (*pp && ua_ticks_diff32((*pp)->deadline, t->deadline) <= 0) pp = &(*pp)->next;
    t->next = *pp;
    *pp = t;
}

static void make_ready(ua_task *t) {
    t->state = UA_TASK_READY;
    rq_push(t);
}

void ua_task_init(ua_task *t, ua_step_fn step, void *result, uint8_t flags) {
    memset(t, 0, sizeof *t);
    t->step = step;
    t->result = result;
    t->flags = flags;
    t->state = UA_TASK_NEW;
}

void ua_task_schedule(ua_task *t) { make_ready(t); }

void ua_task_schedule_later(ua_task *t, uint32_t delay_ms) {
    t->deadline = ua_port_ticks_ms() + delay_ms;
    t->state = UA_TASK_SLEEPING;
    tq_insert(t);
}

void ua_yield(void) { make_ready(ua_current); }

void ua_sleep_ms(uint32_t ms) { ua_task_schedule_later(ua_current, ms); }

void ua_task_wait(ua_task *t) {
    ua_task *me = ua_current, **pp = &t->waiters;
    while (*pp) pp = &(*pp)->next;
    me->state = UA_TASK_WAITING;
    me->next = NULL;
    *pp = me;
}

ua_status ua_task_outcome(ua_task *t) {
    if (t->state == UA_TASK_DONE) return UA_DONE;
    t->flags |= UA_TASK_RETRIEVED;
    ua_raised = t->exc;
    if (!ua_raised) ua_raise(&ua_RuntimeError, "task outcome unavailable");
    return UA_RAISED;
}

void ua_gather_init(ua_gather *g) { memset(g, 0, sizeof *g); }

void ua_gather_start(ua_gather *g, ua_task *child) {
    child->gather = g;
    g->remaining++;
    make_ready(child);
}

void ua_gather_wait(ua_gather *g) {
    g->parent = ua_current;
    ua_current->state = UA_TASK_WAITING;
}

static void report(const char *what, ua_exc *e) {
    ua_out_flush(&ua_stdout);
    ua_port_write_err(what, strlen(what));
    ua_exc_print(e);
}

/* A finished task that is in no queue any more: free it when detached. */
static void release(ua_task *t) {
    if (!(t->flags & UA_TASK_DETACHED)) return;
    if (t->state == UA_TASK_FAILED && t->exc) {
        if (!(t->flags & (UA_TASK_RETRIEVED | UA_TASK_CALLBACK)) &&
            !ua_exc_matches(t->exc->type, &ua_CancelledError))
            report("Task exception was never retrieved\n", t->exc);
        ua_exc_release(t->exc);
        t->exc = NULL;
    }
    if (t->flags & UA_TASK_ARENA) ua_free(t, t->size);
}

static void finished(ua_task *t) {
    if (t->flags & UA_TASK_CALLBACK) {
        if (t->state == UA_TASK_FAILED && t->exc) {
            report("Exception in callback\n", t->exc);
            t->flags |= UA_TASK_RETRIEVED;
        }
        release(t);
        return;
    }
    if (t == run_root) make_ready(&stop_marker);
    ua_task *w = t->waiters;
    t->waiters = NULL;
    while (w) {
        ua_task *next = w->next;
        make_ready(w);
        w = next;
    }
    if (t->gather) {
        t->flags |= UA_TASK_NOTIFY;
        rq_push(t);
        return;
    }
    release(t);
}

/* A gather child's done callback. */
static void notify(ua_task *t) {
    ua_gather *g = t->gather;
    t->flags &= (uint8_t)~UA_TASK_NOTIFY;
    g->remaining--;
    bool failed = t->state == UA_TASK_FAILED;
    bool wake;
    if (failed) t->flags |= UA_TASK_RETRIEVED;
    if (g->failed) {
        wake = false; /* the gather already ended with an exception */
    } else if (failed && !g->return_exceptions) {
        g->failed = t;
        wake = true;
    } else {
        wake = g->remaining == 0;
    }
    if (wake && g->parent) make_ready(g->parent);
    release(t);
}

static void run_entry(ua_task *t) {
    if (t->flags & UA_TASK_NOTIFY) {
        notify(t);
        return;
    }
    if (t->state == UA_TASK_WAKING) { /* the timer handle, then the wakeup */
        make_ready(t);
        return;
    }
    if (t->state != UA_TASK_READY) return;
    ua_current = t;
    ua_status st = t->step(t);
    ua_current = NULL;
    if (st == UA_PENDING) return;
    if (st == UA_DONE) {
        t->state = UA_TASK_DONE;
    } else {
        t->exc = ua_exc_take();
        t->state = UA_TASK_FAILED;
    }
    finished(t);
}

static void run_batch(void) {
    for (;;) {
        uint32_t now = ua_port_ticks_ms();
        while (tq_head && ua_ticks_diff32(tq_head->deadline, now) <= 0) {
            ua_task *t = tq_head;
            tq_head = t->next;
            t->state = (t->flags & UA_TASK_CALLBACK) ? UA_TASK_READY : UA_TASK_WAKING;
            rq_push(t);
        }
        if (rq_head || stopping) break;
        if (tq_head) ua_port_idle(true, tq_head->deadline);
        else ua_port_idle(false, 0);
    }
    for (uint32_t n = rq_len; n; n--) run_entry(rq_pop());
}

void ua_run_forever(void) {
    do run_batch();
    while (!stopping);
    stopping = false;
}

void ua_loop_stop(void) { stopping = true; }

ua_status ua_run_until_complete(ua_task *root) {
    ua_task *saved = run_root;
    run_root = root;
    if (root->state == UA_TASK_NEW) ua_task_schedule(root);
    if (ua_task_finished(root)) make_ready(&stop_marker);
    ua_run_forever();
    run_root = saved;
    if (stop_marker.state == UA_TASK_READY) rq_remove(&stop_marker);
    stop_marker.state = UA_TASK_DONE;
    if (!ua_task_finished(root)) {
        ua_raise(&ua_RuntimeError, "Event loop stopped before Future completed.");
        return UA_RAISED;
    }
    return ua_task_outcome(root);
}

ua_float ua_loop_time(void) {
    return (ua_float)(ua_port_ticks_ms() - origin) / (ua_float)1000;
}

void ua_sched_reset(void) {
    rq_head = rq_tail = tq_head = NULL;
    rq_len = 0;
    ua_current = NULL;
    stopping = false;
    run_root = NULL;
    stop_marker.state = UA_TASK_DONE;
    origin = ua_port_ticks_ms();
}
