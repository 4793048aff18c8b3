/* The console buffer and the string builder, and str()/repr() of scalars
 * except floats (fmt.c). */
#include <string.h>

#include "ua.h"

static char stdout_buf[UA_STDOUT_BUF];
ua_out ua_stdout = {stdout_buf, 0, UA_STDOUT_BUF, NULL, false, false};

void ua_out_flush(ua_out *o) {
    if (o->append || o->len == 0) return;
    ua_port_write_out(o->buf, o->len);
    o->len = 0;
}

/* Make room for n more bytes and a NUL in a string builder. */
static bool grow(ua_out *o, size_t n) {
    if (o->failed) return false;
    if (o->len + n + 1u <= o->cap) return true;
    size_t cap = o->cap * 2u;
    if (cap < o->len + n + 1u) cap = o->len + n + 1u;
    if (cap < 32u) cap = 32u;
    ua_exc *pending = ua_raised;
    char *p = ua_alloc(cap);
    if (!p) {
        ua_raised = pending; /* reported by ua_out_end_string */
        o->failed = true;
        return false;
    }
    memcpy(p, o->buf, o->len);
    if (o->on_heap) ua_free(o->buf, o->cap);
    o->buf = p;
    o->cap = cap;
    o->on_heap = true;
    return true;
}

static void append_string(ua_out *o, const char *s, size_t n) {
    if (!grow(o, n)) return;
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

void ua_out_bytes(ua_out *o, const char *s, size_t n) {
    /* tested by address, not by append: a call on the console, as every
     * print is, then folds the test away */
    if (o != &ua_stdout) {
        o->append(o, s, n);
        return;
    }
    if (n > o->cap - o->len) {
        ua_out_flush(o);
        if (n >= o->cap) {
            ua_port_write_out(s, n);
            return;
        }
    }
    memcpy(o->buf + o->len, s, n);
    o->len += n;
}

void ua_out_cstr(ua_out *o, const char *s) { ua_out_bytes(o, s, strlen(s)); }
void ua_out_str(ua_out *o, ua_str s) { ua_out_bytes(o, s, strlen(s)); }
void ua_out_bool(ua_out *o, bool v) { ua_out_cstr(o, v ? "True" : "False"); }
void ua_out_none(ua_out *o) { ua_out_bytes(o, "None", 4); }

char *ua_int_digits(char *end, ua_int v) {
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    do { *--end = (char)('0' + u % 10u); u /= 10u; } while (u);
    if (v < 0) *--end = '-';
    return end;
}

void ua_out_int(ua_out *o, ua_int v) {
    char b[UA_INT_DIGITS];
    char *p = ua_int_digits(b + sizeof b, v);
    ua_out_bytes(o, p, (size_t)(b + sizeof b - p));
}

void ua_out_repr_str(ua_out *o, ua_str s) {
    const unsigned char *p = (const unsigned char *)s;
    char q = '\'';
    if (strchr(s, '\'') && !strchr(s, '"')) q = '"';
    ua_out_bytes(o, &q, 1);
    const unsigned char *run = p; /* bytes copied as they are */
    for (;; p++) {
        unsigned c = *p;
        char esc[4] = {'\\', 0, 0, 0};
        size_t el = 2, skip = 1;
        if (c == 0) break;
        if (c == (unsigned char)q || c == '\\') esc[1] = (char)c;
        else if (c == '\n') esc[1] = 'n';
        else if (c == '\r') esc[1] = 'r';
        else if (c == '\t') esc[1] = 't';
        else if (c < 0x20u || c == 0x7fu || (c == 0xc2u && p[1] >= 0x80u &&
                 (p[1] <= 0xa0u || p[1] == 0xadu))) {
            /* control characters, U+0080..U+00A0 and U+00AD: \xNN */
            unsigned v = c == 0xc2u ? p[1] : c;
            skip = c == 0xc2u ? 2 : 1;
            esc[1] = 'x';
            esc[2] = "0123456789abcdef"[v >> 4];
            esc[3] = "0123456789abcdef"[v & 15u];
            el = 4;
        } else continue;
        ua_out_bytes(o, (const char *)run, (size_t)(p - run));
        ua_out_bytes(o, esc, el);
        p += skip - 1;
        run = p + 1;
    }
    ua_out_bytes(o, (const char *)run, (size_t)(p - run));
    ua_out_bytes(o, &q, 1);
}

void ua_out_begin_string(ua_out *o, char *buf, size_t cap) {
    o->buf = buf;
    o->len = 0;
    o->cap = cap;
    o->append = append_string;
    o->on_heap = false;
    o->failed = false;
}

ua_str ua_out_end_string(ua_out *o) {
    ua_str r = NULL;
    if (o->failed) ua_raise(&ua_MemoryError, "");
    else r = ua_str_from_bytes(o->buf, o->len);
    if (o->on_heap) ua_free(o->buf, o->cap);
    o->on_heap = false;
    o->buf = NULL;
    o->len = o->cap = 0;
    return r;
}

ua_str ua_str_of_int(ua_int v) {
    char b[16];
    ua_out o;
    ua_out_begin_string(&o, b, sizeof b);
    ua_out_int(&o, v);
    return ua_out_end_string(&o);
}

ua_str ua_str_of_float(ua_float v) {
    char b[40];
    ua_out o;
    ua_out_begin_string(&o, b, sizeof b);
    ua_out_float(&o, v);
    return ua_out_end_string(&o);
}
