/* Compact memcpy, memmove, memset and strlen for the firmware. newlib's
 * (speed-optimised, unrolled) take ~700 B of flash; these ~120 B. The
 * runtime copies short strings and frames, where the difference in speed
 * does not matter; zeroing is frequent enough (every new task and
 * collectable block) to be done a word at a time. They take precedence
 * over newlib's because the target's objects are linked before the C
 * library. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Keep GCC from turning the loops back into calls to these functions. */
#define UA_NO_LIBCALL __attribute__((optimize("no-tree-loop-distribute-patterns"), used))

UA_NO_LIBCALL void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

UA_NO_LIBCALL void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (d <= s || d >= s + n) {
        while (n--) *d++ = *s++;
    } else {
        while (n--) d[n] = s[n];
    }
    return dst;
}

/* Zeroing a word-aligned whole number of words (task structs, arena
 * blocks: most calls) is done a word at a time, four times as fast. */
typedef uint32_t __attribute__((may_alias)) ua_word;

UA_NO_LIBCALL void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst, *end = d + n;
    if (c == 0 && (((uintptr_t)d | n) & 3u) == 0u) {
        for (; d != end; d += 4) *(ua_word *)(void *)d = 0u;
    }
    while (d != end) *d++ = (unsigned char)c;
    return dst;
}

UA_NO_LIBCALL size_t strlen(const char *s) {
    const char *p = s;
    while (*p) p++;
    return (size_t)(p - s);
}
