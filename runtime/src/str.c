/* str: immutable NUL-terminated UTF-8; runtime strings come from the arena
 * (strlen + 1 bytes). Lengths and indexes count code points. */
#include <string.h>

#include "ua.h"

ua_str ua_str_from_bytes(const char *buf, size_t len) {
    char *p = ua_alloc_str(len + 1u);
    if (!p) return NULL;
    if (len) memcpy(p, buf, len);
    p[len] = 0;
    return p;
}

ua_str ua_str_concat(ua_str a, ua_str b) {
    size_t la = strlen(a), lb = strlen(b);
    char *p = ua_alloc_str(la + lb + 1u);
    if (!p) return NULL;
    memcpy(p, a, la);
    memcpy(p + la, b, lb + 1u);
    return p;
}

ua_str ua_str_repeat(ua_str s, ua_int n) {
    size_t l = strlen(s);
    if (n <= 0 || l == 0) return "";
    if (l > (UA_ARENA_SIZE / (size_t)n)) {
        ua_raise(&ua_MemoryError, "");
        return NULL;
    }
    char *p = ua_alloc_str(l * (size_t)n + 1u);
    if (!p) return NULL;
    for (ua_int i = 0; i < n; i++) memcpy(p + l * (size_t)i, s, l);
    p[l * (size_t)n] = 0;
    return p;
}

static bool is_cont(char c) { return ((unsigned char)c & 0xC0u) == 0x80u; }

ua_int ua_str_len(ua_str s) {
    ua_int n = 0;
    for (; *s; s++) n += !is_cont(*s);
    return n;
}

bool ua_str_eq(ua_str a, ua_str b) { return a == b || strcmp(a, b) == 0; }

int ua_str_cmp(ua_str a, ua_str b) {
    int c = strcmp(a, b); /* byte order of UTF-8 = code point order */
    return (c > 0) - (c < 0);
}

/* One string per byte value, in flash: "\x00" .. "\xff". */
#define C1(i) {(char)(i), 0}
#define C4(i) C1(i), C1(i + 1), C1(i + 2), C1(i + 3)
#define C16(i) C4(i), C4(i + 4), C4(i + 8), C4(i + 12)
#define C64(i) C16(i), C16(i + 16), C16(i + 32), C16(i + 48)
static const char one_char[256][2] = {C64(0), C64(64), C64(128), C64(192)};

ua_str ua_str_getitem(ua_str s, ua_int index) {
    ua_int n = ua_str_len(s);
    if (index < 0) index += n;
    if (index < 0 || index >= n) {
        ua_raise(&ua_IndexError, "string index out of range");
        return NULL;
    }
    const char *p = s;
    for (ua_int i = 0;; p++) { /* p at the start of code point `index` */
        if (!is_cont(*p)) {
            if (i == index) break;
            i++;
        }
    }
    if ((unsigned char)*p < 0x80u) return one_char[(unsigned char)*p];
    size_t len = 1;
    while (p[len] && is_cont(p[len])) len++;
    return ua_str_from_bytes(p, len);
}

bool ua_str_contains(ua_str haystack, ua_str needle) {
    return strstr(haystack, needle) != NULL;
}
