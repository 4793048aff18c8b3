/* list: a header and an item array in the arena; the array doubles. */
#include <string.h>

#include "ua.h"

ua_list *ua_list_new(uint32_t elem_size, uint32_t cap) {
    ua_list *l = ua_alloc_obj(sizeof *l); /* zeroed: empty, no items */
    if (!l) return NULL;
    l->elem_size = elem_size;
    if (cap) {
        l->items = ua_alloc_obj((size_t)cap * elem_size);
        if (!l->items) {
            ua_free(l, sizeof *l);
            return NULL;
        }
        l->cap = cap;
    }
    return l;
}

ua_list *ua_list_of(uint32_t elem_size, uint32_t n, const void *items) {
    ua_list *l = ua_list_new(elem_size, n);
    if (!l) return NULL;
    memcpy(l->items, items, (size_t)n * elem_size);
    l->len = n;
    return l;
}

bool ua_list_append(ua_list *l, const void *elem) {
    if (l->len == l->cap) {
        uint32_t cap = l->cap ? l->cap * 2u : 4u;
        if ((size_t)cap * l->elem_size > UA_ARENA_SIZE) {
            ua_raise(&ua_MemoryError, "");
            return false;
        }
        void *items = ua_alloc_obj((size_t)cap * l->elem_size);
        if (!items) return false;
        if (l->len) memcpy(items, l->items, (size_t)l->len * l->elem_size);
        ua_free(l->items, (size_t)l->cap * l->elem_size);
        l->items = items;
        l->cap = cap;
    }
    memcpy((char *)l->items + (size_t)l->len * l->elem_size, elem, l->elem_size);
    l->len++;
    return true;
}

static bool norm(const ua_list *l, ua_int index, uint32_t *out) {
    /* in 32 bits: an index below -len wraps to 2**31 or more, above any
     * length (a list fits in the arena) */
    _Static_assert(UA_ARENA_SIZE < 0x80000000u, "list lengths below 2**31");
    uint32_t i = (uint32_t)index;
    if (index < 0) i += l->len;
    if (i >= l->len) return false;
    *out = i;
    return true;
}

void ua_raise_list_index_error(bool assignment) {
    ua_raise(&ua_IndexError, assignment ? "list assignment index out of range" : "list index out of range");
}

bool ua_list_index(const ua_list *l, ua_int index, uint32_t *out) {
    if (norm(l, index, out)) return true;
    ua_raise_list_index_error(false);
    return false;
}

static inline __attribute__((always_inline)) void *slot(const ua_list *l, ua_int index, bool assignment) {
    uint32_t i;
    if (!norm(l, index, &i)) {
        ua_raise_list_index_error(assignment);
        return NULL;
    }
    return (char *)l->items + (size_t)i * l->elem_size;
}

void *ua_list_slot(const ua_list *l, ua_int index) { return slot(l, index, false); }
void *ua_list_store_slot(const ua_list *l, ua_int index) { return slot(l, index, true); }

bool ua_list_pop(ua_list *l, ua_int index, void *out) {
    uint32_t i;
    if (l->len == 0) {
        ua_raise(&ua_IndexError, "pop from empty list");
        return false;
    }
    if (!norm(l, index, &i)) {
        ua_raise(&ua_IndexError, "pop index out of range");
        return false;
    }
    char *base = l->items;
    size_t es = l->elem_size;
    if (out) memcpy(out, base + i * es, es);
    memmove(base + i * es, base + (i + 1u) * es, (l->len - i - 1u) * es);
    l->len--;
    return true;
}
