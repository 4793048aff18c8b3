/* The object arena: the RAM the port gives (ua_port_heap: a static array
 * on the host, the RAM between .bss and the stack on the Pyboard), taken
 * at the first allocation and capped at UA_ARENA_SIZE. 8-byte size classes
 * with free lists for small blocks, one first-fit list for large ones (tried before the
 * bump pointer, to keep the top low), and a bump pointer.
 * A freed block at the top of the bump region gives its bytes back.
 * ua_free ignores NULL and pointers outside the arena (string literals).
 *
 * Reclamation: blocks from ua_alloc_obj / ua_alloc_str (built strings,
 * lists, dicts, class instances) are collected by a conservative
 * mark-and-sweep, as MicroPython does on the Pyboard. The roots are every
 * word of the program's static data (.data/.bss, which hold the globals,
 * the static tasks and frames, the pending exception), the stack, and every
 * block from plain ua_alloc (tasks, frames, callbacks, primitives: freed
 * explicitly, scanned until then; a finished task nobody frees turns
 * collectable, ua_arena_collectable). A word that points anywhere into a
 * live block keeps it, so a pointer stored anywhere the program can reach
 * keeps its object alive: there is nothing for the compiler to count. A
 * collection runs before an allocation once enough collectable bytes were
 * allocated since the last one, and before any allocation that would
 * fail; both depend on nothing but the program's allocations, so a run is
 * deterministic.
 *
 * Each 8-byte granule has a byte of metadata: HEAD starts an allocated
 * block, TAIL continues it, free granules are 0; a head also says whether
 * the block is collectable, holds no pointers (LEAF: strings), and whether
 * the current collection reached it (MARK).
 *
 * A program the compiler proved to allocate a bounded amount in all
 * (bounded.py: UA_FEATURE_COLLECTOR off) gets none of this: its blocks come
 * from the bump pointer alone, a freed block gives its bytes back only
 * when it is the last one, and the arena has no map or free lists. The
 * collector and the free lists are then dead code that LTO drops. */
#include <string.h>

#include "ua.h"

/* Under AddressSanitizer free blocks are poisoned, so that any use of a
 * freed or collected object is reported; the free-list code, which keeps
 * its links inside free blocks, is exempt. */
#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#endif
#define FREE_LIST_CODE __attribute__((no_sanitize_address))

#define ALIGN 8u
#define SMALL_CLASSES UA_ARENA_SMALL_CLASSES /* blocks of 8..256 bytes */
#define MARK_STACK UA_ARENA_MARK_STACK
#define COLLECTOR UA_USES(UA_FEATURE_COLLECTOR)

enum { HEAD = 1u, TAIL = 2u, COLLECT = 4u, LEAF = 8u, MARK = 16u };

typedef struct block {
    struct block *next;
    size_t size; /* rounded size, for the large list */
} block;

/* In the port's RAM: the small blocks' free lists and the collector's mark
 * stack (not static data: a firmware's static RAM stays small), the
 * arena's bytes, then its map (size / ALIGN bytes; without the collector,
 * only the arena's bytes, and meta marks their end). The collector skips
 * the arena and its map when it scans static data. Only the map's address
 * is kept, so that no word of static data points into the arena itself
 * (it would keep the first block alive). */
static struct {
    uint8_t *meta;
    size_t size;
    struct block **free_lists; /* SMALL_CLASSES lists */
    size_t *marks;             /* the mark stack: MARK_STACK granules */
} heap;
#define BYTES (heap.meta - heap.size)
static size_t top;          /* bump pointer */
/* Bytes in use and their most: without the collector every block comes
 * from the bump pointer and only the last one goes back, so the bytes in
 * use are top itself and only the peak is kept. */
static size_t used, peak;
static size_t alloc_count;
static size_t since_collect;  /* collectable bytes allocated since the last collection */
static size_t collect_count;
static bool collecting;
#define small_free heap.free_lists
#define mark_stack heap.marks
static block *large_free;

/* Collect once this many collectable bytes were allocated since the last
 * collection: at least an eighth of the arena, and as much as survived the
 * last one (so the work per allocated byte stays bounded). */
static size_t budget = SIZE_MAX;
static bool auto_collect_off; /* gc.disable(): only a failing allocation collects */

static void set_budget(void) {
    budget = auto_collect_off ? SIZE_MAX : used > heap.size / 8u ? used : heap.size / 8u;
}

/* Take the port's RAM: the free lists and the mark stack, size bytes of
 * arena (a multiple of ALIGN, at most UA_ARENA_SIZE) and a byte of map per
 * granule after them (UA_ARENA_RAM(UA_ARENA_SIZE) bytes in all); without
 * the collector, all of it is arena. */
static void take_port_heap(void) {
    char *start, *end;
    ua_port_heap(&start, &end);
    uintptr_t first = ((uintptr_t)start + ALIGN - 1u) & ~(uintptr_t)(ALIGN - 1u);
    if (COLLECTOR) {
        small_free = (block **)first;
        memset(small_free, 0, SMALL_CLASSES * sizeof(block *));
        mark_stack = (size_t *)(small_free + SMALL_CLASSES);
        first = (uintptr_t)(mark_stack + MARK_STACK);
    }
    size_t room = (uintptr_t)end > first ? (size_t)((uintptr_t)end - first) : 0u;
    size_t size = COLLECTOR ? room / (ALIGN + 1u) * ALIGN : room / ALIGN * ALIGN;
    if (size > UA_ARENA_SIZE) size = UA_ARENA_SIZE / ALIGN * ALIGN;
    heap.meta = (uint8_t *)first + size;
    heap.size = size;
    if (COLLECTOR) budget = size / 8u;
}

size_t ua_arena_size(void) {
    if (!heap.meta) take_port_heap();
    return heap.size;
}

static size_t round_up(size_t n) {
    if (n < sizeof(block)) n = sizeof(block);
    return (n + ALIGN - 1u) & ~(size_t)(ALIGN - 1u);
}

static void take(size_t n) {
    used += n;
    if (used > peak) peak = used;
}

/* The next n bytes at the top, or NULL when they are not there. */
static void *bump(size_t n) {
    if (n > heap.size - top) return NULL;
    void *p = &BYTES[top];
    top += n;
    if (COLLECTOR) take(n);
    else if (top > peak) peak = top;
    return p;
}

static void put_free(unsigned char *p, size_t n);

/* The block p of n bytes goes back to the top if it is the last one.
 * (Always inline: without the collector it is most of ua_free, and GCC
 * would otherwise keep it out of line for its two callers.) */
static inline __attribute__((always_inline)) bool give_back_to_top(unsigned char *p, size_t n) {
    if ((size_t)(p - BYTES) + n != top) return false;
    top -= n;
    return true;
}

/* A block of n (rounded) bytes, or NULL when none is free. */
FREE_LIST_CODE static void *find_block(size_t n) {
    size_t cls = n / ALIGN - 1u;
    if (cls < SMALL_CLASSES && small_free[cls]) {
        block *b = small_free[cls];
        small_free[cls] = b->next;
        take(n);
        return b;
    }
    /* first fit in the large list, splitting the rest off; before the bump
     * region, so that top (where the collector's walks end) stays low */
    for (block **pp = &large_free; *pp; pp = &(*pp)->next) {
        block *b = *pp;
        if (b->size >= n) {
            size_t rest = b->size - n;
            take(n);
            if (rest >= SMALL_CLASSES * ALIGN + ALIGN) { /* still large: carve from its end */
                b->size = rest;
                return (unsigned char *)b + rest;
            }
            *pp = b->next;
            if (rest) put_free((unsigned char *)b + n, rest);
            return b;
        }
    }
    void *p = bump(n);
    if (p) return p;
    /* a small request may fit in a larger small class */
    for (size_t c = cls + 1u; c < SMALL_CLASSES; c++) {
        if (small_free[c]) {
            block *b = small_free[c];
            small_free[c] = b->next;
            size_t bs = (c + 1u) * ALIGN;
            if (bs > n) put_free((unsigned char *)b + n, bs - n);
            take(n);
            return b;
        }
    }
    return NULL;
}

/* With the collector: a block of n bytes recorded in the map as kind,
 * collecting first when enough was allocated, and again when none is free. */
static void *mapped_block(size_t n, uint8_t kind) {
    /* (with held tasks any kind: finished ones turn collectable after their
     * allocation) */
    if (UA_GC_STRESS ? (kind & COLLECT)
                     : (UA_USES(UA_FEATURE_HELD_TASKS) || (kind & COLLECT)) && since_collect >= budget)
        ua_arena_collect();
    void *p = find_block(n);
    if (!p && !collecting) {
        ua_arena_collect();
        p = find_block(n);
    }
    if (!p) return NULL;
    size_t g = (size_t)((unsigned char *)p - BYTES) / ALIGN;
    heap.meta[g] = (uint8_t)(HEAD | kind);
    memset(&heap.meta[g + 1u], TAIL, n / ALIGN - 1u);
    if (kind & COLLECT) since_collect += n;
    return p;
}

static void *allocate(size_t size, uint8_t kind) {
    alloc_count++;
    if (!heap.meta) take_port_heap();
    if (size > UA_ARENA_SIZE) goto full;
    size_t n = round_up(size);
    void *p = COLLECTOR ? mapped_block(n, kind) : bump(n);
    if (!p) goto full;
    UNPOISON(p, n);
    /* objects start zeroed (ua_obj.h), which also leaves the collector no
     * stale pointers to follow */
    if (kind == COLLECT) memset(p, 0, n);
    return p;
full:
    ua_raise_memory_error(); /* allocating an exception here could only fail again */
    return NULL;
}

void *ua_alloc(size_t size) { return allocate(size, 0); }
void *ua_alloc_obj(size_t size) { return allocate(size, COLLECT); }
char *ua_alloc_str(size_t size) { return allocate(size, COLLECT | LEAF); }

FREE_LIST_CODE static void put_free(unsigned char *p, size_t n) {
    if (give_back_to_top(p, n)) return;
    block *b = (block *)(void *)p;
    size_t cls = n / ALIGN - 1u;
    if (cls < SMALL_CLASSES) {
        b->next = small_free[cls];
        small_free[cls] = b;
    } else {
        b->size = n;
        b->next = large_free;
        large_free = b;
    }
}

void ua_free(void *p, size_t size) {
    unsigned char *c = p;
    if (!c || !heap.meta || c < BYTES || c >= BYTES + heap.size) return;
    size_t n = round_up(size);
    if (!COLLECTOR) {
        if (give_back_to_top(c, n)) POISON(c, n); /* only the last block goes back */
        return;
    }
    used -= n;
    memset(&heap.meta[(size_t)(c - BYTES) / ALIGN], 0, n / ALIGN);
    put_free(c, n);
    POISON(c, n);
}

/* ---- the collector ---- */

static size_t mark_depth;
static bool mark_overflow;  /* a marked block whose words were not scanned yet */

/* The map 8 granules at a time, so that the collector's walks skip free
 * space and the tails of large blocks quickly. */
#define EACH_BYTE(b) (UINT64_C(0x0101010101010101) * (uint64_t)(b))

static bool eight_are(size_t g, size_t end, uint64_t mask, uint64_t want) {
    if (g >= end || end - g < 8u) return false;
    uint64_t w;
    memcpy(&w, &heap.meta[g], sizeof w);
    return (w & mask) == want;
}

static size_t granules_of(size_t head) {
    size_t g = head + 1u, end = top / ALIGN;
    while (eight_are(g, end, ~(uint64_t)0, EACH_BYTE(TAIL))) g += 8u;
    while (g < end && heap.meta[g] == TAIL) g++;
    return g - head;
}

void ua_arena_collectable(void *p, size_t size) {
    unsigned char *c = p;
    if (!COLLECTOR || !heap.meta || c < BYTES || c >= BYTES + heap.size) return;
    heap.meta[(size_t)(c - BYTES) / ALIGN] |= COLLECT;
    since_collect += round_up(size);
}

/* The first head of a plain ua_alloc block at or after granule g, or end. */
static size_t next_plain_block(size_t g, size_t end) {
    for (; g < end; g++) {
        for (uint64_t w; end - g >= 8u; g += 8u) {
            memcpy(&w, &heap.meta[g], sizeof w);
            if (w & ~(w >> 2) & EACH_BYTE(HEAD)) break; /* HEAD (bit 0) without COLLECT (bit 2) */
        }
        if (g < end && (heap.meta[g] & (HEAD | COLLECT)) == HEAD) return g;
    }
    return end;
}

/* The head granule of the live block the word w points into, or SIZE_MAX. */
static size_t head_of(uintptr_t w) {
    uintptr_t base = (uintptr_t)BYTES;
    if (w < base || w >= base + top) return SIZE_MAX;
    size_t g = (size_t)(w - base) / ALIGN;
    if (!heap.meta[g]) return SIZE_MAX; /* a free granule */
    while (heap.meta[g] == TAIL) g--;
    return g;
}

/* The word w, if it points into a live block: mark the block. */
static void consider(uintptr_t w) {
    size_t g = head_of(w);
    if (g == SIZE_MAX || (heap.meta[g] & MARK)) return;
    heap.meta[g] |= MARK;
    if (heap.meta[g] & LEAF) return;
    if (mark_depth < MARK_STACK) mark_stack[mark_depth++] = g;
    else mark_overflow = true;
}

/* Every aligned word of [start, end) (stack and static data contain
 * redzones under AddressSanitizer: reading them is intended here). */
__attribute__((no_sanitize_address)) static void scan_range(const void *start, const void *end) {
    uintptr_t a = ((uintptr_t)start + sizeof(uintptr_t) - 1u) & ~(uintptr_t)(sizeof(uintptr_t) - 1u);
    for (; a + sizeof(uintptr_t) <= (uintptr_t)end; a += sizeof(uintptr_t)) consider(*(const uintptr_t *)a);
}

static void scan_block(size_t head) {
    scan_range(&BYTES[head * ALIGN], &BYTES[(head + granules_of(head)) * ALIGN]);
}

static void drain_marks(void) {
    for (;;) {
        while (mark_depth) scan_block(mark_stack[--mark_depth]);
        if (!mark_overflow) return;
        /* the stack overflowed: rescan every marked block (idempotent) */
        mark_overflow = false;
        for (size_t g = 0; g < top / ALIGN; g++)
            if ((heap.meta[g] & (HEAD | MARK | LEAF)) == (HEAD | MARK)) scan_block(g);
    }
}

/* Static data, minus the arena and its map (the arena's live blocks are
 * scanned as they are reached). */
static void scan_static_data(void) {
    char *start, *end;
    ua_port_static_data(&start, &end);
    const char *hole = (const char *)BYTES, *hole_end = (const char *)(heap.meta + heap.size / ALIGN);
    if (hole >= start && hole_end <= end) {
        scan_range(start, hole);
        scan_range(hole_end, end);
    } else {
        scan_range(start, end);
    }
}

static __attribute__((noinline)) void scan_stack_from_here(void) {
    scan_range(__builtin_frame_address(0), ua_port_stack_top());
}

/* The stack, with the callee-saved registers spilled into this frame first
 * (a caller may keep a pointer only in one of them). */
static __attribute__((noinline)) void scan_stack(void) {
    __builtin_unwind_init();
    scan_stack_from_here();
    __asm__ volatile("" ::: "memory"); /* no tail call: this frame must stay */
}

/* Free every collectable block the marking did not reach, clear the marks,
 * and rebuild the free lists from the runs of free granules (so adjacent
 * free blocks merge; a run at the end gives its bytes back to the top).
 * Returns the bytes freed. */
static size_t sweep(void) {
    size_t granules = top / ALIGN, freed = 0, run = SIZE_MAX; /* the free run's start */
    memset(small_free, 0, SMALL_CLASSES * sizeof(block *));
    large_free = NULL;
    for (size_t g = 0; g < granules;) {
        uint8_t m = heap.meta[g];
        if (!(m & HEAD)) { /* free */
            if (run == SIZE_MAX) run = g;
            g++;
            while (eight_are(g, granules, ~(uint64_t)0, 0)) g += 8u;
            continue;
        }
        size_t n = granules_of(g);
        if ((m & MARK) || !(m & COLLECT)) {
            heap.meta[g] = (uint8_t)(m & ~MARK);
            if (run != SIZE_MAX) put_free(&BYTES[run * ALIGN], (g - run) * ALIGN);
            run = SIZE_MAX;
        } else {
            memset(&heap.meta[g], 0, n);
            POISON(&BYTES[g * ALIGN], n * ALIGN);
            freed += n * ALIGN;
            if (run == SIZE_MAX) run = g;
        }
        g += n;
    }
    if (run != SIZE_MAX) top = run * ALIGN;
    return freed;
}

bool ua_arena_reached(const void *p) {
    size_t g = head_of((uintptr_t)p);
    return g == SIZE_MAX || (heap.meta[g] & (MARK | COLLECT)) != COLLECT;
}

void ua_arena_keep(const void *p) {
    consider((uintptr_t)p);
    drain_marks();
}

void ua_arena_collect(void) {
    if (!COLLECTOR || collecting || !heap.meta) return;
    collecting = true;
    collect_count++;
    size_t granules = top / ALIGN;
    /* every block from plain ua_alloc is a root until it is freed */
    for (size_t g = next_plain_block(0, granules); g < granules; g = next_plain_block(g + 1u, granules)) {
        heap.meta[g] |= MARK;
        scan_block(g);
        drain_marks();
    }
    scan_static_data();
    drain_marks();
    scan_stack();
    drain_marks();
    if (UA_USES(UA_FEATURE_HELD_TASKS)) ua_task_collecting();
    used -= sweep();
    since_collect = 0;
    set_budget();
    collecting = false;
}

void ua_arena_auto_collect(bool on) {
    auto_collect_off = !on;
    if (!COLLECTOR) return;
    if (!heap.meta) take_port_heap();
    set_budget();
}

bool ua_arena_auto_collects(void) { return !auto_collect_off; }

size_t ua_arena_used(void) { return COLLECTOR ? used : top; }
size_t ua_arena_peak(void) { return peak; }
size_t ua_arena_alloc_count(void) { return alloc_count; }
size_t ua_arena_collect_count(void) { return collect_count; }
