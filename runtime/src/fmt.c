/* Float repr and format specs, as Python's repr() and format().
 *
 * Decimal digits come from an exact binary-to-decimal conversion of our
 * own (a small fixed-size bignum), not from printf: the result is the
 * correctly rounded one (round-half-even on the exact value, as CPython's
 * dtoa), for float and double alike, and no printf/strtod/dtoa from the C
 * library is linked (on the Pyboard newlib's float printf alone is ~10 KB
 * of flash and mallocs). */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "ua.h"

#if UA_FLOAT_SINGLE
#define MAX_DIGITS 9   /* shortest repr of a float never needs more */
#define MANT_BITS 24
#define EXP_MIN (-149) /* exponent of the lowest mantissa bit of a subnormal */
#define LIMBS 8        /* 2**128 and 149 fraction bits + 30 bits of headroom */
#define MAX_PREC 40    /* precision is clamped so the text fits FBUF */
#define FBUF 96
#else
#define MAX_DIGITS 17
#define MANT_BITS 53
#define EXP_MIN (-1074)
#define LIMBS 36       /* 2**1024 and 1074 fraction bits + headroom */
#define MAX_PREC 40
#define FBUF 360
#endif

/* ---- digits ----------------------------------------------------------- */

/* A decimal value d0.d1d2... * 10**e: the first n significant digits (as
 * characters), and whether any non-zero digit follows them (sticky). */
typedef struct dec {
    char d[FBUF];
    int n, e;
    bool sticky;
} dec;

static void dec_put(dec *x, int pos, unsigned digit, bool *started) {
    if (!*started) {
        if (digit == 0) return;
        *started = true;
        x->e = pos;
    }
    if (x->n < (int)sizeof x->d) x->d[x->n++] = (char)('0' + digit);
    else if (digit) x->sticky = true;
}

/* 9 decimal digits of c, most significant first, the first at pos. */
static void dec_put9(dec *x, int pos, uint32_t c, bool *started) {
    char t[9];
    for (int i = 8; i >= 0; i--) { t[i] = (char)(c % 10u); c /= 10u; }
    for (int i = 0; i < 9; i++) dec_put(x, pos - i, (unsigned)t[i], started);
}

/* The exact decimal expansion of m * 2**e (m > 0), truncated to the digits
 * that fit in x->d (+ sticky). */
static void exact_digits(uint64_t m, int e, dec *x) {
    uint32_t a[LIMBS];
    bool started = false;
    x->n = 0;
    x->e = 0;
    x->sticky = false;
    /* integer part: m << e, or m >> -e */
    memset(a, 0, sizeof a);
    int k = e < 0 ? -e : 0; /* fraction bits */
    uint64_t ip = k >= 64 ? 0 : m >> k;
    a[0] = (uint32_t)ip;
    a[1] = (uint32_t)(ip >> 32);
    int len = 2;
    if (e > 0) { /* shift left by e bits */
        int w = e / 32, b = e % 32;
        for (int i = LIMBS - 1; i >= 0; i--) {
            uint32_t lo = i - w >= 0 ? a[i - w] : 0, lo2 = i - w - 1 >= 0 ? a[i - w - 1] : 0;
            a[i] = b ? (lo << b) | (lo2 >> (32 - b)) : lo;
        }
        len = LIMBS;
    }
    while (len > 0 && a[len - 1] == 0) len--;
    /* base 1e9 chunks, least significant first (at most 39 digits for a
     * float, 309 for a double) */
    uint32_t chunks[(LIMBS * 32 + 28) / 29];
    int nc = 0;
    while (len > 0) {
        uint64_t r = 0;
        for (int i = len - 1; i >= 0; i--) {
            uint64_t cur = (r << 32) | a[i];
            a[i] = (uint32_t)(cur / 1000000000u);
            r = cur % 1000000000u;
        }
        chunks[nc++] = (uint32_t)r;
        while (len > 0 && a[len - 1] == 0) len--;
    }
    for (int i = nc - 1; i >= 0; i--) dec_put9(x, i * 9 + 8, chunks[i], &started);
    if (k == 0) return;
    /* fraction: (m mod 2**k) / 2**k, 9 digits at a time */
    memset(a, 0, sizeof a);
    if (k >= 64) {
        a[0] = (uint32_t)m;
        a[1] = (uint32_t)(m >> 32);
    } else {
        uint64_t f = m & ((1ull << k) - 1u);
        a[0] = (uint32_t)f;
        a[1] = (uint32_t)(f >> 32);
    }
    int top = k / 32, sh = k % 32; /* the digit chunk is at bit k */
    len = top + 2;
    for (int pos = -1;; pos -= 9) {
        bool zero = true;
        for (int i = 0; i < len; i++) zero = zero && a[i] == 0;
        if (zero) return;
        if (x->n >= (int)sizeof x->d) { x->sticky = true; return; }
        uint64_t carry = 0;
        for (int i = 0; i < len; i++) {
            uint64_t cur = (uint64_t)a[i] * 1000000000u + carry;
            a[i] = (uint32_t)cur;
            carry = cur >> 32;
        }
        uint64_t hi = ((uint64_t)a[top + 1] << 32) | a[top];
        uint32_t c = (uint32_t)(hi >> sh);
        a[top + 1] = 0;
        a[top] &= sh ? (1u << sh) - 1u : 0u;
        dec_put9(x, pos, c, &started);
    }
}

/* |v| (finite, non-zero) as m * 2**e. */
static void decompose(ua_float v, uint64_t *m, int *e) {
#if UA_FLOAT_SINGLE
    uint32_t bits;
    memcpy(&bits, &v, sizeof bits);
    uint32_t ex = (bits >> 23) & 0xFFu;
    *m = bits & 0x7FFFFFu;
    if (ex) *m |= 1u << 23;
    *e = ex ? (int)ex - 150 : EXP_MIN;
#else
    uint64_t bits;
    memcpy(&bits, &v, sizeof bits);
    uint32_t ex = (uint32_t)(bits >> 52) & 0x7FFu;
    *m = bits & 0xFFFFFFFFFFFFFull;
    if (ex) *m |= 1ull << 52;
    *e = ex ? (int)ex - 1075 : EXP_MIN;
#endif
}

/* The exact digits of |v| (finite); zero is "0" with exponent 0. */
static void value_digits(ua_float v, dec *x) {
    if (v == 0) {
        x->d[0] = '0';
        x->n = 1;
        x->e = 0;
        x->sticky = false;
        return;
    }
    uint64_t m;
    int e;
    decompose(v, &m, &e);
    exact_digits(m, e, x);
}

enum { NEAREST, DOWN, UP };

/* x rounded to p >= 0 significant digits (exactly p digits, zero-padded)
 * into d: to nearest with ties to even, towards zero or away from zero;
 * returns the decimal exponent of d[0]. p == 0 is rounding at the
 * position just above the first digit: the result is "1" one place
 * higher, or "" (zero). */
static int round_digits(const dec *x, int p, char *d, int mode) {
    int e = x->e;
    bool up = false;
    if (p < x->n || x->sticky) {
        char r = p < x->n ? x->d[p] : '0';
        bool rest = x->sticky;
        for (int i = p + 1; i < x->n && !rest; i++) rest = x->d[i] != '0';
        bool odd = p > 0 && ((x->d[p - 1] - '0') & 1);
        if (mode == NEAREST) up = r > '5' || (r == '5' && (rest || odd));
        else if (mode == UP) up = r != '0' || rest;
    }
    for (int i = 0; i < p; i++) d[i] = i < x->n ? x->d[i] : '0';
    d[p] = 0;
    if (up) {
        int i = p - 1;
        while (i >= 0 && d[i] == '9') d[i--] = '0';
        if (i >= 0) {
            d[i]++;
        } else { /* 99.9 -> 100: one more place */
            d[0] = '1';
            if (p == 0) d[1] = 0;
            e++;
        }
    }
    return e;
}

/* |v| (finite) rounded to n significant digits: digits without the point
 * into d (NUL-terminated), returns the decimal exponent of the first. */
static int sig_digits(ua_float v, int n, char *d) {
    dec x;
    value_digits(v, &x);
    if (v == 0) {
        memset(d, '0', (size_t)n);
        d[n] = 0;
        return 0;
    }
    return round_digits(&x, n, d, NEAREST);
}

/* a <=> b for decimal values given by (digits, exponent[, sticky]), both
 * non-zero with a non-zero first digit. */
static int dec_cmp(const char *ad, int ae, const dec *b) {
    if (ae != b->e) return ae < b->e ? -1 : 1;
    int an = (int)strlen(ad);
    for (int i = 0; i < an || i < b->n; i++) {
        char ca = i < an ? ad[i] : '0', cb = i < b->n ? b->d[i] : '0';
        if (ca != cb) return ca < cb ? -1 : 1;
    }
    return b->sticky ? -1 : 0;
}

static bool in_interval(const char *d, int e, const dec *lo, const dec *hi, bool even) {
    int cl = dec_cmp(d, e, lo), ch = dec_cmp(d, e, hi);
    return (cl > 0 || (cl == 0 && even)) && (ch < 0 || (ch == 0 && even));
}

/* The shortest digits that read back as |v| (finite), the nearest to v
 * of them (CPython's repr, dtoa mode 0); returns the exponent. For each
 * length n the candidates are v rounded down and up to n digits: the
 * nearer one when both read back as v, else the one that does (the
 * interval is lopsided at powers of two). */
static int shortest_digits(ua_float v, char *d) {
    if (v == 0) {
        d[0] = '0';
        d[1] = 0;
        return 0;
    }
    uint64_t m;
    int e;
    decompose(v, &m, &e);
    dec x, lo, hi;
    exact_digits(m, e, &x);
    /* the midpoints to the neighbours; the one below is closer at a power
     * of two (not for the smallest normal exponent) */
    if (m == (1ull << (MANT_BITS - 1)) && e > EXP_MIN) exact_digits(4 * m - 1, e - 2, &lo);
    else exact_digits(2 * m - 1, e - 1, &lo);
    exact_digits(2 * m + 1, e - 1, &hi);
    bool even = (m & 1u) == 0;
    int ex = x.e;
    for (int n = 1; n <= MAX_DIGITS; n++) {
        char dn[MAX_DIGITS + 2], up[MAX_DIGITS + 2];
        int en = round_digits(&x, n, dn, DOWN), eu = round_digits(&x, n, up, UP);
        bool in_dn = in_interval(dn, en, &lo, &hi, even), in_up = in_interval(up, eu, &lo, &hi, even);
        if (in_dn && in_up) {
            ex = round_digits(&x, n, d, NEAREST);
            break;
        }
        if (in_dn || in_up) {
            strcpy(d, in_dn ? dn : up);
            ex = in_dn ? en : eu;
            break;
        }
        if (n == MAX_DIGITS) ex = round_digits(&x, n, d, NEAREST); /* not reached */
    }
    size_t k = strlen(d);
    while (k > 1 && d[k - 1] == '0') d[--k] = 0;
    return ex;
}

/* |v| (finite) in fixed notation with prec fraction digits ("%.*f"). */
static size_t fixed(char *out, ua_float v, int prec, bool alternate) {
    dec x;
    char d[FBUF];
    value_digits(v, &x);
    int p = x.e + 1 + prec, e = x.e;
    if (v == 0 || p < 0) {
        d[0] = 0;
    } else {
        if (p > (int)sizeof d - 2) p = (int)sizeof d - 2;
        e = round_digits(&x, p, d, NEAREST);
    }
    int n = (int)strlen(d);
    char *q = out;
    if (e < 0 || n == 0) {
        *q++ = '0';
    } else {
        for (int i = 0; i <= e; i++) *q++ = i < n ? d[i] : '0';
    }
    if (prec > 0 || alternate) *q++ = '.';
    for (int i = 1; i <= prec; i++) {
        int idx = n ? e + i : -1;
        *q++ = idx >= 0 && idx < n ? d[idx] : '0';
    }
    *q = 0;
    return (size_t)(q - out);
}

/* |v| (finite) in exponent notation with prec fraction digits ("%.*e"). */
static size_t expo(char *out, ua_float v, int prec, bool alternate, bool upper) {
    char d[MAX_PREC + 2];
    int e = sig_digits(v, prec + 1, d);
    char *q = out;
    *q++ = d[0];
    if (prec > 0 || alternate) *q++ = '.';
    for (int i = 1; i <= prec; i++) *q++ = d[i];
    *q++ = upper ? 'E' : 'e';
    *q++ = e < 0 ? '-' : '+';
    int a = e < 0 ? -e : e;
    if (a >= 100) *q++ = (char)('0' + a / 100);
    *q++ = (char)('0' + a / 10 % 10);
    *q++ = (char)('0' + a % 10);
    *q = 0;
    return (size_t)(q - out);
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
        ua_float w = t == '%' ? v * 100 : v;
        if (isinf(w)) {
            memcpy(b, upper ? "INF" : "inf", 4);
            n = 3;
        } else {
            n = fixed(b, w, prec, s->alternate);
        }
        if (t == '%') b[n++] = '%';
        b[n] = 0;
    } else if (t == 'e' || t == 'E') {
        if (prec < 0) prec = 6;
        n = expo(b, v, prec, s->alternate, upper);
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
        int limit = t == 0 ? p - 1 : p;
        /* with no type, exponent notation from exp >= p - 1 (Python docs) */
        if (s->alternate) { /* '#' keeps p significant digits */
            n = e >= -4 && e < limit ? fixed(b, v, p - 1 - e, true) : expo(b, v, p - 1, true, false);
        } else { /* else strip as 'g' does */
            n = layout(b, d, e, limit, 0);
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
