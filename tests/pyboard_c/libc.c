/* The target's memset, memcpy and memmove (libc_small.c) against
 * byte-by-byte references, at every start offset and length up to 24 and
 * with zero and non-zero bytes (memset zeroes whole aligned words
 * separately). Prints the failing case, or "libc ok". */
#include "common.h"

static uint8_t buf[40], ref[40], src[40];
static volatile size_t opaque; /* sizes and offsets GCC cannot fold */

static void fill(void) {
    for (size_t i = 0; i < sizeof buf; i++) {
        buf[i] = ref[i] = (uint8_t)(i * 7u + 1u);
        src[i] = (uint8_t)(i * 13u + 5u);
    }
}

static int check(const char *what, size_t off, size_t n) {
    for (size_t i = 0; i < sizeof buf; i++) {
        if (buf[i] != ref[i]) {
            t_puts(what);
            t_kv(" failed: off", (uint32_t)off);
            t_kv("n", (uint32_t)n);
            t_kv("at", (uint32_t)i);
            return 1;
        }
    }
    return 0;
}

int main(int argc, char **argv) {
    ua_port_init(argc, argv);
    int failures = 0;
    for (size_t off = 0; off < 8; off++) {
        for (size_t n = 0; n <= 24; n++) {
            size_t o = off + opaque, len = n + opaque;
            for (int c = 0; c < 256; c += 0xA5) {
                fill();
                for (size_t i = 0; i < len; i++) ref[o + i] = (uint8_t)c;
                failures += memset(buf + o, c, len) == buf + o ? check("memset", o, len) : 1;
            }
            fill();
            for (size_t i = 0; i < len; i++) ref[o + i] = src[7 - off + i];
            memcpy(buf + o, src + 7 - off, len);
            failures += check("memcpy", o, len);
            fill(); /* overlapping, both directions */
            for (size_t i = len; i-- > 0;) ref[o + 3 + i] = ref[o + i];
            memmove(buf + o + 3, buf + o, len);
            failures += check("memmove up", o, len);
            fill();
            for (size_t i = 0; i < len; i++) ref[o + i] = ref[o + 3 + i];
            memmove(buf + o, buf + o + 3, len);
            failures += check("memmove down", o, len);
        }
    }
    t_puts(failures ? "libc failed\n" : "libc ok\n");
    return failures != 0;
}
