/* The scheduler: run queue, timer queue, batches as CPython's _run_once,
 * gather, cancellation, wait queues of the primitives, ISR signals,
 * run_until_complete / run_forever. */
#include <string.h>

#include "ua.h"

ua_task *ua_current;

ua_task *ua_rq_head;               /* run queue, FIFO (ua_sched.h) */
ua_task **ua_rq_tailp = &ua_rq_head;
/* Queued behind the entries of the running batch: popping it ends the
 * batch (one compare per entry; removals need no bookkeeping). Never
 * stepped. */
static ua_task batch_end = {.state = UA_TASK_READY};
/* A task that cancelled itself while running, and the entry that
 * finishes its step's bookkeeping (see ua_task_cancel). The entry's step
 * is set where it is queued, not by an initialiser: initialised data takes
 * flash for its image and the linker keeps all of it, so a firmware that
 * never cancels would carry the entry and its step. */
static ua_task *self_cancelled;
static ua_task self_cancel_entry;
static ua_status self_cancel_step(ua_task *entry);
static ua_task *tq_head;           /* timer queue, by deadline then insertion */
static ua_task *tq_tail;           /* its last entry, or NULL when not known */
/* The timer queue's express lane: every EXPRESS_EVERY-th timer queued is
 * also linked, in the same order, through its wait_obj (unused while
 * SLEEPING, NULL again when it leaves the queue; flag UA_TASK_EXPRESS), so
 * that an insertion walks about n/16 + 16 entries instead of n/2 (CPython
 * keeps a heap; a heap would need room the 24-byte header does not have,
 * and would not keep equal deadlines in the order they were queued).
 * Left out (UA_FEATURE_TIMER_LANE) where the compiler bounded the tasks. */
#define TIMER_LANE UA_USES(UA_FEATURE_TIMER_LANE)
#define EXPRESS_EVERY 16u
static ua_task *xq_head, *xq_tail;
static uint8_t tq_inserts;
static uint32_t origin;            /* scheduler clock origin (ms ticks) */
static ua_task *run_root;          /* the task run_until_complete waits for */
static ua_isr_node *volatile isr_head; /* signalled nodes, newest first */
/* What the boundary between two batches has to see to, a byte each so that
 * run_batch tests them all with one load. */
static volatile union {
    struct {
        bool timers;   /* tq_head != NULL (set by tq_changed) */
        bool isr;      /* isr_head != NULL (set with it, under irq_save) */
        bool stop;     /* loop.stop() was called */
        bool reports;  /* the collector left tasks to report (doomed) */
    };
    uint32_t any;
} boundary;

/* tq_head was written: keep boundary.timers equal to tq_head != NULL */
static void tq_changed(void) { boundary.timers = tq_head != NULL; }

static ua_status stop_step(ua_task *self) {
    (void)self;
    boundary.stop = true; /* CPython's _run_until_complete_cb: loop.stop() */
    return UA_DONE;
}
/* Queued once run_root has finished; stepped like a task, it needs
 * nothing but its step (set by ua_run_until_complete: zeroed static data
 * takes no flash, unlike an initialiser). */
static ua_task stop_marker;
bool ua_stepped_slowly;

/* The state word of a task run_batch steps inline: READY, started, no
 * cancel pending, and its last wait not cancelled (wake CANCELLED and
 * INTERRUPTED have bit 1 set; NONE and OK do not). */
#define STATE_WORD(state, flags, wake) ((uint32_t)(state) | (uint32_t)(flags) << 8 | (uint32_t)(wake) << 16)
_Static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "STATE_WORD: state is the low byte");
_Static_assert(offsetof(ua_task, state) == offsetof(ua_task, state_word) &&
                   offsetof(ua_task, flags) == offsetof(ua_task, state) + 1 &&
                   offsetof(ua_task, wake) == offsetof(ua_task, state) + 2,
               "STATE_WORD: the byte order of the state word");
_Static_assert((UA_WAKE_CANCELLED & UA_WAKE_INTERRUPTED & 2) && !(UA_WAKE_OK & 2),
               "the fast path's test of wake");
#define FAST_MASK STATE_WORD(0xFFu, UA_TASK_FRESH | UA_TASK_MUST_CANCEL, 2u)
_Static_assert(UA_TASK_READY == 0, "the fast path's test is (state_word & FAST_MASK) == 0");

#define rq_push ua_rq_push

/* Remove t from the run queue (CPython would skip the cancelled handle). */
static void rq_remove(ua_task *t) {
    for (ua_task **pp = &ua_rq_head; pp != ua_rq_tailp; pp = &(*pp)->next) {
        if (*pp != t) continue;
        if (ua_rq_tailp == &t->next) ua_rq_tailp = pp;
        else *pp = t->next;
        return;
    }
}

static bool rq_empty(void) { return ua_rq_tailp == &ua_rq_head; }

/* Put t first in the run queue: it runs before anything already queued. */
static void rq_push_front(ua_task *t) {
    if (rq_empty()) ua_rq_tailp = &t->next;
    else t->next = ua_rq_head;
    ua_rq_head = t;
}

static void list_remove(ua_task **pp, ua_task *t);

static bool due_by(const ua_task *a, const ua_task *t) {
    return ua_ticks_diff32(a->deadline, t->deadline) <= 0;
}

static void tq_insert(ua_task *t) {
    ua_task *express = NULL; /* the last express entry due by t's deadline */
    ua_task **pp;
    if (tq_tail && due_by(tq_tail, t)) {
        /* periodic sleepers mostly land at the end: no walk then */
        express = TIMER_LANE ? xq_tail : NULL;
        pp = &tq_tail->next;
    } else {
        for (ua_task *x = TIMER_LANE ? xq_head : NULL; x && due_by(x, t); x = x->wait_obj) express = x;
        pp = express ? &express->next : &tq_head;
        while (*pp && due_by(*pp, t)) pp = &(*pp)->next;
    }
    t->next = *pp;
    *pp = t;
    if (!t->next) tq_tail = t;
    if (TIMER_LANE && ++tq_inserts % EXPRESS_EVERY == 0u) {
        t->flags |= UA_TASK_EXPRESS;
        t->wait_obj = express ? express->wait_obj : xq_head;
        if (express) express->wait_obj = t;
        else xq_head = t;
        if (!t->wait_obj) xq_tail = t;
    }
    boundary.timers = true; /* (tq_changed: tq_head is t or before it) */
}

/* t leaves the express lane (it is on it) */
static void xq_remove(ua_task *t) {
    ua_task *prev = NULL;
    for (ua_task *x = xq_head; x != t; x = x->wait_obj) prev = x;
    if (prev) prev->wait_obj = t->wait_obj;
    else xq_head = t->wait_obj;
    if (xq_tail == t) xq_tail = prev;
    t->wait_obj = NULL;
    t->flags &= (uint8_t)~UA_TASK_EXPRESS;
}

static void tq_remove(ua_task *t) {
    if (TIMER_LANE && (t->flags & UA_TASK_EXPRESS)) xq_remove(t);
    if (t == tq_tail) tq_tail = NULL;
    list_remove(&tq_head, t);
    tq_changed();
}

/* A waiters list ends with NULL or with a tagged gather link. */
static bool gather_link(const ua_task *w) { return (uintptr_t)w & 1u; }

/* Unlink t from a list linked through next. */
static void list_remove(ua_task **pp, ua_task *t) {
    for (; *pp && !gather_link(*pp); pp = &(*pp)->next) {
        if (*pp == t) {
            *pp = t->next;
            t->next = NULL;
            return;
        }
    }
}

/* Append t to a waiters list, before its gather link if any. */
static void list_append(ua_task **pp, ua_task *t) {
    while (*pp && !gather_link(*pp)) pp = &(*pp)->next;
    t->next = *pp;
    *pp = t;
}

/* t becomes a member of g: its waiters list ends with g. */
static void set_gather(ua_task *t, ua_gather *g) {
    ua_task **pp = &t->waiters;
    while (*pp && !gather_link(*pp)) pp = &(*pp)->next;
    *pp = (ua_task *)(void *)((uintptr_t)g | 1u);
}

#define make_ready ua_make_ready

void ua_task_init(ua_task *t, ua_step_fn step, uint8_t flags) {
    *t = (ua_task)UA_TASK_HEADER(step, flags);
}

void ua_task_schedule(ua_task *t) { make_ready(t); }

void ua_task_schedule_later(ua_task *t, uint32_t delay_ms) {
    t->deadline = ua_port_ticks_ms() + delay_ms;
    t->state = UA_TASK_SLEEPING;
    tq_insert(t);
}

void ua_sleep_ms(uint32_t ms) { ua_task_schedule_later(ua_current, ms); }

void ua_task_wait(ua_task *t) {
    ua_task *me = ua_current;
    me->state = UA_TASK_WAITING;
    me->wait_obj = t;
    list_append(&t->waiters, me);
}

ua_status ua_task_outcome(ua_task *t) {
    if (ua_current && ua_current->wait_obj == t) ua_current->wait_obj = NULL;
    if (t->state == UA_TASK_DONE) return UA_DONE;
    t->flags |= UA_TASK_RETRIEVED;
    if (UA_USES(UA_FEATURE_CANCEL) && t->state == UA_TASK_CANCELLED) {
        ua_raise(&ua_CancelledError, "");
        return UA_RAISED;
    }
    ua_raised = t->exc;
    if (!ua_raised) ua_raise(&ua_RuntimeError, "task outcome unavailable");
    return UA_RAISED;
}

uint8_t ua_park_end_slow(void) {
    ua_task *t = ua_current;
    uint8_t how = t->wake == UA_WAKE_CANCELLED     ? UA_WAKE_CANCELLED
                  : (t->flags & UA_TASK_MUST_CANCEL) ? UA_WAKE_INTERRUPTED
                                                     : UA_WAKE_OK;
    t->flags &= (uint8_t)~UA_TASK_MUST_CANCEL;
    t->wake = UA_WAKE_NONE;
    t->wait_obj = NULL;
    return how;
}

bool ua_resume_cancelled_slow(void) {
    ua_task *t = ua_current;
    bool c = t->wake == UA_WAKE_CANCELLED || (t->flags & UA_TASK_MUST_CANCEL);
    t->wake = UA_WAKE_NONE;
    t->flags &= (uint8_t)~UA_TASK_MUST_CANCEL;
    if (c) ua_raise(&ua_CancelledError, "");
    return c;
}

ua_status ua_task_await(ua_task *t) {
    ua_task *me = ua_current;
    if (me->wait_obj == t && me->state == UA_TASK_READY) { /* resumed */
        if (ua_park_end() != UA_WAKE_OK) {
            ua_raise(&ua_CancelledError, "");
            return UA_RAISED;
        }
    } else if (t == me) {
        ua_raise(&ua_RuntimeError, "Task cannot await on itself");
        return UA_RAISED;
    }
    if (!ua_task_finished(t)) {
        ua_task_wait(t);
        return UA_PENDING;
    }
    return ua_task_outcome(t);
}

void ua_task_wait_cb(ua_task *t) {
    ua_task *me = ua_current;
    me->state = UA_TASK_FUTWAIT;
    me->wait_obj = t;
    me->wake = UA_WAKE_NONE;
    list_append(&t->waiters, me);
}

void ua_task_unwait(ua_task *t, ua_task *waiter) { list_remove(&t->waiters, waiter); }

void ua_release_waiter(ua_task *w) {
    if (w->state == UA_TASK_FUTWAIT) {
        list_remove(&((ua_task *)w->wait_obj)->waiters, w);
    } else if (w->state == UA_TASK_WAKING && w->wait_obj) {
        rq_remove(w); /* its done-callback hop had not run yet */
    } else {
        return; /* the waiter is already done */
    }
    w->wake = UA_WAKE_OK;
    make_ready(w);
}

/* ---- wait queues ---- */

void ua_waitq_remove_slow(ua_waitq *q, ua_task *t) {
    ua_task *prev = NULL;
    for (ua_task *w = q->head; w; prev = w, w = w->wnext) {
        if (w != t) continue;
        if (prev) prev->wnext = w->wnext;
        else q->head = w->wnext;
        if (q->tail == w) q->tail = prev;
        return;
    }
}

ua_task *ua_waitq_pop(ua_waitq *q) {
    ua_task *t = q->head;
    if (t) {
        q->head = t->wnext;
        if (!q->head) q->tail = NULL;
    }
    return t;
}

/* ---- cancellation ---- */

static bool gather_cancel(ua_gather *g) {
    bool ret = false;
    for (uint32_t i = 0; i < g->n_kids; i++)
        if (ua_task_cancel(g->kids[i])) ret = true;
    if (ret) g->cancel_requested = true;
    return ret;
}

/* CPython's task._fut_waiter.cancel(): true when the thing t is blocked on
 * was cancelled (t is then woken, or keeps waiting for a cancelled task). */
static bool cancel_waiter(ua_task *t) {
    switch (t->state) {
    case UA_TASK_SLEEPING:
        tq_remove(t);
        break;
    case UA_TASK_WAKING:
        rq_remove(t);
        break;
    case UA_TASK_PARKED:
        break; /* stays in its wait queue until it runs */
    case UA_TASK_EVWAIT:
        ua_event_unlink((ua_event *)t->wait_obj, t);
        break;
    case UA_TASK_FUTWAIT:
        list_remove(&((ua_task *)t->wait_obj)->waiters, t);
        break;
    case UA_TASK_WAITING:
        return t->wait_obj && ua_task_cancel((ua_task *)t->wait_obj);
    case UA_TASK_GATHERING:
        return gather_cancel((ua_gather *)t->wait_obj);
    default:
        return false; /* NEW, READY or running: no pending future */
    }
    t->wake = UA_WAKE_CANCELLED;
    make_ready(t);
    return true;
}

bool ua_task_cancel(ua_task *t) {
    if (t->flags & UA_TASK_CALLBACK) {
        ua_timer_cancel(t);
        return true;
    }
    if (ua_task_finished(t)) return false;
    if (cancel_waiter(t)) return true;
    if (t == ua_current && !(t->flags & UA_TASK_MUST_CANCEL)) {
        /* CPython's __step looks at _must_cancel when the coroutine
         * blocks; the run loop does not test every step for it, so this
         * entry, first in the queue, does it right after the step */
        self_cancelled = t;
        self_cancel_entry.step = self_cancel_step;
        rq_push_front(&self_cancel_entry);
    }
    t->flags |= UA_TASK_MUST_CANCEL;
    return true;
}

static void release(ua_task *t);

void ua_timer_cancel(ua_task *cb) {
    if (cb == ua_current) return;
    if (cb->state == UA_TASK_SLEEPING) tq_remove(cb);
    else if (cb->state == UA_TASK_READY) rq_remove(cb);
    else return;
    cb->state = UA_TASK_DONE;
    release(cb);
}

/* ---- gather ---- */

void ua_gather_init(ua_gather *g, ua_task **kids) {
    /* not its node in shutdown.c's list: ua_gather_start fills that in */
    memset(g, 0, offsetof(ua_gather, live));
    g->kids = kids;
    /* a park left by the older ua_gather_wait form on the same storage */
    if (ua_current && ua_current->wait_obj == g) ua_current->wait_obj = NULL;
}

void ua_gather_start(ua_gather *g, ua_task *child) {
    if (UA_USES(UA_FEATURE_SHUTDOWN) && !g->in_live) {
        g->in_live = true;
        g->live.size = 0; /* a gather's node */
        ua_live_add(&g->live);
    }
    g->kids[g->n_kids++] = child;
    set_gather(child, g);
    g->remaining++;
    make_ready(child);
}

void ua_gather_add(ua_gather *g, ua_task *t) {
    g->kids[g->n_kids++] = t;
    set_gather(t, g);
    g->remaining++;
    if (ua_task_finished(t)) {   /* CPython: add_done_callback on a done future */
        t->flags |= UA_TASK_NOTIFY;
        rq_push(t);
    }
}

void ua_gather_wait(ua_gather *g) {
    g->parent = ua_current;
    ua_current->state = UA_TASK_GATHERING;
    ua_current->wait_obj = g;
}

ua_status ua_gather_await(ua_gather *g) {
    ua_task *me = ua_current;
    if (me->wait_obj == g && me->state == UA_TASK_READY) {
        if (ua_park_end() != UA_WAKE_OK) {
            ua_raise(&ua_CancelledError, "");
            return UA_RAISED;
        }
    } else if (g->remaining > 0 && !g->failed) {
        ua_gather_wait(g);
        return UA_PENDING;
    }
    if (g->failed) return ua_task_outcome(g->failed);
    return UA_DONE;
}

/* ---- running ---- */

ua_exception_handler_fn ua_exception_handler;

void ua_report_exception(const char *message, ua_exc *e) {
    if (ua_exception_handler) ua_exception_handler(message, e);
    else ua_default_exception_handler(message, e);
}

/* A failed task whose exception nobody retrieved (a callback's was
 * reported when it ended). */
static inline __attribute__((always_inline)) bool unretrieved(const ua_task *t) {
    return t->state == UA_TASK_FAILED && t->exc && !(t->flags & (UA_TASK_RETRIEVED | UA_TASK_CALLBACK));
}

/* (Each caller then frees the task, or has taken it off every list.) */
static inline __attribute__((always_inline)) void report_unretrieved(ua_task *t) {
    if (unretrieved(t)) ua_report_exception("Task exception was never retrieved", t->exc);
}

/* The tasks ua_task_to_collector took with an exception nobody has
 * retrieved: `unreported` (the program may still reach them) and `doomed`
 * (the collector found them unreached; kept until they are reported). A
 * link must not keep a task alive, and the marking takes any word that
 * points into a block for a reference: so each link (a list's head, or a
 * task's `next`, free once the task finished) is the task's address
 * inverted, and 0 ends a list. */
static uintptr_t unreported, doomed;

static ua_task *hidden(uintptr_t link) { return link ? (ua_task *)~link : NULL; }

static void hidden_push(uintptr_t *list, ua_task *t) {
    t->next = (ua_task *)*list;
    *list = ~(uintptr_t)t;
}

static ua_task *hidden_pop(uintptr_t *list) {
    ua_task *t = hidden(*list);
    if (t) *list = (uintptr_t)t->next;
    return t;
}

/* An unreached task (unlinked from `unreported`): the default handler
 * only prints, so it reports now, as CPython does while it collects, and
 * the sweep frees the task and its exception. A program's handler is the
 * program's code, which must not run inside an allocation: the task and
 * what it reaches are kept for the report between two batches. */
static void unreached(ua_task *t) {
    if (!unretrieved(t)) return; /* retrieved since: freed now */
    if (!ua_exception_handler) {
        ua_report_exception("Task exception was never retrieved", t->exc);
        return;
    }
    ua_arena_keep(ua_task_block(t));
    hidden_push(&doomed, t);
    boundary.reports = true;
}

void ua_task_collecting(void) {
    for (ua_task *t = hidden(doomed); t; t = hidden((uintptr_t)t->next))
        ua_arena_keep(ua_task_block(t)); /* (they may reach unreported ones) */
    ua_task *prev = NULL;
    for (ua_task *t = hidden(unreported), *next; t; t = next) {
        next = hidden((uintptr_t)t->next);
        if (ua_arena_reached(ua_task_block(t))) {
            prev = t;
            continue;
        }
        if (prev) prev->next = t->next;
        else unreported = (uintptr_t)t->next;
        unreached(t);
    }
}

/* A hidden list in the opposite order (it allocates nothing, so no
 * collection can come in between). */
static void hidden_reverse(uintptr_t *list) {
    uintptr_t reversed = 0;
    for (ua_task *t; (t = hidden_pop(list));) hidden_push(&reversed, t);
    *list = reversed;
}

/* Frees arena task t's block (its size without the UA_TASK_SIZE_ bits,
 * which are set only with UA_FEATURE_HELD_TASKS). */
static inline __attribute__((always_inline)) void free_task_block(ua_task *t) {
    uint32_t *block = ua_task_block(t);
    uint32_t size = *block;
    if (UA_USES(UA_FEATURE_HELD_TASKS)) size &= ~UA_TASK_SIZE_FLAGS;
    ua_free(block, size);
}

/* Between two batches: the tasks the collector kept for the program's
 * handler, in the order it found them (the most recently finished first,
 * as CPython reports a dropped list's tasks: from its end). The ones still
 * to report stay in `doomed`, which a collection during a report keeps; a
 * reported one is freed at once (nothing reaches it: the handler gets its
 * exception, not the task). */
static void report_doomed(void) {
    boundary.reports = false;
    hidden_reverse(&doomed);
    for (ua_task *t; (t = hidden_pop(&doomed));) {
        report_unretrieved(t);
        free_task_block(t);
    }
}

/* At the end: the oldest first, as CPython's collection at exit. */
void ua_report_uncollected(void) {
    if (!UA_USES(UA_FEATURE_HELD_TASKS)) return;
    hidden_reverse(&unreported);
    for (ua_task *t;;) {
        report_doomed(); /* first, then those a handler's collection found */
        if (!(t = hidden_pop(&unreported))) break;
        report_unretrieved(t);
    }
}

/* A finished arena task that the program may still hold (in a list, an
 * object, a variable): the collector frees it once nothing points at it,
 * as CPython's garbage collector does. One that a variable holds alone
 * (ua_task_owned) is left to it: it frees the task (ua_task_release). It
 * leaves shutdown.c's list, unless the shutdown under way still has to
 * look at it (ua_asyncio_run_end). */
void ua_task_to_collector(ua_task *t) {
    uint32_t *block = ua_task_block(t);
    if (!UA_USES(UA_FEATURE_HELD_TASKS) || !(t->flags & UA_TASK_ARENA) || (*block & UA_TASK_SIZE_FLAGS)) return;
    if (UA_USES(UA_FEATURE_SHUTDOWN)) {
        if (((ua_live *)(void *)block)->shutdown) return;
        ua_live_remove((ua_live *)(void *)block);
    }
    ua_arena_collectable(block, *block);
    *block |= UA_TASK_SIZE_TO_COLLECTOR; /* it has left shutdown.c's list */
    if (unretrieved(t)) hidden_push(&unreported, t);
}

/* Frees a finished task nobody holds (reporting an exception nobody
 * retrieved). (A task's CancelledError leaves it CANCELLED, not FAILED:
 * finish_step.) */
static void free_detached(ua_task *t) {
    report_unretrieved(t);
    if (t->flags & UA_TASK_ARENA) {
        /* (never one ua_task_to_collector took: the program held it, so
         * nothing detaches it; it is still in shutdown.c's list) */
        if (UA_USES(UA_FEATURE_SHUTDOWN)) ua_live_remove((ua_live *)(void *)ua_task_block(t));
        free_task_block(t);
    }
}

/* A finished task that is in no queue any more: free it when detached,
 * else hand it to the collector. */
static void release(ua_task *t) {
    if (t->flags & UA_TASK_DETACHED) {
        free_detached(t);
    } else if (UA_USES(UA_FEATURE_HELD_TASKS) && (t->flags & UA_TASK_ARENA)) {
        ua_task_to_collector(t);
    }
}

void *ua_task_alloc(size_t size) {
    uint32_t *block = ua_alloc(UA_TASK_PREFIX + size);
    if (!block) return NULL;
    *block = (uint32_t)(UA_TASK_PREFIX + size);
    if (UA_USES(UA_FEATURE_SHUTDOWN)) ua_live_add((ua_live *)(void *)block);
    return (unsigned char *)block + UA_TASK_PREFIX;
}

void ua_task_release(ua_task *t) {
    if (!t || !(t->flags & UA_TASK_ARENA)) return;
    t->flags |= UA_TASK_DETACHED;
    if (ua_task_finished(t) && !(t->flags & UA_TASK_NOTIFY) && !t->waiters) release(t);
}

static void finished(ua_task *t) {
    if (UA_USES(UA_FEATURE_CALLBACKS) && (t->flags & UA_TASK_CALLBACK)) {
        if (t->state == UA_TASK_FAILED && t->exc) {
            ua_report_exception("Exception in callback", t->exc);
            t->flags |= UA_TASK_RETRIEVED;
        }
        release(t);
        return;
    }
    if (t == run_root) make_ready(&stop_marker);
    if (!UA_USES(UA_FEATURE_TASK_WAITERS | UA_FEATURE_GATHER)) {
        release(t);
        return;
    }
    ua_task *w = t->waiters;
    while (w && !gather_link(w)) {
        ua_task *next = w->next;
        if (w->state == UA_TASK_FUTWAIT) { /* done callback, then wakeup */
            w->state = UA_TASK_WAKING;
            rq_push(w);
        } else {
            make_ready(w);
        }
        w = next;
    }
    t->waiters = w;  /* NULL, or the gather link kept for notify() */
    if (w) {
        t->flags |= UA_TASK_NOTIFY;
        rq_push(t);
        return;
    }
    release(t);
}

static void free_gather(ua_gather *g, void *block, uint32_t size) {
    if (UA_USES(UA_FEATURE_SHUTDOWN) && g->in_live) ua_live_remove(&g->live);
    ua_free(block, size);
}

void ua_gather_release(ua_gather *g, void *block, uint32_t size) {
    if (g->remaining == 0) {
        free_gather(g, block, size);
        return;
    }
    g->parent = NULL;
    g->block = block;
    g->block_size = size;
}

/* A gather child's done callback. */
static void notify(ua_task *t) {
    ua_gather *g = (ua_gather *)(void *)((uintptr_t)t->waiters & ~(uintptr_t)1u);
    t->waiters = NULL;
    t->flags &= (uint8_t)~UA_TASK_NOTIFY;
    if (UA_USES(UA_FEATURE_SHUTDOWN)) ua_shutdown_child_finished(g, t);
    g->remaining--;
    if (g->block) {   /* the parent has left: free the storage at the end */
        if (g->remaining == 0) free_gather(g, g->block, g->block_size);
        return;
    }
    bool failed = t->state == UA_TASK_FAILED || t->state == UA_TASK_CANCELLED;
    bool wake;
    if (failed) t->flags |= UA_TASK_RETRIEVED;
    if (g->failed) {
        wake = false; /* the gather already ended with an exception */
    } else if (failed && !g->return_exceptions) {
        g->failed = t;
        wake = true;
    } else {
        wake = g->remaining == 0;
        /* CPython: a gather being cancelled ends with CancelledError */
        if (wake && g->cancel_requested && g->parent)
            g->parent->flags |= UA_TASK_MUST_CANCEL;
    }
    if (wake && g->parent && g->parent->state == UA_TASK_GATHERING) make_ready(g->parent);
    release(t);
}

/* (st first: the run loop calls it with st still in r0) */
static void finish_step(ua_status st, ua_task *t) {
    bool must = false;
    if (UA_USES(UA_FEATURE_CANCEL)) { /* only a cancel sets self_cancelled or MUST_CANCEL */
        if (t == self_cancelled) self_cancelled = NULL; /* it may be freed */
        must = t->flags & UA_TASK_MUST_CANCEL;
        t->flags &= (uint8_t)~UA_TASK_MUST_CANCEL;
    }
    bool callback = UA_USES(UA_FEATURE_CALLBACKS) && (t->flags & UA_TASK_CALLBACK);
    if (st == UA_DONE) {
        t->exc = NULL;
        /* CPython: cancelled right before the coroutine returned */
        t->state = must && !callback ? UA_TASK_CANCELLED : UA_TASK_DONE;
    } else {
        ua_exc *e = ua_exc_take();
        /* (without the feature nothing cancels, nor names CancelledError) */
        if (UA_USES(UA_FEATURE_CANCEL) && !callback && e && ua_exc_matches(e->type, &ua_CancelledError)) {
            t->exc = NULL;
            t->state = UA_TASK_CANCELLED;
        } else {
            t->exc = e;
            t->state = UA_TASK_FAILED;
        }
    }
    finished(t);
}

/* After a step that did not simply block: CPython's __step end. */
static void after_step(ua_task *t, ua_status st) {
    if (st == UA_PENDING) {
        /* a task with _must_cancel that blocks on a future cancels that
         * future at once */
        if (UA_USES(UA_FEATURE_CANCEL) && (t->flags & UA_TASK_MUST_CANCEL) &&
            t->state != UA_TASK_READY && cancel_waiter(t))
            t->flags &= (uint8_t)~UA_TASK_MUST_CANCEL;
        return;
    }
    finish_step(st, t);
}

static ua_status self_cancel_step(ua_task *entry) {
    (void)entry;
    ua_task *t = self_cancelled;
    self_cancelled = NULL;
    if (t) after_step(t, UA_PENDING);
    return UA_PENDING;
}

/* Every run-queue entry that is not a started READY task without a
 * pending cancel (those run_batch steps itself). True when t is such a
 * task now that its first step has begun (FRESH cleared): run_batch steps
 * it then, the one stepping code there serving both. */
static bool run_entry(ua_task *t) {
    ua_current = NULL;
    if (UA_USES(UA_FEATURE_GATHER) && (t->flags & UA_TASK_NOTIFY)) {
        notify(t);
        return false;
    }
    if (t->state == UA_TASK_WAKING) { /* the timer handle, then the wakeup */
        make_ready(t);
        return false;
    }
    if (t->state != UA_TASK_READY) return false;
    if (t->flags & UA_TASK_FRESH) {
        t->flags &= (uint8_t)~UA_TASK_FRESH;
        if (UA_USES(UA_FEATURE_CANCEL) &&
            (t->flags & (UA_TASK_MUST_CANCEL | UA_TASK_CALLBACK)) == UA_TASK_MUST_CANCEL) {
            /* CancelledError thrown into a coroutine that never ran */
            ua_raise(&ua_CancelledError, "");
            finish_step(UA_RAISED, t);
            return false;
        }
    }
    /* only a cancel (a pending request, a cancelled wait) leaves the
     * state word unclean */
    if (!UA_USES(UA_FEATURE_CANCEL) || (t->state_word & FAST_MASK) == 0) return true;
    ua_current = t;
    ua_stepped_slowly = true;
    ua_status st = t->step(t);
    ua_stepped_slowly = false;
    ua_current = NULL;
    if (st == UA_YIELDED) {
        rq_push(t);
        st = UA_PENDING;
    }
    after_step(t, st);
    return false;
}

/* ---- interrupts ---- */

void ua_isr_signal(ua_isr_node *n) {
    uint32_t s = ua_port_irq_save();
    if (!n->pending) {
        n->pending = 1;
        n->next = isr_head;
        isr_head = n;
        boundary.isr = true;
    }
    ua_port_irq_restore(s);
}

static void isr_drain(void) {
    if (!UA_USES(UA_FEATURE_ISR_SIGNALS) || !isr_head) return;
    uint32_t s = ua_port_irq_save();
    ua_isr_node *l = isr_head;
    isr_head = NULL;
    boundary.isr = false;
    ua_port_irq_restore(s);
    ua_isr_node *fifo = NULL; /* reverse: oldest signal first */
    while (l) {
        ua_isr_node *next = l->next;
        l->next = fifo;
        fifo = l;
        l = next;
    }
    while (fifo) {
        ua_isr_node *next = fifo->next; /* read before pending is cleared */
        s = ua_port_irq_save();
        fifo->pending = 0;
        ua_port_irq_restore(s);
        fifo->fire(fifo);
        fifo = next;
    }
}

/* Expired timers to the run queue (out of line: batches without timers
 * stay short). */
static __attribute__((noinline)) void expire_timers(void) {
    uint32_t now = ua_port_ticks_ms();
    while (tq_head && ua_ticks_diff32(tq_head->deadline, now) <= 0) {
        ua_task *t = tq_head;
        if (TIMER_LANE && (t->flags & UA_TASK_EXPRESS)) xq_remove(t); /* its first entry */
        tq_head = t->next;
        if (t == tq_tail) tq_tail = NULL;
        t->state = UA_USES(UA_FEATURE_CALLBACKS) && (t->flags & UA_TASK_CALLBACK) ? UA_TASK_READY
                                                                                : UA_TASK_WAKING;
        rq_push(t);
    }
    tq_changed();
}

static void run_batch(void) {
    for (;;) {
        isr_drain();
        if (UA_USES(UA_FEATURE_HELD_TASKS) && boundary.reports) report_doomed();
        if (tq_head) expire_timers();   /* no timers: no clock read */
        if (!rq_empty() || boundary.stop) break;
        if (UA_USES(UA_FEATURE_ISR_SIGNALS) && isr_head) continue;
        if (tq_head) ua_port_idle(true, tq_head->deadline);
        else ua_port_idle(false, 0);
    }
    /* the batch: the entries queued now, up to batch_end */
    rq_push(&batch_end);
    for (;;) {
        ua_task *t = ua_rq_head;
        if (t == &batch_end) {
            /* With no timer waiting, no interrupt signalled and no stop
             * asked for, the next batch needs no set-up: it starts here,
             * with the marker behind what this batch queued (CPython's
             * next _run_once would run exactly those entries). */
            if (ua_rq_tailp == &batch_end.next || boundary.any) break;
            t = batch_end.next;
            rq_push(&batch_end);
        }
        ua_rq_head = t->next; /* set: batch_end is behind t */
        /* the common case, inline: a started task resumed with no cancel */
        if (__builtin_expect((t->state_word & FAST_MASK) == 0, 1)) {
        step:
            ua_current = t;   /* left set until the batch ends (run_entry clears it) */
            ua_status st = t->step(t);
            if (st == UA_YIELDED) {
                rq_push(t);
            } else if (__builtin_expect(st != UA_PENDING, 0)) {
                ua_current = NULL;
                finish_step(st, t);
            }
        } else if (run_entry(t)) {
            goto step; /* its first step: the same stepping, one copy */
        }
    }
    if (ua_rq_tailp == &batch_end.next) ua_rq_tailp = &ua_rq_head;
    else ua_rq_head = batch_end.next;
    ua_current = NULL;
}

void ua_run_forever(void) {
    do run_batch();
    while (!boundary.stop);
    boundary.stop = false;
}

void ua_loop_stop(void) { boundary.stop = true; }

ua_status ua_run_until_complete(ua_task *root) {
    run_root = root;
    stop_marker.step = stop_step;
    if (root->state == UA_TASK_NEW) ua_task_schedule(root);
    if (ua_task_finished(root)) make_ready(&stop_marker);
    ua_run_forever();
    /* No longer the root (a later task could have its address); runs do
     * not nest (the compiler rejects run_until_complete in a coroutine and
     * checks ua_current before one in a function: emit.not_running). */
    run_root = NULL;
    /* Without loop.stop() only stop_marker stops the loop, and it is
     * queued once root has finished: it ran (finish_step left it DONE),
     * and root is finished. */
    if (UA_USES(UA_FEATURE_LOOP_STOP)) {
        /* (READY too, in no queue, before the first run: nothing to remove) */
        if (stop_marker.state == UA_TASK_READY) rq_remove(&stop_marker);
        stop_marker.state = UA_TASK_DONE;
    }
    if (UA_USES(UA_FEATURE_LOOP_STOP) && !ua_task_finished(root)) {
        ua_raise(&ua_RuntimeError, "Event loop stopped before Future completed.");
        return UA_RAISED;
    }
    return ua_task_outcome(root);
}

ua_float ua_loop_time(void) {
    return (ua_float)(ua_port_ticks_ms() - origin) / (ua_float)1000;
}

void ua_sched_reset(void) {
    ua_rq_head = tq_head = tq_tail = xq_head = xq_tail = NULL;
    ua_rq_tailp = &ua_rq_head;
    self_cancelled = NULL;
    unreported = doomed = 0;
    isr_head = NULL;
    boundary.any = 0;
    ua_current = NULL;
    run_root = NULL;
    stop_marker.state = UA_TASK_DONE;
    ua_live_reset();
    ua_sched_start();
}

void ua_sched_start(void) { origin = ua_port_ticks_ms(); }
