/* dict with int, str or boxed (tuple) keys: insertion-ordered parallel
 * arrays with linear search, which is the right trade for the small dicts of
 * device code (no hashing, no rehash spikes). Values are stored by value,
 * value_size bytes; a boxed key is copied into its own arena block when
 * stored and compared with the compiler's equality function. */
#include <string.h>

#include "ua.h"

ua_dict *ua_dict_new(bool str_keys, uint32_t value_size) {
    ua_dict *d = ua_alloc_obj(sizeof *d);
    if (!d) return NULL;
    memset(d, 0, sizeof *d);
    d->str_keys = str_keys;
    d->value_size = value_size;
    return d;
}

ua_dict *ua_dict_new_boxed(uint32_t key_size, ua_key_eq_fn eq, ua_key_repr_fn repr, uint32_t value_size) {
    ua_dict *d = ua_dict_new(false, value_size);
    if (!d) return NULL;
    d->key_size = key_size;
    d->key_eq = eq;
    d->key_repr = repr;
    return d;
}

int32_t ua_dict_find(const ua_dict *d, ua_dkey key) {
    if (d->key_eq) {
        for (uint32_t i = 0; i < d->len; i++)
            if (d->key_eq(d->keys[i].p, key.p)) return (int32_t)i;
    } else if (d->str_keys) {
        for (uint32_t i = 0; i < d->len; i++)
            if (strcmp(d->keys[i].s, key.s) == 0) return (int32_t)i;
    } else {
        for (uint32_t i = 0; i < d->len; i++)
            if (d->keys[i].i == key.i) return (int32_t)i;
    }
    return -1;
}

static bool grow(ua_dict *d) {
    uint32_t cap = d->cap ? d->cap * 2 : 4;
    ua_dkey *keys = ua_alloc_obj(cap * sizeof *keys);
    unsigned char *values = ua_alloc_obj((size_t)cap * d->value_size);   /* value_size >= 1 */
    if (!keys || !values) {
        ua_free(keys, cap * sizeof *keys);
        return false;
    }
    if (d->len) {
        memcpy(keys, d->keys, d->len * sizeof *keys);
        memcpy(values, d->values, (size_t)d->len * d->value_size);
    }
    ua_free(d->keys, d->cap * sizeof *d->keys);
    ua_free(d->values, (size_t)d->cap * d->value_size);
    d->keys = keys;
    d->values = values;
    d->cap = cap;
    return true;
}

bool ua_dict_set(ua_dict *d, ua_dkey key, const void *value) {
    int32_t i = ua_dict_find(d, key);
    if (i < 0) {
        if (d->len == d->cap && !grow(d)) return false;
        if (d->key_size) {
            void *box = ua_alloc_obj(d->key_size);
            if (!box) return false;
            memcpy(box, key.p, d->key_size);
            key.p = box;
        }
        i = (int32_t)d->len++;
        d->keys[i] = key;
    }
    memcpy(d->values + (size_t)i * d->value_size, value, d->value_size);
    return true;
}

void ua_dict_delete_at(ua_dict *d, uint32_t i) {
    memmove(&d->keys[i], &d->keys[i + 1], (d->len - i - 1) * sizeof *d->keys);
    memmove(d->values + (size_t)i * d->value_size, d->values + (size_t)(i + 1) * d->value_size,
            (size_t)(d->len - i - 1) * d->value_size);
    d->len--;
}

ua_dict *ua_dict_copy(const ua_dict *d) {
    ua_dict *c = ua_dict_new(d->str_keys, d->value_size);
    if (!c) return NULL;
    c->key_size = d->key_size;
    c->key_eq = d->key_eq;
    c->key_repr = d->key_repr;
    if (!ua_dict_update(c, d)) return NULL;
    return c;
}

bool ua_dict_update(ua_dict *d, const ua_dict *from) {
    uint32_t n = from->len;     /* d.update(d) adds nothing */
    for (uint32_t i = 0; i < n; i++)
        if (!ua_dict_set(d, from->keys[i], from->values + (size_t)i * from->value_size)) return false;
    return true;
}

void ua_dict_raise_key_error(const ua_dict *d, ua_dkey key) {
    char buf[48];
    ua_out o;
    ua_out_begin_string(&o, buf, sizeof buf);
    if (d->key_repr) d->key_repr(&o, key.p);
    else if (d->str_keys) ua_out_repr_str(&o, key.s);
    else ua_out_int(&o, key.i);
    ua_str msg = ua_out_end_string(&o);
    if (msg) ua_raise(&ua_KeyError, msg);
}
