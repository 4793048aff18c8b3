/* Helpers for the pyboard target test mains (no printf). */
#ifndef PYB_TEST_COMMON_H
#define PYB_TEST_COMMON_H

#include <stdint.h>
#include <string.h>

#include "ua_port.h"

static inline void t_puts(const char *s) { ua_port_write_out(s, strlen(s)); }

static inline void t_putu(uint32_t v) {
    char buf[11];
    int i = (int)sizeof buf;
    do {
        buf[--i] = (char)('0' + v % 10u);
        v /= 10u;
    } while (v != 0u);
    ua_port_write_out(buf + i, (size_t)((int)sizeof buf - i));
}

static inline void t_kv(const char *key, uint32_t v) {
    t_puts(key);
    t_puts("=");
    t_putu(v);
    t_puts("\n");
}

#endif
