/* Synchronisation primitives with CPython 3.11 asyncio semantics: Event,
 * ThreadSafeFlag (MicroPython), Lock, Semaphore, BoundedSemaphore,
 * Condition, Queue, Barrier, and wait_for. Each is a struct placed
 * statically or in a frame and initialised in place (never copied after
 * init); waiting links the tasks themselves, so nothing here allocates
 * except an unbounded Queue growing its ring.
 *
 * Every function named as an await below follows the protocol at the top
 * of ua_sched.h: call it at the resumption label, again at every
 * resumption, and it returns UA_PENDING (return UA_PENDING), UA_RAISED
 * (UA_FAIL) or UA_DONE. Each is cancellable with CPython's clean-up (a
 * cancelled Lock waiter that was already woken wakes the next one, a
 * cancelled Semaphore waiter gives its unit back, a cancelled getter woken
 * by put passes the wakeup on, Condition.wait re-acquires the lock before
 * raising CancelledError). Wake-ups take one hop each, as CPython's futures.
 *
 * What the compiler emits (SW is the switch of ua_sched.h:
 * `switch (CALL) { case UA_PENDING: return UA_PENDING; case UA_RAISED:
 * UA_FAIL(); default: break; }`):
 *   await l.acquire() / async with l:  fr->state=N; LN: SW(ua_lock_acquire(&l))
 *       and ua_lock_release(&l) on every exit of the with body
 *   await e.wait():                    fr->state=N; if (ua_event_wait_park(&e)) return UA_PENDING;
 *                                      goto LN_SET; LN: if (ua_event_wait_resumed()) UA_FAIL(); LN_SET:
 *   x = await q.get():                 fr->state=N; LN: SW(ua_queue_get(&q, &fr->tmp)); x = fr->tmp;
 *   await q.put(v):                    fr->tmp=v; fr->state=N; LN: SW(ua_queue_put(&q, &fr->tmp))
 *   await c.wait():                    fr->state=N; LN: SW(ua_cond_wait(&c))
 *   i = await b.wait():                fr->state=N; LN: SW(ua_barrier_wait(&b, &fr->tmp)); i = fr->tmp;
 *   x = await asyncio.wait_for(coro(args), t):
 *       m.task.frame = <coro frame init>;
 *       ua_task_init(&m.task.hdr, coro_step, 0);
 *       { ua_float d = t; ua_timeout_init(&m.to, &m.task.hdr, ua_gen_seconds_to_ms(d), d <= 0); }
 *       fr->state=N; LN: SW(ua_wait_for(&m.to)); x = m.task.frame.result;
 *     (wait_for_ms: ua_gen_ms(ms), ms <= 0; timeout None: a plain await)
 */
#ifndef UA_PRIM_H
#define UA_PRIM_H

#include "ua_sched.h"

/* ---- Event ---- */
/* The waiters are a run-queue segment: linked through next (the link of
 * the one queue that holds a task), ending at tailp as the run queue does
 * (no terminating NULL), so set() moves them all to the run queue at once
 * and a woken waiter has nothing to leave at its resumption. */
typedef struct ua_event {
    ua_task *head;        /* the first waiter, when tailp != &head; first,
                             so that set()'s test for no waiters is tailp == e */
    ua_task **tailp;      /* the last waiter's next, or &head */
    bool value;
    ua_isr_node isr;      /* for ua_event_set_from_isr */
} ua_event;

void ua_event_init(ua_event *e);
bool ua_event_is_set(const ua_event *e);
/* set(): wakes every waiter, in the order they waited, one hop each.
 * Inline: without cancellation a waiter stays READY while it waits (no
 * one else looks at it), so this is a splice; with it, each waiter is
 * EVWAIT until set() or cancel() takes it out. */
static inline __attribute__((always_inline)) void ua_event_set(ua_event *e) {
    if (e->value) return;
    e->value = true;
    ua_task **last = e->tailp;
    if (last == &e->head) return;
    ua_task *w = e->head;
    *ua_rq_tailp = w;
    ua_rq_tailp = last;
    e->tailp = &e->head;
    if (UA_USES(UA_FEATURE_CANCEL)) {
        for (;;) {
            w->state = UA_TASK_READY;
            if (&w->next == last) break;
            w = w->next;
        }
    }
}
void ua_event_clear(ua_event *e);
/* cancel() of a task in e's waiters (EVWAIT): unlink it. */
void ua_event_unlink(ua_event *e, ua_task *t);
/* await e.wait() (its True result is implied by UA_DONE). */
ua_status ua_event_wait(ua_event *e);
/* The same in two parts, inline, for the compiler (nothing to tell a fresh
 * call from a resumption): _park returns false when e is set, else parks
 * the current task and returns true (return UA_PENDING); _resumed, at the
 * resumption, returns true with CancelledError pending when the wait was
 * cancelled. */
static inline __attribute__((always_inline)) void ua_event_link(ua_event *e, ua_task *t) {
    if (UA_USES(UA_FEATURE_CANCEL)) {
        t->state = UA_TASK_EVWAIT; /* what cancel() looks for */
        t->wait_obj = e;
    }
    *e->tailp = t;
    e->tailp = &t->next;
}
static inline __attribute__((always_inline)) bool ua_event_wait_park(ua_event *e) {
    if (e->value) return false;
    ua_event_link(e, ua_current);
    return true;
}
/* the resumption of a task stepped slowly: how its park ended */
bool ua_event_wait_resumed_slow(void);
static inline __attribute__((always_inline)) bool ua_event_wait_resumed(void) {
    /* stepped inline, or in a program that never cancels: woken by set(),
     * which took it out of the waiters */
    if (!UA_USES(UA_FEATURE_CANCEL) || __builtin_expect(!ua_stepped_slowly, 1)) return false;
    return ua_event_wait_resumed_slow();
}
/* From an interrupt handler: set() runs at the start of the next batch. */
void ua_event_set_from_isr(ua_event *e);

/* ---- ThreadSafeFlag (MicroPython asyncio.ThreadSafeFlag) ---- */
typedef struct ua_tsflag {
    ua_isr_node isr;
    ua_waitq waiters;     /* one waiter in practice; FIFO if more */
    volatile bool state;
} ua_tsflag;

void ua_tsflag_init(ua_tsflag *f);
/* set(): safe from an ISR and from tasks; as MicroPython's poller, the
 * waiter is woken at the start of the next batch. */
void ua_tsflag_set(ua_tsflag *f);
void ua_tsflag_clear(ua_tsflag *f);
/* await f.wait(): returns at once if set; clears the flag on return. */
ua_status ua_tsflag_wait(ua_tsflag *f);

/* ---- Lock ---- */
typedef struct ua_lock {
    ua_waitq waiters;
    bool locked;
} ua_lock;

void ua_lock_init(ua_lock *l);
bool ua_lock_locked(const ua_lock *l);
/* await l.acquire() (3.11: no hand-off; a woken waiter takes the lock when
 * it runs, and a new acquirer queues behind waiters that are not
 * cancelled). `async with l` is acquire, then release on every exit. */
ua_status ua_lock_acquire(ua_lock *l);
/* l.release(): RuntimeError("Lock is not acquired.") when unlocked. */
bool ua_lock_release(ua_lock *l);

/* ---- Semaphore / BoundedSemaphore ---- */
typedef struct ua_sem {
    ua_waitq waiters;
    ua_int value;
    ua_int bound;         /* BoundedSemaphore's initial value, or -1 */
} ua_sem;

/* ValueError("Semaphore initial value must be >= 0") when value < 0. */
bool ua_sem_init(ua_sem *s, ua_int value, bool bounded);
bool ua_sem_locked(const ua_sem *s);
ua_status ua_sem_acquire(ua_sem *s);   /* await s.acquire() */
/* s.release(); BoundedSemaphore: ValueError("BoundedSemaphore released
 * too many times"). */
bool ua_sem_release(ua_sem *s);

/* ---- Condition ---- */
typedef struct ua_cond {
    ua_lock *lock;        /* the lock given at init, or &own */
    ua_lock own;
    ua_waitq waiters;
} ua_cond;

void ua_cond_init(ua_cond *c, ua_lock *lock_or_null);
/* The lock's locked/acquire/release. */
static inline bool ua_cond_locked(const ua_cond *c) { return c->lock->locked; }
static inline ua_status ua_cond_acquire(ua_cond *c) { return ua_lock_acquire(c->lock); }
static inline bool ua_cond_release(ua_cond *c) { return ua_lock_release(c->lock); }
/* await c.wait(): release, wait for notify, re-acquire (also when
 * cancelled, then raise CancelledError). RuntimeError("cannot wait on
 * un-acquired lock"). wait_for(pred) is compiled as
 * `while not pred(): await c.wait()`. */
ua_status ua_cond_wait(ua_cond *c);
/* notify(n) / notify_all(): RuntimeError("cannot notify on un-acquired
 * lock"). */
bool ua_cond_notify(ua_cond *c, ua_int n);
bool ua_cond_notify_all(ua_cond *c);

/* ---- Queue ---- */
typedef struct ua_queue {
    ua_waitq getters, putters;
    unsigned char *buf;   /* ring of cap items */
    uint32_t elem_size;
    uint32_t cap, head, len;
    ua_int maxsize;       /* <= 0: unbounded */
    bool buf_in_arena;
    uint32_t unfinished;  /* task_done / join */
    ua_event finished;
} ua_queue;

/* Queue(maxsize) of items of elem_size bytes. storage (cap items) may be
 * NULL: a bounded queue then takes maxsize items from the arena now, an
 * unbounded one grows in the arena on demand (doubling). Returns false
 * with MemoryError pending. */
bool ua_queue_init(ua_queue *q, uint32_t elem_size, ua_int maxsize,
                   void *storage, uint32_t cap);
ua_int ua_queue_qsize(const ua_queue *q);
ua_int ua_queue_maxsize(const ua_queue *q);
bool ua_queue_empty(const ua_queue *q);
bool ua_queue_full(const ua_queue *q);
/* await q.put(*item) / await q.get() into *out: item and out must stay
 * valid across the await (frame slots). */
ua_status ua_queue_put(ua_queue *q, const void *item);
ua_status ua_queue_get(ua_queue *q, void *out);
/* QueueFull / QueueEmpty (or MemoryError when an unbounded queue cannot
 * grow); false after raising. */
bool ua_queue_put_nowait(ua_queue *q, const void *item);
bool ua_queue_get_nowait(ua_queue *q, void *out);
/* task_done(): ValueError("task_done() called too many times"). */
bool ua_queue_task_done(ua_queue *q);
ua_status ua_queue_join(ua_queue *q);  /* await q.join() */

/* ---- Barrier (3.11) ---- */
enum { UA_BARRIER_FILLING, UA_BARRIER_DRAINING, UA_BARRIER_RESETTING, UA_BARRIER_BROKEN };
typedef struct ua_barrier {
    ua_cond cond;
    ua_int parties;
    ua_int count;
    uint8_t state;
} ua_barrier;

/* ValueError("parties must be > 0"). */
bool ua_barrier_init(ua_barrier *b, ua_int parties);
/* await b.wait(): *index receives the arrival index. *index must be a frame
 * slot: it holds the await's progress while pending. BrokenBarrierError
 * ("Barrier aborted" / "Abort or reset of barrier"). */
ua_status ua_barrier_wait(ua_barrier *b, ua_int *index);
ua_status ua_barrier_reset(ua_barrier *b);  /* await b.reset() */
ua_status ua_barrier_abort(ua_barrier *b);  /* await b.abort() */
static inline ua_int ua_barrier_parties(const ua_barrier *b) { return b->parties; }
static inline ua_int ua_barrier_n_waiting(const ua_barrier *b) {
    return b->state == UA_BARRIER_FILLING ? b->count : 0;
}
static inline bool ua_barrier_broken(const ua_barrier *b) { return b->state == UA_BARRIER_BROKEN; }

/* ---- wait_for / wait_for_ms (CPython 3.11 tasks.wait_for) ---- */
typedef struct ua_timeout {
    ua_task timer;        /* call_later(timeout, _release_waiter) */
    ua_task *owner;       /* the task in wait_for */
    ua_task *inner;       /* the task wrapping the awaited coroutine */
    uint32_t ms;
    bool immediate;       /* timeout <= 0 */
    uint8_t phase;
    bool cancelled;       /* the owner was cancelled while draining */
} ua_timeout;

/* Before the await: `inner` is initialised (ua_task_init, not scheduled)
 * over the coroutine's frame; ms is the timeout rounded to ms and
 * immediate is `timeout <= 0`. */
void ua_timeout_init(ua_timeout *to, ua_task *inner, uint32_t ms, bool immediate);
/* await wait_for(...): UA_DONE (the result is at inner->result), UA_RAISED
 * (the inner exception, TimeoutError, or CancelledError). */
ua_status ua_wait_for(ua_timeout *to);

#endif
