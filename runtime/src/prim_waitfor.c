/* asyncio.wait_for / MicroPython's wait_for_ms, as CPython 3.11's
 * tasks.wait_for: the coroutine runs as a task (`inner`, over a frame the
 * caller owns), a call_later timer releases the waiter, the inner task's
 * done callback releases it too (two hops after it finishes: the callback,
 * then the waiting task). On timeout the inner task is cancelled and waited
 * for (_cancel_and_wait, two hops again) before TimeoutError is raised.
 *
 * One deliberate difference: if the waiting task is cancelled while
 * _cancel_and_wait runs, CPython raises CancelledError at once and leaves
 * the inner task running; here it keeps waiting until the inner task has
 * finished (its frame lives in the caller's frame) and then raises. */
#include <string.h>

#include "ua.h"

enum { PH_IDLE, PH_WAIT, PH_CANCEL_TIMEOUT, PH_CANCEL_OUTER };

static ua_status timer_step(ua_task *self) {
    ua_timeout *to = (ua_timeout *)(void *)self;
    if (to->phase == PH_WAIT) ua_release_waiter(to->owner);
    return UA_DONE;
}

void ua_timeout_init(ua_timeout *to, ua_task *inner, uint32_t ms, bool immediate) {
    memset(to, 0, sizeof *to);
    ua_task_init(&to->timer, timer_step, UA_TASK_CALLBACK);
    to->inner = inner;
    to->ms = ms;
    to->immediate = immediate;
}

static ua_status finish(ua_timeout *to, ua_status st) {
    ua_timer_cancel(&to->timer); /* finally: timeout_handle.cancel() */
    to->phase = PH_IDLE;
    to->cancelled = false;
    return st;
}

/* await _cancel_and_wait(inner) */
static ua_status cancel_and_wait(ua_timeout *to, uint8_t phase) {
    to->phase = phase;
    ua_task_wait_cb(to->inner);
    ua_task_cancel(to->inner);
    return UA_PENDING;
}

ua_status ua_wait_for(ua_timeout *to) {
    ua_task *me = ua_current, *inner = to->inner;
    uint8_t how;
    switch (to->phase) {
    case PH_IDLE:
        to->owner = me;
        if (!to->immediate) ua_task_schedule_later(&to->timer, to->ms);
        ua_task_schedule(inner);
        if (to->immediate) return cancel_and_wait(to, PH_CANCEL_TIMEOUT);
        to->phase = PH_WAIT;
        ua_task_wait_cb(inner);
        return UA_PENDING;
    case PH_WAIT:
        how = ua_park_end();
        if (ua_task_finished(inner)) return finish(to, ua_task_outcome(inner));
        ua_task_unwait(inner, me); /* fut.remove_done_callback(cb) */
        /* timeout: cancel and wait, then TimeoutError; cancelled: cancel
         * and wait, then re-raise the CancelledError */
        return cancel_and_wait(to, how == UA_WAKE_OK ? PH_CANCEL_TIMEOUT : PH_CANCEL_OUTER);
    default:
        how = ua_park_end();
        ua_task_unwait(inner, me);
        if (how != UA_WAKE_OK) to->cancelled = true;
        if (!ua_task_finished(inner)) { /* see the note at the top */
            ua_task_wait_cb(inner);
            return UA_PENDING;
        }
        if (to->cancelled || to->phase == PH_CANCEL_OUTER) {
            if (!ua_task_cancelled(inner) && inner->state == UA_TASK_FAILED)
                inner->flags |= UA_TASK_RETRIEVED;
            ua_raise(&ua_CancelledError, "");
            return finish(to, UA_RAISED);
        }
        if (ua_task_cancelled(inner)) {
            inner->flags |= UA_TASK_RETRIEVED;
            ua_raise(&ua_TimeoutError, "");
            return finish(to, UA_RAISED);
        }
        return finish(to, ua_task_outcome(inner));
    }
}
