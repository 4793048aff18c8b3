/* set of ints or strs: an open-addressing table run by CPython's own rules
 * (linear probes of 9 then perturbed jumps, dummies for deletions, the same
 * resize points and merge shortcuts), so that a set of ints iterates in
 * CPython's order: the hash of an int is the int (-1 hashes as -2), and the
 * probe arithmetic is done in 64 bits as on the reference interpreter.
 * strs hash with FNV-1a: membership works, but their order is CPython's
 * only by chance (it randomises str hashes), so the compiler refuses to
 * iterate or print a set of strs. */
#include <string.h>

#include "ua.h"

#define MIN_SIZE 8u
#define LINEAR_PROBES 9u
#define PERTURB_SHIFT 5

static uint64_t hash_of(const ua_set *s, ua_dkey k) {
    if (s->str_keys) {
        uint64_t h = 14695981039346656037u;
        for (const unsigned char *p = (const unsigned char *)k.s; *p; p++) h = (h ^ *p) * 1099511628211u;
        return h;
    }
    return (uint64_t)(int64_t)(k.i == -1 ? -2 : k.i);
}

static bool same(const ua_set *s, ua_dkey a, ua_dkey b) {
    return s->str_keys ? strcmp(a.s, b.s) == 0 : a.i == b.i;
}

static ua_set_entry *new_table(uint32_t size) {
    ua_set_entry *t = ua_alloc(size * sizeof *t);
    if (t) memset(t, 0, size * sizeof *t);
    return t;
}

ua_set *ua_set_new(bool str_keys) {
    ua_set *s = ua_alloc(sizeof *s);
    if (!s) return NULL;
    s->table = new_table(MIN_SIZE);
    if (!s->table) {
        ua_free(s, sizeof *s);
        return NULL;
    }
    s->used = s->fill = s->finger = 0;
    s->mask = MIN_SIZE - 1u;
    s->str_keys = str_keys;
    return s;
}

static void free_set(ua_set *s) {
    ua_free(s->table, (s->mask + 1u) * sizeof *s->table);
    ua_free(s, sizeof *s);
}

/* The entry holding key, or the empty one that ends its probe sequence. */
static ua_set_entry *lookup(const ua_set *s, ua_dkey key, uint64_t h) {
    uint64_t mask = s->mask, perturb = h, i = h & mask;
    for (;;) {
        ua_set_entry *e = &s->table[i];
        uint32_t probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0u;
        for (uint32_t k = 0; k <= probes; k++, e++) {
            if (e->state == UA_SLOT_EMPTY) return e;
            if (e->state == UA_SLOT_ACTIVE && same(s, e->key, key)) return e;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5u + 1u + perturb) & mask;
    }
}

/* Insert a key known to be absent into a table without dummies. */
static void insert_clean(ua_set_entry *table, uint64_t mask, ua_dkey key, uint64_t h) {
    uint64_t perturb = h, i = h & mask;
    for (;;) {
        ua_set_entry *e = &table[i];
        uint32_t probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0u;
        for (uint32_t k = 0; k <= probes; k++, e++) {
            if (e->state == UA_SLOT_EMPTY) {
                e->key = key;
                e->state = UA_SLOT_ACTIVE;
                return;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5u + 1u + perturb) & mask;
    }
}

/* A table of the smallest power of two above minused, dummies dropped. */
static bool resize(ua_set *s, uint32_t minused) {
    uint32_t size = MIN_SIZE;
    while (size <= minused) size <<= 1;
    if (size == MIN_SIZE && s->mask == MIN_SIZE - 1u && s->fill == s->used) return true;
    ua_set_entry *table = new_table(size);
    if (!table) return false;
    for (uint32_t i = 0; i <= s->mask; i++)
        if (s->table[i].state == UA_SLOT_ACTIVE)
            insert_clean(table, size - 1u, s->table[i].key, hash_of(s, s->table[i].key));
    ua_free(s->table, (s->mask + 1u) * sizeof *s->table);
    s->table = table;
    s->mask = size - 1u;
    s->fill = s->used;
    return true;
}

static bool grow(ua_set *s) {
    return resize(s, s->used > 50000u ? s->used * 2u : s->used * 4u);
}

static bool add_entry(ua_set *s, ua_dkey key, uint64_t h) {
    /* a resize that failed earlier is tried again before the table fills */
    if ((uint64_t)s->fill * 5u >= (uint64_t)s->mask * 3u && !grow(s)) return false;
    uint64_t mask = s->mask, perturb = h, i = h & mask;
    ua_set_entry *freeslot = NULL, *e;
    for (;;) {
        e = &s->table[i];
        uint32_t probes = i + LINEAR_PROBES <= mask ? LINEAR_PROBES : 0u;
        for (uint32_t k = 0; k <= probes; k++, e++) {
            if (e->state == UA_SLOT_EMPTY) goto found_empty;
            if (e->state == UA_SLOT_DUMMY) freeslot = e;   /* the last one seen, as CPython */
            else if (same(s, e->key, key)) return true;
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5u + 1u + perturb) & mask;
    }
found_empty:
    if (freeslot) {
        freeslot->key = key;
        freeslot->state = UA_SLOT_ACTIVE;
        s->used++;
        return true;
    }
    e->key = key;
    e->state = UA_SLOT_ACTIVE;
    s->fill++;
    s->used++;
    if ((uint64_t)s->fill * 5u < mask * 3u) return true;
    return grow(s);
}

bool ua_set_add(ua_set *s, ua_dkey key) { return add_entry(s, key, hash_of(s, key)); }

bool ua_set_contains(const ua_set *s, ua_dkey key) {
    return lookup(s, key, hash_of(s, key))->state == UA_SLOT_ACTIVE;
}

bool ua_set_discard(ua_set *s, ua_dkey key) {
    ua_set_entry *e = lookup(s, key, hash_of(s, key));
    if (e->state != UA_SLOT_ACTIVE) return false;
    e->state = UA_SLOT_DUMMY;
    s->used--;
    return true;
}

bool ua_set_remove(ua_set *s, ua_dkey key) {
    if (ua_set_discard(s, key)) return true;
    char buf[48];
    ua_out o;
    ua_out_begin_string(&o, buf, sizeof buf);
    if (s->str_keys) ua_out_repr_str(&o, key.s);
    else ua_out_int(&o, key.i);
    ua_str msg = ua_out_end_string(&o);
    if (msg) ua_raise(&ua_KeyError, msg);
    return false;
}

void ua_set_clear(ua_set *s) {
    if (s->mask != MIN_SIZE - 1u) {
        ua_set_entry *small = new_table(MIN_SIZE);
        if (!small) {       /* keep the big table: an empty set either way */
            memset(s->table, 0, (s->mask + 1u) * sizeof *s->table);
            s->used = s->fill = 0;
            return;
        }
        ua_free(s->table, (s->mask + 1u) * sizeof *s->table);
        s->table = small;
        s->mask = MIN_SIZE - 1u;
    }
    memset(s->table, 0, MIN_SIZE * sizeof *s->table);
    s->used = s->fill = 0;
}

/* CPython's set_merge: one resize up front, then the cheapest copy. */
static bool merge(ua_set *s, const ua_set *o) {
    if (o == s || o->used == 0) return true;
    if ((uint64_t)(s->fill + o->used) * 5u >= (uint64_t)s->mask * 3u && !resize(s, (s->used + o->used) * 2u))
        return false;
    if (s->fill == 0 && s->mask == o->mask && o->fill == o->used) {
        memcpy(s->table, o->table, (o->mask + 1u) * sizeof *o->table);
        s->fill = o->fill;
        s->used = o->used;
        return true;
    }
    if (s->fill == 0) {
        s->fill = s->used = o->used;
        for (uint32_t i = 0; i <= o->mask; i++)
            if (o->table[i].state == UA_SLOT_ACTIVE)
                insert_clean(s->table, s->mask, o->table[i].key, hash_of(o, o->table[i].key));
        return true;
    }
    for (uint32_t i = 0; i <= o->mask; i++)
        if (o->table[i].state == UA_SLOT_ACTIVE && !add_entry(s, o->table[i].key, hash_of(o, o->table[i].key)))
            return false;
    return true;
}

ua_set *ua_set_copy(const ua_set *s) {
    ua_set *r = ua_set_new(s->str_keys);
    if (r && !merge(r, s)) {
        free_set(r);
        return NULL;
    }
    return r;
}

bool ua_set_update(ua_set *s, const ua_set *other) { return merge(s, other); }

ua_set *ua_set_of_constants(bool str_keys, const ua_dkey *keys, uint32_t n) {
    ua_set *r = ua_set_new(str_keys);
    if (!r) return NULL;
    if (n <= 2) {       /* CPython builds these item by item */
        for (uint32_t i = 0; i < n; i++)
            if (!ua_set_add(r, keys[i])) goto fail;
        return r;
    }
    /* the compiler folds them into a frozenset, rebuilds that from its own
     * order when it merges constants, and the new set merges it in */
    ua_set *folded = ua_set_new(str_keys), *rebuilt = ua_set_new(str_keys);
    bool ok = folded && rebuilt;
    for (uint32_t i = 0; ok && i < n; i++) ok = ua_set_add(folded, keys[i]);
    for (uint32_t i = 0; ok && i <= folded->mask; i++)
        if (folded->table[i].state == UA_SLOT_ACTIVE) ok = ua_set_add(rebuilt, folded->table[i].key);
    ok = ok && merge(r, rebuilt);
    if (folded) free_set(folded);
    if (rebuilt) free_set(rebuilt);
    if (ok) return r;
fail:
    free_set(r);
    return NULL;
}

ua_set *ua_set_union(const ua_set *a, const ua_set *b) {
    ua_set *r = ua_set_copy(a);
    if (r && a != b && !merge(r, b)) {
        free_set(r);
        return NULL;
    }
    return r;
}

ua_set *ua_set_intersection(const ua_set *a, const ua_set *b) {
    if (a == b) return ua_set_copy(a);
    ua_set *r = ua_set_new(a->str_keys);
    if (!r) return NULL;
    if (b->used > a->used) {    /* walk the smaller one */
        const ua_set *t = a;
        a = b;
        b = t;
    }
    for (uint32_t i = 0; i <= b->mask; i++) {
        const ua_set_entry *e = &b->table[i];
        if (e->state == UA_SLOT_ACTIVE && ua_set_contains(a, e->key) && !ua_set_add(r, e->key)) {
            free_set(r);
            return NULL;
        }
    }
    return r;
}

bool ua_set_difference_update(ua_set *s, const ua_set *o) {
    if (s == o) {
        ua_set_clear(s);
        return true;
    }
    ua_set *common = NULL;
    if ((o->used >> 3) > s->used) {     /* a much larger o: walk what they share */
        common = ua_set_intersection(s, o);
        if (!common) return false;
        o = common;
    }
    for (uint32_t i = 0; i <= o->mask; i++)
        if (o->table[i].state == UA_SLOT_ACTIVE) ua_set_discard(s, o->table[i].key);
    if (common) free_set(common);
    return s->fill - s->used <= s->mask / 4u || grow(s);    /* too many dummies: rebuild */
}

bool ua_set_intersection_update(ua_set *s, const ua_set *o) {
    ua_set *r = ua_set_intersection(s, o);
    if (!r) return false;
    ua_set old = *s;        /* s takes the result's table, as CPython swaps them */
    s->table = r->table;
    s->mask = r->mask;
    s->used = r->used;
    s->fill = r->fill;
    r->table = old.table;
    r->mask = old.mask;
    free_set(r);
    return true;
}

bool ua_set_symmetric_difference_update(ua_set *s, const ua_set *o) {
    if (s == o) {
        ua_set_clear(s);
        return true;
    }
    for (uint32_t i = 0; i <= o->mask; i++)
        if (o->table[i].state == UA_SLOT_ACTIVE && !ua_set_discard(s, o->table[i].key) &&
            !ua_set_add(s, o->table[i].key))
            return false;
    return true;
}

ua_set *ua_set_symmetric_difference(const ua_set *a, const ua_set *b) {
    ua_set *r = ua_set_copy(b);     /* CPython starts from a copy of the right operand */
    if (r && !ua_set_symmetric_difference_update(r, a)) {
        free_set(r);
        return NULL;
    }
    return r;
}

bool ua_set_pop(ua_set *s, ua_dkey *out) {
    if (s->used == 0) {
        ua_raise(&ua_KeyError, "'pop from an empty set'");
        return false;
    }
    uint32_t i = s->finger & s->mask;
    while (s->table[i].state != UA_SLOT_ACTIVE) i = i == s->mask ? 0 : i + 1u;
    *out = s->table[i].key;
    s->table[i].state = UA_SLOT_DUMMY;
    s->used--;
    s->finger = i + 1u;
    return true;
}

ua_set *ua_set_difference(const ua_set *a, const ua_set *b) {
    ua_set *r;
    if ((a->used >> 2) > b->used) {     /* copy a, then take b's items out */
        r = ua_set_copy(a);
        if (r && !ua_set_difference_update(r, b)) {
            free_set(r);
            return NULL;
        }
        return r;
    }
    r = ua_set_new(a->str_keys);
    if (!r) return NULL;
    for (uint32_t i = 0; i <= a->mask; i++) {
        const ua_set_entry *e = &a->table[i];
        if (e->state == UA_SLOT_ACTIVE && !ua_set_contains(b, e->key) && !ua_set_add(r, e->key)) {
            free_set(r);
            return NULL;
        }
    }
    return r;
}

bool ua_set_eq(const ua_set *a, const ua_set *b) {
    if (a->used != b->used) return false;
    for (uint32_t i = 0; i <= a->mask; i++)
        if (a->table[i].state == UA_SLOT_ACTIVE && !ua_set_contains(b, a->table[i].key)) return false;
    return true;
}

bool ua_set_issubset(const ua_set *a, const ua_set *b) {
    if (a->used > b->used) return false;
    for (uint32_t i = 0; i <= a->mask; i++)
        if (a->table[i].state == UA_SLOT_ACTIVE && !ua_set_contains(b, a->table[i].key)) return false;
    return true;
}

bool ua_set_isdisjoint(const ua_set *a, const ua_set *b) {
    for (uint32_t i = 0; i <= a->mask; i++)
        if (a->table[i].state == UA_SLOT_ACTIVE && ua_set_contains(b, a->table[i].key)) return false;
    return true;
}

bool ua_set_next(const ua_set *s, uint32_t *pos, ua_dkey *key) {
    for (uint32_t i = *pos; i <= s->mask; i++) {
        if (s->table[i].state == UA_SLOT_ACTIVE) {
            *key = s->table[i].key;
            *pos = i + 1u;
            return true;
        }
    }
    *pos = s->mask + 1u;
    return false;
}

ua_list *ua_set_items(const ua_set *s) {
    uint32_t size = s->str_keys ? sizeof(ua_str) : sizeof(ua_int);
    ua_list *l = ua_list_new(size, s->used);
    if (!l) return NULL;
    uint32_t pos = 0;
    ua_dkey k;
    while (ua_set_next(s, &pos, &k)) {
        if (s->str_keys) UA_LIST_AT(ua_str, l, l->len++) = k.s;
        else UA_LIST_AT(ua_int, l, l->len++) = k.i;
    }
    return l;
}
