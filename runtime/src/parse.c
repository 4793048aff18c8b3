/* int(s) and float(s) of strings, with Python's rules for the common
 * cases: surrounding whitespace, a sign, underscores between digits. */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ua.h"

static void raise_invalid(const char *what, ua_str s) {
    char head[64];
    ua_out o;
    ua_out_begin_string(&o, head, sizeof head);
    ua_out_cstr(&o, what);
    ua_out_repr_str(&o, s);
    ua_str msg = ua_out_end_string(&o);
    if (msg) ua_raise(&ua_ValueError, msg);
}

/* Copy s without surrounding whitespace and with single underscores
 * between digits removed; false if an underscore is misplaced. */
static bool clean_number(ua_str s, char *buf, size_t cap) {
    while (isspace((unsigned char)*s)) s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1])) n--;
    size_t j = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '_') {
            if (i == 0 || i + 1 == n || !isdigit((unsigned char)s[i - 1]) || !isdigit((unsigned char)s[i + 1])) {
                return false;
            }
            continue;
        }
        if (j + 1 >= cap) return false;
        buf[j++] = s[i];
    }
    buf[j] = '\0';
    return j > 0;
}

bool ua_str_to_int(ua_str s, ua_int *out) {
    char buf[48];
    const char *p = buf;
    if (!clean_number(s, buf, sizeof buf)) goto invalid;
    if (*p == '+' || *p == '-') p++;
    if (!*p) goto invalid;
    for (const char *q = p; *q; q++) {
        if (!isdigit((unsigned char)*q)) goto invalid;
    }
    errno = 0;
    long long v = strtoll(buf, NULL, 10);
    if (errno == ERANGE || v > INT32_MAX || v < INT32_MIN) {
        ua_raise(&ua_OverflowError, "integer overflow");
        return false;
    }
    *out = (ua_int)v;
    return true;
invalid:
    raise_invalid("invalid literal for int() with base 10: ", s);
    return false;
}

bool ua_str_to_float(ua_str s, ua_float *out) {
    char buf[64];
    char *end;
    if (!clean_number(s, buf, sizeof buf)) goto invalid;
#if UA_FLOAT_SINGLE
    *out = strtof(buf, &end);
#else
    *out = strtod(buf, &end);
#endif
    if (*end == '\0' && end != buf) return true;
invalid:
    raise_invalid("could not convert string to float: ", s);
    return false;
}
