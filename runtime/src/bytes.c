/* bytes, bytearray, memoryview and the str <-> bytes codecs. Every new
 * object comes from new_object(), the one place that allocates them. */
#include <string.h>

#include "ua.h"

static const char HEX[] = "0123456789abcdef";

/* A bytes keeps its data right after the header; a bytearray's data is a
 * block of its own (at least one byte) so that it can grow. */
static ua_bytes *new_object(uint32_t len, bool bytearray) {
    if (len > UA_ARENA_SIZE) {
        ua_raise(&ua_MemoryError, "");
        return NULL;
    }
    ua_bytes *b = ua_alloc(sizeof *b + (bytearray ? 0u : len));
    if (!b) return NULL;
    b->len = len;
    b->cap = 0;
    b->data = (uint8_t *)(b + 1);
    if (bytearray) {
        uint32_t cap = len ? len : 1u;
        b->data = ua_alloc(cap);
        if (!b->data) {
            ua_free(b, sizeof *b);
            return NULL;
        }
        b->cap = cap;
    }
    return b;
}

ua_bytes *ua_bytes_new(ua_buf src, bool bytearray) {
    ua_bytes *b = new_object(src.n, bytearray);
    if (!b) return NULL;
    if (src.p) memcpy(b->data, src.p, src.n);
    else memset(b->data, 0, src.n);
    return b;
}

ua_bytes *ua_bytes_of_count(ua_int n, bool bytearray) {
    if (n < 0) {
        ua_raise(&ua_ValueError, "negative count");
        return NULL;
    }
    return ua_bytes_new((ua_buf){NULL, (uint32_t)n}, bytearray);
}

static bool in_range(ua_int v, bool bytearray) {
    if (v >= 0 && v < 256) return true;
    ua_raise(&ua_ValueError, bytearray ? "byte must be in range(0, 256)" : "bytes must be in range(0, 256)");
    return false;
}

bool ua_byte_check(ua_int v) { return in_range(v, true); }

ua_bytes *ua_bytes_from_ints(const ua_list *ints, bool bytearray) {
    for (uint32_t i = 0; i < ints->len; i++)
        if (!in_range(UA_LIST_AT(ua_int, ints, i), bytearray)) return NULL;
    ua_bytes *b = new_object(ints->len, bytearray);
    if (!b) return NULL;
    for (uint32_t i = 0; i < ints->len; i++) b->data[i] = (uint8_t)UA_LIST_AT(ua_int, ints, i);
    return b;
}

ua_bytes *ua_bytes_concat(ua_buf a, ua_buf b, bool bytearray) {
    if ((uint64_t)a.n + b.n > UA_ARENA_SIZE) {
        ua_raise(&ua_MemoryError, "");
        return NULL;
    }
    ua_bytes *r = new_object(a.n + b.n, bytearray);
    if (!r) return NULL;
    if (a.n) memcpy(r->data, a.p, a.n);
    if (b.n) memcpy(r->data + a.n, b.p, b.n);
    return r;
}

ua_bytes *ua_bytes_repeat(ua_buf a, ua_int n, bool bytearray) {
    if (n < 0) n = 0;
    if (a.n && (uint64_t)a.n * (uint32_t)n > UA_ARENA_SIZE) {
        ua_raise(&ua_MemoryError, "");
        return NULL;
    }
    ua_bytes *r = new_object(a.n * (uint32_t)n, bytearray);
    if (!r) return NULL;
    for (ua_int i = 0; i < n; i++) memcpy(r->data + (size_t)a.n * (uint32_t)i, a.p, a.n);
    return r;
}

ua_bytes *ua_bytes_slice(ua_buf b, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_int step,
                         bool bytearray) {
    ua_int first, count;
    if (!ua_slice_indices((ua_int)b.n, start, has_start, stop, has_stop, step, &first, &count)) return NULL;
    ua_bytes *r = new_object((uint32_t)count, bytearray);
    if (!r) return NULL;
    for (ua_int i = 0; i < count; i++) r->data[i] = b.p[first + i * step];
    return r;
}

ua_bytes *ua_bytes_join(ua_buf sep, const ua_list *parts, bool bytearray) {
    uint64_t total = 0;
    for (uint32_t i = 0; i < parts->len; i++)
        total += UA_LIST_AT(const ua_bytes *, parts, i)->len + (i ? sep.n : 0u);
    if (total > UA_ARENA_SIZE) {
        ua_raise(&ua_MemoryError, "");
        return NULL;
    }
    ua_bytes *r = new_object((uint32_t)total, bytearray);
    if (!r) return NULL;
    uint8_t *p = r->data;
    for (uint32_t i = 0; i < parts->len; i++) {
        const ua_bytes *part = UA_LIST_AT(const ua_bytes *, parts, i);
        if (i && sep.n) {
            memcpy(p, sep.p, sep.n);
            p += sep.n;
        }
        if (part->len) memcpy(p, part->data, part->len);
        p += part->len;
    }
    return r;
}

bool ua_bytes_index(uint32_t len, ua_int index, const char *msg, uint32_t *out) {
    int64_t i = index;
    if (i < 0) i += len;
    if (i < 0 || i >= (int64_t)len) {
        ua_raise(&ua_IndexError, msg);
        return false;
    }
    *out = (uint32_t)i;
    return true;
}

/* Room for n more bytes: the data block at least doubles. */
static bool reserve(ua_bytes *b, uint32_t n) {
    if ((uint64_t)b->len + n <= b->cap) return true;
    uint64_t cap = (uint64_t)b->cap * 2u;
    if (cap < (uint64_t)b->len + n) cap = (uint64_t)b->len + n;
    if (cap > UA_ARENA_SIZE) {
        ua_raise(&ua_MemoryError, "");
        return false;
    }
    uint8_t *data = ua_alloc((size_t)cap);
    if (!data) return false;
    if (b->len) memcpy(data, b->data, b->len);
    ua_free(b->data, b->cap);
    b->data = data;
    b->cap = (uint32_t)cap;
    return true;
}

bool ua_bytearray_append(ua_bytes *b, ua_int v) {
    if (!in_range(v, true) || !reserve(b, 1)) return false;
    b->data[b->len++] = (uint8_t)v;
    return true;
}

/* A copy of src when it lies in b's data, which a resize may move. */
static bool detach(const ua_bytes *b, ua_buf *src, uint8_t **copy) {
    *copy = NULL;
    if (!src->n || src->p + src->n <= b->data || src->p >= b->data + b->cap) return true;
    *copy = ua_alloc(src->n);
    if (!*copy) return false;
    memcpy(*copy, src->p, src->n);
    src->p = *copy;
    return true;
}

bool ua_bytearray_extend(ua_bytes *b, ua_buf src) {
    uint8_t *copy;
    if (!detach(b, &src, &copy)) return false;
    bool ok = reserve(b, src.n);
    if (ok && src.n) memcpy(b->data + b->len, src.p, src.n);
    if (ok) b->len += src.n;
    ua_free(copy, src.n);
    return ok;
}

bool ua_bytearray_extend_ints(ua_bytes *b, const ua_list *ints) {
    for (uint32_t i = 0; i < ints->len; i++)
        if (!in_range(UA_LIST_AT(ua_int, ints, i), true)) return false;
    if (!reserve(b, ints->len)) return false;
    for (uint32_t i = 0; i < ints->len; i++) b->data[b->len++] = (uint8_t)UA_LIST_AT(ua_int, ints, i);
    return true;
}

bool ua_bytearray_set_slice(ua_bytes *b, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_int step,
                            ua_buf src) {
    ua_int first, count;
    if (!ua_slice_indices((ua_int)b->len, start, has_start, stop, has_stop, step, &first, &count)) return false;
    if (step != 1) {
        if ((uint32_t)count != src.n) {
            char buf[96];
            ua_out o;
            ua_out_begin_string(&o, buf, sizeof buf);
            ua_out_cstr(&o, "attempt to assign bytes of size ");
            ua_out_int(&o, (ua_int)src.n);
            ua_out_cstr(&o, " to extended slice of size ");
            ua_out_int(&o, count);
            ua_str msg = ua_out_end_string(&o);
            if (msg) ua_raise(&ua_ValueError, msg);
            return false;
        }
        for (ua_int i = 0; i < count; i++) b->data[first + i * step] = src.p[i];
        return true;
    }
    uint8_t *copy;
    if (!detach(b, &src, &copy)) return false;
    bool ok = src.n <= (uint32_t)count || reserve(b, src.n - (uint32_t)count);
    if (ok) {
        uint32_t tail = b->len - (uint32_t)(first + count);
        memmove(b->data + first + src.n, b->data + first + count, tail);
        if (src.n) memcpy(b->data + first, src.p, src.n);
        b->len = (uint32_t)first + src.n + tail;
    }
    ua_free(copy, src.n);
    return ok;
}

ua_memview ua_memview_of(const ua_bytes *b, bool readonly) {
    return (ua_memview){(ua_bytes *)b, 0, b->len, readonly};
}

static bool writable(ua_memview v) {
    if (!v.readonly) return true;
    ua_raise(&ua_TypeError, "cannot modify read-only memory");
    return false;
}

bool ua_memview_setitem(ua_memview v, ua_int index, ua_int value) {
    uint32_t i;
    if (!writable(v) || !ua_bytes_index(v.len, index, "index out of bounds on dimension 1", &i)) return false;
    if (value < 0 || value > 255) {
        ua_raise(&ua_ValueError, "memoryview: invalid value for format 'B'");
        return false;
    }
    v.obj->data[v.start + i] = (uint8_t)value;
    return true;
}

bool ua_memview_slice(ua_memview v, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_memview *out) {
    ua_int first, count;
    if (!ua_slice_indices((ua_int)v.len, start, has_start, stop, has_stop, 1, &first, &count)) return false;
    *out = (ua_memview){v.obj, v.start + (uint32_t)first, (uint32_t)count, v.readonly};
    return true;
}

bool ua_memview_set_slice(ua_memview v, ua_int start, bool has_start, ua_int stop, bool has_stop, ua_buf src) {
    ua_memview part;
    if (!writable(v) || !ua_memview_slice(v, start, has_start, stop, has_stop, &part)) return false;
    if (part.len != src.n) {
        ua_raise(&ua_ValueError, "memoryview assignment: lvalue and rvalue have different structures");
        return false;
    }
    if (src.n) memmove(part.obj->data + part.start, src.p, src.n);
    return true;
}

bool ua_bytes_eq(ua_buf a, ua_buf b) {
    return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

int ua_bytes_cmp(ua_buf a, ua_buf b) {
    uint32_t n = a.n < b.n ? a.n : b.n;
    int c = n ? memcmp(a.p, b.p, n) : 0;
    if (c == 0) c = (a.n > b.n) - (a.n < b.n);
    return (c > 0) - (c < 0);
}

static bool match_at(ua_buf s, uint32_t at, ua_buf sub) {
    return at + (uint64_t)sub.n <= s.n && (sub.n == 0 || memcmp(s.p + at, sub.p, sub.n) == 0);
}

ua_int ua_bytes_find(ua_buf hay, ua_buf needle) {
    for (uint32_t i = 0; i + (uint64_t)needle.n <= hay.n; i++)
        if (match_at(hay, i, needle)) return (ua_int)i;
    return -1;
}

ua_int ua_bytes_count(ua_buf hay, ua_buf needle) {
    if (needle.n == 0) return (ua_int)hay.n + 1;
    ua_int n = 0;
    for (uint32_t i = 0; i + (uint64_t)needle.n <= hay.n;) {
        if (match_at(hay, i, needle)) {
            n++;
            i += needle.n;
        } else {
            i++;
        }
    }
    return n;
}

bool ua_bytes_startswith(ua_buf s, ua_buf prefix) { return match_at(s, 0, prefix); }

bool ua_bytes_endswith(ua_buf s, ua_buf suffix) {
    return suffix.n <= s.n && match_at(s, s.n - suffix.n, suffix);
}

ua_int ua_bytes_find_byte(ua_buf hay, ua_int v) {
    if (!in_range(v, true)) return -2;
    const uint8_t *p = hay.n ? memchr(hay.p, v, hay.n) : NULL;
    return p ? (ua_int)(p - hay.p) : -1;
}

ua_str ua_bytes_hex(ua_buf b) {
    if (b.n > UA_ARENA_SIZE / 2) {
        ua_raise(&ua_MemoryError, "");
        return NULL;
    }
    char *s = ua_alloc((size_t)b.n * 2u + 1u);
    if (!s) return NULL;
    for (uint32_t i = 0; i < b.n; i++) {
        s[2 * i] = HEX[b.p[i] >> 4];
        s[2 * i + 1] = HEX[b.p[i] & 15u];
    }
    s[2u * b.n] = 0;
    return s;
}

static void out_hex_byte(ua_out *o, unsigned v) {
    char h[2] = {HEX[(v >> 4) & 15u], HEX[v & 15u]};
    ua_out_bytes(o, h, 2);
}

/* Raise cls with the message a builder holds (MemoryError if it failed). */
static void raise_built(const ua_exc_type *cls, ua_out *o) {
    ua_str msg = ua_out_end_string(o);
    if (msg) ua_raise(cls, msg);
}

ua_bytes *ua_str_encode(ua_str s, bool ascii) {
    size_t n = strlen(s);
    if (ascii) {
        const unsigned char *p = (const unsigned char *)s;
        for (size_t i = 0; i < n; i++) {
            if (p[i] < 0x80u) continue;
            /* the code point at byte i and its index in code points */
            size_t k = 1;
            while (i + k < n && (p[i + k] & 0xC0u) == 0x80u) k++;
            ua_int cp = p[i] >= 0xF0u ? p[i] & 0x07 : p[i] >= 0xE0u ? p[i] & 0x0F : p[i] & 0x1F;
            for (size_t j = 1; j < k; j++) cp = (cp << 6) | (p[i + j] & 0x3F);
            ua_int index = 0;
            for (size_t j = 0; j < i; j++) index += (p[j] & 0xC0u) != 0x80u;
            char buf[128];
            ua_out o;
            ua_out_begin_string(&o, buf, sizeof buf);
            ua_out_cstr(&o, "'ascii' codec can't encode character '\\");
            int digits = cp < 0x100 ? 2 : cp < 0x10000 ? 4 : 8;
            ua_out_cstr(&o, digits == 2 ? "x" : digits == 4 ? "u" : "U");
            for (int d = digits - 1; d >= 0; d--) ua_out_bytes(&o, &HEX[(cp >> (4 * d)) & 15], 1);
            ua_out_cstr(&o, "' in position ");
            ua_out_int(&o, index);
            ua_out_cstr(&o, ": ordinal not in range(128)");
            raise_built(&ua_UnicodeEncodeError, &o);
            return NULL;
        }
    }
    return ua_bytes_new((ua_buf){(const uint8_t *)s, (uint32_t)n}, false);
}

/* The number of bytes of a valid UTF-8 sequence at p[0..n), or 0 with
 * *bad set to how many bytes CPython reports (its valid prefix) and *end
 * to whether the data ended inside the sequence. */
static uint32_t utf8_sequence(const uint8_t *p, uint32_t n, uint32_t *bad, bool *end) {
    uint8_t c = p[0], lo = 0x80, hi = 0xBF;
    uint32_t len;
    if (c < 0x80u) return 1;
    if (c >= 0xC2u && c <= 0xDFu) len = 2;
    else if (c >= 0xE0u && c <= 0xEFu) {
        len = 3;
        if (c == 0xE0u) lo = 0xA0;
        if (c == 0xEDu) hi = 0x9F;
    } else if (c >= 0xF0u && c <= 0xF4u) {
        len = 4;
        if (c == 0xF0u) lo = 0x90;
        if (c == 0xF4u) hi = 0x8F;
    } else {
        *bad = 1;
        *end = false;
        return 0;
    }
    for (uint32_t k = 1; k < len; k++) {
        if (k >= n || p[k] < lo || p[k] > hi) {
            *bad = k;
            *end = k >= n;
            return 0;
        }
        lo = 0x80;
        hi = 0xBF;
    }
    return len;
}

ua_str ua_bytes_decode(ua_buf b, bool ascii) {
    for (uint32_t i = 0; i < b.n;) {
        uint32_t bad = 1, len = 1;
        bool end = false;
        if (ascii ? b.p[i] >= 0x80u : (len = utf8_sequence(b.p + i, b.n - i, &bad, &end)) == 0) {
            char buf[128];
            ua_out o;
            ua_out_begin_string(&o, buf, sizeof buf);
            ua_out_cstr(&o, ascii ? "'ascii' codec can't decode " : "'utf-8' codec can't decode ");
            if (bad == 1) {
                ua_out_cstr(&o, "byte 0x");
                out_hex_byte(&o, b.p[i]);
                ua_out_cstr(&o, " in position ");
                ua_out_int(&o, (ua_int)i);
            } else {
                ua_out_cstr(&o, "bytes in position ");
                ua_out_int(&o, (ua_int)i);
                ua_out_cstr(&o, "-");
                ua_out_int(&o, (ua_int)(i + bad - 1u));
            }
            ua_out_cstr(&o, ascii ? ": ordinal not in range(128)"
                            : end ? ": unexpected end of data"
                            : bad == 1 && (b.p[i] < 0xC2u || b.p[i] > 0xF4u) ? ": invalid start byte"
                            : ": invalid continuation byte");
            raise_built(&ua_UnicodeDecodeError, &o);
            return NULL;
        }
        if (b.p[i] == 0) {
            ua_raise(&ua_ValueError, "a str cannot hold a NUL character here");
            return NULL;
        }
        i += len;
    }
    return ua_str_from_bytes((const char *)b.p, b.n);
}

void ua_out_repr_bytes(ua_out *o, ua_buf b, bool bytearray) {
    char q = '\'';
    if (b.n && memchr(b.p, '\'', b.n) && !memchr(b.p, '"', b.n)) q = '"';
    ua_out_cstr(o, bytearray ? "bytearray(b" : "b");
    ua_out_bytes(o, &q, 1);
    for (uint32_t i = 0; i < b.n; i++) {
        uint8_t c = b.p[i];
        char esc[2] = {'\\', 0};
        if (c == (uint8_t)q || c == '\\') esc[1] = (char)c;
        else if (c == '\t') esc[1] = 't';
        else if (c == '\n') esc[1] = 'n';
        else if (c == '\r') esc[1] = 'r';
        else if (c < 0x20u || c >= 0x7fu) {
            ua_out_cstr(o, "\\x");
            out_hex_byte(o, c);
            continue;
        } else {
            ua_out_bytes(o, (const char *)&c, 1);
            continue;
        }
        ua_out_bytes(o, esc, 2);
    }
    ua_out_bytes(o, &q, 1);
    if (bytearray) ua_out_cstr(o, ")");
}

ua_bytes *ua_int_to_bytes(ua_int v, ua_int length, bool little, bool is_signed) {
    if (length < 0) {
        ua_raise(&ua_ValueError, "length argument must be non-negative");
        return NULL;
    }
    if (v < 0 && !is_signed) {
        ua_raise(&ua_OverflowError, "can't convert negative int to unsigned");
        return NULL;
    }
    /* does v fit in length bytes? */
    int64_t x = v;
    bool fits;
    if (length == 0) fits = v == 0;
    else if (length >= 8) fits = true;
    else if (is_signed) fits = x >= -((int64_t)1 << (8 * length - 1)) && x < ((int64_t)1 << (8 * length - 1));
    else fits = x < ((int64_t)1 << (8 * length));
    if (!fits) {
        ua_raise(&ua_OverflowError, "int too big to convert");
        return NULL;
    }
    ua_bytes *r = new_object((uint32_t)length, false);
    if (!r) return NULL;
    uint64_t u = (uint64_t)x;
    for (ua_int i = 0; i < length; i++) {
        uint8_t byte = i < 8 ? (uint8_t)(u >> (8 * i)) : (v < 0 ? 0xFF : 0);
        r->data[little ? i : length - 1 - i] = byte;
    }
    return r;
}

bool ua_int_from_bytes(ua_buf b, bool little, bool is_signed, ua_int *out) {
    bool negative = is_signed && b.n && (b.p[little ? b.n - 1 : 0] & 0x80u);
    uint8_t fill = negative ? 0xFF : 0x00;
    uint64_t u = 0;
    bool fits = true;
    for (uint32_t k = 0; k < b.n; k++) {   /* most significant first */
        uint8_t c = b.p[little ? b.n - 1 - k : k];
        if (b.n - k > 8) {          /* beyond 64 bits: only the sign's fill */
            fits = fits && c == fill;
            continue;
        }
        u = (u << 8) | c;
    }
    uint32_t used = b.n < 8 ? b.n : 8;
    if (negative && used < 8) u |= ~(uint64_t)0 << (8 * used);    /* sign-extend */
    if (!negative && (u >> 63)) fits = false;
    int64_t v = (int64_t)u;
    if (!fits || v > INT32_MAX || v < INT32_MIN) {
        ua_raise(&ua_OverflowError, "integer overflow");
        return false;
    }
    *out = (ua_int)v;
    return true;
}
