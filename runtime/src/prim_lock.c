/* asyncio.Lock, Semaphore, BoundedSemaphore, Condition and Barrier, as in
 * CPython 3.11's asyncio/locks.py. */
#include "ua.h"

static ua_status raise_cancelled(void) {
    ua_raise(&ua_CancelledError, "");
    return UA_RAISED;
}

/* ---- Lock ---- */

void ua_lock_init(ua_lock *l) {
    l->waiters.head = l->waiters.tail = NULL;
    l->locked = false;
}

bool ua_lock_locked(const ua_lock *l) { return l->locked; }

static void lock_wake_up_first(ua_lock *l) {
    ua_task *w = l->waiters.head;
    if (w && ua_waiter_pending(w)) ua_waitq_wake(w);
}

ua_status ua_lock_acquire(ua_lock *l) {
    ua_task *me = ua_current;
    if (me->wait_obj == &l->waiters) { /* resumed: finally remove */
        ua_waitq_remove(&l->waiters, me);
        if (ua_park_end() != UA_WAKE_OK) {
            if (!l->locked) lock_wake_up_first(l);
            return raise_cancelled();
        }
        l->locked = true;
        return UA_DONE;
    }
    if (!l->locked) {
        bool all_cancelled = true;
        for (ua_task *w = l->waiters.head; w; w = w->wnext)
            if (!ua_waiter_cancelled(w)) { all_cancelled = false; break; }
        if (all_cancelled) {
            l->locked = true;
            return UA_DONE;
        }
    }
    ua_waitq_park(&l->waiters);
    return UA_PENDING;
}

bool ua_lock_release(ua_lock *l) {
    if (!l->locked) {
        ua_raise(&ua_RuntimeError, "Lock is not acquired.");
        return false;
    }
    l->locked = false;
    lock_wake_up_first(l);
    return true;
}

/* ---- Semaphore ---- */

bool ua_sem_init(ua_sem *s, ua_int value, bool bounded) {
    s->waiters.head = s->waiters.tail = NULL;
    s->value = value;
    s->bound = bounded ? value : -1;
    if (value < 0) {
        ua_raise(&ua_ValueError, "Semaphore initial value must be >= 0");
        return false;
    }
    return true;
}

bool ua_sem_locked(const ua_sem *s) {
    if (s->value == 0) return true;
    for (ua_task *w = s->waiters.head; w; w = w->wnext)
        if (!ua_waiter_cancelled(w)) return true;
    return false;
}

static void sem_wake_up_next(ua_sem *s) {
    for (ua_task *w = s->waiters.head; w; w = w->wnext) {
        if (ua_waiter_pending(w)) {
            s->value--;
            ua_waitq_wake(w);
            return;
        }
    }
}

ua_status ua_sem_acquire(ua_sem *s) {
    ua_task *me = ua_current;
    if (me->wait_obj == &s->waiters) {
        ua_waitq_remove(&s->waiters, me);
        uint8_t how = ua_park_end();
        if (how != UA_WAKE_OK) {
            if (how != UA_WAKE_CANCELLED) { /* woken: give the unit back */
                s->value++;
                sem_wake_up_next(s);
            }
            return raise_cancelled();
        }
        if (s->value > 0) sem_wake_up_next(s);
        return UA_DONE;
    }
    if (!ua_sem_locked(s)) {
        s->value--;
        return UA_DONE;
    }
    ua_waitq_park(&s->waiters);
    return UA_PENDING;
}

bool ua_sem_release(ua_sem *s) {
    if (s->bound >= 0 && s->value >= s->bound) {
        ua_raise(&ua_ValueError, "BoundedSemaphore released too many times");
        return false;
    }
    s->value++;
    sem_wake_up_next(s);
    return true;
}

/* ---- Condition ---- */

enum { COND_REACQUIRE = 1, COND_CANCELLED = 2 }; /* ua_task.aux */

void ua_cond_init(ua_cond *c, ua_lock *lock) {
    ua_lock_init(&c->own);
    c->lock = lock ? lock : &c->own;
    c->waiters.head = c->waiters.tail = NULL;
}

ua_status ua_cond_wait(ua_cond *c) {
    ua_task *me = ua_current;
    ua_lock *lk = c->lock;
    if (me->wait_obj == &c->waiters) { /* notified or cancelled */
        ua_waitq_remove(&c->waiters, me);
        me->aux = ua_park_end() == UA_WAKE_OK ? 0 : COND_CANCELLED;
    } else if (me->wait_obj == &lk->waiters && (me->aux & COND_REACQUIRE)) {
        /* resumed inside the re-acquire loop */
    } else {
        if (!lk->locked) {
            ua_raise(&ua_RuntimeError, "cannot wait on un-acquired lock");
            return UA_RAISED;
        }
        ua_lock_release(lk);
        me->aux = 0;
        ua_waitq_park(&c->waiters);
        return UA_PENDING;
    }
    /* finally: must re-acquire the lock even if wait is cancelled */
    for (;;) {
        me->aux |= COND_REACQUIRE;
        ua_status st = ua_lock_acquire(lk);
        if (st == UA_PENDING) return UA_PENDING;
        if (st == UA_DONE) break;
        (void)ua_exc_take(); /* except CancelledError */
        me->aux |= COND_CANCELLED;
    }
    bool cancelled = me->aux & COND_CANCELLED;
    me->aux = 0;
    return cancelled ? raise_cancelled() : UA_DONE;
}

static void cond_notify(ua_cond *c, ua_int n) {
    ua_int idx = 0;
    for (ua_task *w = c->waiters.head; w && idx < n; w = w->wnext) {
        if (ua_waiter_pending(w)) {
            idx++;
            ua_waitq_wake(w);
        }
    }
}

bool ua_cond_notify(ua_cond *c, ua_int n) {
    if (!c->lock->locked) {
        ua_raise(&ua_RuntimeError, "cannot notify on un-acquired lock");
        return false;
    }
    cond_notify(c, n);
    return true;
}

bool ua_cond_notify_all(ua_cond *c) { return ua_cond_notify(c, INT32_MAX); }

/* ---- Barrier ---- */

/* The await's progress, kept in the caller's *index while pending:
 * acquiring the Condition's lock, blocked while draining/resetting, and
 * from 0 up the arrival index while waiting for the barrier to fill. */
enum { PH_ACQUIRE = -3, PH_BLOCK = -2 };

bool ua_barrier_init(ua_barrier *b, ua_int parties) {
    ua_cond_init(&b->cond, NULL);
    b->parties = parties;
    b->count = 0;
    b->state = UA_BARRIER_FILLING;
    if (parties < 1) {
        ua_raise(&ua_ValueError, "parties must be > 0");
        return false;
    }
    return true;
}

static void barrier_exit(ua_barrier *b) {
    if (b->count == 0) {
        if (b->state == UA_BARRIER_RESETTING || b->state == UA_BARRIER_DRAINING)
            b->state = UA_BARRIER_FILLING;
        cond_notify(&b->cond, INT32_MAX);
    }
}

ua_status ua_barrier_wait(ua_barrier *b, ua_int *index) {
    ua_task *me = ua_current;
    ua_lock *lk = b->cond.lock;
    ua_status st;
    if (me->wait_obj != &lk->waiters && me->wait_obj != &b->cond.waiters) *index = PH_ACQUIRE;
    if (*index == PH_ACQUIRE) { /* async with self._cond */
        st = ua_lock_acquire(lk);
        if (st != UA_DONE) return st;
        *index = PH_BLOCK;
        goto block_check;
    }
    if (*index == PH_BLOCK) {
        for (;;) { /* _block: cond.wait_for(not draining or resetting) */
            st = ua_cond_wait(&b->cond);
            if (st == UA_PENDING) return UA_PENDING;
            if (st == UA_RAISED) goto aexit;
        block_check:
            if (b->state != UA_BARRIER_DRAINING && b->state != UA_BARRIER_RESETTING) break;
        }
        if (b->state == UA_BARRIER_BROKEN) {
            ua_raise(&ua_BrokenBarrierError, "Barrier aborted");
            goto aexit;
        }
        *index = b->count++;
        if (*index + 1 == b->parties) { /* _release */
            b->state = UA_BARRIER_DRAINING;
            cond_notify(&b->cond, INT32_MAX);
            goto finally;
        }
        goto wait_check;
    }
    for (;;) { /* _wait: cond.wait_for(state is not filling) */
        st = ua_cond_wait(&b->cond);
        if (st == UA_PENDING) return UA_PENDING;
        if (st == UA_RAISED) goto finally;
    wait_check:
        if (b->state != UA_BARRIER_FILLING) break;
    }
    if (b->state == UA_BARRIER_BROKEN || b->state == UA_BARRIER_RESETTING)
        ua_raise(&ua_BrokenBarrierError, "Abort or reset of barrier");
finally:
    b->count--;
    barrier_exit(b);
aexit:
    st = ua_raised ? UA_RAISED : UA_DONE;
    ua_lock_release(lk); /* held here: cannot fail */
    return st;
}

ua_status ua_barrier_reset(ua_barrier *b) {
    ua_status st = ua_lock_acquire(b->cond.lock);
    if (st != UA_DONE) return st;
    if (b->count > 0) {
        if (b->state != UA_BARRIER_RESETTING) b->state = UA_BARRIER_RESETTING;
    } else {
        b->state = UA_BARRIER_FILLING;
    }
    cond_notify(&b->cond, INT32_MAX);
    ua_lock_release(b->cond.lock);
    return UA_DONE;
}

ua_status ua_barrier_abort(ua_barrier *b) {
    ua_status st = ua_lock_acquire(b->cond.lock);
    if (st != UA_DONE) return st;
    b->state = UA_BARRIER_BROKEN;
    cond_notify(&b->cond, INT32_MAX);
    ua_lock_release(b->cond.lock);
    return UA_DONE;
}
