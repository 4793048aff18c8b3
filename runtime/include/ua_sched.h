/* The scheduler: tasks are statically sized state machines behind a small
 * header; one intrusive link serves the run queue, the timer queue and wait
 * lists, because a task waits on one thing at a time. Nothing here
 * allocates.
 *
 * Wake-ups reproduce CPython asyncio's queue hops so that interleavings
 * match it exactly:
 *  - create_task / call_soon: appended to the run queue.
 *  - sleep(0) (ua_yield): the task goes to the back of the run queue.
 *  - sleep(d > 0) (ua_sleep_ms): on expiry the task is appended in state
 *    UA_TASK_WAKING; when popped it is appended again as READY and only
 *    then stepped (CPython's timer handle, then the task's wakeup).
 *  - call_later: on expiry the callback is appended and runs when popped.
 *  - a task finishing appends each waiter (awaiting tasks) once.
 *  - the loop runs in batches like CPython's _run_once: signals from ISRs are
 *    drained (ua_isr_signal), expired timers are moved to the run queue,
 *    then exactly the entries present at that moment run; entries appended
 *    meanwhile wait for the next batch.
 *  - a primitive waking a parked task (CPython: fut.set_result, which
 *    call_soon's the task's __wakeup): appended once (one hop).
 *  - cancel() of a task blocked on a future (sleep, a primitive, wait_for's
 *    waiter) cancels that future: the task is appended at once (one hop)
 *    and raises CancelledError at the await. A task blocked in `await t`
 *    instead cancels t and keeps waiting for it; one in a gather cancels
 *    the gather's children. A READY task (or one not yet started) gets the
 *    CancelledError at its next resumption (CPython's _must_cancel); if it
 *    then blocks on a future first, that future is cancelled at once.
 *
 * How generated code awaits: set fr->state, then at the resumption label
 * call one runtime "await" function, which returns UA_PENDING (parked:
 * return UA_PENDING), UA_DONE or UA_RAISED. The function tells a fresh call
 * from a resumption by ua_current->wait_obj (what the task is parked on):
 *     fr->state = 7;
 *   L7:
 *     switch (ua_lock_acquire(&g_lock)) {
 *     case UA_PENDING: return UA_PENDING;
 *     case UA_RAISED: UA_FAIL();
 *     default: break;
 *     }
 * Arguments the call needs must be evaluated before fr->state is set and
 * kept in the frame, since the call is repeated at each resumption.
 * sleep keeps its two-part form plus one check at the label, and sleep(0)
 * returns UA_YIELDED instead (a parent frame passes it up unchanged):
 *     ua_sleep_ms(ms); fr->state = 8; return UA_PENDING;
 *   L8:
 *     if (ua_resume_cancelled()) UA_FAIL();
 */
#ifndef UA_SCHED_H
#define UA_SCHED_H

#include "ua_exc.h"
#include "ua_types.h"

/* What the program can make the scheduler do, decided by the compiler from
 * the runtime functions the generated code calls (emit.runtime_features)
 * and defined in the generated main.c. The scheduler's paths for the other
 * features are dead code then: a constant under LTO (the Pyboard), so the
 * firmware leaves them out; a load and a branch on the host. */
enum {
    UA_FEATURE_CANCEL = 1u << 0,       /* task.cancel(), wait_for, CancelledError named */
    UA_FEATURE_TASK_WAITERS = 1u << 1, /* await of a task, wait_for */
    UA_FEATURE_GATHER = 1u << 2,       /* gather */
    UA_FEATURE_CALLBACKS = 1u << 3,    /* call_soon/call_later, wait_for */
    UA_FEATURE_ISR_SIGNALS = 1u << 4,  /* Event/ThreadSafeFlag set from an ISR */
    UA_FEATURE_LOOP_STOP = 1u << 5,    /* loop.stop() */
    UA_FEATURE_COLLECTOR = 1u << 6,    /* allocation not proved bounded: the arena's collector */
    UA_FEATURE_TIMER_LANE = 1u << 7,   /* so is the number of tasks: the timer queue's express lane */
    UA_FEATURE_SHUTDOWN = 1u << 8,     /* asyncio.run() cancels the tasks left (shutdown.c) */
    UA_FEATURE_HELD_TASKS = 1u << 9,   /* with the collector: it frees finished tasks held anywhere */
    UA_FEATURES_ALL = (1u << 10) - 1u,
};
extern const uint32_t ua_program_features;
#define UA_USES(feature) ((ua_program_features & (feature)) != 0u)

/* UA_YIELD: a generator's resume produced a value (never a task's).
 * UA_YIELDED: a coroutine did `await asyncio.sleep(0)`; the run loop puts
 * the task at the back of the run queue (the same as ua_yield() followed
 * by UA_PENDING, with the task already in a register). It is 0 so that
 * the loop tells it from the rest with one cbnz. */
typedef enum { UA_YIELDED = 0, UA_PENDING, UA_DONE, UA_RAISED, UA_YIELD } ua_status;

enum {
    /* READY is 0 so that the run loop's test for the common case is one
     * tst (sched.c, FAST_MASK) */
    UA_TASK_READY = 0,   /* in the run queue, will be stepped */
    UA_TASK_NEW,         /* initialised, not yet scheduled */
    UA_TASK_WAKING,      /* in the run queue after a timer expired */
    UA_TASK_SLEEPING,    /* in the timer queue */
    UA_TASK_WAITING,     /* in another task's waiter list (wait_obj: it) */
    UA_TASK_GATHERING,   /* waiting for its gather (wait_obj: the gather) */
    UA_TASK_PARKED,      /* in a primitive's ua_waitq (wait_obj: the queue) */
    UA_TASK_EVWAIT,      /* in an Event's waiters (wait_obj: the Event); a
                            program that never cancels leaves it READY */
    UA_TASK_FUTWAIT,     /* wait_for: in the inner task's waiter list
                            (wait_obj: it), woken two hops after it ends */
    UA_TASK_DONE,        /* finished with a result */
    UA_TASK_FAILED,      /* finished with an exception in exc */
    UA_TASK_CANCELLED,   /* finished by CancelledError (exc is NULL) */
};

/* How a park ended (ua_task.wake, ua_park_end). */
enum {
    UA_WAKE_NONE = 0,
    UA_WAKE_OK,          /* woken by the primitive (fut.set_result) */
    UA_WAKE_CANCELLED,   /* the wait itself was cancelled (fut.cancel) */
    UA_WAKE_INTERRUPTED, /* woken, but cancel() came before it ran: the
                            wait succeeded, CancelledError is thrown in */
};

enum {
    UA_TASK_DETACHED = 1u << 0,   /* nobody holds it: free when finished */
    UA_TASK_CALLBACK = 1u << 1,   /* a call_soon/call_later handle */
    UA_TASK_RETRIEVED = 1u << 2,  /* its exception was awaited */
    UA_TASK_ARENA = 1u << 3,      /* allocated with ua_alloc */
    UA_TASK_NOTIFY = 1u << 4,     /* finished gather child queued to notify */
    UA_TASK_MUST_CANCEL = 1u << 5,/* CPython's _must_cancel */
    UA_TASK_FRESH = 1u << 6,      /* never stepped (set by ua_task_init) */
    UA_TASK_EXPRESS = 1u << 7,    /* on the timer queue's express lane (sched.c) */
};

typedef struct ua_task ua_task;
typedef struct ua_gather ua_gather;
typedef ua_status (*ua_step_fn)(ua_task *self);

/* 24 bytes on a 32-bit target. The root frame follows the header at
 * sizeof(ua_task) and starts with its result (UA_TASK_RESULT); an arena
 * task's size is in front of the header (ua_task_alloc); a gather child's
 * gather ends its waiters list (see ua_gather). */
struct ua_task {
    ua_task *next;        /* link in the one queue that holds the task */
    ua_step_fn step;      /* resumes the root frame that follows the header */
    ua_task *waiters;     /* tasks awaiting this one, linked through next;
                             the list ends with NULL or, for a gather's
                             member, with the gather (tagged in bit 0) */
    union {
        ua_exc *exc;      /* once finished: set when FAILED */
        void *wait_obj;   /* while unfinished: what it is parked on */
    };
    union {
        uint32_t deadline; /* ms ticks, while SLEEPING */
        ua_task *wnext;    /* link in a ua_waitq (never while SLEEPING) */
    };
    union {
        struct {
            uint8_t state;
            uint8_t flags;
            uint8_t wake; /* UA_WAKE_*: how the current park ended */
            uint8_t aux;  /* scratch of the await in progress (Condition) */
        };
        uint32_t state_word; /* the four bytes at once (run_batch's test) */
    };
};

/* loop.set_exception_handler(): called (instead of the default, which
 * prints the message and the traceback to stderr) for an exception nobody
 * retrieved: a task's ("Task exception was never retrieved") or a
 * callback's ("Exception in callback"). NULL: the default. */
typedef void (*ua_exception_handler_fn)(const char *message, ua_exc *e);
extern ua_exception_handler_fn ua_exception_handler;
void ua_default_exception_handler(const char *message, ua_exc *e);
/* An exception nobody retrieved, to the handler set, else the default. */
void ua_report_exception(const char *message, ua_exc *e);

/* The task being stepped (NULL outside the loop). */
extern ua_task *ua_current;

void ua_task_init(ua_task *t, ua_step_fn step, uint8_t flags);
/* The header ua_task_init makes, as an initializer: generated code
 * assigns a new task's header and root frame in one compound literal. */
#define UA_TASK_HEADER(step_, flags_) \
    { .step = (step_), .state = UA_TASK_NEW, .flags = (uint8_t)((flags_) | UA_TASK_FRESH) }

/* Where a task's result is: the first member of its root frame, which
 * follows the header (generated task types assert both offsets). Every
 * frame's alignment divides sizeof(ua_task) (8 on the M4 and x86-64). */
#define UA_TASK_RESULT(t) ((void *)((ua_task *)(t) + 1))

/* Arena storage for a task of `size` bytes (flag it UA_TASK_ARENA): the
 * block's size is kept in front of the task, not in the header. NULL with
 * MemoryError pending when the arena is full. */
#define UA_TASK_PREFIX (UA_USES(UA_FEATURE_SHUTDOWN) ? UA_TASK_PREFIX_LIVE : 8u)
#define UA_TASK_PREFIX_LIVE sizeof(ua_live)
void *ua_task_alloc(size_t size);

/* The tasks asyncio.run()'s shutdown cancels (shutdown.c), in creation
 * order: each arena task, from the block in front of it (ua_task_alloc),
 * and each gather's children, from the gather. */
typedef struct ua_live ua_live;
struct ua_live {
    uint32_t size;     /* an arena task's block size (for ua_free); a gather: 0 */
    uint32_t shutdown; /* shutdown.c's marks */
    ua_live *prev, *next;
};
void ua_live_add(ua_live *l);
void ua_live_remove(ua_live *l);
void ua_live_reset(void); /* for ua_sched_reset: an empty list */
/* The arena block of task t from ua_task_alloc; its first word is the
 * block's size (with the UA_TASK_SIZE_ bits below). */
static inline __attribute__((always_inline)) uint32_t *ua_task_block(ua_task *t) {
    return (uint32_t *)(void *)((unsigned char *)t - UA_TASK_PREFIX);
}
/* After asyncio.run()'s main coroutine: cancel the tasks still pending and
 * run them until they finish; an exception one of them ends with is
 * reported. ua_raised (main's outcome) is kept. */
void ua_asyncio_run_end(void);
/* A child of gather g has finished: if the shutdown cancelled it, an
 * exception it ended with is reported now, as CPython reports each task it
 * cancelled (the gather's storage may be freed before the shutdown's end). */
void ua_shutdown_child_finished(ua_gather *g, ua_task *t);

/* The last reference to an arena task is gone (the variable that held it
 * was overwritten or its function returned): free it now if it finished,
 * else when it finishes. An exception nobody retrieved is reported then,
 * as CPython reports it when the task is garbage-collected. */
void ua_task_release(ua_task *t);
/* A finished arena task nobody will release (the program may hold it
 * anywhere): from now on the arena's collector frees it once nothing
 * points at it. */
void ua_task_to_collector(ua_task *t);
/* The collector has marked what the program reaches and is about to free
 * the rest: a task it took (ua_task_to_collector) with an exception nobody
 * retrieved is kept until that exception is reported, as CPython reports
 * it when such a task is garbage-collected. The report comes between two
 * batches of the loop (the collector runs inside an allocation), or at
 * the program's end, as do those of the tasks never collected. */
void ua_task_collecting(void);
void ua_report_uncollected(void);
/* Bits of the size in front of an arena task (ua_task_alloc). */
#define UA_TASK_SIZE_OWNED 0x40000000u        /* ua_task_owned */
#define UA_TASK_SIZE_TO_COLLECTOR 0x80000000u /* ua_task_to_collector took it */
#define UA_TASK_SIZE_FLAGS (UA_TASK_SIZE_OWNED | UA_TASK_SIZE_TO_COLLECTOR)
/* Arena task t (NULL: none) is held by one variable alone, which releases
 * it (ua_task_release): the collector never needs to take it. (The bits
 * are set only with UA_FEATURE_HELD_TASKS.) */
static inline void ua_task_owned(ua_task *t) {
    if (UA_USES(UA_FEATURE_HELD_TASKS) && t) *ua_task_block(t) |= UA_TASK_SIZE_OWNED;
}

/* create_task / call_soon: append to the run queue. */
void ua_task_schedule(ua_task *t);

/* call_later: put a callback (UA_TASK_CALLBACK) in the timer queue. */
void ua_task_schedule_later(ua_task *t, uint32_t delay_ms);

/* The run queue (sched.c), here for the inline fast paths: a FIFO linked
 * through next; ua_rq_tailp is the link to fill next, &ua_rq_head when
 * the queue is empty. The last entry's next is not set (the queue ends
 * where ua_rq_tailp points), which saves a store on every push. */
extern ua_task *ua_rq_head;
extern ua_task **ua_rq_tailp;

static inline __attribute__((always_inline)) void ua_rq_push(ua_task *t) {
    *ua_rq_tailp = t;
    ua_rq_tailp = &t->next;
}

static inline __attribute__((always_inline)) void ua_make_ready(ua_task *t) {
    t->state = UA_TASK_READY;
    ua_rq_push(t);
}

/* await asyncio.sleep(0) in a hand-written step (generated code returns
 * UA_YIELDED): the current task to the back of the run queue (a task is
 * stepped only in state READY and keeps it while it runs). */
static inline __attribute__((always_inline)) void ua_yield(void) { ua_rq_push(ua_current); }

/* await asyncio.sleep(d) with d > 0 (ms already rounded, may be 0): the
 * current task into the timer queue, ordered by deadline then insertion. */
void ua_sleep_ms(uint32_t ms);

static inline bool ua_task_finished(const ua_task *t) {
    return t->state >= UA_TASK_DONE;
}
static inline bool ua_task_cancelled(const ua_task *t) {
    return t->state == UA_TASK_CANCELLED;
}

/* await t (a Task): UA_PENDING (parked in t's waiters), UA_DONE (result at
 * UA_TASK_RESULT(t)) or UA_RAISED (t's exception; CancelledError when t was
 * cancelled or when the awaiting task is cancelled). Cancelling the awaiting
 * task cancels t and keeps waiting for it, as CPython. */
ua_status ua_task_await(ua_task *t);

/* Older two-part form of `await t`, still supported:
 * while t is not finished: the current task joins t's waiters. */
void ua_task_wait(ua_task *t);

/* After t finished: UA_DONE (result at UA_TASK_RESULT(t)) or UA_RAISED with t's
 * exception made pending again (marked retrieved); a fresh CancelledError
 * when t was cancelled. */
ua_status ua_task_outcome(ua_task *t);

/* task.cancel(): false when t has finished; otherwise requests the
 * cancellation as CPython does (see the top of this file) and returns true.
 * On a call_soon/call_later handle it is handle.cancel() (ua_timer_cancel). */
bool ua_task_cancel(ua_task *t);

/* At the resumption label of sleep / sleep(0): true, with CancelledError
 * pending, when the current task must raise there. */
bool ua_resume_cancelled_slow(void);
/* Set while the loop steps a task on its slow path (run_entry), which is
 * for a task with a cancel pending or its sleep cancelled; the fast path's
 * test of the state word excludes both. */
extern bool ua_stepped_slowly;
static inline __attribute__((always_inline)) bool ua_resume_cancelled(void) {
    /* inline: this runs at every resumption after a sleep */
    if (UA_USES(UA_FEATURE_CANCEL) && __builtin_expect(ua_stepped_slowly, 0))
        return ua_resume_cancelled_slow();
    return false;
}

/* handle.cancel() for a call_later/call_soon callback: removes it from the
 * timer or run queue (a detached arena handle is freed). */
void ua_timer_cancel(ua_task *cb);

/* ---- For the primitives (ua_prim.h); not for generated code. ---- */

/* A FIFO of parked tasks linked through wnext. A woken (or cancelled)
 * waiter stays in it until it runs and removes itself, as CPython's futures
 * stay in their deque until the awaiting coroutine's finally runs. */
typedef struct ua_waitq {
    ua_task *head, *tail;
} ua_waitq;

/* Park the current task at the back of q (state PARKED, wait_obj q; a
 * task's wnext means something only while it is in a queue); inline:
 * every wait on a primitive does it. */
static inline __attribute__((always_inline)) void ua_waitq_park(ua_waitq *q) {
    ua_task *t = ua_current;
    t->wait_obj = q;
    t->wake = UA_WAKE_NONE;
    t->state = UA_TASK_PARKED;
    t->wnext = NULL;
    if (q->tail) q->tail->wnext = t;
    else q->head = t;
    q->tail = t;
}
/* fut.set_result: a PARKED waiter to the run queue (one hop). */
static inline __attribute__((always_inline)) void ua_waitq_wake(ua_task *t) {
    t->wake = UA_WAKE_OK;
    ua_make_ready(t);
}
/* Unlink t from q if it is there (inline when it is the first, as a
 * waiter resumed in FIFO order is). */
void ua_waitq_remove_slow(ua_waitq *q, ua_task *t);
static inline __attribute__((always_inline)) void ua_waitq_remove(ua_waitq *q, ua_task *t) {
    if (__builtin_expect(q->head == t, 1)) {
        q->head = t->wnext;
        if (!q->head) q->tail = NULL;
    } else {
        ua_waitq_remove_slow(q, t);
    }
}
/* Unlink and return the first waiter (NULL when empty). */
ua_task *ua_waitq_pop(ua_waitq *q);
/* The waiter's future is not done yet / was cancelled. */
static inline bool ua_waiter_pending(const ua_task *t) {
    return t->state == UA_TASK_PARKED;
}
static inline bool ua_waiter_cancelled(const ua_task *t) {
    return t->wake == UA_WAKE_CANCELLED;
}
/* At a resumption: how the current task's park ended (UA_WAKE_OK,
 * UA_WAKE_CANCELLED or UA_WAKE_INTERRUPTED); clears the park and the
 * pending cancel request. */
uint8_t ua_park_end_slow(void);
static inline __attribute__((always_inline)) uint8_t ua_park_end(void) {
    /* stepped inline: woken by the primitive (OK), no cancel pending */
    if (UA_USES(UA_FEATURE_CANCEL) && __builtin_expect(ua_stepped_slowly, 0))
        return ua_park_end_slow();
    ua_task *t = ua_current;
    t->wake = UA_WAKE_NONE;
    t->wait_obj = NULL;
    return UA_WAKE_OK;
}

/* wait_for support: park the current task in t's waiters so that it wakes
 * two hops after t finishes (a done callback, then the task); remove it. */
void ua_task_wait_cb(ua_task *t);
void ua_task_unwait(ua_task *t, ua_task *waiter);
/* _release_waiter: complete the FUTWAIT park of `waiter` (one hop) unless
 * it is already complete. */
void ua_release_waiter(ua_task *waiter);

/* Interrupt signals: an ISR calls ua_isr_signal (masks interrupts for a
 * few instructions, never allocates); the scheduler calls n->fire(n) at the
 * start of the next batch, in signal order, once per node however many
 * signals arrived. */
typedef struct ua_isr_node {
    struct ua_isr_node *next;
    void (*fire)(struct ua_isr_node *n);
    volatile uint8_t pending;
} ua_isr_node;
void ua_isr_signal(ua_isr_node *n);

/* asyncio.gather over coroutine calls: each child is a private task (its
 * frame inside the parent's frame). As in CPython, a finishing child first
 * queues its done callback (the child itself, flagged NOTIFY, goes to the
 * back of the run queue); when that runs, the count drops, and the last one
 * appends the parent, which then resumes. */
struct ua_gather {
    ua_task *parent;
    uint32_t remaining;   /* children whose done callback has not run */
    /* Added: without return_exceptions, the first child whose done callback
     * runs with an exception wakes the parent at once (as CPython's
     * outer.set_exception) and is recorded here; the parent raises it with
     * ua_task_outcome(g->failed). The other children keep running. */
    ua_task *failed;
    bool return_exceptions; /* set after ua_gather_init; failures then count
                               as finished children and never wake early */
    bool cancel_requested;  /* the parent was cancelled: it raises
                               CancelledError when the gather completes */
    ua_task **kids;         /* the children (storage given to ua_gather_init) */
    uint32_t n_kids;
    void *block;            /* set by ua_gather_release: the arena block */
    uint32_t block_size;    /* holding g and its children, freed by the
                               last child's done callback */
    bool in_live;           /* its children are in shutdown.c's list */
    ua_live live;
};

/* gather(*tasks): add a task that already exists (scheduled or finished)
 * as a member of g; its done callback counts like a child's. */
void ua_gather_add(ua_gather *g, ua_task *t);

/* The parent is done with a gather whose storage (g and the children) is
 * the arena block `block`: free it now if every child's done callback ran,
 * else when the last one runs (a failed gather's other children go on, as
 * in CPython; their exceptions count as retrieved). */
void ua_gather_release(ua_gather *g, void *block, uint32_t size);

/* kids: room for a pointer to each child started or added. */
void ua_gather_init(ua_gather *g, ua_task **kids);
/* Schedule `child` (initialised) as a member of g. */
void ua_gather_start(ua_gather *g, ua_task *child);
/* The current task waits for g; call only when g->remaining > 0. */
void ua_gather_wait(ua_gather *g);
/* The same as one await function: UA_PENDING, UA_RAISED (the failed
 * child's exception, or CancelledError) or UA_DONE (collect the children's
 * outcomes). Call it after starting the children. */
ua_status ua_gather_await(ua_gather *g);

/* Run the loop until `root` finishes, CPython's run_until_complete: the
 * loop stops one batch after root finished. Returns root's outcome as
 * ua_task_outcome does. */
ua_status ua_run_until_complete(ua_task *root);

/* loop.run_forever() until loop.stop(); loop.stop() ends it after the
 * current batch. */
void ua_run_forever(void);
void ua_loop_stop(void);

/* loop.time(): seconds on the scheduler clock. */
ua_float ua_loop_time(void);

/* At program start (the static data is the reset state): the clock
 * origin of loop.time(). */
void ua_sched_start(void);
/* For tests: drop every queued task, forget every task (shutdown.c's
 * list) and reset the clock origin. */
void ua_sched_reset(void);

#endif
