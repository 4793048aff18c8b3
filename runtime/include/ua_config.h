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
 * by create_task, callbacks), plus an eighth of that for the collector's
 * map when the program has the collector (arena.c). Exhaustion raises
 * MemoryError. The host's arena is a static array of this size; on the
 * Pyboard it is a cap on the RAM left between .bss and the stack (uasyncc
 * --arena sets it; the default takes all of that RAM). */
#ifndef UA_ARENA_SIZE
#define UA_ARENA_SIZE (1024u * 1024u)
#endif

/* The arena's bookkeeping, kept in the port's RAM in front of it: free
 * lists for blocks of 8 .. 8 * UA_ARENA_SMALL_CLASSES bytes and the
 * collector's mark stack (granules; when full, marked blocks are rescanned).
 * UA_ARENA_RAM(n) is the RAM an arena of n bytes takes with its map, the
 * bookkeeping and alignment. */
#ifndef UA_ARENA_SMALL_CLASSES
#define UA_ARENA_SMALL_CLASSES 32u
#endif
#ifndef UA_ARENA_MARK_STACK
#define UA_ARENA_MARK_STACK 64u
#endif
#define UA_ARENA_RAM(n) \
    ((n) + (n) / 8u + (UA_ARENA_SMALL_CLASSES + UA_ARENA_MARK_STACK) * sizeof(void *) + 8u)

/* Testing the collector: 1 collects before every allocation of a
 * collectable object, so that an object the roots do not reach is freed at
 * the first chance (AddressSanitizer then reports any use of it). */
#ifndef UA_GC_STRESS
#define UA_GC_STRESS 0
#endif

/* 0: exceptions record no traceback, and an uncaught one prints its type
 * and message only (`uasyncc --no-traceback`: MicroPython's terse error
 * reporting, for the smallest firmware). */
#ifndef UA_TRACEBACKS
#define UA_TRACEBACKS 1
#endif

/* Traceback entries kept per exception (the innermost are kept; the
 * traceback then says how many outer frames were not recorded). The
 * Pyboard uses 8. */
#ifndef UA_TRACEBACK_DEPTH
#define UA_TRACEBACK_DEPTH 32
#endif

/* Bytes of the console (stdout) buffer; print() output is written out
 * when it is full, before stderr output, when idle in real time, and at
 * exit. */
#ifndef UA_STDOUT_BUF
#define UA_STDOUT_BUF 256
#endif

#endif
