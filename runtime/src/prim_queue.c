/* asyncio.Queue (CPython 3.11 asyncio/queues.py) over a ring of fixed-size
 * items: caller storage or the arena (an unbounded queue grows there). */
#include <string.h>

#include "ua.h"

bool ua_queue_init(ua_queue *q, uint32_t elem_size, ua_int maxsize, void *storage, uint32_t cap) {
    memset(q, 0, sizeof *q);
    q->elem_size = elem_size ? elem_size : 1u;
    q->maxsize = maxsize;
    ua_event_init(&q->finished);
    ua_event_set(&q->finished);
    q->buf = storage;
    q->cap = storage ? cap : 0u;
    if (!storage && maxsize > 0) {
        q->buf = ua_alloc((size_t)maxsize * q->elem_size);
        if (!q->buf) return false;
        q->cap = (uint32_t)maxsize;
        q->buf_in_arena = true;
    }
    return true;
}

ua_int ua_queue_qsize(const ua_queue *q) { return (ua_int)q->len; }
ua_int ua_queue_maxsize(const ua_queue *q) { return q->maxsize; }
bool ua_queue_empty(const ua_queue *q) { return q->len == 0; }
bool ua_queue_full(const ua_queue *q) {
    return q->maxsize > 0 && q->len >= (uint32_t)q->maxsize;
}

/* One item in or out: a word (ints, floats, references on the M4) is a
 * load and a store, not a call of the byte-wise memcpy. */
static void item_copy(void *dst, const void *src, uint32_t size) {
    if (size == sizeof(uint32_t)) memcpy(dst, src, sizeof(uint32_t));
    else memcpy(dst, src, size);
}

/* Wake the next waiter that is not cancelled, dropping the ones before. */
static void wakeup_next(ua_waitq *w) {
    ua_task *t;
    while ((t = ua_waitq_pop(w))) {
        if (ua_waiter_pending(t)) {
            ua_waitq_wake(t);
            return;
        }
    }
}

static bool grow(ua_queue *q) {
    uint32_t ncap = q->cap ? q->cap * 2u : 4u;
    unsigned char *nb = ua_alloc((size_t)ncap * q->elem_size);
    if (!nb) return false;
    for (uint32_t i = 0; i < q->len; i++)
        memcpy(nb + (size_t)i * q->elem_size,
               q->buf + (size_t)((q->head + i) % q->cap) * q->elem_size, q->elem_size);
    if (q->buf_in_arena) ua_free(q->buf, (size_t)q->cap * q->elem_size);
    q->buf = nb;
    q->cap = ncap;
    q->head = 0;
    q->buf_in_arena = true;
    return true;
}

bool ua_queue_put_nowait(ua_queue *q, const void *item) {
    if (ua_queue_full(q)) {
        ua_raise(&ua_QueueFull, "");
        return false;
    }
    if (q->len == q->cap && !grow(q)) return false;
    item_copy(q->buf + (size_t)((q->head + q->len) % q->cap) * q->elem_size, item, q->elem_size);
    q->len++;
    q->unfinished++;
    ua_event_clear(&q->finished);
    wakeup_next(&q->getters);
    return true;
}

bool ua_queue_get_nowait(ua_queue *q, void *out) {
    if (q->len == 0) {
        ua_raise(&ua_QueueEmpty, "");
        return false;
    }
    if (out) item_copy(out, q->buf + (size_t)q->head * q->elem_size, q->elem_size);
    q->head = (q->head + 1u) % q->cap;
    q->len--;
    wakeup_next(&q->putters);
    return true;
}

/* The except clause of put/get: true when the await must raise. */
static bool resumed_cancelled(ua_waitq *w, bool can_take) {
    uint8_t how = ua_park_end();
    if (how == UA_WAKE_OK) return false; /* wakeup_next popped it, as CPython's _wakeup_next */
    ua_waitq_remove(w, ua_current); /* cancelled: still there, unless a wakeup popped it first */
    /* woken but cannot take the call: wake up the next in line */
    if (can_take && how != UA_WAKE_CANCELLED) wakeup_next(w);
    ua_raise(&ua_CancelledError, "");
    return true;
}

ua_status ua_queue_put(ua_queue *q, const void *item) {
    if (ua_current->wait_obj == &q->putters &&
        resumed_cancelled(&q->putters, !ua_queue_full(q)))
        return UA_RAISED;
    if (ua_queue_full(q)) { /* while self.full(): a new putter at the back */
        ua_waitq_park(&q->putters);
        return UA_PENDING;
    }
    return ua_queue_put_nowait(q, item) ? UA_DONE : UA_RAISED;
}

ua_status ua_queue_get(ua_queue *q, void *out) {
    if (ua_current->wait_obj == &q->getters &&
        resumed_cancelled(&q->getters, !ua_queue_empty(q)))
        return UA_RAISED;
    if (ua_queue_empty(q)) {
        ua_waitq_park(&q->getters);
        return UA_PENDING;
    }
    return ua_queue_get_nowait(q, out) ? UA_DONE : UA_RAISED;
}

bool ua_queue_task_done(ua_queue *q) {
    if (q->unfinished == 0) {
        ua_raise(&ua_ValueError, "task_done() called too many times");
        return false;
    }
    if (--q->unfinished == 0) ua_event_set(&q->finished);
    return true;
}

ua_status ua_queue_join(ua_queue *q) {
    if (ua_current->wait_obj == &q->finished || q->unfinished > 0)
        return ua_event_wait(&q->finished);
    return UA_DONE;
}
