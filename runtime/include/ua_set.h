/* set of ints or strs (see set.c): CPython's own table, so that a set of
 * ints iterates in exactly CPython's order. */
#ifndef UA_SET_H
#define UA_SET_H

#include "ua_obj.h"

enum { UA_SLOT_EMPTY, UA_SLOT_ACTIVE, UA_SLOT_DUMMY };

typedef struct ua_set_entry {
    ua_dkey key;
    uint8_t state;
} ua_set_entry;

typedef struct ua_set {
    uint32_t used;     /* active entries (len) */
    uint32_t fill;     /* active and dummy entries */
    uint32_t mask;     /* table size - 1 */
    uint32_t finger;   /* where pop() looks next */
    bool str_keys;
    ua_set_entry *table;
} ua_set;

ua_set *ua_set_new(bool str_keys);                    /* NULL + MemoryError */
bool ua_set_add(ua_set *s, ua_dkey key);
bool ua_set_contains(const ua_set *s, ua_dkey key);
bool ua_set_discard(ua_set *s, ua_dkey key);          /* true if it was there */
/* remove: KeyError(key) when absent (false). */
bool ua_set_remove(ua_set *s, ua_dkey key);
void ua_set_clear(ua_set *s);
/* A set literal of constants, as CPython builds it (a folded frozenset merged in). */
ua_set *ua_set_of_constants(bool str_keys, const ua_dkey *keys, uint32_t n);
ua_set *ua_set_copy(const ua_set *s);
ua_set *ua_set_union(const ua_set *a, const ua_set *b);
ua_set *ua_set_intersection(const ua_set *a, const ua_set *b);
ua_set *ua_set_difference(const ua_set *a, const ua_set *b);
/* s |= o, s -= o, s &= o: in place, by CPython's algorithms. */
bool ua_set_update(ua_set *s, const ua_set *other);
bool ua_set_difference_update(ua_set *s, const ua_set *other);
bool ua_set_intersection_update(ua_set *s, const ua_set *other);
bool ua_set_symmetric_difference_update(ua_set *s, const ua_set *other);    /* s ^= o */
ua_set *ua_set_symmetric_difference(const ua_set *a, const ua_set *b);
/* pop(): KeyError("pop from an empty set") when empty (false). */
bool ua_set_pop(ua_set *s, ua_dkey *out);
bool ua_set_eq(const ua_set *a, const ua_set *b);
bool ua_set_issubset(const ua_set *a, const ua_set *b);      /* a <= b */
bool ua_set_isdisjoint(const ua_set *a, const ua_set *b);
/* The next active slot at or after *pos (iteration), false at the end. */
bool ua_set_next(const ua_set *s, uint32_t *pos, ua_dkey *key);
/* The items in iteration order, as a list of ua_int or ua_str (for loops). */
ua_list *ua_set_items(const ua_set *s);

#endif
