/* asyncio.Event and MicroPython's ThreadSafeFlag. */
#include "ua.h"

static void event_fire(ua_isr_node *n) { ua_event_set((ua_event *)(void *)((char *)n - offsetof(ua_event, isr))); }

void ua_event_init(ua_event *e) {
    e->isr.next = NULL;
    e->isr.fire = event_fire;
    e->isr.pending = 0;
    e->tailp = &e->head;
    e->value = false;
}

bool ua_event_is_set(const ua_event *e) { return e->value; }

/* cancel() of a waiter: it leaves the waiters (set() skips nobody) */
void ua_event_unlink(ua_event *e, ua_task *t) {
    ua_task **pp = &e->head;
    while (*pp != t) pp = &(*pp)->next;
    if (e->tailp == &t->next) e->tailp = pp;
    else *pp = t->next;
}

bool ua_event_wait_resumed_slow(void) {
    if (ua_park_end_slow() == UA_WAKE_OK) return false;
    ua_raise(&ua_CancelledError, "");
    return true;
}

void ua_event_clear(ua_event *e) { e->value = false; }

ua_status ua_event_wait(ua_event *e) {
    ua_task *me = ua_current;
    if (me->wait_obj == e) { /* resumed: set() or cancel() unlinked it */
        if (ua_park_end() != UA_WAKE_OK) {
            ua_raise(&ua_CancelledError, "");
            return UA_RAISED;
        }
        return UA_DONE;
    }
    if (e->value) return UA_DONE;
    ua_event_link(e, me);
    me->wait_obj = e; /* how the call above tells a resumption */
    return UA_PENDING;
}

void ua_event_set_from_isr(ua_event *e) { ua_isr_signal(&e->isr); }

static void tsflag_fire(ua_isr_node *n) {
    ua_tsflag *f = (ua_tsflag *)(void *)n;
    if (!f->state) return;
    for (ua_task *w = f->waiters.head; w; w = w->wnext) {
        if (ua_waiter_pending(w)) {
            ua_waitq_wake(w);
            return;
        }
    }
}

void ua_tsflag_init(ua_tsflag *f) {
    f->isr.next = NULL;
    f->isr.fire = tsflag_fire;
    f->isr.pending = 0;
    f->waiters.head = f->waiters.tail = NULL;
    f->state = false;
}

void ua_tsflag_set(ua_tsflag *f) {
    f->state = true;
    ua_isr_signal(&f->isr);
}

void ua_tsflag_clear(ua_tsflag *f) { f->state = false; }

ua_status ua_tsflag_wait(ua_tsflag *f) {
    ua_task *me = ua_current;
    if (me->wait_obj == &f->waiters) {
        ua_waitq_remove(&f->waiters, me);
        if (ua_park_end() != UA_WAKE_OK) {
            ua_raise(&ua_CancelledError, "");
            return UA_RAISED;
        }
        f->state = false;
        return UA_DONE;
    }
    if (f->state) {
        f->state = false;
        return UA_DONE;
    }
    ua_waitq_park(&f->waiters);
    return UA_PENDING;
}
