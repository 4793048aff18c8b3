/* Objects that outlive a statement: strings built at run time, lists,
 * dicts, from one fixed arena. Exhaustion raises MemoryError and returns NULL. */
#ifndef UA_OBJ_H
#define UA_OBJ_H

#include "ua_exc.h"
#include "ua_types.h"

/* Deterministic allocator over an arena of at most UA_ARENA_SIZE bytes in
 * the RAM the port gives (ua_port_heap):
 * size classes of 8 bytes with free lists, so a freed block is reused by
 * the next allocation of its class. Blocks from ua_alloc (tasks, frames,
 * callbacks, primitives) live until ua_free; blocks from ua_alloc_obj
 * (lists, dicts, class instances: zeroed) and ua_alloc_str (strings: no
 * pointers inside) are reclaimed by the collector once nothing points into
 * them (arena.c). A program the compiler proved to allocate a bounded
 * amount has no collector: blocks then come from a bump pointer and only
 * the last one freed is reused. */
void *ua_alloc(size_t size);
void *ua_alloc_obj(size_t size);
char *ua_alloc_str(size_t size);
void ua_free(void *p, size_t size);
/* Block p of size bytes from ua_alloc, which nothing will ua_free,
 * becomes collectable: the collector frees it once nothing points into it
 * (a finished task the program may still hold). Without the collector it
 * stays. */
void ua_arena_collectable(void *p, size_t size);
/* Reclaim the collectable blocks nothing points to (also done when an
 * allocation would fail). */
void ua_arena_collect(void);
/* gc.enable()/gc.disable(): whether allocating enough collectable bytes
 * starts a collection (an allocation that finds no room always does, as
 * in MicroPython). */
void ua_arena_auto_collect(bool on);
bool ua_arena_auto_collects(void);
/* For ua_task_collecting, between a collection's marking and its sweep:
 * whether the block holding p was reached (a block that is not
 * collectable always is), and keeping the block holding p, with all it
 * points to, for this collection. */
bool ua_arena_reached(const void *p);
void ua_arena_keep(const void *p);
/* Bytes in use now and at most so far (the size report and tests). */
size_t ua_arena_used(void);
size_t ua_arena_peak(void);
/* Bytes the arena holds (taken from the port at the first call). */
size_t ua_arena_size(void);
/* Number of ua_alloc calls so far (tests show what does not allocate). */
size_t ua_arena_alloc_count(void);
size_t ua_arena_collect_count(void);

/* str */
ua_str ua_str_concat(ua_str a, ua_str b);            /* NULL + MemoryError */
ua_str ua_str_repeat(ua_str s, ua_int n);
ua_str ua_str_from_bytes(const char *buf, size_t len); /* copies */
ua_int ua_str_len(ua_str s);
bool ua_str_eq(ua_str a, ua_str b);
int ua_str_cmp(ua_str a, ua_str b);
ua_str ua_str_getitem(ua_str s, ua_int index);       /* IndexError */
bool ua_str_contains(ua_str haystack, ua_str needle);
/* int(s) / float(s): ValueError with CPython's message when s is not a number. */
bool ua_str_to_int(ua_str s, ua_int *out);
bool ua_str_to_float(ua_str s, ua_float *out);

/* list: items of one C type, elem_size bytes each. */
typedef struct ua_list {
    uint32_t len;
    uint32_t cap;
    uint32_t elem_size;
    void *items;
} ua_list;

ua_list *ua_list_new(uint32_t elem_size, uint32_t cap);
/* A list of the n items at `items` (NULL with MemoryError pending). */
ua_list *ua_list_of(uint32_t elem_size, uint32_t n, const void *items);
/* Append a copy of *elem; false (MemoryError pending) when full. */
bool ua_list_append(ua_list *l, const void *elem);
/* Normalise a Python index (negative counts from the end); on a bad index
 * raise IndexError("list index out of range") and return false. */
bool ua_list_index(const ua_list *l, ua_int index, uint32_t *out);
/* The address of item `index` (Python's rules), or NULL with IndexError. */
/* The item l[index] to read, or (store_slot) to store into; NULL after
 * raising IndexError (CPython's message differs between the two). */
void *ua_list_slot(const ua_list *l, ua_int index);
void *ua_list_store_slot(const ua_list *l, ua_int index);
/* That IndexError, for an index check the compiler wrote. */
void ua_raise_list_index_error(bool assignment);
/* Remove and copy out item i (pop). */
bool ua_list_pop(ua_list *l, ua_int index, void *out);

/* list.insert, list.reverse, del l[i] (i valid), l[a:b:c]. */
bool ua_list_insert(ua_list *l, ua_int index, const void *elem);
void ua_list_reverse(ua_list *l);
void ua_list_delete(ua_list *l, uint32_t i);
ua_list *ua_list_slice(const ua_list *l, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_int step);

/* str methods (ASCII case mapping) and slices. */
ua_str ua_str_upper(ua_str s);
ua_str ua_str_lower(ua_str s);
ua_str ua_str_strip(ua_str s, ua_str chars, bool left, bool right);   /* chars NULL: whitespace */
bool ua_str_startswith(ua_str s, ua_str prefix);
bool ua_str_endswith(ua_str s, ua_str suffix);
ua_int ua_str_find(ua_str s, ua_str sub);
ua_int ua_str_count(ua_str s, ua_str sub);
ua_str ua_str_replace(ua_str s, ua_str old, ua_str new_);
ua_list *ua_str_split(ua_str s, ua_str sep);                          /* sep NULL: whitespace */
ua_str ua_str_join(ua_str sep, const ua_list *parts);
bool ua_str_isdigit(ua_str s);
bool ua_str_isalpha(ua_str s);
ua_str ua_str_slice(ua_str s, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_int step);
/* The first index and the item count of a slice of a sequence of n items. */
bool ua_slice_indices(ua_int n, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_int step,
                      ua_int *out_start, ua_int *out_count);

/* dict with int, str or boxed keys, insertion-ordered (see dict.c). A
 * boxed key (a tuple) is a pointer to its value: to the caller's copy in
 * lookups, to a copy in the arena once stored. */
typedef union ua_dkey {
    ua_int i;
    ua_str s;
    const void *p;
} ua_dkey;

struct ua_out;
typedef bool (*ua_key_eq_fn)(const void *a, const void *b);
typedef void (*ua_key_repr_fn)(struct ua_out *o, const void *key);

typedef struct ua_dict {
    uint32_t len, cap;
    uint32_t value_size;
    bool str_keys;
    uint32_t key_size;              /* boxed keys: their size, else 0 */
    ua_key_eq_fn key_eq;
    ua_key_repr_fn key_repr;
    ua_dkey *keys;
    unsigned char *values;
} ua_dict;

ua_dict *ua_dict_new(bool str_keys, uint32_t value_size);   /* NULL + MemoryError */
ua_dict *ua_dict_new_boxed(uint32_t key_size, ua_key_eq_fn eq, ua_key_repr_fn repr, uint32_t value_size);
int32_t ua_dict_find(const ua_dict *d, ua_dkey key);        /* index, or -1 */
bool ua_dict_set(ua_dict *d, ua_dkey key, const void *value);
void ua_dict_delete_at(ua_dict *d, uint32_t i);
ua_dict *ua_dict_copy(const ua_dict *d);                    /* NULL + MemoryError */
bool ua_dict_update(ua_dict *d, const ua_dict *from);       /* false + MemoryError */
/* KeyError(key), with the key's repr as CPython gives it. */
void ua_dict_raise_key_error(const ua_dict *d, ua_dkey key);
#define UA_DICT_VALUE(type, d, i) (((type *)(void *)(d)->values)[(i)])

#define UA_LIST_AT(type, l, i) (((type *)(l)->items)[(i)])

#endif
