/* str methods and slices (ASCII case mapping, as MicroPython). Each returns
 * a new arena string, or NULL with MemoryError pending. */
#include <ctype.h>
#include <string.h>

#include "ua.h"

static ua_str mapped(ua_str s, int (*fn)(int)) {
    size_t n = strlen(s);
    char *buf = ua_alloc_str(n + 1);
    if (!buf) return NULL;
    for (size_t i = 0; i < n; i++) buf[i] = (char)fn((unsigned char)s[i]);
    buf[n] = '\0';
    return buf;
}

ua_str ua_str_upper(ua_str s) { return mapped(s, toupper); }
ua_str ua_str_lower(ua_str s) { return mapped(s, tolower); }

static bool in_set(char c, ua_str chars) {
    return chars ? strchr(chars, c) != NULL && c != '\0' : isspace((unsigned char)c);
}

ua_str ua_str_strip(ua_str s, ua_str chars, bool left, bool right) {
    size_t start = 0, end = strlen(s);
    while (left && start < end && in_set(s[start], chars)) start++;
    while (right && end > start && in_set(s[end - 1], chars)) end--;
    return ua_str_from_bytes(s + start, end - start);
}

bool ua_str_startswith(ua_str s, ua_str prefix) {
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

bool ua_str_endswith(ua_str s, ua_str suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return m <= n && memcmp(s + n - m, suffix, m) == 0;
}

ua_int ua_str_find(ua_str s, ua_str sub) {
    const char *p = strstr(s, sub);
    return p ? (ua_int)(p - s) : -1;
}

ua_int ua_str_count(ua_str s, ua_str sub) {
    size_t m = strlen(sub);
    if (m == 0) return (ua_int)strlen(s) + 1;
    ua_int n = 0;
    for (const char *p = strstr(s, sub); p; p = strstr(p + m, sub)) n++;
    return n;
}

ua_str ua_str_replace(ua_str s, ua_str old, ua_str new_) {
    size_t m = strlen(old);
    ua_out o;
    char buf[64];
    ua_out_begin_string(&o, buf, sizeof buf);
    const char *p = s;
    if (m == 0) { /* "abc".replace("", "-") is "-a-b-c-": new before each code point and at the end */
        while (*p) {
            const char *next = p + 1;
            while ((*next & 0xC0) == 0x80) next++;   /* UTF-8 continuation bytes */
            ua_out_cstr(&o, new_);
            ua_out_bytes(&o, p, (size_t)(next - p));
            p = next;
        }
        ua_out_cstr(&o, new_);
        return ua_out_end_string(&o);
    }
    for (const char *q = strstr(p, old); q; q = strstr(p, old)) {
        ua_out_bytes(&o, p, (size_t)(q - p));
        ua_out_cstr(&o, new_);
        p = q + m;
    }
    ua_out_cstr(&o, p);
    return ua_out_end_string(&o);
}

ua_list *ua_str_split(ua_str s, ua_str sep) {
    ua_list *l = ua_list_new(sizeof(ua_str), 4);
    if (!l) return NULL;
    if (sep && !*sep) {
        ua_raise(&ua_ValueError, "empty separator");
        return NULL;
    }
    const char *p = s;
    for (;;) {
        const char *q;
        size_t skip;
        if (sep) {
            q = strstr(p, sep);
            skip = strlen(sep);
        } else {
            while (*p && isspace((unsigned char)*p)) p++;
            if (!*p) break;
            q = p;
            while (*q && !isspace((unsigned char)*q)) q++;
            if (!*q) q = NULL;
            skip = 1;
        }
        size_t n = q ? (size_t)(q - p) : strlen(p);
        ua_str part = ua_str_from_bytes(p, n);
        if (!part || !ua_list_append(l, &part)) return NULL;
        if (!q) break;
        p = q + skip;
    }
    return l;
}

ua_str ua_str_join(ua_str sep, const ua_list *parts) {
    ua_out o;
    char buf[64];
    ua_out_begin_string(&o, buf, sizeof buf);
    for (uint32_t i = 0; i < parts->len; i++) {
        if (i) ua_out_cstr(&o, sep);
        ua_out_cstr(&o, UA_LIST_AT(ua_str, parts, i));
    }
    return ua_out_end_string(&o);
}

bool ua_str_isdigit(ua_str s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!isdigit((unsigned char)*s)) return false;
    return true;
}

bool ua_str_isalpha(ua_str s) {
    if (!*s) return false;
    for (; *s; s++)
        if (!isalpha((unsigned char)*s)) return false;
    return true;
}

/* Python's slice rules: clamp, negative indices count from the end. */
static ua_int slice_bound(ua_int v, ua_int n, bool given, ua_int fallback, ua_int step) {
    if (!given) return fallback;
    if (v < 0) {
        v += n;
        if (v < 0) v = step < 0 ? -1 : 0;
    } else if (v >= n) {
        v = step < 0 ? n - 1 : n;
    }
    return v;
}

bool ua_slice_indices(ua_int n, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_int step,
                      ua_int *out_start, ua_int *out_count) {
    if (step == 0) {
        ua_raise(&ua_ValueError, "slice step cannot be zero");
        return false;
    }
    ua_int a = slice_bound(start, n, has_start, step > 0 ? 0 : n - 1, step);
    ua_int b = slice_bound(stop, n, has_stop, step > 0 ? n : -1, step);
    ua_int count = 0;
    if (step > 0 && b > a) count = (b - a + step - 1) / step;
    if (step < 0 && a > b) count = (a - b - step - 1) / (-step);
    *out_start = a;
    *out_count = count;
    return true;
}

ua_str ua_str_slice(ua_str s, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_int step) {
    ua_int first, count;
    if (!ua_slice_indices((ua_int)strlen(s), start, has_start, stop, has_stop, step, &first, &count)) return NULL;
    char *buf = ua_alloc_str((size_t)count + 1);
    if (!buf) return NULL;
    for (ua_int i = 0; i < count; i++) buf[i] = s[first + i * step];
    buf[count] = '\0';
    return buf;
}

ua_list *ua_list_slice(const ua_list *l, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_int step) {
    ua_int first, count;
    if (!ua_slice_indices((ua_int)l->len, start, has_start, stop, has_stop, step, &first, &count)) return NULL;
    ua_list *out = ua_list_new(l->elem_size, (uint32_t)count);
    if (!out) return NULL;
    for (ua_int i = 0; i < count; i++) {
        memcpy((char *)out->items + (size_t)i * l->elem_size,
               (const char *)l->items + (size_t)(first + i * step) * l->elem_size, l->elem_size);
    }
    out->len = (uint32_t)count;
    return out;
}

bool ua_list_insert(ua_list *l, ua_int index, const void *elem) {
    ua_int n = (ua_int)l->len;
    if (index < 0) index = index + n < 0 ? 0 : index + n;
    if (index > n) index = n;
    if (!ua_list_append(l, elem)) return false;
    char *items = l->items;
    memmove(items + (size_t)(index + 1) * l->elem_size, items + (size_t)index * l->elem_size,
            (size_t)(n - index) * l->elem_size);
    memcpy(items + (size_t)index * l->elem_size, elem, l->elem_size);
    return true;
}

void ua_list_reverse(ua_list *l) {
    char tmp[64];
    char *items = l->items;
    for (uint32_t i = 0, j = l->len ? l->len - 1 : 0; i < j; i++, j--) {
        for (uint32_t k = 0; k < l->elem_size; k += sizeof tmp) {
            uint32_t n = l->elem_size - k < sizeof tmp ? l->elem_size - k : (uint32_t)sizeof tmp;
            memcpy(tmp, items + i * l->elem_size + k, n);
            memcpy(items + i * l->elem_size + k, items + j * l->elem_size + k, n);
            memcpy(items + j * l->elem_size + k, tmp, n);
        }
    }
}

/* Remove item i (already a valid index). */
void ua_list_delete(ua_list *l, uint32_t i) {
    char *items = l->items;
    memmove(items + i * l->elem_size, items + (i + 1) * l->elem_size, (l->len - i - 1) * l->elem_size);
    l->len--;
}
