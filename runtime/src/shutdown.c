/* asyncio.run()'s shutdown: the tasks still pending when the main coroutine
 * has finished are cancelled and run until they finish, as CPython's
 * _cancel_all_tasks does (MicroPython's run() leaves them). Only programs
 * that can see it (a try or with statement, or a loop run again after it:
 * UA_FEATURE_SHUTDOWN, emit.needs_shutdown) pay for it; the others skip it,
 * as nothing they do shows it.
 *
 * The tasks are found through a list in creation order (ua_live): of every
 * arena task, linked through the block in front of it, as the 24-byte header
 * has no room; and of every gather over coroutine calls, whose children live
 * in its block. CPython cancels in the order of a set of tasks, which is not
 * defined; here it is creation order, and the CPython shim
 * (shims/_uasyncc_compat.py) makes CPython's the same. An exception a
 * gather's child ends with in the shutdown is reported when the child
 * finishes (ua_shutdown_child_finished), not at the end with the tasks':
 * the gather's storage may be gone by then. */
#include "ua.h"

/* In a section of its own, so that the linker drops it from a firmware
 * without the feature, which links none of the code here. In .bss with the
 * other variables LTO keeps it, and it pushes them further from their
 * section anchor (longer loads: aledflash was 8 B larger). */
__attribute__((section(".bss.ua_live"))) static struct {
    ua_live *head, *tail;
} live;

void ua_live_add(ua_live *l) {
    l->shutdown = 0;
    l->next = NULL;
    l->prev = live.tail;
    if (live.tail) live.tail->next = l;
    else live.head = l;
    live.tail = l;
}

void ua_live_remove(ua_live *l) {
    if (l->prev) l->prev->next = l->next;
    else live.head = l->next;
    if (l->next) l->next->prev = l->prev;
    else live.tail = l->prev;
}

void ua_live_reset(void) { live.head = live.tail = NULL; }

static ua_task *task_of(ua_live *l) {
    return (ua_task *)(void *)((unsigned char *)l + UA_TASK_PREFIX_LIVE);
}

static ua_gather *gather_of(ua_live *l) {
    return (ua_gather *)(void *)((unsigned char *)l - offsetof(ua_gather, live));
}

enum { CANCELLED_AT_EXIT = 1u, WAS_DETACHED = 2u };

/* A task of l's the shutdown cancelled that has not finished yet, or NULL. */
static ua_task *unfinished(ua_live *l) {
    if (!(l->shutdown & CANCELLED_AT_EXIT)) return NULL;
    if (l->size != 0) return ua_task_finished(task_of(l)) ? NULL : task_of(l);
    ua_gather *g = gather_of(l);
    for (uint32_t i = 0; i < g->n_kids; i++) {
        if (!ua_task_finished(g->kids[i])) return g->kids[i];
    }
    return NULL;
}

/* The shutdown's own task: waits for each cancelled task in turn. */
static ua_task waiter;

static ua_status wait_step(ua_task *self) {
    self->wait_obj = NULL;
    for (ua_live *l = live.head; l; l = l->next) {
        ua_task *t = unfinished(l);
        if (t) {
            ua_task_wait(t);
            return UA_PENDING;
        }
    }
    return UA_DONE;
}

/* Marked first, cancelled after: a cancel runs nothing, but a task created
 * from here on is not one of them. A detached task is kept until it has
 * been looked at (ua_asyncio_run_end). */
static bool mark(void) {
    bool any = false;
    for (ua_live *l = live.head; l; l = l->next) {
        if (l->size == 0) {
            l->shutdown = CANCELLED_AT_EXIT;
            any = any || unfinished(l) != NULL;
            continue;
        }
        ua_task *t = task_of(l);
        if (ua_task_finished(t) || (t->flags & UA_TASK_CALLBACK)) continue;
        l->shutdown = CANCELLED_AT_EXIT | ((t->flags & UA_TASK_DETACHED) ? WAS_DETACHED : 0u);
        t->flags &= (uint8_t)~UA_TASK_DETACHED;
        any = true;
    }
    return any;
}

static void cancel_marked(void) {
    for (ua_live *l = live.head; l; l = l->next) {
        if (!(l->shutdown & CANCELLED_AT_EXIT)) continue;
        if (l->size != 0) {
            (void)ua_task_cancel(task_of(l));
            continue;
        }
        ua_gather *g = gather_of(l);
        for (uint32_t i = 0; i < g->n_kids; i++) (void)ua_task_cancel(g->kids[i]);
    }
}

/* An exception a cancelled task ended with (not its CancelledError). */
static void report_at_exit(ua_task *t) {
    if (t->state == UA_TASK_FAILED && t->exc && !ua_exc_matches(t->exc->type, &ua_CancelledError))
        ua_report_exception("unhandled exception during asyncio.run() shutdown", t->exc);
}

void ua_shutdown_child_finished(ua_gather *g, ua_task *t) {
    if (g->in_live && (g->live.shutdown & CANCELLED_AT_EXIT)) report_at_exit(t);
}

void ua_asyncio_run_end(void) {
    if (!UA_USES(UA_FEATURE_SHUTDOWN)) return;
    ua_exc *pending = ua_raised; /* main's exception, raised after this */
    ua_raised = NULL;
    if (mark()) {
        cancel_marked();
        ua_task_init(&waiter, wait_step, 0);
        (void)ua_run_until_complete(&waiter);
    }
    for (ua_live *l = live.head, *next; l; l = next) {
        next = l->next; /* l may be freed below */
        uint32_t marks = l->shutdown;
        l->shutdown = 0;
        if (!(marks & CANCELLED_AT_EXIT) || l->size == 0) continue;
        ua_task *t = task_of(l);
        t->flags |= UA_TASK_RETRIEVED; /* gather(return_exceptions=True) took it */
        report_at_exit(t);
        if (marks & WAS_DETACHED) ua_task_release(t);
        else ua_task_to_collector(t);
    }
    ua_raised = pending;
}
