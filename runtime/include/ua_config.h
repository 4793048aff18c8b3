/* Build-time configuration of the runtime, in one place. A target may
 * override any of these with -D. */
#ifndef UA_CONFIG_H
#define UA_CONFIG_H

/* float is single precision on the Pyboard (as MicroPython there) and
 * double on the host. */
#ifndef UA_FLOAT_SINGLE
#define UA_FLOAT_SINGLE 0
#endif

/* Bytes in the object arena (strings built at run time, lists, tasks made
 * by create_task, callbacks, exceptions). Exhaustion raises MemoryError. */
#ifndef UA_ARENA_SIZE
#define UA_ARENA_SIZE (1024u * 1024u)
#endif

/* Traceback entries kept per exception (the innermost are kept). */
#ifndef UA_TRACEBACK_DEPTH
#define UA_TRACEBACK_DEPTH 32
#endif

#endif
