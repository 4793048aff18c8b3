/* The object arena: a static array, 8-byte size classes with free lists
 * for small blocks, one first-fit list for large ones, and a bump pointer.
 * A freed block at the top of the bump region gives its bytes back.
 * ua_free ignores NULL and pointers outside the arena (string literals). */
#include <string.h>

#include "ua.h"

#define ALIGN 8u
#define SMALL_CLASSES 32u /* blocks of 8..256 bytes */

typedef struct block {
    struct block *next;
    size_t size; /* rounded size, for the large list */
} block;

static union {
    uint64_t align;
    unsigned char bytes[UA_ARENA_SIZE];
} arena;
static size_t top;          /* bump pointer */
static size_t used, peak;
static size_t alloc_count;
static block *small_free[SMALL_CLASSES];
static block *large_free;

static size_t round_up(size_t n) {
    if (n < sizeof(block)) n = sizeof(block);
    return (n + ALIGN - 1u) & ~(size_t)(ALIGN - 1u);
}

static void take(size_t n) {
    used += n;
    if (used > peak) peak = used;
}

static void put_free(unsigned char *p, size_t n);

void *ua_alloc(size_t size) {
    alloc_count++;
    if (size > UA_ARENA_SIZE) goto full;
    size_t n = round_up(size);
    size_t cls = n / ALIGN - 1u;
    if (cls < SMALL_CLASSES && small_free[cls]) {
        block *b = small_free[cls];
        small_free[cls] = b->next;
        take(n);
        return b;
    }
    if (n <= UA_ARENA_SIZE - top) {
        void *p = &arena.bytes[top];
        top += n;
        take(n);
        return p;
    }
    /* first fit in the large list, splitting the rest off */
    for (block **pp = &large_free; *pp; pp = &(*pp)->next) {
        block *b = *pp;
        if (b->size >= n) {
            size_t rest = b->size - n;
            *pp = b->next;
            if (rest) put_free((unsigned char *)b + n, rest);
            take(n);
            return b;
        }
    }
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
full:
    ua_raise(&ua_MemoryError, "");
    return NULL;
}

static void put_free(unsigned char *p, size_t n) {
    if ((size_t)(p - arena.bytes) + n == top) { /* give back to the top */
        top -= n;
        return;
    }
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
    if (!c || c < arena.bytes || c >= arena.bytes + UA_ARENA_SIZE) return;
    size_t n = round_up(size);
    used -= n;
    put_free(c, n);
}

size_t ua_arena_used(void) { return used; }
size_t ua_arena_peak(void) { return peak; }
size_t ua_arena_alloc_count(void) { return alloc_count; }
