/* Float repr and format specs, as Python's repr() and format(). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ua.h"

#if UA_FLOAT_SINGLE
#define MAX_DIGITS 9
#define STRTOF(s) strtof((s), NULL)
#define MAX_PREC 40    /* precision is clamped so the text fits FBUF */
#define FBUF 96
#else
#define MAX_DIGITS 17
#define STRTOF(s) strtod((s), NULL)
#define MAX_PREC 40
#define FBUF 360
#endif

/* ---- digits ----------------------------------------------------------- */

/* |v| (finite) rounded to n significant digits: digits without the point
 * into d (NUL-terminated), returns the decimal exponent of the first. */
static int sig_digits(ua_float v, int n, char *d) {
    char b[MAX_PREC + 16];
    snprintf(b, sizeof b, "%.*e", n - 1, (double)v);
    const char *p = b;
    int k = 0;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9') d[k++] = *p;
    d[k] = 0;
    return *p ? atoi(p + 1) : 0;
}

/* The shortest digits that read back as |v|; returns the exponent. */
static int shortest_digits(ua_float v, char *d) {
    char b[40];
    int n = 1;
    for (; n < MAX_DIGITS; n++) {
        snprintf(b, sizeof b, "%.*e", n - 1, (double)v);
        if (STRTOF(b) == v) break;
    }
    int e = sig_digits(v, n, d);
    size_t k = strlen(d);
    while (k > 1 && d[k - 1] == '0') d[--k] = 0;
    return e;
}

/* Digits d (value d0.d1d2... * 10**e) as Python writes them: fixed when
 * -4 <= e < limit (at least min_frac digits after the point; 0 means no
 * point when there are no fraction digits), else d0.ddde+XX. */
static size_t layout(char *out, const char *d, int e, int limit, int min_frac) {
    char *p = out;
    int n = (int)strlen(d);
    if (e >= -4 && e < limit) {
        if (e < 0) {
            *p++ = '0';
            *p++ = '.';
            for (int i = -1; i > e; i--) *p++ = '0';
            memcpy(p, d, (size_t)n);
            p += n;
        } else {
            for (int i = 0; i <= e; i++) *p++ = i < n ? d[i] : '0';
            int frac = n - e - 1;
            if (frac > 0 || min_frac > 0) *p++ = '.';
            for (int i = 0; i < frac || i < min_frac; i++) *p++ = i < frac ? d[e + 1 + i] : '0';
        }
    } else {
        *p++ = d[0];
        if (n > 1 || min_frac > 0) *p++ = '.';
        if (n > 1) {
            memcpy(p, d + 1, (size_t)n - 1u);
            p += n - 1;
        } else if (min_frac > 0) {
            *p++ = '0';
        }
        *p++ = 'e';
        *p++ = e < 0 ? '-' : '+';
        int a = e < 0 ? -e : e;
        if (a >= 100) *p++ = (char)('0' + a / 100);
        *p++ = (char)('0' + a / 10 % 10);
        *p++ = (char)('0' + a % 10);
    }
    *p = 0;
    return (size_t)(p - out);
}

/* repr(|v|) for finite v. */
static size_t repr_abs(char *out, ua_float v) {
    char d[24];
    int e = shortest_digits(v, d);
    return layout(out, d, e, 16, 0);
}

void ua_out_float(ua_out *o, ua_float v) {
    char b[40];
    if (isnan(v)) {
        ua_out_bytes(o, "nan", 3);
        return;
    }
    if (signbit(v)) {
        ua_out_bytes(o, "-", 1);
        v = -v;
    }
    if (isinf(v)) {
        ua_out_bytes(o, "inf", 3);
        return;
    }
    size_t n = repr_abs(b, v);
    /* repr always shows a point or an exponent: 1.0, 1e+16 */
    if (!memchr(b, '.', n) && !memchr(b, 'e', n)) {
        memcpy(b + n, ".0", 3);
        n += 2;
    }
    ua_out_bytes(o, b, n);
}

/* ---- padding ---------------------------------------------------------- */

static void fill_n(ua_out *o, char c, size_t n) {
    char b[16];
    memset(b, c, sizeof b);
    while (n) {
        size_t k = n < sizeof b ? n : sizeof b;
        ua_out_bytes(o, b, k);
        n -= k;
    }
}

static size_t grouped(size_t n, bool g) { return g && n ? n + (n - 1u) / 3u : n; }

/* A number: sign and prefix, integer digits (grouped with ','), the rest
 * (fraction, exponent, '%', "inf"), padded as the spec says. */
static void emit_number(ua_out *o, const ua_spec *s, bool neg, const char *prefix,
                        const char *digits, size_t nd, const char *rest, size_t nr) {
    char sign = neg ? '-' : (s->sign == '+' || s->sign == ' ') ? s->sign : 0;
    char align = s->align ? s->align : '>';
    char fill = s->fill ? s->fill : ' ';
    size_t width = s->width > 0 ? (size_t)s->width : 0;
    size_t pl = (sign != 0) + strlen(prefix);
    size_t zeros = 0;
    if (align == '=' && fill == '0' && s->grouping && nd) {
        /* Python groups the zero padding too: format(1234, '08,') */
        while (pl + grouped(nd + zeros, true) + nr < width) zeros++;
    }
    size_t len = pl + grouped(nd + zeros, s->grouping) + nr;
    size_t pad = width > len ? width - len : 0, left = 0, right = 0;
    if (align == '<') right = pad;
    else if (align == '^') { left = pad / 2u; right = pad - left; }
    else if (align != '=') left = pad;
    fill_n(o, fill, left);
    if (sign) ua_out_bytes(o, &sign, 1);
    ua_out_cstr(o, prefix);
    if (align == '=') fill_n(o, fill, pad);
    size_t total = nd + zeros;
    if (!s->grouping) {
        ua_out_bytes(o, digits, nd);
    } else {
        for (size_t i = 0; i < total; i++) {
            if (i && (total - i) % 3u == 0) ua_out_bytes(o, ",", 1);
            ua_out_bytes(o, i < zeros ? "0" : &digits[i - zeros], 1);
        }
    }
    ua_out_bytes(o, rest, nr);
    fill_n(o, fill, right);
}

static size_t utf8_chars(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++) c += ((unsigned char)s[i] & 0xC0u) != 0x80u;
    return c;
}

static void emit_text(ua_out *o, const ua_spec *s, const char *t, size_t n) {
    char align = s->align ? s->align : '<';
    char fill = s->fill ? s->fill : ' ';
    size_t width = s->width > 0 ? (size_t)s->width : 0;
    size_t chars = utf8_chars(t, n);
    size_t pad = width > chars ? width - chars : 0, left = 0;
    if (align == '>' || align == '=') left = pad;
    else if (align == '^') left = pad / 2u;
    fill_n(o, fill, left);
    ua_out_bytes(o, t, n);
    fill_n(o, fill, pad - left);
}

/* ---- int, str, bool --------------------------------------------------- */

static bool is_float_type(char t) {
    return t && strchr("eEfFgG%", t) != NULL;
}

void ua_fmt_int(ua_out *o, ua_int v, const ua_spec *s) {
    if (is_float_type(s->type)) {
        ua_fmt_float(o, (ua_float)v, s);
        return;
    }
    uint32_t u = v < 0 ? 0u - (uint32_t)v : (uint32_t)v;
    if (s->type == 'c') { /* chr(v) as UTF-8 */
        char b[4];
        size_t n = 0;
        if (u < 0x80u) b[n++] = (char)u;
        else if (u < 0x800u) { b[n++] = (char)(0xC0u | u >> 6); b[n++] = (char)(0x80u | (u & 63u)); }
        else if (u < 0x10000u) { b[n++] = (char)(0xE0u | u >> 12); b[n++] = (char)(0x80u | (u >> 6 & 63u)); b[n++] = (char)(0x80u | (u & 63u)); }
        else { b[n++] = (char)(0xF0u | (u >> 18 & 7u)); b[n++] = (char)(0x80u | (u >> 12 & 63u)); b[n++] = (char)(0x80u | (u >> 6 & 63u)); b[n++] = (char)(0x80u | (u & 63u)); }
        ua_spec t = *s;
        if (!t.align) t.align = '>';
        emit_text(o, &t, b, n);
        return;
    }
    unsigned base = 10;
    const char *prefix = "";
    const char *dig = "0123456789abcdef";
    switch (s->type) {
    case 'x': base = 16; prefix = "0x"; break;
    case 'X': base = 16; prefix = "0X"; dig = "0123456789ABCDEF"; break;
    case 'o': base = 8; prefix = "0o"; break;
    case 'b': base = 2; prefix = "0b"; break;
    default: break;
    }
    if (!s->alternate) prefix = "";
    char b[33];
    char *p = b + sizeof b;
    do { *--p = dig[u % base]; u /= base; } while (u);
    emit_number(o, s, v < 0, prefix, p, (size_t)(b + sizeof b - p), "", 0);
}

void ua_fmt_str(ua_out *o, ua_str v, const ua_spec *s) {
    size_t n = strlen(v);
    if (s->precision >= 0) { /* keep `precision` code points */
        size_t i = 0, c = 0;
        for (; i < n; i++) {
            if (((unsigned char)v[i] & 0xC0u) != 0x80u) {
                if (c == (size_t)s->precision) break;
                c++;
            }
        }
        n = i;
    }
    emit_text(o, s, v, n);
}

void ua_fmt_bool(ua_out *o, bool v, const ua_spec *s) {
    /* bool.__format__ is int.__format__: str(v) only for an empty spec. */
    bool empty = (s->fill == 0 || s->fill == ' ') && !s->align && !s->sign &&
                 !s->alternate && !s->grouping && s->width < 0 && s->precision < 0 &&
                 !s->type;
    if (empty || s->type == 's') ua_fmt_str(o, v ? "True" : "False", s);
    else ua_fmt_int(o, v, s);
}

/* ---- float ------------------------------------------------------------ */

/* Remove trailing zeros of the fraction (and a bare point) before any
 * exponent: the 'g' rule. */
static size_t strip_zeros(char *b, size_t n) {
    char *dot = memchr(b, '.', n);
    if (!dot) return n;
    char *e = memchr(b, 'e', n);
    size_t end = e ? (size_t)(e - b) : n, k = end;
    while (k > (size_t)(dot - b) + 1u && b[k - 1] == '0') k--;
    if (k == (size_t)(dot - b) + 1u) k--;
    memmove(b + k, b + end, n - end + 1u);
    return k + (n - end);
}

void ua_fmt_float(ua_out *o, ua_float v, const ua_spec *s) {
    char b[FBUF];
    size_t n;
    char t = s->type;
    int prec = s->precision > MAX_PREC ? MAX_PREC : s->precision;
    bool upper = t == 'E' || t == 'F' || t == 'G';
    bool neg = signbit(v) != 0;
    if (neg) v = -v;
    if (isnan(v) || isinf(v)) {
        memcpy(b, isnan(v) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"), 4);
        n = 3;
        if (t == '%') b[n++] = '%';
    } else if (t == 'f' || t == 'F' || t == '%') {
        if (prec < 0) prec = 6;
        n = (size_t)snprintf(b, sizeof b - 1u, "%.*f", prec, (double)(t == '%' ? v * 100 : v));
        if (n > sizeof b - 2u) n = sizeof b - 2u;
        if (s->alternate && prec == 0) b[n++] = '.';
        if (t == '%') b[n++] = '%';
        b[n] = 0;
    } else if (t == 'e' || t == 'E') {
        if (prec < 0) prec = 6;
        if (s->alternate) n = (size_t)snprintf(b, sizeof b, upper ? "%#.*E" : "%#.*e", prec, (double)v);
        else n = (size_t)snprintf(b, sizeof b, upper ? "%.*E" : "%.*e", prec, (double)v);
    } else if (t == 0 && prec < 0) {
        n = repr_abs(b, v);
        if (!memchr(b, '.', n) && !memchr(b, 'e', n)) {
            memcpy(b + n, ".0", 3);
            n += 2;
        }
    } else { /* 'g', 'G', 'n', or no type with a precision */
        char d[MAX_PREC + 2];
        int p = prec < 0 ? 6 : prec == 0 ? 1 : prec;
        int e = sig_digits(v, p, d);
        /* with no type, exponent notation from exp >= p - 1 (Python docs) */
        n = layout(b, d, e, t == 0 ? p - 1 : p, 0);
        /* '#' keeps p significant digits, else strip as 'g' does */
        if (s->alternate) {
            n = e >= -4 && e < (t == 0 ? p - 1 : p) ? (size_t)snprintf(b, sizeof b, "%#.*f", p - 1 - e, (double)v)
                                 : (size_t)snprintf(b, sizeof b, "%#.*e", p - 1, (double)v);
        } else {
            n = strip_zeros(b, n);
        }
        if (t == 0 && !memchr(b, '.', n) && !memchr(b, 'e', n)) {
            memcpy(b + n, ".0", 3);
            n += 2;
        }
        if (upper)
            for (size_t i = 0; i < n; i++)
                if (b[i] == 'e') b[i] = 'E';
    }
    size_t nd = 0;
    while (nd < n && b[nd] >= '0' && b[nd] <= '9') nd++;
    emit_number(o, s, neg, "", b, nd, b + nd, n - nd);
}
