/* Cancellation against CPython 3.11 (the programs are in prim_cases.py,
 * group "cancel"): during sleep and after its timer expired, during
 * Event.wait / Lock.acquire (pending and already woken), Semaphore and
 * Queue clean-up, Condition.wait re-acquiring, before a task started, at
 * the resumption after sleep(0), self-cancel, `await task` cancelling the
 * inner task (and an inner task that swallows it), gather, and wait_for
 * (timeout, just in time, tie, zero timeout, inner failure, outer
 * cancelled). */
#include "prim_interp.h"

/* A task that finishes with CancelledError is CANCELLED, and awaiting it
 * raises a fresh CancelledError; cancel() of a finished task is false. */
static void test_states(void) {
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        if (strcmp(cases[i].name, "during_sleep") != 0) continue;
        run_case(&cases[i]);
        CHECK(ua_task_cancelled(&tasks[1].hdr));
        CHECK(tasks[1].hdr.exc == NULL);
        CHECK(!ua_task_cancel(&tasks[1].hdr));
        CHECK(ua_task_outcome(&tasks[1].hdr) == UA_RAISED);
        CHECK(ua_raised && ua_raised->type == &ua_CancelledError);
        (void)ua_exc_take();
        CHECK(tasks[0].hdr.state == UA_TASK_DONE);
    }
}

int main(void) {
    int n = run_group("cancel");
    fprintf(stderr, "%d cancellation scenarios\n", n);
    test_states();
    return TEST_END();
}
