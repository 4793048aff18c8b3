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
 *  - the loop runs in batches like CPython's _run_once: expired timers are
 *    moved to the run queue, then exactly the entries present at that moment
 *    run; entries appended meanwhile wait for the next batch.
 */
#ifndef UA_SCHED_H
#define UA_SCHED_H

#include "ua_exc.h"
#include "ua_types.h"

typedef enum { UA_PENDING = 0, UA_DONE = 1, UA_RAISED = 2 } ua_status;

enum {
    UA_TASK_NEW = 0,     /* initialised, not yet scheduled */
    UA_TASK_READY,       /* in the run queue, will be stepped */
    UA_TASK_WAKING,      /* in the run queue after a timer expired */
    UA_TASK_SLEEPING,    /* in the timer queue */
    UA_TASK_WAITING,     /* in another task's waiter list */
    UA_TASK_DONE,        /* finished with a result */
    UA_TASK_FAILED,      /* finished with an exception in exc */
};

enum {
    UA_TASK_DETACHED = 1u << 0,   /* nobody holds it: free when finished */
    UA_TASK_CALLBACK = 1u << 1,   /* a call_soon/call_later handle */
    UA_TASK_RETRIEVED = 1u << 2,  /* its exception was awaited */
    UA_TASK_ARENA = 1u << 3,      /* allocated with ua_alloc */
    UA_TASK_NOTIFY = 1u << 4,     /* finished gather child queued to notify */
};

typedef struct ua_task ua_task;
typedef struct ua_gather ua_gather;
typedef ua_status (*ua_step_fn)(ua_task *self);

struct ua_task {
    ua_task *next;        /* link in the one queue that holds the task */
    ua_step_fn step;      /* resumes the root frame that follows the header */
    ua_task *waiters;     /* tasks awaiting this one, linked through next */
    void *result;         /* where the root frame keeps its result */
    ua_exc *exc;          /* set when FAILED */
    uint32_t deadline;    /* ms ticks, while SLEEPING */
    ua_gather *gather;    /* the gather this task is a child of, or NULL */
    uint32_t size;        /* bytes to free when ARENA and DETACHED */
    uint8_t state;
    uint8_t flags;
};

/* The task being stepped (NULL outside the loop). */
extern ua_task *ua_current;

void ua_task_init(ua_task *t, ua_step_fn step, void *result, uint8_t flags);

/* create_task / call_soon: append to the run queue. */
void ua_task_schedule(ua_task *t);

/* call_later: put a callback (UA_TASK_CALLBACK) in the timer queue. */
void ua_task_schedule_later(ua_task *t, uint32_t delay_ms);

/* await asyncio.sleep(0): the current task to the back of the run queue. */
void ua_yield(void);

/* await asyncio.sleep(d) with d > 0 (ms already rounded, may be 0): the
 * current task into the timer queue, ordered by deadline then insertion. */
void ua_sleep_ms(uint32_t ms);

static inline bool ua_task_finished(const ua_task *t) {
    return t->state >= UA_TASK_DONE;
}

/* await t while t is not finished: the current task joins t's waiters. */
void ua_task_wait(ua_task *t);

/* After t finished: UA_DONE (result at t->result) or UA_RAISED with t's
 * exception made pending again (marked retrieved). */
ua_status ua_task_outcome(ua_task *t);

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
};

void ua_gather_init(ua_gather *g);
/* Schedule `child` (initialised) as a member of g. */
void ua_gather_start(ua_gather *g, ua_task *child);
/* The current task waits for g; call only when g->remaining > 0. */
void ua_gather_wait(ua_gather *g);

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

/* For tests: drop every queued task and reset the clock origin. */
void ua_sched_reset(void);

#endif
